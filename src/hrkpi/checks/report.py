"""Rounding-aware consistency of stated figures (the method of `hrkpi check`).

Each derived figure a report states (completion %, growth %, absolute and
percentage-point changes, totals, shares, ratios, margins, threshold and pace
claims) is recomputed from its stated inputs as an interval, each input spanning
the rounding interval of its literal. The stated figure is consistent when its
own rounding interval meets the recomputed one: when some value of the inputs,
within their precision, gives it. Counts are checked sharper, as GRIM does: a
change % on a count must come from a whole-number base.

Figures are checked date by date: a relation only ever joins figures standing
at the same date (or published period), so a 2024 total is never summed with
2025 parts. The same figure stated twice for one date is a restatement: the
two are compared, and the later one is the one the other relations use.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from fractions import Fraction

from hrkpi.checks.changes import check_change
from hrkpi.checks.claims import check_pace_claim, check_threshold_claim, check_thresholds
from hrkpi.checks.completion import Origin, check_completion, completion_value
from hrkpi.checks.figures import FigureAt, not_checkable, provenance
from hrkpi.checks.findings import CheckKind, CheckReport, Finding, Reason
from hrkpi.checks.margins import check_margins
from hrkpi.checks.partchanges import check_increments, check_parts_change, covered
from hrkpi.checks.parts import check_composition, check_of_which, check_parts_growth
from hrkpi.checks.quotes import check_quote
from hrkpi.checks.restatements import (
    check_previous_restated,
    check_restated,
    check_superseded,
)
from hrkpi.checks.shares import check_ratio, check_share_sum, check_shares
from hrkpi.core.catalog import Catalog
from hrkpi.core.models import CompareMethod, Direction, Indicator
from hrkpi.core.numbers import RoundingMode
from hrkpi.core.observations import Dataset, Observation
from hrkpi.core.pace import PaceMethod
from hrkpi.core.regions import RegionHierarchy
from hrkpi.core.targets import TargetBook, TargetSource, region_targets, with_targets
from hrkpi.core.units import PERCENT
from hrkpi.engine.previous import PeriodKey, period_key

Latest = dict[tuple[str, str], Observation]


def check_dataset(
    catalog: Catalog,
    dataset: Dataset,
    *,
    rounding: RoundingMode | None = None,
    method: CompareMethod | None = None,
    pace_method: PaceMethod = PaceMethod.DAYS,
    tolerance: Fraction = Fraction(1),
    targets: TargetBook | None = None,
    hierarchy: RegionHierarchy | None = None,
) -> CheckReport:
    """Check every stated figure of every observation, date by date; findings in
    report order.

    `rounding` overrides each data file's rounding mode; `method` overrides each
    threshold's comparison method. A stated completion rate is checked against
    the region's own target (`targets`, `hierarchy`: see hrkpi.core.targets).
    """
    observations: Iterable[Observation] = dataset
    if rounding is not None:
        # Every figure, parts included, is read under the overriding rounding.
        observations = [replace(o, rounding=rounding) for o in observations]
    groups: dict[PeriodKey, list[Observation]] = {}
    for obs in observations:
        groups.setdefault(period_key(obs), []).append(obs)
    order = {ind_id: i for i, ind_id in enumerate(i.id for i in catalog.ordered())}
    keyed: list[tuple[str, int, int, Finding]] = []
    aims = Targets(catalog, method, targets, hierarchy)
    for group in groups.values():
        for f in _check_date(catalog, group, aims, pace_method, tolerance):
            keyed.append((f.region, order.get(f.indicator, 0), len(keyed), f))
    # Report order: region, then the indicators' order; a stable sort keeps each
    # indicator's findings in the order its rules ran.
    keyed.sort(key=lambda item: item[:3])
    return CheckReport([f for *_, f in keyed], catalog)


def _check_date(
    catalog: Catalog,
    observations: list[Observation],
    aims: Targets,
    pace_method: PaceMethod,
    tolerance: Fraction,
) -> Iterator[Finding]:
    """Every relation among figures standing at one date."""
    latest = Dataset(observations).latest()
    totals: set[tuple[str, str]] = set()
    for obs in observations:
        key = (obs.region, obs.indicator)
        ind, origin, source = aims.of(obs)
        if latest[key] is not obs:
            # Stated again later for this date: compare the two, and keep what only
            # the earlier one states (nothing a user wrote is dropped).
            later = latest[key]
            yield from check_superseded(ind, obs, later)
            yield from own_changes(ind, obs, origin, source, later)
            yield from _own_claims(ind, obs, catalog, latest, pace_method, tolerance, later)
            continue
        yield from own_changes(ind, obs, origin, source, None)
        yield from check_previous_restated(ind, obs)
        if ind.parts:
            yield from check_composition(ind, obs, catalog, latest)
            yield from check_increments(ind, obs, catalog, latest)
            yield from check_parts_change(ind, obs, catalog, latest)
            growth = [c for c in obs.stated.changes if not covered(ind, obs, c, catalog, latest)]
            yield from check_parts_growth(ind, obs, latest, growth)
        if ind.of_which:
            yield from check_of_which(ind, obs, catalog, latest)
        if ind.ratio is not None:
            yield from check_ratio(ind, obs, catalog, latest)
        if ind.parts or ind.of_which:
            totals.add(key)
            yield from check_share_sum(ind, obs, latest, obs.region)
        yield from _own_claims(ind, obs, catalog, latest, pace_method, tolerance, None)
        if ind.direction is Direction.LOWER or ind.thresholds:
            yield from check_thresholds(ind, obs)
    # Shares of a total the report does not state (三次产业占比 adding to 100%).
    shared = {
        (o.region, s.of)
        for o in latest.values()
        for s in o.stated.shares
        if s.of is not None and s.region is None
    }
    for region, ind_id in sorted(shared - totals):
        yield from check_share_sum(catalog.indicators[ind_id], None, latest, region)


def own_changes(
    ind: Indicator,
    obs: Observation,
    origin: Origin | None,
    source: TargetSource | None,
    later: Observation | None,
) -> Iterator[Finding]:
    """A figure's completion rate and changes; for a figure stated again later, only
    those the later statement does not restate."""
    again = later.stated if later is not None else None
    if source is TargetSource.NONE and obs.stated.completion is not None:
        if again is None or again.completion is None:
            # Never against the parent's target: the region has none of its own.
            value = obs.stated.value
            at = FigureAt(
                obs.indicator, obs.region, obs.file, obs.line_of("value"), provenance(obs)
            )
            yield not_checkable(
                CheckKind.COMPLETION,
                obs,
                "completion",
                obs.stated.completion,
                Reason.NO_OWN_TARGET,
                unit=PERCENT,
                figures=(
                    ()
                    if value is None
                    else (completion_value(ind, value, obs.stated.unit, obs.rounding, at),)
                ),
            )
    elif again is None or again.completion is None:
        yield from check_completion(ind, obs, origin)
    bases = {c.base for c in again.changes} if again is not None else set()
    for i, change in enumerate(obs.stated.changes):
        if change.base not in bases:
            yield from check_change(ind, obs, i, change)


def _own_claims(
    ind: Indicator,
    obs: Observation,
    catalog: Catalog,
    latest: Latest,
    pace_method: PaceMethod,
    tolerance: Fraction,
    later: Observation | None,
) -> Iterator[Finding]:
    """A figure against its quote; its shares, margins, restatements and claims (those a
    later statement of it does not restate)."""
    yield from check_quote(ind, obs)
    again = later.stated if later is not None else None
    if again is None or not again.shares:
        yield from check_shares(ind, obs, catalog, latest)
    if again is None or not again.margins:
        yield from check_margins(ind, obs, catalog.origins.get(ind.id), pace_method)
    yield from check_restated(ind, obs)
    if again is None or again.meets_threshold is None:
        yield from check_threshold_claim(ind, obs)
    if again is None or again.pace_status is None:
        yield from check_pace_claim(ind, obs, pace_method, tolerance)


class Targets:
    """Each figure's indicator as judged: the region's own targets (hrkpi.core.targets),
    the comparison method, and where its primary target is set."""

    def __init__(
        self,
        catalog: Catalog,
        method: CompareMethod | None,
        targets: TargetBook | None,
        hierarchy: RegionHierarchy | None,
    ) -> None:
        self.catalog, self.method = catalog, method
        self.targets, self.hierarchy = targets, hierarchy

    def of(self, obs: Observation) -> tuple[Indicator, Origin | None, TargetSource | None]:
        """The indicator with the region's targets, its target's origin and source."""
        return self.at(obs.indicator, obs.region, obs.as_of.year)

    def at(
        self, indicator: str, region: str, year: int
    ) -> tuple[Indicator, Origin | None, TargetSource | None]:
        """`of` for a figure of `indicator` in `region` dated in `year`."""
        ind = self.catalog.indicators[indicator]
        origin: Origin | None = self.catalog.origins.get(ind.id)
        source = None
        if self.targets is not None or self.hierarchy is not None:
            own, source = region_targets(ind, region, year, self.targets, self.hierarchy)
            ind = with_targets(ind, own)
            assigned = self.targets.of(ind.id, region, year) if self.targets else []
            if source is TargetSource.ASSIGNED and own:
                first = next((a for a in assigned if a.named().name == own[0].name), None)
                origin = (first.file, first.line, 1, first.sheet) if first else origin
        if self.method is not None:
            thresholds = [t.model_copy(update={"method": self.method}) for t in ind.thresholds]
            ind = ind.model_copy(update={"thresholds": thresholds})
        return ind, origin, source
