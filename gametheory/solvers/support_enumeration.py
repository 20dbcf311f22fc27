"""Solver module support_enumeration (being written)."""
