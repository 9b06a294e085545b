"""Rounding-aware consistency of stated figures (the method of `hrkpi check`).

Each derived figure a report states (completion %, growth %, absolute and
percentage-point changes, totals, threshold and pace claims) is recomputed from
its stated inputs as an interval, each input spanning the rounding interval of
its literal. The stated figure is consistent when its own rounding interval
meets the recomputed one: when some value of the inputs, within their
precision, gives it. Counts are checked sharper, as GRIM does: a change % on
a count must come from a whole-number base.
"""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

from hrkpi.checks.changes import check_change, check_completion
from hrkpi.checks.claims import check_pace_claim, check_threshold_claim, check_thresholds
from hrkpi.checks.figures import not_checkable
from hrkpi.checks.findings import CheckKind, CheckReport, Finding, Reason
from hrkpi.checks.parts import check_composition, check_parts_growth
from hrkpi.core.catalog import Catalog
from hrkpi.core.models import CompareMethod, Direction
from hrkpi.core.numbers import RoundingMode
from hrkpi.core.observations import Dataset, Observation
from hrkpi.core.pace import PaceMethod
from hrkpi.core.regions import RegionHierarchy
from hrkpi.core.targets import TargetBook, TargetSource, region_targets, with_targets
from hrkpi.core.units import PERCENT


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
    """Check every stated figure of every observation; findings in report order.

    `rounding` overrides each data file's rounding mode; `method` overrides each
    threshold's comparison method. A stated completion rate is checked against
    the region's own target (`targets`, `hierarchy`: see hrkpi.core.targets).
    """
    latest = dataset.latest()
    if rounding is not None:
        # Every figure, parts included, is read under the overriding rounding.
        latest = {key: _with_rounding(o, rounding) for key, o in latest.items()}
    order = {ind_id: i for i, ind_id in enumerate(i.id for i in catalog.ordered())}
    observations = sorted(latest.values(), key=lambda o: (o.region, order.get(o.indicator, 0)))
    findings: list[Finding] = []
    for obs in observations:
        ind = catalog.indicators[obs.indicator]
        origin = catalog.origins.get(ind.id)
        source = None
        if targets is not None or hierarchy is not None:
            own, source = region_targets(ind, obs.region, obs.as_of.year, targets, hierarchy)
            ind = with_targets(ind, own)
            assigned = targets.of(ind.id, obs.region, obs.as_of.year) if targets else []
            if source is TargetSource.ASSIGNED and own:
                first = next((a for a in assigned if a.named().name == own[0].name), None)
                origin = (first.file, first.line, 1) if first else origin
        if method is not None:
            ind = ind.model_copy(
                update={
                    "thresholds": [t.model_copy(update={"method": method}) for t in ind.thresholds]
                }
            )
        if source is TargetSource.NONE and obs.stated.completion is not None:
            # Never against the parent's target: the region has none of its own.
            findings.append(
                not_checkable(
                    CheckKind.COMPLETION,
                    obs,
                    "completion",
                    obs.stated.completion,
                    Reason.NO_OWN_TARGET,
                    unit=PERCENT,
                )
            )
        else:
            findings.extend(check_completion(ind, obs, origin))
        for i, change in enumerate(obs.stated.changes):
            findings.extend(check_change(ind, obs, i, change))
        if ind.parts:
            findings.extend(check_composition(ind, obs, catalog, latest))
            findings.extend(check_parts_growth(ind, obs, latest))
        findings.extend(check_threshold_claim(ind, obs))
        findings.extend(check_pace_claim(ind, obs, pace_method, tolerance))
        if ind.direction is Direction.LOWER or ind.thresholds:
            findings.extend(check_thresholds(ind, obs))
    return CheckReport(findings, catalog)


def _with_rounding(obs: Observation, rounding: RoundingMode) -> Observation:
    return replace(obs, rounding=rounding)
