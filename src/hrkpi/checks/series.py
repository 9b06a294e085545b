"""`hrkpi check` on period data: every figure of every period, year on year
against last year's figures, and region totals against their parts."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

from hrkpi.checks.findings import CheckKind, CheckReport, Finding
from hrkpi.checks.regions import check_region_totals
from hrkpi.checks.report import check_dataset
from hrkpi.core.catalog import Catalog
from hrkpi.core.models import CompareMethod
from hrkpi.core.numbers import RoundingMode
from hrkpi.core.observations import Dataset, Observation
from hrkpi.core.pace import PaceMethod
from hrkpi.core.periods import Period
from hrkpi.core.regions import RegionHierarchy
from hrkpi.core.targets import TargetBook
from hrkpi.engine.previous import with_data_previous

KIND_ORDER = {kind: i for i, kind in enumerate(CheckKind)}


def finding_order(f: Finding) -> tuple[str, int, int]:
    """Findings in file order: file, line, then the kind of relation."""
    return f.file, f.line, KIND_ORDER[f.kind]


def check_series(
    catalog: Catalog,
    dataset: Dataset,
    hierarchy: RegionHierarchy | None = None,
    *,
    rounding: RoundingMode | None = None,
    method: CompareMethod | None = None,
    pace_method: PaceMethod = PaceMethod.DAYS,
    tolerance: Fraction = Fraction(1),
    targets: TargetBook | None = None,
) -> CheckReport:
    """Check every stated figure of every period; findings in file order.

    Each period is checked on its own (completion, changes, parts, limits), a
    同比 change against the same period last year where the data has it, and
    each parent region's figure against its children's.
    """
    if rounding is not None:
        dataset = Dataset([replace(o, rounding=rounding) for o in dataset])
    filled = with_data_previous(catalog, dataset)
    groups: dict[Period | None, list[Observation]] = {}
    for obs in filled:
        groups.setdefault(obs.period, []).append(obs)
    findings: list[Finding] = []
    for observations in groups.values():
        report = check_dataset(
            catalog,
            Dataset(observations),
            method=method,
            pace_method=pace_method,
            tolerance=tolerance,
            targets=targets,
            hierarchy=hierarchy,
        )
        findings.extend(report.findings)
    if hierarchy is not None:
        findings.extend(check_region_totals(catalog, dataset, hierarchy))
        if targets is not None:
            from hrkpi.checks.targets import check_target_split

            findings.extend(check_target_split(catalog, targets, hierarchy))
    findings.sort(key=finding_order)
    return CheckReport(findings, catalog)
