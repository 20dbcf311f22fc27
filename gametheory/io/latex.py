r"""LaTeX export: game trees for the ``istgame`` package, payoff tables for ``sgame``.

:func:`to_istgame` writes a ``tikzpicture`` of In-Sung Cho's ``istgame``
package (CTAN ``graphics/pgf/contrib/istgame``): one simple tree per decision
or chance node, ``\istroot(name)(parent-k)`` ... ``\istb`` (one per branch)
... ``\endist``, information sets with ``\xtInfoset``, and ``\xtdistance``
before each simple tree so that no two subtrees overlap. :func:`to_sgame`
writes a ``game`` environment of Martin J. Osborne's ``sgame`` package.

Exact numbers are written as ``\frac{a}{b}`` in math mode (so ``-1`` is a
proper minus sign); labels are escaped for LaTeX (``&``, ``%``, ``_``, ``#``,
``$`` ...). Labels are wrapped in ``\mbox`` and numbers in ``\ensuremath``,
so the output reads the same whether ``istgame`` typesets its labels in text
or in math mode.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

import numpy as np
import sympy

from .._numbers import describe
from ..errors import InvalidGameError, UnsupportedGameError
from ..games.extensive_form import CHANCE, TERMINAL, ExtensiveFormGame
from ..games.normal_form import NormalFormGame
from ..profiles import _move_probabilities, behaviour_profile
from ..results import Equilibrium

__all__ = ["escape_latex", "latex_number", "to_istgame", "to_sgame"]

_ESCAPES = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
    "|": r"\textbar{}",
    "\n": " ",
    "\r": " ",
}


def escape_latex(text: str) -> str:
    r"""Escape the characters LaTeX treats specially, for use in text mode.

    Examples
    --------
    >>> print(escape_latex("R&D: 50% of $x_1 #1 {a}"))
    R\&D: 50\% of \$x\_1 \#1 \{a\}
    """
    return "".join(_ESCAPES.get(char, char) for char in str(text))


def latex_number(value: Any) -> str:
    r"""A number for LaTeX math mode: ``\frac{a}{b}`` for rationals, ``a \times 10^{k}`` for large or tiny floats.

    Examples
    --------
    >>> from fractions import Fraction
    >>> latex_number(-3), latex_number(Fraction(-1, 2)), latex_number(0.25), latex_number(1.5e-9)
    ('-3', '-\\frac{1}{2}', '0.25', '1.5 \\times 10^{-9}')
    """
    if isinstance(value, bool | np.bool_):
        raise InvalidGameError(f"latex_number(): expected a number; got the boolean {value!r}")
    if isinstance(value, Fraction):
        if value.denominator == 1:
            return str(value.numerator)
        sign = "-" if value < 0 else ""
        return f"{sign}\\frac{{{abs(value.numerator)}}}{{{value.denominator}}}"
    if isinstance(value, int | np.integer):
        return str(int(value))
    if isinstance(value, float | np.floating):
        number = float(value)
        if not math.isfinite(number):
            raise InvalidGameError(f"latex_number(): expected a finite number; got {number!r}")
        text = f"{number:.6g}"
        if "e" in text:
            mantissa, exponent = text.split("e")
            return f"{mantissa} \\times 10^{{{int(exponent)}}}"
        return text
    if isinstance(value, sympy.Basic):
        return sympy.latex(value)
    raise InvalidGameError(f"latex_number(): expected a number; got {describe(value)}")


def _math(value: Any) -> str:
    return f"\\ensuremath{{{latex_number(value)}}}"


def _text(label: str) -> str:
    return f"\\mbox{{{escape_latex(label)}}}"


def _vector(values: Any) -> str:
    return "\\ensuremath{(" + ", ".join(latex_number(v) for v in values) + ")}"


# --- istgame --------------------------------------------------------------------------------------
def _sibling_spacing(game: ExtensiveFormGame) -> np.ndarray:
    """For each node, the distance (in leaf units) between neighbouring children that keeps subtrees apart.

    istgame spaces the children of a node evenly, so each node gets the
    smallest even spacing at which the bounding boxes of its children's
    subtrees do not overlap (terminal nodes are one unit wide). Computed
    bottom-up, one level of the breadth-first arrays at a time.
    """
    n = game.n_nodes
    left = np.full(n, 0.5)
    right = np.full(n, 0.5)
    spacing = np.ones(n)
    for start, stop in reversed(game._levels()):
        inner = start + np.flatnonzero(game.n_children[start:stop] > 0)
        if not len(inner):
            continue
        first = game.first_child[inner]
        count = game.n_children[inner]
        kids = np.concatenate([np.arange(f, f + c) for f, c in zip(first.tolist(), count.tolist(), strict=True)])
        owner = np.repeat(np.arange(len(inner)), count)
        # the widest gap any two neighbouring children need
        need = np.ones(len(inner))
        neighbours = owner[:-1] == owner[1:]
        if np.any(neighbours):
            np.maximum.at(need, owner[:-1][neighbours], right[kids[:-1][neighbours]] + left[kids[1:][neighbours]])
        spacing[inner] = need
        position = (kids - np.repeat(first, count)) - (np.repeat(count, count) - 1) / 2
        offset = position * need[owner]
        lo = np.full(len(inner), -np.inf)
        hi = np.full(len(inner), -np.inf)
        np.maximum.at(lo, owner, left[kids] - offset)
        np.maximum.at(hi, owner, right[kids] + offset)
        left[inner], right[inner] = lo, hi
    return spacing


def to_istgame(
    game: ExtensiveFormGame,
    profile: Any = None,
    *,
    level_distance: float = 15.0,
    leaf_distance: float | None = None,
) -> str:
    r"""A game tree as a ``tikzpicture`` for the LaTeX ``istgame`` package.

    Each decision or chance node becomes one ``\istroot`` ... ``\endist``
    block with one ``\istb`` per branch (action label beside it, payoff vector
    below terminal nodes), preceded by an ``\xtdistance`` whose sibling
    distance keeps the subtrees apart. Chance nodes are drawn hollow and
    their branches carry the probabilities; each information set with more
    than one node is drawn with ``\xtInfoset`` between neighbouring members,
    labelled once with its player. With a ``profile`` (a behaviour profile or
    an :class:`~gametheory.Equilibrium`), the branches played with positive
    probability get the style ``gt played`` (very thick) and mixed
    probabilities are written after the action labels.

    The picture needs ``\usepackage{istgame}`` in the preamble.

    Parameters
    ----------
    game
        The tree.
    profile
        Optional behaviour profile or equilibrium to highlight.
    level_distance
        Vertical distance between levels, in millimetres.
    leaf_distance
        Horizontal distance between neighbouring terminal nodes, in
        millimetres; by default from the width of the longest payoff vector.

    Examples
    --------
    >>> from gametheory import catalog
    >>> print(to_istgame(catalog.entry_deterrence(), [[[0, 1]], [[0, 1]]]))  # doctest: +NORMALIZE_WHITESPACE
    % Entry deterrence
    % istgame picture written by gametheory; needs \usepackage{istgame}
    \begin{tikzpicture}[gt decision/.style={circle, draw=black, fill=black, inner sep=0pt, minimum size=1.6mm},
      gt chance/.style={circle, draw=black, fill=white, inner sep=0pt, minimum size=2.4mm},
      gt played/.style={very thick}]
    \xtdistance{15mm}{21mm}
    \istroot(n0)[gt decision]{\mbox{Entrant}}
      \istb{\mbox{Out}}[al]{\ensuremath{(1, 5)}}
      \istb[gt played]{\mbox{In}}[ar]
      \endist
    \xtdistance{15mm}{14mm}
    \istroot(n2)(n0-2)[gt decision]<above right>{\mbox{Incumbent}}
      \istb{\mbox{Fight}}[al]{\ensuremath{(0, 0)}}
      \istb[gt played]{\mbox{Accommodate}}[ar]{\ensuremath{(2, 2)}}
      \endist
    \end{tikzpicture}
    """
    where = "to_istgame()"
    if not isinstance(game, ExtensiveFormGame):
        raise UnsupportedGameError(f"{where}: game must be an ExtensiveFormGame; got {describe(game)}")
    for name, value in (("level_distance", level_distance), ("leaf_distance", leaf_distance)):
        if value is not None and (not isinstance(value, int | float) or isinstance(value, bool) or not value > 0):
            raise InvalidGameError(f"{where}: {name} must be a positive number of millimetres; got {describe(value)}")
    moves = None
    if profile is not None:
        if isinstance(profile, Equilibrium):
            profile = profile.profile
        elif hasattr(profile, "equilibria") and not isinstance(profile, Mapping):
            raise InvalidGameError(
                f"{where}: profile must be a behaviour profile or one Equilibrium; got a whole result, pick one (result[0])"
            )
        moves = _move_probabilities(game, behaviour_profile(game, profile, where=where))

    leaves = np.flatnonzero(game.mover == TERMINAL)
    payoffs = {int(t): _vector(game.terminal_payoffs(int(t))) for t in leaves}
    if leaf_distance is None:
        widest = max((_visible_width(game.terminal_payoffs(int(t))) for t in leaves), default=4)
        leaf_distance = max(12.0, 2.0 * widest + 2.0)
    spacing = _sibling_spacing(game)
    sizes = np.diff(game.member_start)
    shared = [h for h in range(game.n_infosets) if game.infoset_player[h] >= 0 and sizes[h] > 1]

    lines = []
    if game.title:
        lines.append("% " + game.title.replace("\n", " "))
    lines += [
        r"% istgame picture written by gametheory; needs \usepackage{istgame}",
        r"\begin{tikzpicture}[gt decision/.style={circle, draw=black, fill=black, inner sep=0pt, minimum size=1.6mm},",
        r"  gt chance/.style={circle, draw=black, fill=white, inner sep=0pt, minimum size=2.4mm},",
        r"  gt played/.style={very thick}]",
    ]
    for node in np.flatnonzero(game.mover != TERMINAL).tolist():
        h = int(game.infoset[node])
        is_chance = game.mover[node] == CHANCE
        lines.append(f"\\xtdistance{{{_mm(level_distance)}}}{{{_mm(leaf_distance * spacing[node])}}}")
        place = "" if node == 0 else f"(n{int(game.parent[node])}-{int(game.action[node]) + 1})"
        style = "[gt chance]" if is_chance else "[gt decision]"
        owner = ""
        if is_chance:
            owner = _text("Chance")
        elif sizes[h] == 1:
            owner = _text(game.players[int(game.mover[node])])
        position = "" if node == 0 or not owner else f"<{_side(game, node)}>"
        lines.append(f"\\istroot(n{node}){place}{style}{position}{{{owner}}}" if owner else f"\\istroot(n{node}){place}{style}")
        count = int(game.n_children[node])
        for k, child in enumerate(game.children(node)):
            label = escape_latex(game.infoset_actions[h][k])
            branch = ""
            if is_chance:
                probs = game.chance_probs[h]
                assert probs is not None
                label += f" ({_math(probs[k])})"
            elif moves is not None:
                p = moves[child]
                if _positive(p, game.kind):
                    branch = "[gt played]"
                    if not _is_one(p):
                        label += f" ({_math(p)})"
            if is_chance and moves is not None:
                branch = "[gt played]"
            where_label = "al" if 2 * k < count - 1 else ("ar" if 2 * k > count - 1 else "r")
            payoff = f"{{{payoffs[child]}}}" if child in payoffs else ""
            lines.append(f"  \\istb{branch}{{\\mbox{{{label}}}}}[{where_label}]{payoff}")
        lines.append("  \\endist")
    for h in shared:
        members = sorted((int(v) for v in game.nodes_of(h)), key=lambda v: int(game.preorder[v]))
        owner = _text(game.players[int(game.infoset_player[h])])
        for i in range(len(members) - 1):
            label = f"{{{owner}}}[above]" if i == 0 else ""
            lines.append(f"\\xtInfoset(n{members[i]})(n{members[i + 1]}){label}")
    lines.append(r"\end{tikzpicture}")
    return "\n".join(lines) + "\n"


def _mm(value: float) -> str:
    return f"{round(float(value), 2):g}mm"


def _side(game: ExtensiveFormGame, node: int) -> str:
    """Where a non-root node's owner goes: away from the branch that leads in."""
    up = int(game.parent[node])
    count = int(game.n_children[up])
    k = int(game.action[node])
    return "above left" if 2 * k < count - 1 else ("above right" if 2 * k > count - 1 else "right")


def _visible_width(values: Any) -> int:
    """Roughly how many characters wide a payoff vector prints (a fraction as wide as its wider part)."""
    width = 2 + 2 * (len(values) - 1)
    for v in values:
        if isinstance(v, Fraction) and v.denominator != 1:
            width += max(len(str(abs(v.numerator))), len(str(v.denominator))) + (v < 0)
        elif isinstance(v, float | np.floating):
            width += len(f"{float(v):.6g}")
        else:
            width += len(str(v))
    return width


def _positive(value: Any, kind: str) -> bool:
    if kind == "float":
        return float(value) > 1e-9
    if kind == "exact":
        return bool(value > 0)
    return sympy.simplify(value).is_zero is not True


def _is_one(value: Any) -> bool:
    if isinstance(value, float | np.floating):
        return abs(float(value) - 1.0) <= 1e-9
    return bool(value == 1)


# --- sgame ----------------------------------------------------------------------------------------
def to_sgame(game: NormalFormGame | ExtensiveFormGame) -> str:
    r"""A two-player game as a ``game`` environment of the LaTeX ``sgame`` package.

    Rows are the first player's actions, columns the second's; each cell
    holds both payoffs, ``$a$, $b$``. A game tree is written through its
    reduced normal form. The table needs ``\usepackage{sgame}``.

    Raises
    ------
    UnsupportedGameError
        For games of other than two players: sgame draws two-player tables.

    Examples
    --------
    >>> from gametheory import catalog
    >>> print(to_sgame(catalog.matching_pennies()))
    % Matching Pennies
    % sgame table written by gametheory; needs \usepackage{sgame}
    \begin{game}{2}{2}[{Matcher}][{Mismatcher}]
     & Heads & Tails \\
    Heads & $1$, $-1$ & $-1$, $1$ \\
    Tails & $-1$, $1$ & $1$, $-1$
    \end{game}
    <BLANKLINE>
    """
    where = "to_sgame()"
    if isinstance(game, ExtensiveFormGame):
        game = game.to_normal_form()
    if not isinstance(game, NormalFormGame):
        raise UnsupportedGameError(f"{where}: game must be a NormalFormGame or an ExtensiveFormGame; got {describe(game)}")
    if game.n_players != 2:
        raise UnsupportedGameError(f"{where}: game must have 2 players (sgame draws two-player tables); got {game.n_players}")
    rows, cols = game.shape
    A, B = game.payoffs
    lines = []
    if game.title:
        lines.append("% " + game.title.replace("\n", " "))
    lines.append(r"% sgame table written by gametheory; needs \usepackage{sgame}")
    lines.append(f"\\begin{{game}}{{{rows}}}{{{cols}}}[{{{escape_latex(game.players[0])}}}][{{{escape_latex(game.players[1])}}}]")
    lines.append(" & " + " & ".join(escape_latex(a) for a in game.actions[1]) + r" \\")
    for i in range(rows):
        cells = [f"${latex_number(A[i, j])}$, ${latex_number(B[i, j])}$" for j in range(cols)]
        lines.append(escape_latex(game.actions[0][i]) + " & " + " & ".join(cells) + (r" \\" if i < rows - 1 else ""))
    lines.append(r"\end{game}")
    return "\n".join(lines) + "\n"
