"""gametheory: exact equilibria of normal-form and extensive-form games, for crisis bargaining and deterrence models."""

from . import catalog
from .errors import GameFileError, GameTheoryError, InvalidGameError, SolverError, UnsupportedGameError
from .games import ExtensiveFormGame, GameProperties, NormalFormGame, TreeProperties, chance, decision, outcome
from .io import read_game
from .profiles import (
    BeliefSet,
    behaviour_profile,
    behaviour_to_mixed,
    expected_payoffs,
    max_regret,
    mixed_profile,
    mixed_to_behaviour,
    outcome_distribution,
    reach_probabilities,
    subgame_regrets,
)
from .results import Equilibrium, SolveResult
from .solvers import solve, solvers

__version__ = "0.1.0"

__all__ = [
    "BeliefSet",
    "Equilibrium",
    "ExtensiveFormGame",
    "GameFileError",
    "GameProperties",
    "GameTheoryError",
    "InvalidGameError",
    "NormalFormGame",
    "SolveResult",
    "SolverError",
    "TreeProperties",
    "UnsupportedGameError",
    "behaviour_profile",
    "behaviour_to_mixed",
    "catalog",
    "chance",
    "decision",
    "expected_payoffs",
    "max_regret",
    "mixed_profile",
    "mixed_to_behaviour",
    "outcome",
    "outcome_distribution",
    "reach_probabilities",
    "read_game",
    "solve",
    "solvers",
    "subgame_regrets",
]
