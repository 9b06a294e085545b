"""Running the fast path: read once, then the series table or the check, with
progress reported to a callback (the library never prints)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hrkpi.checks.findings import CheckReport
from hrkpi.core.catalog import Catalog
from hrkpi.core.errors import InputError, display_path, problem
from hrkpi.core.messages import Msg
from hrkpi.core.models import CompareMethod
from hrkpi.core.numbers import RoundingMode
from hrkpi.core.pace import PaceMethod
from hrkpi.core.regions import RegionHierarchy
from hrkpi.core.targets import TargetBook
from hrkpi.core.units import declared_units
from hrkpi.fast.check import fast_check
from hrkpi.fast.findstore import ColumnFindings
from hrkpi.fast.frame import Frame, read_frame, scan_files
from hrkpi.fast.partition import Parts, scratch_errors, split
from hrkpi.fast.series import fast_series
from hrkpi.sources.csvfile import structure_problems

if TYPE_CHECKING:
    from hrkpi.fast.partfind import GroupWords

Progress = Callable[[str, int, int], None]  # (what is being done, steps done, steps in all)


def _quiet(stage: str, done: int, total: int) -> None:
    """No progress wanted."""


def read(
    files: list[Path], catalog: Catalog, progress: Progress | None = None, *, parts: bool = False
) -> Frame | Parts:
    """Read every data file into columns (raises InputError or Unsupported); with
    `parts`, large data is split by indicator instead, to be read a group at a time
    (hrkpi.fast.partition)."""
    (progress or _quiet)("reading data", 0, 3)
    with _readable(files):
        scanned = scan_files(files)
        if parts:
            split_up = split(files, catalog, scanned)
            if split_up is not None:
                return split_up
        frame = read_frame(files, catalog, scanned)
    if frame.rows.height == 0:
        # As the exact reader: an empty draft must not pass a CI check.
        raise InputError(
            [
                problem(
                    files[0],
                    1,
                    1,
                    "",
                    Msg(
                        "no stated figures in the data; add figures "
                        "(or point --data at the right file or folder)"
                    ),
                )
            ]
        )
    return frame


@contextmanager
def _readable(files: list[Path]) -> Iterator[None]:
    """polars reads lazily: a malformed CSV (an unterminated quote) surfaces at any
    later step. Turn it into bad input naming the files, not an internal error."""
    import polars as pl

    try:
        yield
    except (pl.exceptions.ComputeError, pl.exceptions.NoDataError) as exc:
        # Name the line as the exact reader would, where it can; else polars' words.
        located = [p for f in files if f.suffix.lower() == ".csv" for p in structure_problems(f)]
        if located:
            raise InputError(located) from None
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        names = tuple(display_path(f) for f in files)
        raise InputError(
            [
                problem(
                    files[0],
                    1,
                    1,
                    "",
                    # polars' own words (English) say what it could not read.
                    Msg(
                        "cannot read the data as CSV ({why}); check quotes and separators in "
                        "{names} (--engine exact names the line)",
                        why=first,
                        names=names,
                    ),
                )
            ]
        ) from None


def series(
    frame: Frame | Parts,
    catalog: Catalog,
    hierarchy: RegionHierarchy | None,
    *,
    pace_method: PaceMethod,
    tolerance: Fraction,
    progress: Progress | None = None,
    targets: TargetBook | None = None,
) -> tuple[Any, int]:
    """The series table's text columns (a polars DataFrame) and the rows re-decided."""
    (progress or _quiet)("computing", 1, 3)
    if isinstance(frame, Parts):
        from hrkpi.fast.partseries import series_parts

        with _guarded(frame, catalog):
            part_table, exact = series_parts(
                frame,
                catalog,
                hierarchy,
                pace_method=pace_method,
                tolerance=tolerance,
                targets=targets,
            )
        (progress or _quiet)("computed", 3, 3)
        return part_table, exact
    with _readable(frame.files):
        frame = _own_targets(frame, catalog, targets, hierarchy)
        table, exact = fast_series(
            frame,
            catalog,
            hierarchy,
            pace_method=pace_method,
            tolerance=tolerance,
            targets=targets,
        )
    (progress or _quiet)("computed", 3, 3)
    return table, exact


def check(
    frame: Frame | Parts,
    catalog: Catalog,
    hierarchy: RegionHierarchy | None,
    *,
    rounding: RoundingMode | None,
    method: CompareMethod | None,
    pace_method: PaceMethod,
    tolerance: Fraction,
    progress: Progress | None = None,
    targets: TargetBook | None = None,
    wording: GroupWords | None = None,
    problems_only: bool = False,
) -> tuple[CheckReport, int]:
    """Check every row: the report (its findings built when read) and the number of
    rows the exact engine re-decided. `wording`: the findings are to be listed as text
    (`problems_only`: the problems alone), the partitioned plan's groups word theirs as
    they are decided (and then keep only the problems when only they are listed: the
    report is already `only_problems`')."""
    (progress or _quiet)("checking", 1, 3)
    if isinstance(frame, Parts):
        from hrkpi.fast.partrun import check_parts

        with _guarded(frame, catalog):
            report, exact = check_parts(
                frame,
                catalog,
                hierarchy,
                rounding=rounding,
                method=method,
                pace_method=pace_method,
                tolerance=tolerance,
                targets=targets,
                wording=wording,
                problems_only=problems_only,
            )
        (progress or _quiet)("checked", 3, 3)
        return report, exact
    with _readable(frame.files):
        frame = _own_targets(frame, catalog, targets, hierarchy)
        report, exact = fast_check(
            frame,
            catalog,
            hierarchy,
            rounding=rounding,
            method=method,
            pace_method=pace_method,
            tolerance=tolerance,
            targets=targets,
        )
    if wording is not None and isinstance(report.findings, ColumnFindings):
        report.findings.wording = wording  # (its templates made once for the listing)
    (progress or _quiet)("checked", 3, 3)
    return report, exact


@contextmanager
def _guarded(parts: Parts, catalog: Catalog) -> Iterator[None]:
    """A partitioned run's errors worded (malformed CSV, temporary folder) with the
    folder's declared units known, and the folder removed when the run stops (an
    error, Ctrl-C); kept while its findings or table are still to be read."""
    with _readable(parts.files), declared_units(catalog.units):
        try:
            with scratch_errors(parts.folder):
                yield
        except BaseException:
            parts.close()
            raise


def _own_targets(
    frame: Frame, catalog: Catalog, targets: TargetBook | None, hierarchy: RegionHierarchy | None
) -> Frame:
    """The frame with each row's own target (never its parent region's), in place: the
    rows before are not kept (a second copy of a million typed rows is 250 MB)."""
    from hrkpi.fast.targets import with_region_targets

    frame.rows = with_region_targets(frame.rows, catalog, targets, hierarchy)
    return frame
