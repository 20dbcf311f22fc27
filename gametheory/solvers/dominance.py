"""Solver module dominance (being written)."""
