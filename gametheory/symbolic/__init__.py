"""Games whose payoffs are functions of parameters: regimes, thresholds, comparative statics and sweeps."""

from .regimes import Regime, parametric
from .statics import Static, boundaries, comparative_statics, threshold
from .sweep import Sweep, sweep

__all__ = ["Regime", "Static", "Sweep", "boundaries", "comparative_statics", "parametric", "sweep", "threshold"]
