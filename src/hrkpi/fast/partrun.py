"""`hrkpi check` and the series table on the partitioned plan (hrkpi.fast.partition).

Each group of indicators is read back, typed and decided by the same functions as
the in-memory plan (hrkpi.fast.check, hrkpi.fast.series) with only its rows in
memory. What each group leaves behind goes to the temporary folder: a check's
findings as store rows (a few integers each, hrkpi.fast.findstore) with the few
columns that name its rows, a series table's text with each row's place in the
data. The findings are counted as they are made; those read (the problems, or
all) are gathered from every group, sorted into report order, and built by the
exact rules a group at a time. The series table is written a group at a time in
file order.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import pairwise
from pathlib import Path
from typing import IO, Any

import polars as pl

from hrkpi.checks.findings import CheckReport, Finding, LazyFindings, Verdict
from hrkpi.checks.targets import Split
from hrkpi.core.catalog import Catalog
from hrkpi.core.errors import display_path
from hrkpi.core.models import CompareMethod
from hrkpi.core.numbers import RoundingMode
from hrkpi.core.pace import PaceMethod
from hrkpi.core.regions import RegionHierarchy
from hrkpi.core.targets import TargetBook
from hrkpi.fast import partition
from hrkpi.fast.check import fast_check
from hrkpi.fast.findstore import ColumnFindings, Maker, store
from hrkpi.fast.frame import Frame
from hrkpi.fast.partition import Parts
from hrkpi.fast.partmerge import merged, write_sorted
from hrkpi.fast.relations import VERDICT_CODES
from hrkpi.fast.series import fast_series
from hrkpi.fast.targetread import ColumnBook
from hrkpi.fast.targets import with_region_targets
from hrkpi.fast.targetsplits import splits
from hrkpi.fast.workers import in_order, read_ahead

# The columns a group's findings are built from (findstore.Maker), kept beside them.
_NAMES = {
    "rid": pl.UInt32,
    "indicator": pl.String,
    "region": pl.String,
    "pkey": pl.String,
    "ind_per": pl.Int64,
    "date": pl.Date,
}


def _own_targets(
    frame: Frame,
    parts: Parts,
    group: int,
    catalog: Catalog,
    targets: TargetBook | None,
    hierarchy: RegionHierarchy | None,
) -> None:
    """Each row's own target (hrkpi.fast.targets), read from the group's targets only: a
    targets file read as columns was otherwise deduplicated whole for every group."""
    book = targets
    if isinstance(book, ColumnBook):
        names = [n for n in parts.groups[group] if n is not None]
        mine = book.table.filter(pl.col("indicator").is_in(names))
        book = ColumnBook(mine, book.files[0], book._column)
    frame.rows = with_region_targets(frame.rows, catalog, book, hierarchy)


class Restated(Exception):
    """Some figure is stated twice with different figures: the exact engine compares them."""


# Groups whose word cells (hrkpi.fast.wordcells: 2-4 MB a group of 100,000 rows) are kept.
_WORDS_KEPT = 8


class _Source:
    """Where every group's findings are, and the makers that build them."""

    def __init__(
        self,
        parts: Parts,
        decided: list[Sequence[Finding | Split]],
        maker_args: dict[str, Any],
    ) -> None:
        self.parts = parts
        self.decided = decided  # per group (the last: the targets file's splits)
        self.maker_args = maker_args
        self._makers: dict[int, Maker] = {}
        self._words: dict[int, dict[str, object]] = {}

    def tables(self) -> list[Path]:
        return [self.parts.scratch(f"findings{g}.arrow") for g in range(len(self.decided))]

    def maker(self, group: int) -> Maker:
        """The maker of one group's findings (the last two kept: reading in report order
        mostly moves from one group to the next). Called from one thread at a time."""
        if group not in self._makers:
            if len(self._makers) >= 2:
                del self._makers[next(iter(self._makers))]
            parts = self.parts
            if group < len(parts.groups):
                # (read again: kept beside the data file, the cells of ten million rows
                # took a gigabyte of disk, where /tmp may be memory)
                raw = parts.group_raw(group)
                rows = pl.read_ipc(parts.scratch(f"names{group}.arrow"))
            else:  # the splits: every finding was made by the exact rules already
                raw = pl.DataFrame(schema={"rid": pl.UInt32, "file_no": pl.Int32})
                rows = pl.DataFrame(schema=_NAMES)
            frame = Frame(pl.DataFrame(), raw, parts.files, parts.columns)
            maker = Maker(frame, rows, decided=self.decided[group], **self.maker_args)
            # What wordcells keeps of a group's rows outlives its maker (data not in
            # indicator order reads the groups in turn, chunk after chunk), for the
            # groups read last only: kept for every group, at ten million rows its
            # hundred groups' held a few hundred MB by the end of a listing.
            words = self._words.pop(group, {})
            self._words[group] = words  # (the most recent last)
            while len(self._words) > _WORDS_KEPT:
                del self._words[next(iter(self._words))]
            maker.words = words
            self._makers[group] = maker
        return self._makers[group]


# A finding's file and line as one integer (a line of the data is under 2^32): the key
# the groups' sorted files are merged by (hrkpi.fast.partmerge).
_KEY = (pl.col("file_rank").cast(pl.UInt64) * (1 << 32) + pl.col("line").cast(pl.UInt64)).alias(
    "_key"
)
_KEY_ORDER = ("_key", "kind", "j")  # findstore._ORDER, the file and line in one
_FINDINGS_BATCH = 10_000  # store rows of a group held while merging (about 40 bytes each)
# Up to this many findings read (the problems, mostly) are gathered and sorted at once
# (about 40 MB; 0.4 s of CPU less at a million rows than merging every group's file).
_GATHER_UP_TO = 1_000_000
# Rows of series text (a few hundred bytes each) of a group held while merging: about
# _SERIES_HELD of all groups together, at least _SERIES_BATCH a group (fewer, larger
# pieces cost less: at 1M, in 10 groups, 2,000 a group took 5 s more CPU than 20,000).
_SERIES_BATCH = 2_000
_SERIES_HELD = 200_000


class PartFindings(LazyFindings):
    """Findings of every group, kept in the temporary folder sorted and counted; the ones
    read are merged into report order (hrkpi.fast.partmerge) and built a chunk at a
    time, so listing every finding holds a piece of each group's, never all of them."""

    def __init__(
        self,
        source: _Source,
        counted: Mapping[Verdict, int],
        chosen: Collection[Verdict] | None = None,
    ) -> None:
        self.source = source
        self._counted = dict(counted)
        self._chosen = None if chosen is None else set(chosen)
        self._stream: Iterator[pl.DataFrame] | None = None  # the merge, read so far
        self._held: pl.DataFrame | None = None  # its last piece (rows from `_at`)
        self._at = 0
        self._gathered: pl.DataFrame | None = None  # (a few: gathered whole)

    def _pieces(self) -> Iterator[pl.DataFrame]:
        keep = None
        if self._chosen is not None:
            keep = pl.col("verdict").is_in([VERDICT_CODES[v] for v in self._chosen])
        return merged(self.source.tables(), "_key", _KEY_ORDER, _FINDINGS_BATCH, keep)

    def _rows(self, start: int, stop: int) -> pl.DataFrame:
        """Store rows [start, stop) in report order: read on from the last chunk (as
        iterating reads them), or merged again from the start when asked for earlier."""
        if len(self) <= _GATHER_UP_TO:
            if self._gathered is None:
                lf = pl.scan_ipc(self.source.tables())
                if self._chosen is not None:
                    codes = [VERDICT_CODES[v] for v in self._chosen]
                    lf = lf.filter(pl.col("verdict").is_in(codes))
                self._gathered = lf.collect().sort(*_KEY_ORDER)
            return self._gathered.slice(start, stop - start)
        if self._stream is None or start < self._at:
            self._stream, self._held, self._at = self._pieces(), None, 0
        out = []
        at = start
        while at < stop:
            if self._held is None:
                self._held = next(self._stream, None)
                if self._held is None:
                    break
            end = self._at + self._held.height
            if at < end:
                took = self._held.slice(at - self._at, stop - at)
                out.append(took)
                at += took.height
            if at >= end:  # this piece read (or passed over)
                self._at, self._held = end, None
        return pl.concat(out) if out else pl.DataFrame()

    def counts(self) -> Mapping[Verdict, int]:
        """Findings of each verdict, counted as they were made."""
        if self._chosen is None:
            return dict(self._counted)
        return {v: n for v, n in self._counted.items() if v in self._chosen}

    def __len__(self) -> int:
        return sum(self.counts().values())

    def only(self, verdicts: Collection[Verdict]) -> PartFindings:
        """The findings with one of `verdicts`."""
        chosen = set(verdicts) if self._chosen is None else self._chosen & set(verdicts)
        return PartFindings(self.source, self._counted, chosen)

    def store_pieces(self) -> Iterator[Iterator[tuple[Maker, pl.DataFrame]]]:
        """Store rows in report order a chunk at a time, each chunk as its rows by the
        maker of their group (made as they are read: two kept at a time), each with
        its place in the chunk (`_at`)."""
        n = len(self)
        for start in range(0, n, self.CHUNK):
            chunk = self._rows(start, min(n, start + self.CHUNK)).with_row_index("_at")
            groups = chunk.group_by("group", maintain_order=True)
            yield ((self.source.maker(int(g)), rows) for (g,), rows in groups)

    def _chunk(self, start: int, stop: int) -> list[Finding]:
        chunk = self._rows(start, stop).with_row_index("_at")
        out: list[Finding | None] = [None] * chunk.height
        pieces = [(int(g), rows) for (g,), rows in chunk.group_by("group", maintain_order=True)]
        # (the next group's maker, its cells and names read, made in a thread while the
        # findings of this one are built)
        makers = read_ahead(self.source.maker, [g for g, _ in pieces])
        for (_, rows), maker in zip(pieces, makers, strict=True):
            made = maker.make(rows)
            for at, finding in zip(rows["_at"].to_list(), made, strict=True):
                out[at] = finding
        return [f for f in out if f is not None]


@dataclass
class _Checked:
    """What a group's check leaves in memory (its findings are in the folder)."""

    counts: Mapping[Verdict, int]  # findings of each verdict
    decided: Sequence[Finding | Split]  # the findings the exact rules made
    figures: pl.DataFrame  # each figure's first row: indicator, region, year, gid
    exact: int  # rows re-decided exactly


def check_parts(
    parts: Parts,
    catalog: Catalog,
    hierarchy: RegionHierarchy | None,
    *,
    rounding: RoundingMode | None,
    method: CompareMethod | None,
    pace_method: PaceMethod,
    tolerance: Fraction,
    targets: TargetBook | None,
) -> tuple[CheckReport, int]:
    """`fast_check` a group at a time: the report and the rows re-decided exactly.
    Raises Restated when a figure is stated twice with different figures."""
    parts.regroup(catalog, partition.GROUP_ROWS * partition.CHECK_GROUP_FACTOR)
    split_list: list[Finding | Split] = []
    if targets is not None and hierarchy is not None:
        split_list = list(splits(catalog, targets, hierarchy))
    names = sorted({display_path(f) for f in parts.files} | {f.file for f in split_list})
    rank = {name: i for i, name in enumerate(names)}
    maker_args: dict[str, Any] = {
        "catalog": catalog,
        "hierarchy": hierarchy,
        "rounding": rounding,
        "method": method,
        "targets": targets,
    }
    decided: list[Sequence[Finding | Split]] = []
    counted: dict[Verdict, int] = {}
    figures: list[pl.DataFrame] = []
    exact = 0

    def keep(group: int, found: ColumnFindings) -> Mapping[Verdict, int]:
        """The group's findings written sorted (merged a piece at a time when listed);
        their counts."""
        table = found._rows.with_columns(pl.lit(group, pl.Int32).alias("group"))
        path = parts.scratch(f"findings{group}.arrow")
        write_sorted(table.with_columns(_KEY), path, _KEY_ORDER, _FINDINGS_BATCH)
        return found.counts()

    def decide(group: int) -> _Checked:
        """One group checked (in a thread of its own: hrkpi.fast.workers)."""
        frame = parts.frame(group, catalog)
        if frame.restated():
            raise Restated
        _own_targets(frame, parts, group, catalog, targets, hierarchy)
        report, n = fast_check(
            frame,
            catalog,
            hierarchy,
            rounding=rounding,
            method=method,
            pace_method=pace_method,
            tolerance=tolerance,
            targets=targets,
            with_splits=False,
            rank=rank,
        )
        assert isinstance(report.findings, ColumnFindings)
        found = report.findings
        frame.rows.select(*_NAMES).write_ipc(
            parts.scratch(f"names{group}.arrow"), compression="lz4"
        )
        gid = frame.raw.get_column("gid")
        firsts = (
            frame.rows.select(
                "indicator",
                "region",
                pl.col("date").dt.year().alias("year"),
                gid.gather(frame.rows.get_column("rid")).alias("gid"),
            )
            .group_by("indicator", "region", "year")
            .agg(pl.col("gid").min())
        )
        return _Checked(keep(group, found), found.maker.decided, firsts, n)

    parts.tables(catalog)  # (made once, before the threads)
    for done in in_order(decide, range(len(parts.groups))):
        for v, k in done.counts.items():
            counted[v] = counted.get(v, 0) + k
        decided.append(done.decided)
        figures.append(done.figures)
        exact += done.exact
    # The targets file's splits, decided whole: a group of their own.
    no_rows = pl.DataFrame(schema={"file_no": pl.Int32, "line": pl.Int64})
    none = Frame(pl.DataFrame(), no_rows, parts.files, parts.columns)
    empty = pl.DataFrame(
        schema={"rid": pl.UInt32, "kind": pl.Int8, "j": pl.Int32, "verdict": pl.Int8}
    ).with_columns(pl.lit(None, pl.UInt32).alias("prior_rid"))
    found = store(empty, split_list, none, pl.DataFrame(schema=_NAMES), maker_args, rank)
    for v, k in keep(len(parts.groups), found).items():
        counted[v] = counted.get(v, 0) + k
    decided.append(found.maker.decided)
    if figures:  # (kept as columns: at ten million rows there are 870,000)
        parts.figures = pl.concat(figures).sort("gid").drop("gid")
    findings = PartFindings(_Source(parts, decided, maker_args), counted)
    return CheckReport(findings, catalog), exact


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
        _own_targets(frame, parts, group, catalog, targets, hierarchy)
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
