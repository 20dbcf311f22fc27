"""Errors raised by :mod:`gametheory`.

Every message names the function, the argument, what was expected and what
was given, e.g. ``lemke_howson(): game must have 2 players; got 3``.
"""

from __future__ import annotations

__all__ = [
    "GameFileError",
    "GameTheoryError",
    "InvalidGameError",
    "SolverError",
    "UnsupportedGameError",
]


class GameTheoryError(Exception):
    """Root of every error this library raises on purpose."""


class InvalidGameError(GameTheoryError, ValueError):
    """A game, profile or argument is malformed (bad shape, NaN, duplicate labels...)."""


class UnsupportedGameError(GameTheoryError, TypeError):
    """A well-formed game that the chosen solver cannot handle (e.g. 3 players for a 2-player solver)."""


class SolverError(GameTheoryError, RuntimeError):
    """A solver could not finish: a work bound, a time limit or a numerical failure."""


class GameFileError(InvalidGameError):
    """A game file could not be read; ``line`` and ``column`` locate the problem (1-based)."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None, column: int | None = None):
        self.path = path
        self.line = line
        self.column = column
        where = ""
        if path is not None:
            where += f"{path}:"
        if line is not None:
            where += f"{line}:"
            if column is not None:
                where += f"{column}:"
        super().__init__(f"{where} {message}" if where else message)
