"""Solver module zero_sum (being written)."""
