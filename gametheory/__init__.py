"""gametheory: exact equilibria of normal-form and extensive-form games, for crisis bargaining and deterrence models."""

from . import catalog
from .assessments import AssessmentReport, ConsistencyReport, SequentialReport, check_assessment, is_consistent, is_sequential_equilibrium
from .errors import GameFileError, GameTheoryError, InvalidGameError, SolverError, UnsupportedGameError
from .games import (
    ExtensiveFormGame,
    GameProperties,
    NormalFormGame,
    SignalingStructure,
    TreeProperties,
    bayesian_game,
    chance,
    decision,
    outcome,
    signaling_game,
    signaling_structure,
)
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
from .refinements import MessageTest, RefinementResult, Verdict, d1, d2, intuitive_criterion
from .results import Equilibrium, SolveResult
from .solvers import solve, solvers

__version__ = "0.1.0"

__all__ = [
    "AssessmentReport",
    "BeliefSet",
    "ConsistencyReport",
    "Equilibrium",
    "ExtensiveFormGame",
    "GameFileError",
    "GameProperties",
    "GameTheoryError",
    "InvalidGameError",
    "MessageTest",
    "NormalFormGame",
    "RefinementResult",
    "SequentialReport",
    "SignalingStructure",
    "SolveResult",
    "SolverError",
    "TreeProperties",
    "UnsupportedGameError",
    "Verdict",
    "bayesian_game",
    "behaviour_profile",
    "behaviour_to_mixed",
    "catalog",
    "chance",
    "check_assessment",
    "d1",
    "d2",
    "decision",
    "expected_payoffs",
    "intuitive_criterion",
    "is_consistent",
    "is_sequential_equilibrium",
    "max_regret",
    "mixed_profile",
    "mixed_to_behaviour",
    "outcome",
    "outcome_distribution",
    "reach_probabilities",
    "read_game",
    "signaling_game",
    "signaling_structure",
    "solve",
    "solvers",
    "subgame_regrets",
]
