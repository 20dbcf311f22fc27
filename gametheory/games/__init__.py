"""Game representations."""

from .extensive_form import ExtensiveFormGame, TreeProperties, chance, decision, outcome
from .normal_form import GameProperties, NormalFormGame

__all__ = ["ExtensiveFormGame", "GameProperties", "NormalFormGame", "TreeProperties", "chance", "decision", "outcome"]
