"""Totals and their parts: sums, and growth within the parts' growths."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from fractions import Fraction

from hrkpi.checks.figures import (
    base_of,
    figure_interval,
    finding,
    not_checkable,
    provenance,
    stated_unit,
    used,
)
from hrkpi.checks.findings import (
    CheckKind,
    Finding,
    Hint,
    HintCode,
    Reason,
    Role,
    UsedFigure,
    Verdict,
)
from hrkpi.core.catalog import Catalog
from hrkpi.core.intervals import hull_all
from hrkpi.core.models import Change, Indicator
from hrkpi.core.numbers import Figure, figure_in, format_decimal
from hrkpi.core.observations import Observation


def check_composition(
    ind: Indicator, obs: Observation, catalog: Catalog, latest: dict[tuple[str, str], Observation]
) -> Iterator[Finding]:
    """A total against the sum of its parts, every literal within its precision.

    The finding names every part's place: when they disagree, the total or any
    one part may be the figure that is wrong.
    """
    stated = obs.stated
    if stated.value is None:
        return
    parts = [(p, latest.get((obs.region, p))) for p in ind.parts]
    figures: list[UsedFigure] = [
        used(obs, Role.TOTAL, stated.value, stated_unit(obs, ind), "value", whole=ind.is_integer)
    ]
    for p, o in parts:
        if o is not None and o.stated.value is not None:
            part = catalog.indicators[p]
            figures.append(
                used(
                    o,
                    Role.PART,
                    o.stated.value,
                    stated_unit(o, part),
                    "value",
                    whole=part.is_integer,
                )
            )
    missing = [p for p, o in parts if o is None or o.stated.value is None]
    if missing:
        if all(o is not None and o.stated.changes for p, o in parts if p in missing):
            return  # parts stated only as changes: see check_parts_growth
        yield replace(
            not_checkable(
                CheckKind.COMPOSITION,
                obs,
                "value",
                stated.value,
                Reason.PARTS_MISSING,
                unit=stated_unit(obs, ind).symbol,
                figures=tuple(figures),
            ),
            missing=tuple(missing),
        )
        return
    # The sum is shown in the total's own unit, as stated.
    own = stated_unit(obs, ind)
    total = figure_interval(stated.value, obs, stated.unit, own, whole=ind.is_integer)
    computed = None
    for p, o in parts:
        assert o is not None and o.stated.value is not None
        part = catalog.indicators[p]
        piece = figure_interval(o.stated.value, o, stated_unit(o, part), own, whole=part.is_integer)
        computed = piece if computed is None else computed + piece
    assert computed is not None
    f = finding(
        CheckKind.COMPOSITION,
        obs,
        "value",
        stated.value,
        total,
        computed,
        unit=own.symbol,
        figures=tuple(figures),
    )
    if f.verdict is Verdict.INCONSISTENT:
        f = replace(f, hint=Hint(HintCode.TOTAL_OR_PART))
    yield f


def check_parts_growth(
    ind: Indicator,
    obs: Observation,
    latest: dict[tuple[str, str], Observation],
    changes: list[Change] | None = None,
) -> Iterator[Finding]:
    """A total's growth is a weighted mean of its parts' growths, so it lies between them.

    `changes` limits it to those changes (the others are rebuilt exactly, parts_change).
    """
    for i, change in enumerate(obs.stated.changes):
        if change.pct is None or (changes is not None and change not in changes):
            continue
        rates = []
        for p in ind.parts:
            o = latest.get((obs.region, p))
            same = [c for c in (o.stated.changes if o else []) if c.base == change.base and c.pct]
            if not same or o is None:
                break
            rate = same[0].pct
            assert rate is not None
            at = o.stated.changes.index(same[0])
            rates.append(used(o, Role.PART_PCT, rate, "%", f"changes.{at}.pct"))
        else:
            if not rates:
                continue
            hull = hull_all(r.interval for r in rates if r.interval is not None)
            yield finding(
                CheckKind.PARTS_GROWTH,
                obs,
                f"changes.{i}.pct",
                change.pct,
                change.pct.interval(obs.rounding),
                hull,
                unit="%",
                figures=tuple(rates),
                base=base_of(change),
            )


def check_of_which(
    ind: Indicator, obs: Observation, catalog: Catalog, latest: dict[tuple[str, str], Observation]
) -> Iterator[Finding]:
    """其中: parts that need not cover the total. Disjoint parts together, or (when they
    may overlap) each on its own, are at most the total: some value of the total
    within its precision must be at least their smallest possible sum (or the
    largest part's smallest possible value)."""
    stated = obs.stated
    if stated.value is None or not ind.of_which:
        return
    own = stated_unit(obs, ind)
    total = figure_interval(stated.value, obs, stated.unit, own, whole=ind.is_integer)
    figures: list[UsedFigure] = [
        used(obs, Role.TOTAL, stated.value, own, "value", whole=ind.is_integer)
    ]
    pieces = []
    nominal: list[Figure] = []  # the parts as printed, in the total's unit
    for p in ind.of_which:
        o = latest.get((obs.region, p))
        if o is None or o.stated.value is None:
            continue
        part = catalog.indicators[p]
        figures.append(
            used(o, Role.PART, o.stated.value, stated_unit(o, part), "value", whole=part.is_integer)
        )
        pieces.append(
            figure_interval(o.stated.value, o, stated_unit(o, part), own, whole=part.is_integer)
        )
        nominal.append(figure_in(o.stated.value, stated_unit(o, part), own))
    if not pieces:
        return
    if ind.of_which_overlap:
        computed = max(pieces, key=lambda iv: (iv.lo, not iv.lo_closed))
    else:
        computed = pieces[0]
        for piece in pieces[1:]:
            computed = computed + piece
    # The total can hold them when its highest value reaches their lowest.
    ok = computed.lo < total.hi or (
        computed.lo == total.hi and computed.lo_closed and total.hi_closed
    )
    gap = None if ind.of_which_overlap or not ok else _unlisted(stated.value, nominal)
    yield Finding(
        CheckKind.PARTIAL_PARTS,
        obs.indicator,
        obs.region,
        Verdict.CONSISTENT if ok else Verdict.INCONSISTENT,
        obs.file,
        obs.line_of("value"),
        stated.value.literal,
        decimals=stated.value.decimals,
        unit=own.symbol,
        computed=computed,
        figures=tuple(figures),
        hint=None if ok else Hint(HintCode.TOTAL_OR_PART),
        implied=gap,
        implied_unit=own.symbol if gap else "",
        **provenance(obs),
    )


def _unlisted(total: Figure, parts: list[Figure]) -> str | None:
    """What a partial list leaves unnamed, as printed (100 − 40 − 50 = 10), at the finest
    decimals among the figures; None when the printed parts reach the total."""
    places = max(f.decimals for f in (total, *parts))
    gap = total.exact - sum((f.exact for f in parts), start=Fraction(0))
    return format_decimal(gap, places) if gap > 0 else None
