"""The public Python API: load, compute, check, series, validate, scan. The CLI is a thin
layer on these. Here: what is computed (validate, compute, series, regional); `check`
and `scan`, the consistency of what a report states, are in `hrkpi.api.consistency`
and imported from here as ever.

Long-format data of any size goes through the same functions: from about
50 kB of CSV or Parquet (`engine="auto"`), the columnar fast path computes the
figures (`hrkpi[fast]`), re-deciding with the exact engine every row it cannot
settle exactly, so the figures are the same either way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from hrkpi.api.consistency import check, scan
from hrkpi.api.engines import FAST_FROM_BYTES, Engine, _fast_frame
from hrkpi.api.inputs import (
    PathArg,
    Progress,
    Tolerance,
    _before_the_data,
    _choice,
    _dataset_regions,
    _exact_inputs,
    _frame_regions,
    _hierarchy,
    _say,
    _targets,
    _unlisted_regions,
    as_path,
    input_paths,
    load,
    resolve_paths,
    targets_file,
    unlisted_problems,
)
from hrkpi.core.collector import collector_paused
from hrkpi.core.errors import InputError, Problem, UsageError
from hrkpi.core.messages import Msg
from hrkpi.core.pace import PaceMethod, pace_tolerance
from hrkpi.engine.indicator import DEFAULT_TOLERANCE
from hrkpi.engine.report import Report, compute_report

# Series and regions are imported where used: `hrkpi compute` on one report starts
# without them.
if TYPE_CHECKING:
    from hrkpi.core.regions import RegionHierarchy
    from hrkpi.core.targets import TargetBook
    from hrkpi.engine.regional import RegionalReport, RegionOrder
    from hrkpi.engine.series import SeriesTable

__all__ = [
    "FAST_FROM_BYTES",
    "Engine",
    "PathArg",
    "Progress",
    "Summary",
    "Tolerance",
    "as_path",
    "check",
    "compute",
    "input_paths",
    "load",
    "regional",
    "resolve_paths",
    "scan",
    "series",
    "validate",
]


@dataclass(frozen=True)
class Summary:
    """What `validate` found valid."""

    indicators: int
    sections: int
    observations: int
    targets: int = 0  # targets assigned to regions (a targets file, a workbook's 目标 columns)
    encodings: dict[str, str] = field(default_factory=dict)  # files read as GB18030 (GBK)
    regions: int = 0  # regions the hierarchy lists (--regions, or regions.csv beside the data)


def validate(
    indicators: PathArg = None,
    data: PathArg = None,
    *,
    engine: Engine | str = Engine.AUTO,
    regions: PathArg = None,
    targets: PathArg = None,
) -> Summary:
    """Check definitions and data only; raise InputError listing every problem.

    Large long-format data is read by the fast path, which reports the same problems.
    The region hierarchy (`regions`, or regions.csv in the data folder) and the targets
    (`targets`, or a targets.csv/.yaml/.xlsx in the data folder) are read as `compute`
    reads them, and their problems listed with the definitions' and the data's, as are
    the data's regions that the hierarchy does not list.
    """
    targets_file(targets, None)  # a --targets that names no file is refused first, as --regions
    try:
        hierarchy = _hierarchy(regions, data)
    except InputError as exc:
        from hrkpi.core.regions import needs_hierarchy

        # The data's own problems are listed too, but not those the broken hierarchy
        # would resolve: `check` lists only the regions file's, and so does this then.
        try:
            _validate(indicators, data, None, engine, targets)
        except InputError as more:
            rest = [p for p in more.problems if not needs_hierarchy(p)]
            raise InputError([*exc.problems, *rest]) from None
        raise
    return _validate(indicators, data, hierarchy, engine, targets)


def _validate(
    indicators: PathArg,
    data: PathArg,
    hierarchy: RegionHierarchy | None,
    engine: Engine | str,
    targets: PathArg,
) -> Summary:
    fast = _fast_frame(indicators, data, _choice(Engine, engine), None, parts=True)
    if fast is not None:
        from hrkpi.fast.frame import Frame

        catalog, frame = fast
        if isinstance(frame, Frame):
            rows = frame.rows.height
        else:  # large data: each group of indicators read and typed in turn
            frame.tables(catalog)
            rows = sum(
                frame.frame(group, catalog).rows.height for group in range(len(frame.groups))
            )
        # (the regions gathered only for a hierarchy: a large file's are a pass of their own)
        unlisted = unlisted_problems(hierarchy, _frame_regions(frame)) if hierarchy else []
        book = _listed_with(unlisted, lambda: _targets(targets, data, catalog, None, hierarchy))
        return Summary(
            len(catalog.indicators),
            len(catalog.sections),
            rows,
            len(book) if book else 0,
            regions=len(hierarchy.lines) if hierarchy else 0,
        )
    try:
        catalog, dataset = load(indicators, data, hierarchy)
    except InputError as exc:
        # The targets are checked against the definitions all the same, so one run
        # lists their problems with the data's.
        more = _target_problems(indicators, data, targets, hierarchy)
        raise InputError([*exc.problems, *more]) from None
    unlisted = unlisted_problems(hierarchy, _dataset_regions(dataset)) if hierarchy else []
    book = _listed_with(unlisted, lambda: _targets(targets, data, catalog, dataset, hierarchy))
    return Summary(
        len(catalog.indicators),
        len(catalog.sections),
        len(dataset),
        len(book) if book else 0,
        dataset.encodings,
        regions=len(hierarchy.lines) if hierarchy else 0,
    )


def _listed_with(
    problems: list[Problem], read: Callable[[], TargetBook | None]
) -> TargetBook | None:
    """The targets `read` reads, or an InputError listing `problems` (the data's) and
    theirs together."""
    try:
        book = read()
    except InputError as exc:
        raise InputError([*problems, *exc.problems]) from None
    if problems:
        raise InputError(problems)
    return book


def _target_problems(
    indicators: PathArg, data: PathArg, targets: PathArg, hierarchy: RegionHierarchy | None
) -> list[Problem]:
    """The problems of the targets file (given, or beside the data), when the
    definitions load."""
    from hrkpi.sources.loader import load_catalog
    from hrkpi.sources.targetfile import load_targets

    ind_path, data_path = resolve_paths(indicators, data)
    file = targets_file(targets, data_path)
    if file is None:
        return []
    try:
        load_targets([file], load_catalog(ind_path), hierarchy)
    except InputError as exc:
        return exc.problems
    except UsageError:
        pass
    return []


# (the collector paused: the tens of thousands of observations and results of a large
# table live to the end and hold no cycles; its passes were about 45% of the CPU at 1M)
@collector_paused(kept=True)
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
    fast = _fast_frame(indicators, data, _choice(Engine, engine), progress, parts=True)
    if fast is not None:
        from hrkpi.fast.frame import Frame
        from hrkpi.fast.latest import latest_dataset, latest_parts

        catalog, frame = fast
        _unlisted_regions(hierarchy, _frame_regions(frame))
        if isinstance(frame, Frame):
            _before_the_data(as_of, frame.rows["date"].min())
            dataset = latest_dataset(frame, catalog, as_of)
        else:  # large data, a group of indicators at a time
            dataset, earliest = latest_parts(frame, catalog, as_of)
            _before_the_data(as_of, earliest)
    else:
        _say(progress, "reading data", 0, 2)
        catalog, dataset = load(indicators, data, hierarchy)
        _unlisted_regions(hierarchy, _dataset_regions(dataset))
        _before_the_data(as_of, min((o.as_of for o in dataset), default=None))
    # (large data read as columns: a plain targets CSV read as columns too)
    book = _targets(targets, data, catalog, None if fast is not None else dataset, hierarchy)
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
    fast = _fast_frame(indicators, data, _choice(Engine, engine), progress, parts=True)
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
    catalog, dataset, book = _exact_inputs(indicators, data, targets, hierarchy, progress)
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
