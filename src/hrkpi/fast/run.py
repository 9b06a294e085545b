"""Running the fast path: read once, then the series table or the check, with
progress reported to a callback (the library never prints)."""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import Any

from hrkpi.catalog import Catalog
from hrkpi.fast.check import TalliedCheckReport, fast_check
from hrkpi.fast.frame import Frame, read_frame
from hrkpi.fast.series import fast_series
from hrkpi.models import CompareMethod
from hrkpi.pace import PaceMethod
from hrkpi.regions import RegionHierarchy

Progress = Callable[[str, int, int], None]  # (what is being done, steps done, steps in all)


def _quiet(stage: str, done: int, total: int) -> None:
    """No progress wanted."""


def read(files: list[Path], catalog: Catalog, progress: Progress | None = None) -> Frame:
    """Read every data file into columns (raises InputError or Unsupported)."""
    (progress or _quiet)("reading data", 0, 3)
    return read_frame(files, catalog)


def series(
    frame: Frame,
    catalog: Catalog,
    hierarchy: RegionHierarchy | None,
    *,
    pace_method: PaceMethod,
    tolerance: Fraction,
    progress: Progress | None = None,
) -> tuple[Any, int]:
    """The series table's text columns (a polars DataFrame) and the rows re-decided."""
    (progress or _quiet)("computing", 1, 3)
    table, exact = fast_series(
        frame, catalog, hierarchy, pace_method=pace_method, tolerance=tolerance
    )
    (progress or _quiet)("computed", 3, 3)
    return table, exact


def check(
    frame: Frame,
    catalog: Catalog,
    hierarchy: RegionHierarchy | None,
    *,
    method: CompareMethod | None,
    pace_method: PaceMethod,
    tolerance: Fraction,
    progress: Progress | None = None,
) -> TalliedCheckReport:
    """Check every row (consistent relations counted, the rest listed)."""
    (progress or _quiet)("checking", 1, 3)
    report, _ = fast_check(
        frame, catalog, hierarchy, method=method, pace_method=pace_method, tolerance=tolerance
    )
    (progress or _quiet)("checked", 3, 3)
    return report
