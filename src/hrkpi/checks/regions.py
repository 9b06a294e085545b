"""Region totals: a parent region's figure against the sum of its children's."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from fractions import Fraction

from hrkpi.checks.figures import figure_interval, finding, not_checkable, stated_unit, used
from hrkpi.checks.findings import CheckKind, Finding, Hint, HintCode, Reason, Role, Verdict
from hrkpi.core.catalog import Catalog
from hrkpi.core.intervals import Interval
from hrkpi.core.observations import Dataset, Observation
from hrkpi.core.regions import RegionHierarchy
from hrkpi.engine.previous import PeriodKey, keyed, period_key


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
    """A parent's stated figure against its children's (every literal within its precision).

    The sum is taken in the parent figure's own unit, so the consistent values read
    against its literal.
    """
    ind = catalog.indicators[obs.indicator]
    stated = obs.stated.value
    assert stated is not None
    own = stated_unit(obs, ind)
    figures = [used(obs, Role.TOTAL, stated, own, "value", whole=ind.is_integer)]
    for o in kid_obs:
        if o is not None and o.stated.value is not None:
            figures.append(
                used(
                    o,
                    Role.CHILD,
                    o.stated.value,
                    stated_unit(o, ind),
                    "value",
                    whole=ind.is_integer,
                )
            )
    missing = [k for k, o in zip(kids, kid_obs, strict=True) if o is None or o.stated.value is None]
    if missing:
        return replace(
            not_checkable(
                CheckKind.REGION_SUM,
                obs,
                "value",
                stated,
                Reason.PARTS_MISSING,
                unit=own.symbol,
                figures=tuple(figures),
            ),
            missing=tuple(missing),
            period=str(key),
        )
    total = figure_interval(stated, obs, obs.stated.unit, own, whole=ind.is_integer)
    computed = Interval.point(Fraction(0))
    for o in kid_obs:
        assert o is not None and o.stated.value is not None
        computed = computed + figure_interval(
            o.stated.value, o, o.stated.unit or ind.unit, own, whole=ind.is_integer
        )
    f = finding(
        CheckKind.REGION_SUM,
        obs,
        "value",
        stated,
        total,
        computed,
        unit=own.symbol,
        figures=tuple(figures),
    )
    if f.verdict is Verdict.INCONSISTENT:
        f = replace(f, hint=Hint(HintCode.TOTAL_OR_PART))
    return replace(f, period=str(key))


def parent_rows(dataset: Dataset, hierarchy: RegionHierarchy) -> list[Observation]:
    """The observations of regions that have children."""
    return [o for o in keyed(dataset).values() if o.region in hierarchy.children]


__all__ = ["check_region_totals", "parent_rows", "period_key", "region_total"]
