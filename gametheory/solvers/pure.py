"""Solver module pure (being written)."""
