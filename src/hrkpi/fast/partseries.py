"""The series table (`hrkpi compute --series`) on the partitioned plan
(hrkpi.fast.partition): each group of indicators read back, typed and tabled by
hrkpi.fast.series with only its rows in memory, its text kept in the temporary
folder with each row's place in the data, and the table written a group at a time
in file order.
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction
from itertools import pairwise
from pathlib import Path
from typing import IO, Any

import polars as pl

from hrkpi.core.catalog import Catalog
from hrkpi.core.pace import PaceMethod
from hrkpi.core.regions import RegionHierarchy
from hrkpi.core.targets import TargetBook
from hrkpi.fast.partition import Parts
from hrkpi.fast.partmerge import merged, write_sorted
from hrkpi.fast.partrun import own_targets
from hrkpi.fast.series import fast_series
from hrkpi.fast.workers import in_order, read_ahead

# Rows of series text (a few hundred bytes each) of a group held while merging: about
# _SERIES_HELD of all groups together, at least _SERIES_BATCH a group (fewer, larger
# pieces cost less: at 1M, in 10 groups, 2,000 a group took 5 s more CPU than 20,000).
_SERIES_BATCH = 2_000
_SERIES_HELD = 200_000


class PartTable:
    """The series table's text, a group at a time, in file order (what
    hrkpi.engine.series.SeriesTable and hrkpi.output.seriescsv read of a DataFrame)."""

    def __init__(
        self, parts: Parts, files: list[Path], height: int, ordered: bool, batch: int
    ) -> None:
        self.parts = parts  # (keeps the temporary folder while the table is read)
        self.files = files
        self.height = height
        self.ordered = ordered
        self.batch = batch  # rows of a record batch of each file (partmerge)

    def frames(self) -> Iterator[pl.DataFrame]:
        """The table in pieces, in file order."""
        if self.ordered:
            # (the next file read while this one is written: 0.27 s of reading at 1M)
            yield from read_ahead(lambda f: pl.read_ipc(f).drop("gid"), self.files)
            return
        # Groups interleave in the data: merged a piece of each at a time.
        some = False
        for piece in merged(self.files, "gid", ("gid",), self.batch):
            some = True
            yield piece.drop("gid")
        if not some and self.files:  # (the header still written)
            yield pl.read_ipc(self.files[0]).drop("gid")

    def write_csv(self, out: IO[bytes] | None = None, **options: Any) -> str | None:
        """As DataFrame.write_csv: into `out`, or returned as text."""
        pieces = []
        for i, frame in enumerate(self.frames()):
            text = frame.write_csv(None if out is None else out, include_header=i == 0, **options)
            pieces.append(text)
        return "".join(p for p in pieces if p) if out is None else None


def series_parts(
    parts: Parts,
    catalog: Catalog,
    hierarchy: RegionHierarchy | None,
    *,
    pace_method: PaceMethod,
    tolerance: Fraction,
    targets: TargetBook | None,
) -> tuple[PartTable, int]:
    """`fast_series` a group at a time: the table and the rows re-decided exactly."""
    batch = max(_SERIES_BATCH, _SERIES_HELD // max(len(parts.groups), 1))

    def tabled(group: int) -> tuple[int, int, Path, int, int]:
        """One group's table written (in a thread of its own: hrkpi.fast.workers): its
        first and last row's place in the data, its path, rows and rows re-decided."""
        frame = parts.frame(group, catalog)
        own_targets(frame, parts, group, catalog, targets, hierarchy)
        table, n = fast_series(
            frame,
            catalog,
            hierarchy,
            pace_method=pace_method,
            tolerance=tolerance,
            targets=targets,
            keep_rid=True,
        )
        gid = frame.raw.get_column("gid").gather(table.get_column("rid"))
        table = table.drop("rid").with_columns(gid.alias("gid"))
        path = parts.scratch(f"series{group}.arrow")
        write_sorted(table, path, ("gid",), batch)
        first, last = int(gid.min() or 0), int(gid.max() or 0)  # type: ignore[arg-type]
        return first, last, path, table.height, n

    parts.tables(catalog)  # (made once, before the threads)
    done = in_order(tabled, range(len(parts.groups)))
    height = sum(d[3] for d in done)
    exact = sum(d[4] for d in done)
    written = [d[:3] for d in done]
    written.sort()
    ordered = all(a[1] < b[0] for a, b in pairwise(written))
    return PartTable(parts, [p for _, _, p in written], height, ordered, batch), exact
