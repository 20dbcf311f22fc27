"""Game representations."""

from .normal_form import GameProperties, NormalFormGame

__all__ = ["GameProperties", "NormalFormGame"]
