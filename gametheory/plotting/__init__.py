"""Matplotlib figures of games.

matplotlib is imported only inside the functions that draw, so
``import gametheory`` (and even ``import gametheory.plotting``) stays light.
"""

from .regimes import regime_curve, regime_map
from .tree import draw_tree, tree_layout

__all__ = ["draw_tree", "regime_curve", "regime_map", "tree_layout"]
