"""A total's change rebuilt from its parts' changes: the parts' increments add up to
the total's (增加5.2万人, 其中企业职工增加3.1万人 ...), and the total's growth rate
is its parts' values over their previous values (each previous given by the part's
own rate, absolute change or base figure)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, replace
from fractions import Fraction

from hrkpi.checks.figures import base_of, figure_interval, finding, stated_unit, used
from hrkpi.checks.findings import CheckKind, Finding, Hint, HintCode, Role, UsedFigure, Verdict
from hrkpi.core.catalog import Catalog
from hrkpi.core.intervals import Interval
from hrkpi.core.models import Base, Change, Indicator
from hrkpi.core.observations import Observation
from hrkpi.engine.indicator import HUNDRED

Latest = dict[tuple[str, str], Observation]


@dataclass(frozen=True)
class PartChange:
    """What one part states of its change against a base, in the total's unit."""

    value: Interval | None
    abs: Interval | None  # the absolute change
    previous: Interval | None  # the base value (stated, or last year's figure)
    pct: Interval | None  # the growth rate, in %
    figures: tuple[UsedFigure, ...]


def part_change(
    part: Indicator, o: Observation, base: Base | dt.date, total: Indicator
) -> PartChange | None:
    """The part's change against `base` as intervals in the total's unit, if it states one."""
    at = next((i for i, c in enumerate(o.stated.changes) if c.base == base), None)
    if at is None:
        return None
    c: Change = o.stated.changes[at]
    unit = total.unit
    whole = part.is_integer
    own = stated_unit(o, part)
    figures: list[UsedFigure] = []
    value = None
    if o.stated.value is not None:
        value = figure_interval(o.stated.value, o, own, unit, whole=whole)
        figures.append(used(o, Role.PART, o.stated.value, own, "value", whole=whole))
    previous = None
    link = o.links.get(at)
    if link is not None and not link.stated and link.prior.stated.value is not None:
        prior = link.prior
        prior_unit = stated_unit(prior, part)
        base_value = prior.stated.value
        assert base_value is not None  # checked above
        previous = figure_interval(base_value, prior, prior_unit, unit, whole=whole)
        figures.append(used(prior, Role.PREVIOUS, base_value, prior_unit, "value", whole=whole))
    elif c.previous is not None:
        previous = figure_interval(c.previous, o, own, unit, whole=whole)
        figures.append(
            used(o, Role.PREVIOUS, c.previous, own, f"changes.{at}.previous", whole=whole)
        )
    absolute = None
    if c.abs is not None:
        abs_unit = c.abs_unit or own
        absolute = figure_interval(c.abs, o, abs_unit, unit, whole=whole)
        figures.append(used(o, Role.PART_ABS, c.abs, abs_unit, f"changes.{at}.abs", whole=whole))
    pct = None
    if c.pct is not None:
        pct = c.pct.interval(o.rounding)
        figures.append(used(o, Role.PART_PCT, c.pct, "%", f"changes.{at}.pct"))
    return PartChange(value, absolute, previous, pct, tuple(figures))


def _parts(
    ind: Indicator, obs: Observation, change: Change, catalog: Catalog, latest: Latest
) -> list[PartChange] | None:
    found = []
    for p in ind.parts:
        o = latest.get((obs.region, p))
        pc = part_change(catalog.indicators[p], o, change.base, ind) if o else None
        if pc is None:
            return None
        found.append(pc)
    return found or None


def _increment(pc: PartChange) -> Interval | None:
    """A part's absolute change: stated, value - previous, or value x g / (100 + g)."""
    if pc.abs is not None:
        return pc.abs
    if pc.value is None:
        return None
    if pc.previous is not None:
        return pc.value - pc.previous
    if pc.pct is not None and pc.pct.lo > -HUNDRED:
        # g / (100 + g) rises with g, so the ends of g give its ends.
        lo, hi = pc.pct.lo, pc.pct.hi
        share = Interval(
            lo / (HUNDRED + lo), hi / (HUNDRED + hi), pc.pct.lo_closed, pc.pct.hi_closed
        )
        return pc.value * share
    return None


def check_increments(
    ind: Indicator, obs: Observation, catalog: Catalog, latest: Latest
) -> Iterator[Finding]:
    """The total's stated absolute change against the sum of its parts' changes."""
    for i, change in enumerate(obs.stated.changes):
        if change.abs is None:
            continue
        parts = _parts(ind, obs, change, catalog, latest)
        increments = [_increment(pc) for pc in parts] if parts else []
        if not parts or any(a is None for a in increments):
            continue
        total = increments[0]
        assert total is not None
        for a in increments[1:]:
            assert a is not None
            total = total + a
        abs_unit = change.abs_unit or stated_unit(obs, ind)
        figures = tuple(u for pc in parts for u in pc.figures)
        f = finding(
            CheckKind.INCREMENTS,
            obs,
            f"changes.{i}.abs",
            change.abs,
            change.abs.interval(obs.rounding),
            total.scale(ind.unit.multiplier / abs_unit.multiplier),
            unit=abs_unit.symbol,
            figures=figures,
            base=base_of(change),
            signed=True,
        )
        if f.verdict is Verdict.INCONSISTENT and f.hint is None:
            f = _total_or_part(f)
        yield f


def _total_or_part(f: Finding) -> Finding:
    return replace(f, hint=Hint(HintCode.TOTAL_OR_PART))


def rebuilt_growth(parts: list[PartChange]) -> Interval | None:
    """The total's growth in % from its parts' values and changes: Σv / Σp - 1.

    Each part's previous value is stated, the value less its absolute change, or the
    value over (1 + its rate). The ratio of sums is linear-fractional in the inputs
    (a rate's part moves one way only), so its extremes lie at corners of the inputs'
    box, found exactly by Dinkelbach's method. Ends are taken as closed (never a
    false inconsistency). None when a part lacks what is needed or a base may be zero.
    """
    lo = _extreme(parts, maximize=False)
    hi = _extreme(parts, maximize=True)
    if lo is None or hi is None:
        return None
    return Interval((lo - 1) * HUNDRED, (hi - 1) * HUNDRED)


Term = tuple[Fraction, Fraction, Fraction, Fraction]  # (c, d, lo, hi): c x over d x


def _terms(parts: list[PartChange], maximize: bool) -> list[Term] | None:
    terms: list[Term] = []
    for pc in parts:
        v = pc.value
        if v is None or v.lo <= 0:
            return None
        if pc.previous is not None:
            terms += [(Fraction(1), Fraction(0), v.lo, v.hi)]
            terms += [(Fraction(0), Fraction(1), pc.previous.lo, pc.previous.hi)]
        elif pc.abs is not None:
            terms += [(Fraction(1), Fraction(1), v.lo, v.hi)]
            terms += [(Fraction(0), Fraction(-1), pc.abs.lo, pc.abs.hi)]
        elif pc.pct is not None and pc.pct.lo > -HUNDRED:
            # previous = v x 100 / (100 + g): the ratio is largest with g at its highest.
            g = pc.pct.hi if maximize else pc.pct.lo
            terms += [(Fraction(1), HUNDRED / (HUNDRED + g), v.lo, v.hi)]
        else:
            return None
    return terms


def _extreme(parts: list[PartChange], *, maximize: bool) -> Fraction | None:
    terms = _terms(parts, maximize)
    if terms is None:
        return None
    if sum(d * (lo if d > 0 else hi) for _, d, lo, hi in terms) <= 0:
        return None  # the total's previous value may be zero or below

    def ratio(xs: list[Fraction]) -> Fraction:
        n = sum((c * x for (c, _, _, _), x in zip(terms, xs, strict=True)), Fraction(0))
        d = sum((d * x for (_, d, _, _), x in zip(terms, xs, strict=True)), Fraction(0))
        return n / d

    xs = [lo for _, _, lo, _ in terms]
    lam = ratio(xs)
    sign = 1 if maximize else -1
    # Each step moves to a better corner, and there are finitely many: it ends exactly.
    for _ in range(64 * len(terms) + 64):
        xs = [hi if sign * (c - lam * d) > 0 else lo for c, d, lo, hi in terms]
        nxt = ratio(xs)
        if sign * (nxt - lam) <= 0:
            return lam
        lam = nxt
    return None  # pragma: no cover - not reached: no bound is better than a wrong one


def check_parts_change(
    ind: Indicator, obs: Observation, catalog: Catalog, latest: Latest
) -> Iterator[Finding]:
    """The total's stated growth rate against the growth its parts' figures give."""
    for i, change in enumerate(obs.stated.changes):
        if change.pct is None or not covered(ind, obs, change, catalog, latest):
            continue
        parts = _parts(ind, obs, change, catalog, latest)
        assert parts is not None
        computed = rebuilt_growth(parts)
        assert computed is not None
        f = finding(
            CheckKind.PARTS_CHANGE,
            obs,
            f"changes.{i}.pct",
            change.pct,
            change.pct.interval(obs.rounding),
            computed,
            unit="%",
            figures=tuple(u for pc in parts for u in pc.figures),
            base=base_of(change),
            signed=True,
        )
        if f.verdict is Verdict.INCONSISTENT and f.hint is None:
            f = _total_or_part(f)
        yield f


def covered(
    ind: Indicator, obs: Observation, change: Change, catalog: Catalog, latest: Latest
) -> bool:
    """True when every part states its value and a change against the same base, so
    the total's growth can be rebuilt (and `parts_growth`'s bounds are not needed).

    Not for a growth at comparable prices (按可比价格, `comparable`): a total's real
    growth weights its parts' real growths by last year's values at last year's
    prices, which current values over (1 + real growth) are not; it keeps the bound
    of `parts_growth` (a weighted mean lies between its parts' growths)."""
    if change.comparable or _any_comparable(ind, obs, change, latest):
        return False
    parts = _parts(ind, obs, change, catalog, latest)
    return parts is not None and rebuilt_growth(parts) is not None


def _any_comparable(ind: Indicator, obs: Observation, change: Change, latest: Latest) -> bool:
    for p in ind.parts:
        o = latest.get((obs.region, p))
        same = [c for c in (o.stated.changes if o else []) if c.base == change.base]
        if same and same[0].comparable:
            return True
    return False
