"""Nash equilibria of a game tree through its reduced normal form, mapped back to behaviour strategies."""

from __future__ import annotations

from types import MappingProxyType

from ..errors import SolverError
from ..games.extensive_form import ExtensiveFormGame
from ..profiles import _tree_payoffs, max_regret, mixed_to_behaviour
from ..results import Equilibrium, SolveResult
from ._common import FLOAT_TOL
from ._registry import REGISTRY, register, require_tree

__all__ = ["tree_nash"]


@register(
    "nash", players=None, kinds=("exact", "float"), summary="Nash equilibria of a game tree via its reduced normal form (Kuhn's theorem)"
)
def tree_nash(game: ExtensiveFormGame) -> SolveResult:
    """Nash equilibria of a tree: the extreme equilibria of its reduced normal form, as behaviour profiles.

    Two players: every extreme equilibrium of the reduced normal form
    (``enumerate``); more: ``support_enumeration``. Each mixed equilibrium is
    mapped to the realization-equivalent behaviour profile (Kuhn's theorem);
    at a set that a player's own strategy never reaches, behaviour is not
    determined by the mixed strategy and is reported uniform, with the set's
    label in ``details["unreached"]``. Each profile is certified on the tree
    (exact zero regret). Different mixed equilibria with the same behaviour
    are reported once.

    Examples
    --------
    >>> from gametheory import catalog, solve
    >>> result = solve(catalog.entry_deterrence(), "nash")
    >>> for i in range(len(result)):  # the threat to fight deters if it is carried out with probability >= 1/2
    ...     print(result.outcomes(i), result.strategy(i, 1))
    {'Out': Fraction(1, 1)} {'Incumbent:1': {'Fight': Fraction(1, 1), 'Accommodate': Fraction(0, 1)}}
    {'Out': Fraction(1, 1)} {'Incumbent:1': {'Fight': Fraction(1, 2), 'Accommodate': Fraction(1, 2)}}
    {'In/Accommodate': Fraction(1, 1)} {'Incumbent:1': {'Fight': Fraction(0, 1), 'Accommodate': Fraction(1, 1)}}
    """
    require_tree(game, "nash", kinds=("exact", "float"))
    nf = game.to_normal_form()
    method = "enumerate" if game.n_players == 2 else ("pure" if game.n_players == 1 else "support_enumeration")
    solved = REGISTRY[method].function(nf)
    equilibria = []
    unreached = []
    seen = set()
    scale = max(1.0, *(abs(float(v)) for array in game.payoffs for v in array))
    for eq in solved.equilibria:
        profile, free = mixed_to_behaviour(game, eq.profile)
        if profile in seen:
            continue
        seen.add(profile)
        regret = max_regret(game, profile)
        if (game.kind == "exact" and regret != 0) or (game.kind == "float" and regret > FLOAT_TOL * scale * 10):
            raise SolverError(f"nash(): internal error: a normal-form equilibrium maps to a tree profile with regret {regret}")
        equilibria.append(Equilibrium(profile=profile, payoffs=_tree_payoffs(game, profile), max_regret=regret, concept="nash"))
        unreached.append(free)
    return SolveResult(
        game,
        "nash",
        game.kind == "exact",
        tuple(equilibria),
        degenerate=solved.degenerate,
        details=MappingProxyType(
            {
                "normal_form_method": method,
                "unreached": tuple(unreached),
                **({"continua": solved.details["continua"]} if "continua" in solved.details else {}),
            }
        ),
        complete=solved.complete,
    )
