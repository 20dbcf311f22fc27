"""Reading and writing game files: Gambit's ``.nfg`` format."""

from .nfg import SUPPORTED_FORMATS, parse_nfg, read_game, write_nfg

__all__ = ["SUPPORTED_FORMATS", "parse_nfg", "read_game", "write_nfg"]
