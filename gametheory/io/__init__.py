"""Reading and writing game files: Gambit's ``.nfg`` and ``.efg`` formats; LaTeX export (``istgame`` trees, ``sgame`` tables)."""

from .efg import parse_efg, write_efg
from .latex import to_istgame, to_sgame
from .nfg import SUPPORTED_FORMATS, parse_nfg, read_game, write_nfg

__all__ = ["SUPPORTED_FORMATS", "parse_efg", "parse_nfg", "read_game", "to_istgame", "to_sgame", "write_efg", "write_nfg"]
