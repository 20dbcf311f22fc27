"""Games whose payoffs are functions of parameters: regimes, thresholds and sweeps."""

from .regimes import Regime, parametric

__all__ = ["Regime", "parametric"]
