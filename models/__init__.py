"""The deterrence debates as formal games (brinkmanship, extended deterrence, escalate to de-escalate, assurance).

``MODELS`` maps each model's name to its module; the models land in later issues.
"""

from types import ModuleType

MODELS: dict[str, ModuleType] = {}

__all__ = ["MODELS"]
