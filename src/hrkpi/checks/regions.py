"""Region totals: a parent region's figure against the sum of its children's."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from hrkpi.checks.figures import Stated, finding, not_checkable, used_in
from hrkpi.checks.findings import CheckKind, Finding, Hint, HintCode, Reason, Role, Verdict
from hrkpi.core.catalog import Catalog
from hrkpi.core.intervals import sum_all
from hrkpi.core.models import Indicator
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
    stated = [
        Stated.of(o) if o is not None and o.stated.value is not None else None for o in kid_obs
    ]
    return region_sum_finding(
        catalog.indicators[obs.indicator], Stated.of(obs), stated, kids, str(key)
    )


def region_sum_finding(
    ind: Indicator, total: Stated, parts: list[Stated | None], kids: list[str], period: str
) -> Finding:
    """region_total's rule for figures given by their parts: the parent's `total`
    against its children's figures (`parts`, None where a child `kids` names states
    none), at `period` (the published period or date, as text)."""
    stated, obs = total.value, total.at
    whole = ind.is_integer
    own = total.unit or ind.unit
    iv, total_fig = used_in(obs, Role.TOTAL, stated, own, "value", own, whole=whole)
    figures = [total_fig]
    ivs = []
    for o in parts:
        if o is not None:
            unit = o.unit or ind.unit
            kid_iv, kid_fig = used_in(o.at, Role.CHILD, o.value, unit, "value", own, whole=whole)
            figures.append(kid_fig)
            ivs.append(kid_iv)
    missing = [k for k, o in zip(kids, parts, strict=True) if o is None]
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
            period=period,
        )
    computed = sum_all(ivs)
    f = finding(
        CheckKind.REGION_SUM,
        obs,
        "value",
        stated,
        iv,
        computed,
        unit=own.symbol,
        figures=tuple(figures),
    )
    if f.verdict is Verdict.INCONSISTENT:
        f = replace(f, hint=Hint(HintCode.TOTAL_OR_PART))
    return replace(f, period=period)


def parent_rows(dataset: Dataset, hierarchy: RegionHierarchy) -> list[Observation]:
    """The observations of regions that have children."""
    return [o for o in keyed(dataset).values() if o.region in hierarchy.children]


__all__ = [
    "check_region_totals",
    "parent_rows",
    "period_key",
    "region_sum_finding",
    "region_total",
]
