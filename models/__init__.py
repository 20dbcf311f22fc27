"""The deterrence debates as formal games.

Each model is one module with the same parts (see ``docs/models/index.md``):
a module docstring stating the model in mathematics with its sources; a
frozen ``Params`` dataclass whose fields are the model's parameters (named
as in the cited source, with documented defaults; any field may be a sympy
symbol); ``game(params)`` returning a :mod:`gametheory` game (symbolic when
the parameters are symbols); ``solve(params)`` returning a
:class:`gametheory.SolveResult` (with regimes when symbolic); the model's
closed-form results; ``figure_*`` functions; and ``reproduce(output)``,
which writes the model's figures and tables into a folder and returns the
files written (``gametheory reproduce`` calls it for every model here).

``MODELS`` maps each model's name to its module, explicitly.
"""

from types import ModuleType

from . import brinkmanship, escalation_ladder, extended_deterrence, threat_of_chance, window_of_vulnerability

MODELS: dict[str, ModuleType] = {
    "brinkmanship": brinkmanship,
    "escalation_ladder": escalation_ladder,
    "extended_deterrence": extended_deterrence,
    "threat_of_chance": threat_of_chance,
    "window_of_vulnerability": window_of_vulnerability,
}

__all__ = ["MODELS"]
