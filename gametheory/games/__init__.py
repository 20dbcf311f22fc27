"""Game representations."""

from .extensive_form import ExtensiveFormGame, TreeProperties, chance, decision, outcome
from .normal_form import GameProperties, NormalFormGame
from .signaling import SignalingStructure, bayesian_game, signaling_game, signaling_structure

__all__ = [
    "ExtensiveFormGame",
    "GameProperties",
    "NormalFormGame",
    "SignalingStructure",
    "TreeProperties",
    "bayesian_game",
    "chance",
    "decision",
    "outcome",
    "signaling_game",
    "signaling_structure",
]
