"""Totals and their parts: sums, and growth within the parts' growths."""

from __future__ import annotations

from collections.abc import Iterator

from hrkpi.checks.figures import (
    _base_word,
    _finding,
    _not_checkable,
    figure_interval,
    show_interval,
)
from hrkpi.checks.findings import CheckKind, Finding
from hrkpi.core.catalog import Catalog
from hrkpi.core.intervals import hull_all
from hrkpi.core.models import (
    Indicator,
)
from hrkpi.core.observations import Observation


def check_composition(
    ind: Indicator, obs: Observation, catalog: Catalog, latest: dict[tuple[str, str], Observation]
) -> Iterator[Finding]:
    """A total against the sum of its parts, every literal within its precision."""
    stated = obs.stated
    parts = [(p, latest.get((obs.region, p))) for p in ind.parts]
    if stated.value is None:
        return
    missing = [p for p, o in parts if o is None or o.stated.value is None]
    relation = f"{ind.name}: {stated.value.literal} = " + " + ".join(
        (o.stated.value.literal if o and o.stated.value else p) for p, o in parts
    )
    if missing:
        if all(o is not None and o.stated.changes for p, o in parts if p in missing):
            return  # parts stated only as changes: see check_parts_growth
        yield _not_checkable(
            CheckKind.COMPOSITION,
            obs,
            "value",
            stated.value,
            relation,
            f"no stated value for part(s) {', '.join(missing)}",
        )
        return
    total = figure_interval(stated.value, obs, stated.unit, ind.unit, whole=ind.is_integer)
    pieces = []
    for p, o in parts:
        assert o is not None and o.stated.value is not None
        part = catalog.indicators[p]
        pieces.append(
            figure_interval(
                o.stated.value, o, o.stated.unit or part.unit, ind.unit, whole=part.is_integer
            )
        )
    computed = pieces[0]
    for piece in pieces[1:]:
        computed = computed + piece
    yield _finding(
        CheckKind.COMPOSITION,
        obs,
        "value",
        stated.value,
        total,
        computed,
        relation,
        f"the parts add up to {show_interval(computed, stated.value.decimals)}{ind.unit.symbol}; "
        f"the total spans {show_interval(total, stated.value.decimals)}",
    )


def check_parts_growth(
    ind: Indicator, obs: Observation, latest: dict[tuple[str, str], Observation]
) -> Iterator[Finding]:
    """A total's growth is a weighted mean of its parts' growths, so it lies between them."""
    for i, change in enumerate(obs.stated.changes):
        if change.pct is None:
            continue
        rates = []
        for p in ind.parts:
            o = latest.get((obs.region, p))
            same = [c for c in (o.stated.changes if o else []) if c.base == change.base and c.pct]
            if not same or o is None:
                break
            rate = same[0].pct
            assert rate is not None
            rates.append((rate, o))
        else:
            if not rates:
                continue
            hull = hull_all(r.interval(o.rounding) for r, o in rates)
            listed = ", ".join(f"{r.literal}%" for r, _ in rates)
            yield _finding(
                CheckKind.PARTS_GROWTH,
                obs,
                f"changes.{i}.pct",
                change.pct,
                change.pct.interval(obs.rounding),
                hull,
                f"{ind.name}: {change.pct.literal}% {_base_word(change)} lies within its parts' "
                f"growths ({listed})",
                "a total's growth is its parts' growths weighted by their bases",
            )
