"""A computed report: every indicator of a catalog at an as-of date, per region."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from fractions import Fraction

from hrkpi.core.catalog import Catalog
from hrkpi.core.models import Indicator
from hrkpi.core.observations import Dataset, Observation
from hrkpi.core.pace import PaceMethod, pace_share
from hrkpi.core.regions import RegionHierarchy
from hrkpi.core.targets import TargetBook, region_targets, with_targets
from hrkpi.engine.indicator import DEFAULT_TOLERANCE, IndicatorResult, compute_indicator, value_in
from hrkpi.engine.previous import period_key
from hrkpi.engine.relations import relation_figures


@dataclass(frozen=True)
class Report:
    """The completion table's content: results in report order, with the run's settings."""

    catalog: Catalog
    as_of: dt.date | None
    pace_method: PaceMethod
    tolerance: Fraction
    results: list[IndicatorResult] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    hierarchy: RegionHierarchy | None = None
    targets: TargetBook | None = None

    @property
    def pace(self) -> Fraction | None:
        """Schedule pace (%) at the report's as-of date."""
        return pace_share(self.as_of, self.pace_method) * 100 if self.as_of else None

    @property
    def regions(self) -> list[str]:
        """Regions in the order first met."""
        return list(dict.fromkeys(r.region for r in self.results))


def compute_report(
    catalog: Catalog,
    dataset: Dataset,
    *,
    as_of: dt.date | None = None,
    pace_method: PaceMethod = PaceMethod.DAYS,
    tolerance: Fraction = DEFAULT_TOLERANCE,
    targets: TargetBook | None = None,
    hierarchy: RegionHierarchy | None = None,
) -> Report:
    """Compute every indicator for every region, from the latest figure at or before `as_of`.

    Each region is judged against its own targets (`targets`, assigned region by
    region), never its parent's (`hierarchy`): see hrkpi.core.targets.
    """
    chosen = [o for o in dataset if as_of is None or o.as_of <= as_of]
    latest = Dataset(chosen).latest()
    regions = list(dict.fromkeys(o.region for o in dataset)) or [""]
    # A report's figures mostly share one date; a series' table stands at its latest.
    report_date = as_of or (_latest_date(chosen) if dataset.has_periods else _main_date(chosen))
    results = []
    for region in regions:
        for defined in catalog.ordered():
            obs = latest.get((region, defined.id))
            when = obs.as_of if obs is not None else report_date
            named, source = region_targets(
                defined, region, when.year if when else None, targets, hierarchy
            )
            indicator = with_targets(defined, named)
            parts = _parts_at(latest, region, indicator, obs)
            part_values = {p: _value_of(parts[p], catalog, indicator) for p in indicator.parts}
            others = [p for p in _operands(indicator) if p not in parts]
            at_date = {**parts, **_same_date(latest, region, others, obs)}
            result = compute_indicator(
                indicator,
                obs,
                region=region,
                pace_method=pace_method,
                tolerance=tolerance,
                part_values=part_values,
                parts_decimals=_parts_decimals(list(parts.values()), catalog, indicator),
                parts_approximate=any(
                    o is not None and o.stated.value is not None and o.stated.value.approx
                    for o in parts.values()
                ),
                target_source=source,
                year=report_date.year if report_date else None,
            )
            figures = relation_figures(indicator, obs, at_date, catalog)
            results.append(replace(result, relations=figures))
    sources = list(dict.fromkeys(o.source for o in chosen))
    return Report(
        catalog, report_date, pace_method, tolerance, results, sources, hierarchy, targets
    )


def _operands(indicator: Indicator) -> list[str]:
    """The other indicators a figure's relations name: a ratio's operands."""
    ratio = indicator.ratio
    return [ratio.numerator, ratio.denominator] if ratio is not None else []


def _same_date(
    latest: dict[tuple[str, str], Observation],
    region: str,
    ids: list[str],
    obs: Observation | None,
) -> dict[str, Observation | None]:
    """Figures of `ids` standing at the date of `obs` (shares' totals, ratios' operands)."""
    wanted = set(ids) | {s.of for s in (obs.stated.shares if obs else []) if s.of}
    found = {i: latest.get((region, i)) for i in wanted}
    when = period_key(obs) if obs is not None else None
    return {i: o if o is not None and period_key(o) == when else None for i, o in found.items()}


def _parts_at(
    latest: dict[tuple[str, str], Observation],
    region: str,
    indicator: Indicator,
    total: Observation | None,
) -> dict[str, Observation | None]:
    """The parts' figures standing at the total's date (or, with no total, at one date
    they share): a total is never summed from parts of another date."""
    found = {p: latest.get((region, p)) for p in indicator.parts}
    keys = {period_key(o) for o in found.values() if o is not None}
    when = period_key(total) if total is not None else (keys.pop() if len(keys) == 1 else None)
    return {p: o if o is not None and period_key(o) == when else None for p, o in found.items()}


def _value_of(obs: Observation | None, catalog: Catalog, total: Indicator) -> Fraction | None:
    """A part's stated value in the total's unit."""
    if obs is None or obs.stated.value is None:
        return None
    part = catalog.indicators[obs.indicator]
    unit = obs.stated.unit or part.unit
    return value_in(obs.stated.value, unit, total.unit)


def _latest_date(observations: list[Observation]) -> dt.date | None:
    return max((o.as_of for o in observations), default=None)


def _main_date(observations: list[Observation]) -> dt.date | None:
    """The as-of date most figures share (the report's own date)."""
    counts: dict[dt.date, int] = {}
    for obs in observations:
        # A data file's own date counts for each of its figures, whatever theirs.
        date = obs.document_date or obs.as_of
        counts[date] = counts.get(date, 0) + 1
    return max(counts, key=lambda d: counts[d]) if counts else None


def _parts_decimals(parts: list[Observation | None], catalog: Catalog, total: Indicator) -> int:
    """The finest precision among the parts, in the total's unit: parts in 件
    summed into 万件 keep four decimals (839067件 is 83.9067万件)."""
    places = []
    for obs in parts:
        if obs is None or obs.stated.value is None or obs.stated.value.approx is not None:
            continue  # "1400多" adds no precision to the sum
        unit = obs.stated.unit or catalog.indicators[obs.indicator].unit
        places.append(obs.stated.value.decimals + total.unit.power - unit.power)
    return max(0, *places) if places else 2
