"""Matplotlib figures of games.

matplotlib is imported only inside the functions that draw, so
``import gametheory`` (and even ``import gametheory.plotting``) stays light.
"""

from .tree import draw_tree, tree_layout

__all__ = ["draw_tree", "tree_layout"]
