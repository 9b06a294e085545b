"""Region totals: a parent region's figure against the sum of its children's."""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction

from hrkpi.checks.figures import consistent_literals, figure_interval, show_interval
from hrkpi.checks.findings import CheckKind, Finding, Verdict
from hrkpi.core.catalog import Catalog
from hrkpi.core.intervals import Interval
from hrkpi.core.observations import Dataset, Observation
from hrkpi.core.regions import RegionHierarchy
from hrkpi.engine.previous import PeriodKey, keyed, period_key

_LISTED = 20  # name every child up to this many; beyond, only count them


def check_region_totals(
    catalog: Catalog, dataset: Dataset, hierarchy: RegionHierarchy
) -> Iterator[Finding]:
    """One composition finding per parent figure of an additive indicator."""
    index = keyed(dataset)
    for (ind_id, region, key), obs in index.items():
        kids = hierarchy.children.get(region)
        ind = catalog.indicators[ind_id]
        if not kids or not ind.adds_across_regions or obs.stated.value is None:
            continue
        yield region_total(catalog, obs, [index.get((ind_id, k, key)) for k in kids], kids, key)


def region_total(
    catalog: Catalog,
    obs: Observation,
    kid_obs: list[Observation | None],
    kids: list[str],
    key: PeriodKey,
) -> Finding:
    """A parent's stated figure against its children's (every literal within its precision)."""
    ind = catalog.indicators[obs.indicator]
    stated = obs.stated.value
    assert stated is not None
    when = str(key)
    listed = " + ".join(
        f"{k} {o.stated.value.literal if o and o.stated.value else '?'}"
        for k, o in zip(kids, kid_obs, strict=True)
    )
    if len(kids) > _LISTED:
        listed = f"the sum of {len(kids)} regions"
    relation = f"{ind.name} {when}: {obs.region} {stated.literal} = {listed}"
    missing = [k for k, o in zip(kids, kid_obs, strict=True) if o is None or o.stated.value is None]
    if missing:
        return Finding(
            CheckKind.COMPOSITION,
            obs.indicator,
            obs.region,
            Verdict.NOT_CHECKABLE,
            relation,
            obs.file,
            obs.line_of("value"),
            stated.literal,
            reason=f"no figure for {', '.join(missing[:5])}"
            + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
            + f" in {when}",
        )
    total = figure_interval(stated, obs, obs.stated.unit, ind.unit, whole=ind.is_integer)
    computed = Interval.point(Fraction(0))
    for o in kid_obs:
        assert o is not None and o.stated.value is not None
        computed = computed + figure_interval(
            o.stated.value, o, o.stated.unit, ind.unit, whole=ind.is_integer
        )
    ok = total.meets(computed)
    unit = obs.stated.unit or ind.unit
    as_stated = computed.scale(ind.unit.multiplier / unit.multiplier)
    return Finding(
        CheckKind.COMPOSITION,
        obs.indicator,
        obs.region,
        Verdict.CONSISTENT if ok else Verdict.INCONSISTENT,
        relation,
        obs.file,
        obs.line_of("value"),
        stated.literal,
        computed,
        consistent_values=None if ok else consistent_literals(as_stated, stated, obs.rounding),
        reason=f"the {len(kids)} regions add up to "
        f"{show_interval(as_stated, stated.decimals)}{unit.symbol}",
    )


def parent_rows(dataset: Dataset, hierarchy: RegionHierarchy) -> list[Observation]:
    """The observations of regions that have children."""
    return [o for o in keyed(dataset).values() if o.region in hierarchy.children]


__all__ = ["check_region_totals", "parent_rows", "period_key", "region_total"]
