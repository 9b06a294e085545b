"""The public Python API: load, compute, check, series, validate, scan. The CLI is a thin
layer on these.

Long-format data of any size goes through the same functions: from about
50 kB of CSV or Parquet (`engine="auto"`), the columnar fast path computes the
figures (`hrkpi[fast]`), re-deciding with the exact engine every row it cannot
settle exactly, so the figures are the same either way.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from hrkpi.core.catalog import Catalog
from hrkpi.core.errors import InputError, UsageError, display_path, problem
from hrkpi.core.messages import Msg, reason, verbatim
from hrkpi.core.models import CompareMethod
from hrkpi.core.numbers import RoundingMode
from hrkpi.core.observations import Dataset
from hrkpi.core.pace import PaceMethod, pace_tolerance
from hrkpi.core.units import declared_units
from hrkpi.engine.indicator import DEFAULT_TOLERANCE
from hrkpi.engine.report import Report, compute_report
from hrkpi.sources.loader import (
    bundled_path,
    data_file_problems,
    data_files,
    load_catalog,
    load_dataset,
)

# Checks, series and regions are imported where used: `hrkpi compute` on one report
# starts without them.
if TYPE_CHECKING:
    from hrkpi.checks.findings import CheckReport
    from hrkpi.core.regions import RegionHierarchy
    from hrkpi.core.targets import TargetBook
    from hrkpi.engine.regional import RegionalReport, RegionOrder
    from hrkpi.engine.series import SeriesTable
    from hrkpi.fast.frame import Frame
    from hrkpi.scans.result import ScanReport

# Paths may be given as str or any os.PathLike (pathlib.Path, ...); None means the
# bundled report's. A tolerance may be a Fraction, a Decimal, an int or decimal text.
PathArg = str | os.PathLike[str] | None
Tolerance = Fraction | Decimal | int | str
Progress = Callable[[str, int, int], None]  # (what is being done, steps done, steps in all)
# Below about a thousand rows the exact engine is as quick as starting polars; above,
# it is not close (1.1 MB, 20,000 rows: check takes 9.2 s exactly, 0.43 s fast).
FAST_FROM_BYTES = 50_000


class Engine(StrEnum):
    """Which engine computes: exact (Fractions, any input) or fast (columns, long data)."""

    AUTO = "auto"  # fast for large CSV/Parquet data when hrkpi[fast] is installed
    EXACT = "exact"
    FAST = "fast"


def as_path(path: PathArg) -> Path | None:
    """A str or os.PathLike as a Path (None stays None)."""
    if path is None:
        return None
    if not isinstance(path, str | os.PathLike):
        raise UsageError(
            Msg("a path must be a str or os.PathLike, not {kind}", kind=type(path).__name__)
        )
    return Path(path)


def resolve_paths(indicators: PathArg, data: PathArg) -> tuple[Path, Path]:
    """The given paths, or the bundled report's folders."""
    return (
        as_path(indicators) or bundled_path("indicators"),
        as_path(data) or bundled_path("data"),
    )


def input_paths(indicators: PathArg = None, data: PathArg = None, *more: PathArg) -> list[Path]:
    """The files and folders a run reads (the bundled ones by default): outputs must
    not overwrite them."""
    return [*resolve_paths(indicators, data), *(p for m in more if (p := as_path(m)))]


def load(
    indicators: PathArg = None,
    data: PathArg = None,
    hierarchy: RegionHierarchy | None = None,
) -> tuple[Catalog, Dataset]:
    """Load definitions and data; raise InputError listing every problem in both.

    `hierarchy` tells whose figures a workbook's 合计 row holds."""
    ind_path, data_path = resolve_paths(indicators, data)
    problems = []
    catalog = None
    try:
        catalog = load_catalog(ind_path)
    except InputError as exc:
        problems.extend(exc.problems)
    if catalog is None:
        # Without definitions the figures cannot be read, but the data files' own
        # syntax and schema can: list those too, so one run shows every problem.
        raise InputError(problems + data_file_problems(data_path))
    return catalog, load_dataset(data_path, catalog, hierarchy)


E = TypeVar("E", bound=StrEnum)


def _choice(kind: type[E], value: E | str) -> E:
    """An option given as its enum or its name ("fast", "days"); UsageError otherwise."""
    try:
        return kind(value)
    except ValueError:
        choices = tuple(repr(str(m)) for m in kind)
        raise UsageError(
            Msg("{value!r} is not one of {choices}", value=value, choices=choices)
        ) from None


def _before_the_data(as_of: dt.date | None, earliest: Any) -> None:
    """Refuse an as-of date before every figure: the table would be all dashes, and a
    table of dashes reads as "nothing was done" rather than "wrong date"."""
    if as_of is not None and isinstance(earliest, dt.date) and as_of < earliest:
        raise UsageError(
            Msg(
                "the as-of date {as_of} is before every figure of the data (the earliest is "
                "dated {earliest}), so the table would be empty; give a date on or after "
                "{earliest}",
                as_of=as_of.isoformat(),
                earliest=earliest.isoformat(),
            )
        )


def _say(progress: Progress | None, stage: str, done: int, total: int) -> None:
    if progress is not None:
        progress(stage, done, total)


def _unlisted_regions(
    hierarchy: RegionHierarchy | None, places: dict[str, tuple[str, int]]
) -> None:
    """Refuse data whose regions the hierarchy does not list: a misspelt region would
    otherwise drop out of its parent's sum and the sum's check, silently."""
    if hierarchy is None:
        return
    known = set(hierarchy.lines) | set(hierarchy.parent.values())
    missing = {r: at for r, at in places.items() if r and r not in known}
    if missing:
        raise InputError(
            [
                problem(
                    file,
                    line,
                    1,
                    "region",
                    Msg(
                        "region {region!r} is not in {regions}; add it there or fix the name",
                        region=region,
                        regions=(
                            verbatim(hierarchy.file) if hierarchy.file else Msg("the regions file")
                        ),
                    ),
                )
                for region, (file, line) in sorted(missing.items())
            ]
        )


def _dataset_regions(dataset: Dataset) -> dict[str, tuple[str, int]]:
    """Each region of the data, with the first place it is stated."""
    places: dict[str, tuple[str, int]] = {}
    for obs in dataset:
        places.setdefault(obs.region, (obs.file, obs.line))
    return places


def _frame_regions(frame: Any) -> dict[str, tuple[str, int]]:
    """Each region of the fast path's rows, with the first place it is stated."""
    import polars as pl

    first = (
        frame.raw.select("region", "file_no", "line")
        .filter(pl.col("region").is_not_null())
        .group_by("region", maintain_order=True)
        .first()
    )
    return {
        rec["region"]: (display_path(frame.files[rec["file_no"]]), rec["line"])
        for rec in first.iter_rows(named=True)
    }


def _hierarchy(given: PathArg, folder: PathArg = None) -> RegionHierarchy | None:
    """The hierarchy file given, or a regions.csv in the data folder."""
    from hrkpi.sources.loader import REGIONS_NAMES, beside_data
    from hrkpi.sources.regions import load_regions

    regions, data = as_path(given), as_path(folder)
    if regions is None and data is not None and data.exists():
        regions = beside_data(data, REGIONS_NAMES)
    return load_regions(regions) if regions is not None else None


def _targets(
    given: PathArg,
    folder: PathArg,
    catalog: Catalog,
    dataset: Dataset | None,
    hierarchy: RegionHierarchy | None,
) -> TargetBook | None:
    """The targets file given (or a targets.* in the data folder) with the targets
    written beside the figures in workbooks; None when there are none."""
    from hrkpi.core.targets import TargetBook
    from hrkpi.sources.loader import TARGETS_NAMES, beside_data
    from hrkpi.sources.targetfile import check_targets, load_targets

    targets, data = as_path(given), as_path(folder)
    if targets is None and data is not None and data.exists():
        targets = beside_data(data, TARGETS_NAMES)
    books = []
    if targets is not None:
        if not targets.is_file():
            raise UsageError(
                Msg("{path}: no such targets file; check the --targets path", path=str(targets))
            )
        books.append(load_targets([targets], catalog, hierarchy))
    if dataset is not None and dataset.targets:
        books.append(check_targets(dataset.targets, catalog, hierarchy))
    if not books:
        return None
    return TargetBook(tuple(t for b in books for t in b), tuple(f for b in books for f in b.files))


def _fast_files(data: Path, engine: Engine) -> list[Path] | None:
    """The data files, when the fast path should read them; else None."""
    if engine is Engine.EXACT:
        return None
    files = data_files(data)
    columnar = all(f.suffix.lower() in (".csv", ".parquet") for f in files)
    from hrkpi.fast import available

    if engine is Engine.FAST:
        if not columnar:
            raise UsageError(
                Msg("the fast engine reads CSV and Parquet data only; use --engine exact")
            )
        if not available():
            raise UsageError(Msg("the fast engine needs polars: pip install 'hrkpi[fast]'"))
        return files
    big = sum(f.stat().st_size for f in files) >= FAST_FROM_BYTES
    if not (columnar and big and available()):
        return None
    from hrkpi.sources.encoding import is_utf8

    # A GBK CSV (Excel's "CSV (逗号分隔)" on Chinese Windows) is read by the exact engine.
    utf8 = all(is_utf8(f) for f in files if f.suffix.lower() == ".csv")
    return files if utf8 else None


def _fast_frame(
    indicators: PathArg, data: PathArg, engine: Engine, progress: Progress | None
) -> tuple[Catalog, Frame] | None:
    """Catalog and columns read by the fast path, or None to use the exact engine."""
    ind_path, data_path = resolve_paths(indicators, data)
    files = _fast_files(data_path, engine)
    if files is None:
        return None
    from hrkpi.fast.frame import Unsupported
    from hrkpi.fast.run import read

    catalog = load_catalog(ind_path)
    relations = _exact_only(files, catalog)
    if relations is not None:
        if engine is Engine.FAST:
            raise UsageError(
                Msg("the fast engine does not check {what}; use --engine exact", what=relations)
            )
        return None
    try:
        with declared_units(catalog.units):
            return catalog, read(files, catalog, progress)
    except Unsupported as exc:
        if engine is Engine.FAST:
            raise UsageError(
                Msg(
                    "the fast engine cannot take this data: {why}; use --engine exact",
                    why=reason(exc),
                )
            ) from None
        return None


# Long-data columns of relations the fast path does not read (see hrkpi.checks.rules):
# data with them goes to the exact engine whole.
_EXACT_COLUMNS = {
    "share_of": Msg("shares"),
    "share_pct": Msg("shares"),
    "share_region": Msg("shares"),
    "margin_below": Msg("margins"),
    "margin_above": Msg("margins"),
    "margin_limit": Msg("margins"),
    "margin_unit": Msg("margins"),
    "status": Msg("revisions of provisional figures"),
    "comparable": Msg("changes on a comparable basis"),
}


def _exact_only(files: list[Path], catalog: Catalog) -> Msg | None:
    """What the data states (or the definitions relate) that only the exact engine
    checks, if anything."""
    for ind in catalog.indicators.values():
        if ind.of_which or ind.ratio is not None:
            if ind.of_which:
                return Msg("其中 (of_which) parts (in the definitions)")
            return Msg("ratio indicators (in the definitions)")
    for file in files:
        if file.suffix.lower() == ".parquet":
            import polars as pl

            names = list(pl.read_parquet_schema(file))
        else:
            try:
                with file.open(encoding="utf-8-sig", newline="") as f:
                    names = next(csv.reader([f.readline()]), [])
            except (OSError, UnicodeDecodeError):
                continue  # the reader reports it
        found = [_EXACT_COLUMNS[n.strip()] for n in names if n.strip() in _EXACT_COLUMNS]
        if found:
            return Msg("{what} (in {file})", what=found[0], file=file.name)
    return None


def _restated_rows(frame: Frame) -> bool:
    """True when some figure (indicator, region, period) is stated by two rows that
    differ in more than their quote, location or source."""
    import polars as pl

    rows = frame.rows.select("rid", "key")
    dup = rows.filter(pl.col("key").is_duplicated())
    if dup.height == 0:
        return False
    cells = ["value", "unit", "completion", "base", "change_pct", "rounding"]
    cells += ["change_abs", "change_pp", "previous"]
    raw = frame.raw.select("rid", *cells).join(dup, on="rid")
    differing = raw.group_by("key").agg(
        pl.concat_str([pl.col(c).fill_null("") for c in cells], separator="\x1f").n_unique()
    )
    return bool((differing.get_column(differing.columns[1]) > 1).any())


@dataclass(frozen=True)
class Summary:
    """What `validate` found valid."""

    indicators: int
    sections: int
    observations: int
    targets: int = 0  # targets assigned to regions (a targets file, a workbook's 目标 columns)
    encodings: dict[str, str] = field(default_factory=dict)  # files read as GB18030 (GBK)


def validate(
    indicators: PathArg = None, data: PathArg = None, *, engine: Engine | str = Engine.AUTO
) -> Summary:
    """Check definitions and data only; raise InputError listing every problem.

    Large long-format data is read by the fast path, which reports the same problems.
    A hierarchy and a targets file in the data folder are checked too.
    """
    hierarchy = _hierarchy(None, data)
    fast = _fast_frame(indicators, data, _choice(Engine, engine), None)
    if fast is not None:
        catalog, frame = fast
        book = _targets(None, data, catalog, None, hierarchy)
        return Summary(
            len(catalog.indicators),
            len(catalog.sections),
            frame.rows.height,
            len(book) if book else 0,
        )
    catalog, dataset = load(indicators, data, hierarchy)
    book = _targets(None, data, catalog, dataset, hierarchy)
    return Summary(
        len(catalog.indicators),
        len(catalog.sections),
        len(dataset),
        len(book) if book else 0,
        dataset.encodings,
    )


def compute(
    indicators: PathArg = None,
    data: PathArg = None,
    *,
    as_of: dt.date | None = None,
    pace_method: PaceMethod | str = PaceMethod.DAYS,
    tolerance: Tolerance = DEFAULT_TOLERANCE,
    engine: Engine | str = Engine.AUTO,
    progress: Progress | None = None,
    regions: PathArg = None,
    targets: PathArg = None,
) -> Report:
    """Load and compute the completion table's content (the bundled report by default).

    With period data, each region's latest figure is shown, and year on year is
    computed from the same period last year where the data has it. Each region is
    judged against its own target: `targets` (or a targets.csv/.yaml/.xlsx in the
    data folder, or a workbook's 目标 columns) assigns them; with a hierarchy
    (`regions`, or regions.csv in the data folder) a region with a parent never
    takes its parent's. Paths are str or os.PathLike; `tolerance` is checked as
    `--pace-tolerance` is (0 to 100 points); an `as_of` before every figure is refused.
    """
    tol, pace = pace_tolerance(tolerance), _choice(PaceMethod, pace_method)
    hierarchy = _hierarchy(regions, data)
    fast = _fast_frame(indicators, data, _choice(Engine, engine), progress)
    if fast is not None:
        from hrkpi.fast.latest import latest_dataset

        catalog, frame = fast
        _unlisted_regions(hierarchy, _frame_regions(frame))
        _before_the_data(as_of, frame.rows["date"].min())
        dataset = latest_dataset(frame, catalog, as_of)
    else:
        _say(progress, "reading data", 0, 2)
        catalog, dataset = load(indicators, data, hierarchy)
        _unlisted_regions(hierarchy, _dataset_regions(dataset))
        _before_the_data(as_of, min((o.as_of for o in dataset), default=None))
    book = _targets(targets, data, catalog, dataset, hierarchy)
    _say(progress, "computing", 1, 2)
    if dataset.has_periods:
        from hrkpi.engine.previous import with_data_previous

        dataset = with_data_previous(catalog, dataset)
    return compute_report(
        catalog,
        dataset,
        as_of=as_of,
        pace_method=pace,
        tolerance=tol,
        targets=book,
        hierarchy=hierarchy,
    )


def series(
    indicators: PathArg = None,
    data: PathArg = None,
    *,
    regions: PathArg = None,
    pace_method: PaceMethod | str = PaceMethod.DAYS,
    tolerance: Tolerance = DEFAULT_TOLERANCE,
    engine: Engine | str = Engine.AUTO,
    progress: Progress | None = None,
    targets: PathArg = None,
) -> SeriesTable:
    """Every stated figure with its completion, pace, year on year, limit and region sum.

    Each region's completion is against its own target (see `compute`)."""
    from hrkpi.engine.series import SeriesTable, series_rows

    tol, pace = pace_tolerance(tolerance), _choice(PaceMethod, pace_method)
    hierarchy = _hierarchy(regions, data)
    fast = _fast_frame(indicators, data, _choice(Engine, engine), progress)
    if fast is not None:
        from hrkpi.fast.run import series as fast_series

        catalog, frame = fast
        _unlisted_regions(hierarchy, _frame_regions(frame))
        table, exact = fast_series(
            frame,
            catalog,
            hierarchy,
            pace_method=pace,
            tolerance=tol,
            progress=progress,
            targets=_targets(targets, data, catalog, None, hierarchy),
        )
        return SeriesTable(frame=table, engine="fast", exact_rows=exact)
    _say(progress, "reading data", 0, 2)
    catalog, dataset = load(indicators, data, hierarchy)
    _unlisted_regions(hierarchy, _dataset_regions(dataset))
    book = _targets(targets, data, catalog, dataset, hierarchy)
    _say(progress, "computing every figure exactly", 1, 2)
    rows = series_rows(
        catalog,
        dataset,
        hierarchy,
        pace_method=pace,
        tolerance=tol,
        targets=book,
    )
    return SeriesTable(rows=rows)


def check(
    indicators: PathArg = None,
    data: PathArg = None,
    *,
    regions: PathArg = None,
    rounding: RoundingMode | str | None = None,
    method: CompareMethod | str | None = None,
    pace_method: PaceMethod | str = PaceMethod.DAYS,
    tolerance: Tolerance = DEFAULT_TOLERANCE,
    engine: Engine | str = Engine.AUTO,
    progress: Progress | None = None,
    problems_only: bool = False,
    as_of: dt.date | None = None,
    targets: PathArg = None,
) -> CheckReport:
    """Check every stated figure for consistency and every limit (`hrkpi check`).

    `rounding` overrides the data files' rounding modes; `method` overrides the
    thresholds' comparison methods (full or rounded value, GB/T 8170);
    `regions` names a hierarchy whose parents' figures are checked against
    their children's sums. `problems_only` lists only inconsistencies, failed
    limits and warnings (the rest are counted). Both engines list the same
    findings; the fast path's are built when read (`CheckReport.findings` is then
    a lazy sequence), and `exact_rows` counts the rows it re-decided exactly.
    """
    from hrkpi.checks.series import check_documents

    tol, pace = pace_tolerance(tolerance), _choice(PaceMethod, pace_method)
    mode = None if rounding is None else _choice(RoundingMode, rounding)
    compare = None if method is None else _choice(CompareMethod, method)
    chosen = _choice(Engine, engine)
    hierarchy = _hierarchy(regions, data)
    if chosen is Engine.FAST and as_of is not None:
        raise UsageError(Msg("the fast engine checks every date; use --engine exact with --as-of"))
    # Every rounding mode is read on the columns (hrkpi.fast.literals).
    exact = as_of is not None
    fast = _fast_frame(indicators, data, Engine.EXACT if exact else chosen, progress)
    if fast is not None and _restated_rows(fast[1]):
        # A figure stated twice with different figures: the exact engine compares them.
        if chosen is Engine.FAST:
            raise UsageError(
                Msg(
                    "the data states a figure twice with different figures, which the fast "
                    "engine does not compare; use --engine exact"
                )
            )
        fast = None
    if fast is not None:
        from dataclasses import replace

        from hrkpi.fast.run import check as fast_check

        catalog, frame = fast
        _unlisted_regions(hierarchy, _frame_regions(frame))
        report, exact_rows = fast_check(
            frame,
            catalog,
            hierarchy,
            rounding=mode,
            method=compare,
            pace_method=pace,
            tolerance=tol,
            progress=progress,
            targets=_targets(targets, data, catalog, None, hierarchy),
        )
        report = replace(report, engine="fast", exact_rows=exact_rows)
        return report.only_problems() if problems_only else report
    _say(progress, "reading data", 0, 2)
    catalog, dataset = load(indicators, data, hierarchy)
    _unlisted_regions(hierarchy, _dataset_regions(dataset))
    book = _targets(targets, data, catalog, dataset, hierarchy)
    _say(progress, "checking every figure exactly", 1, 2)
    report = check_documents(
        catalog,
        dataset,
        hierarchy,
        as_of=as_of,
        rounding=mode,
        method=compare,
        pace_method=pace,
        tolerance=tol,
        targets=book,
    )
    return report.only_problems() if problems_only else report


def scan(
    paths: list[str | os.PathLike[str]] | list[Path],
    *,
    as_of: dt.date | None = None,
    pace_method: PaceMethod | str = PaceMethod.DAYS,
    tolerance: Tolerance = DEFAULT_TOLERANCE,
) -> ScanReport:
    """Read reports as written (.txt, .md, .html, .docx, .pdf) and check every relation
    their figures state with the rules of `hrkpi check` (`hrkpi scan`).

    Raises InputError naming every file that cannot be read as a report.
    """
    from hrkpi.scans.result import ScanReport
    from hrkpi.scans.run import scan_text
    from hrkpi.sources.documents import read_document

    if not paths:
        raise UsageError(Msg("give at least one report file to scan"))
    tol, pace = pace_tolerance(tolerance), _choice(PaceMethod, pace_method)
    documents = []
    problems = []
    for given in paths:
        path = as_path(given)
        assert path is not None
        try:
            documents.append(read_document(path))
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    several = len(documents) > 1
    return ScanReport(
        [
            scan_text(
                doc.text,
                path=doc.path,
                kind=doc.kind,
                encoding=doc.encoding,
                as_of=as_of,
                prefix=f"f{n}_" if several else "",
                pace_method=pace,
                tolerance=tol,
            )
            for n, doc in enumerate(documents, start=1)
        ]
    )


def regional(
    indicators: PathArg = None,
    data: PathArg = None,
    *,
    regions: PathArg = None,
    targets: PathArg = None,
    parent: str | None = None,
    only: list[str] | None = None,
    order: RegionOrder | str = "hierarchy",
    as_of: dt.date | None = None,
    pace_method: PaceMethod | str = PaceMethod.DAYS,
    tolerance: Tolerance = DEFAULT_TOLERANCE,
    engine: Engine | str = Engine.AUTO,
    progress: Progress | None = None,
) -> RegionalReport:
    """The regional completion table's content (`hrkpi compute --by region`): `parent`'s
    children (default: the top region with children) as rows, each against its own
    target, with completion, pace status and rank, and the parent's totals row checked
    against their sum. `only` picks indicators (default: every one with a figure);
    `order` is "hierarchy" or "rank". Lay it out with `hrkpi.build_regional_tables`.
    """
    from hrkpi.engine.regional import RegionOrder, regional_report

    report = compute(
        indicators,
        data,
        as_of=as_of,
        pace_method=pace_method,
        tolerance=tolerance,
        engine=engine,
        progress=progress,
        regions=regions,
        targets=targets,
    )
    try:
        how = RegionOrder(str(order))
    except ValueError:
        raise UsageError(
            Msg("unknown order {order!r}; choose hierarchy or rank", order=order)
        ) from None
    return regional_report(report, parent=parent, indicators=only, order=how)
