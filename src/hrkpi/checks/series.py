"""`hrkpi check` on documents of several dates: each change linked to its base figure
wherever the data states it (last year's report, the year-end figure, another unit),
every date checked on its own, and region totals against their parts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from fractions import Fraction

from hrkpi.checks.findings import CheckKind, CheckReport, Finding
from hrkpi.checks.regions import check_region_totals
from hrkpi.checks.report import check_dataset
from hrkpi.core.catalog import Catalog
from hrkpi.core.errors import UsageError
from hrkpi.core.messages import Msg
from hrkpi.core.models import CompareMethod
from hrkpi.core.numbers import RoundingMode
from hrkpi.core.observations import Dataset
from hrkpi.core.pace import PaceMethod
from hrkpi.core.regions import RegionHierarchy
from hrkpi.core.targets import TargetBook
from hrkpi.engine.previous import with_data_previous

KIND_ORDER = {kind: i for i, kind in enumerate(CheckKind)}


def finding_order(f: Finding) -> tuple[str, str, int, int]:
    """Findings in file order: file, a workbook's sheet, line, then the kind of relation."""
    return f.file, f.sheet, f.line, KIND_ORDER[f.kind]


def dated_order(dataset: Dataset) -> Callable[[Finding], tuple[dt.date, str, str, int, int]]:
    """Findings by the date of the document they stand in, then in file order: a
    workbook's sheets 1-2月 ... 1-12月 (or files 2021-2.yaml ... 2021-10.yaml) go by the
    year, not as text sorts them (1-10月 before 1-2月). Findings in a file without
    figures (a targets file) come last."""
    dates: dict[tuple[str, str], dt.date] = {}  # by file and sheet: a sheet is a document
    for obs in dataset:
        doc = (obs.file, obs.sheet)
        if doc not in dates or obs.dated < dates[doc]:
            dates[doc] = obs.dated

    def key(f: Finding) -> tuple[dt.date, str, str, int, int]:
        return (dates.get((f.file, f.sheet), dt.date.max), *finding_order(f))

    return key


def check_documents(
    catalog: Catalog,
    dataset: Dataset,
    hierarchy: RegionHierarchy | None = None,
    *,
    as_of: dt.date | None = None,
    rounding: RoundingMode | None = None,
    method: CompareMethod | None = None,
    pace_method: PaceMethod = PaceMethod.DAYS,
    tolerance: Fraction = Fraction(1),
    targets: TargetBook | None = None,
) -> CheckReport:
    """Check every stated figure of every date (`hrkpi check` on the exact engine).

    Changes are linked to their base figures anywhere in the data; `as_of` checks
    only the documents dated then (the rest still serve as bases). Completion rates
    are checked against each region's own target (`targets`). Findings are listed by
    their documents' dates, then in file order (file, sheet, line, rule).
    """
    if rounding is not None:
        dataset = Dataset([replace(o, rounding=rounding) for o in dataset])
    filled = with_data_previous(catalog, dataset)
    if as_of is not None:
        chosen = [o for o in filled if o.dated == as_of]
        if not chosen:
            # (a list: 2021-02-28、2021-03-31 in Chinese, 2021-02-28, 2021-03-31 in English)
            dates = tuple(sorted({o.dated.isoformat() for o in filled}))
            raise UsageError(
                Msg(
                    "no data is dated {as_of}; the data's documents are dated {dates}: "
                    "pass one of them to --as-of",
                    as_of=as_of.isoformat(),
                    dates=dates,
                )
            )
        filled = Dataset(chosen)
    report = check_dataset(
        catalog,
        filled,
        method=method,
        pace_method=pace_method,
        tolerance=tolerance,
        targets=targets,
        hierarchy=hierarchy,
    )
    findings = list(report.findings)
    if hierarchy is not None:
        findings.extend(check_region_totals(catalog, filled, hierarchy))
        if targets is not None:
            from hrkpi.checks.targets import check_target_split

            findings.extend(check_target_split(catalog, targets, hierarchy))
    # (one date's documents, too: by file, then line, as the fast path lists them; report
    # order put a figure's limit claim (its line 26) before the figure itself (line 25))
    findings.sort(key=dated_order(dataset))
    return CheckReport(findings, catalog)


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
    """Check period data: every period on its own, year on year against last year's
    figures, and each parent region's figure against its children's."""
    return check_documents(
        catalog,
        dataset,
        hierarchy,
        rounding=rounding,
        method=method,
        pace_method=pace_method,
        tolerance=tolerance,
        targets=targets,
    )
