"""gametheory: exact equilibria of normal-form games, for crisis bargaining and deterrence models."""

from . import catalog
from .errors import GameFileError, GameTheoryError, InvalidGameError, SolverError, UnsupportedGameError
from .games import GameProperties, NormalFormGame
from .io import read_game
from .profiles import expected_payoffs, max_regret, mixed_profile
from .results import Equilibrium, SolveResult
from .solvers import solve, solvers

__version__ = "0.1.0"

__all__ = [
    "Equilibrium",
    "GameFileError",
    "GameProperties",
    "GameTheoryError",
    "InvalidGameError",
    "NormalFormGame",
    "SolveResult",
    "SolverError",
    "UnsupportedGameError",
    "catalog",
    "expected_payoffs",
    "max_regret",
    "mixed_profile",
    "read_game",
    "solve",
    "solvers",
]
