"""Solver module lemke_howson (being written)."""
