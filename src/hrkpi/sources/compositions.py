"""Compositions checked whole, before any figure is added up.

A total's `parts` name indicators that add up to it. Checked over the whole
catalog in one pass (linear in indicators plus parts): a part listed twice
in one total, and totals that go round in a circle (A = B + C, B = A + D),
which no figures can satisfy, so `check` would blame the data for a mistake of
the definitions. An indicator may be a part of two totals (本市员工 of 在岗职工
and of another breakdown).
"""

from __future__ import annotations

from collections.abc import Callable

from hrkpi.core.catalog import Catalog
from hrkpi.core.errors import Problem
from hrkpi.core.messages import Msg

# Where a total's j-th part is written: (indicator id, j) -> a located Problem maker.
Locate = Callable[[str, int, Msg], Problem]
_SHOWN = 8  # ids of a circle named in the message; the rest are counted


def composition_problems(catalog: Catalog, locate: Locate) -> list[Problem]:
    """Parts listed twice, and circles of totals, each located at a `parts` entry."""
    found = []
    for ind in catalog.indicators.values():
        seen: set[str] = set()
        for j, part in enumerate(ind.parts):
            if part in seen:
                said = Msg("part {part!r} is listed twice; list it once", part=part)
                found.append(locate(ind.id, j, said))
            seen.add(part)
    found.extend(_circles(catalog, locate))
    return found


def _circles(catalog: Catalog, locate: Locate) -> list[Problem]:
    """One problem per circle, found by an iterative depth-first walk (no recursion,
    so a chain of 100,000 totals is walked as easily as three)."""
    parts: dict[str, list[tuple[str, int]]] = {}
    for ind in catalog.indicators.values():
        first = {p: j for j, p in reversed(list(enumerate(ind.parts)))}
        parts[ind.id] = [(p, j) for p, j in first.items() if p in catalog.indicators]
    done: set[str] = set()
    found = []
    for root in parts:
        if root in done:
            continue
        path: list[str] = [root]
        at = {root: 0}  # each node on the current path, with its place in it
        index: list[int] = [0]  # next part to visit, per node on the path
        while path:
            node, k = path[-1], index[-1]
            if k == len(parts[node]):
                done.add(node)
                del at[node]
                path.pop()
                index.pop()
                continue
            index[-1] += 1
            part, j = parts[node][k]
            if part in at:
                found.append(locate(node, j, _say(path, at[part], part)))
            elif part not in done:
                at[part] = len(path)
                path.append(part)
                index.append(0)
    return found


def _say(path: list[str], start: int, part: str) -> Msg:
    """The circle path[start:] + [part], named (its first ids, then the count)."""
    size = len(path) - start
    shown = path[start : start + min(size, _SHOWN)]
    if size > _SHOWN:
        shown += ["..."]
    return Msg(
        "the parts go round in a circle ({chain}; {size} indicators): a total cannot be a "
        "part of its own parts; remove one of these parts",
        chain=" -> ".join([*shown, part]),
        size=size,
    )
