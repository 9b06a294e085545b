"""`hrkpi check` and the series table on the partitioned plan (hrkpi.fast.partition).

Each group of indicators is read back, typed and decided by the same functions as
the in-memory plan (hrkpi.fast.check, hrkpi.fast.series) with only its rows in
memory. What each group leaves behind goes to the temporary folder: a check's
findings as store rows (a few integers each, hrkpi.fast.findstore) with the few
columns that name its rows, a series table's text with each row's place in the
data. The findings are counted as they are made and read back by
hrkpi.fast.partfind; the series table (hrkpi.fast.partseries) is written a group at
a time in file order.

A check whose every finding is to be listed as text (`wording`, from
hrkpi.api.check's `listed_in`) has each group word its findings while its cells are
in memory, in its own thread: the lines are kept beside the store rows, a file for
each slice of 20,000 in report order, and the listing reads them back (a group after
another when the groups' findings do not interleave, else merged by their place),
building nothing. A check listing only its problems (`problems_only`) keeps and words
the problems alone: their lines made in the groups' threads too, not built on one
thread after the check.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import polars as pl

from hrkpi.checks.findings import PROBLEMS, CheckReport, Finding, Verdict
from hrkpi.checks.targets import Split
from hrkpi.core.catalog import Catalog
from hrkpi.core.errors import display_path
from hrkpi.core.models import CompareMethod
from hrkpi.core.numbers import RoundingMode
from hrkpi.core.pace import PaceMethod
from hrkpi.core.regions import RegionHierarchy
from hrkpi.core.targets import TargetBook
from hrkpi.fast import partfind, partition
from hrkpi.fast.check import fast_check
from hrkpi.fast.findstore import ColumnFindings, store
from hrkpi.fast.frame import Frame
from hrkpi.fast.partfind import KEY, KEY_ORDER, NAMES, GroupWords, PartFindings, Source, texts_file
from hrkpi.fast.partition import Parts
from hrkpi.fast.partmerge import write_sorted
from hrkpi.fast.relations import VERDICT_CODES
from hrkpi.fast.targetread import ColumnBook
from hrkpi.fast.targets import with_region_targets
from hrkpi.fast.targetsplits import split_files, splits
from hrkpi.fast.workers import in_order


def own_targets(
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
    """Some figure is stated twice with different figures: the exact engine compares them.
    Its argument is the group's frame, where the refusal finds the figure to name."""


@dataclass
class _Checked:
    """What a group's check leaves in memory (its findings are in the folder)."""

    counts: Mapping[Verdict, int]  # findings of each verdict
    decided: Sequence[Finding | Split]  # the findings the exact rules made
    figures: pl.DataFrame | None  # each figure's first row: indicator, region, year, gid
    exact: int  # rows re-decided exactly
    span: tuple[int, int] | None  # its findings' first and last key (when worded)


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
    wording: GroupWords | None = None,
    problems_only: bool = False,
) -> tuple[CheckReport, int]:
    """`fast_check` a group at a time: the report and the rows re-decided exactly.
    `wording`: the findings are to be listed as text, the frequent ones worded by it as
    each group is decided (in the groups' two threads, from the cells then in memory).
    `problems_only` (with `wording`): only the problems are listed, the rest counted
    (the report is `CheckReport.only_problems`'), so only theirs are kept and worded.
    Raises Restated when a figure is stated twice with different figures."""
    kept = PROBLEMS if problems_only and wording is not None else None
    parts.regroup(catalog, partition.GROUP_ROWS * partition.CHECK_GROUP_FACTOR)
    # The files the targets file's splits may name are known before they are decided
    # (the findings' order).
    files: set[str] = set()
    if targets is not None and hierarchy is not None:
        files = split_files(catalog, targets)
    names = sorted({display_path(f) for f in parts.files} | files)
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
    spans: list[tuple[int, int] | None] = []
    exact = 0

    def keep(
        group: int, found: ColumnFindings
    ) -> tuple[Mapping[Verdict, int], tuple[int, int] | None]:
        """The group's findings written sorted (merged a piece at a time when listed), and
        their lines with `wording`; their counts and first and last key."""
        table = found._rows.with_columns(pl.lit(group, pl.Int32).alias("group"), KEY)
        if kept is not None:
            table = table.filter(pl.col("verdict").is_in([VERDICT_CODES[v] for v in kept]))
        path = parts.scratch(f"findings{group}.arrow")
        if wording is None:
            write_sorted(table, path, KEY_ORDER, partfind.FINDINGS_BATCH)
            return found.counts(), None
        # Worded: each store row with its place in report order (`pos`); the lines apart,
        # a file for each slice of them (worded and written a slice at a time: a whole
        # group's lines, two groups at once, held about 90 MB more at 1M).
        table = table.sort(*KEY_ORDER, maintain_order=True).with_row_index("pos")
        for k, start in enumerate(range(0, table.height, partfind.TEXT_SLICE)):
            texts = wording.group_texts(found.maker, table.slice(start, partfind.TEXT_SLICE))
            pl.DataFrame({"text": texts}).write_ipc(texts_file(parts, group, k), compression="lz4")
        write_sorted(table, path, ("pos",), partfind.FINDINGS_BATCH)
        keys = table.get_column("_key")
        span = (int(keys[0]), int(keys[-1])) if table.height else None
        return found.counts(), span

    def decide(group: int) -> _Checked:
        """One group checked (in a thread of its own: hrkpi.fast.workers)."""
        frame = parts.frame(group, catalog)
        if frame.restated():
            raise Restated(frame)
        own_targets(frame, parts, group, catalog, targets, hierarchy)
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
        frame.rows.select(*NAMES).write_ipc(parts.scratch(f"names{group}.arrow"), compression="lz4")
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
        # The typed rows are done with (a maker reads the text cells): not held while the
        # findings are worded.
        frame.rows = pl.DataFrame()
        counts, span = keep(group, found)
        return _Checked(counts, found.maker.decided, firsts, n, span)

    def split_up(group: int) -> _Checked:
        """The targets file's splits, decided whole: a group of their own (worded, when
        they are, in a thread: about 1 s of the exact rules at 1M)."""
        no_rows = pl.DataFrame(schema={"file_no": pl.Int32, "line": pl.Int64})
        none = Frame(pl.DataFrame(), no_rows, parts.files, parts.columns)
        empty = pl.DataFrame(
            schema={"rid": pl.UInt32, "kind": pl.Int8, "j": pl.Int32, "verdict": pl.Int8}
        ).with_columns(pl.lit(None, pl.UInt32).alias("prior_rid"))
        found = store(empty, split_list, none, pl.DataFrame(schema=NAMES), maker_args, rank)
        counts, span = keep(group, found)
        return _Checked(counts, found.maker.decided, None, 0, span)

    parts.tables(catalog)  # (made once, before the threads)
    # The targets file's splits decided before the groups, their findings worded (when
    # they are) as a group of their own, the last. Decided beside the first two groups
    # (in a thread of their own, 2026-12-02), their joins over the whole targets file
    # were held at once with those groups': at 10M, 522,360 targets, the peak was 652-658
    # MB against 539-577 MB decided first, in the same time (26.0-28.8 s), and at 1M no
    # faster either.
    split_list: list[Finding | Split] = []
    if targets is not None and hierarchy is not None:
        split_list = list(splits(catalog, targets, hierarchy))
    last = len(parts.groups)
    checked = in_order(lambda g: split_up(g) if g == last else decide(g), range(last + 1))
    for done in checked:
        for v, k in done.counts.items():
            counted[v] = counted.get(v, 0) + k
        decided.append(done.decided)
        spans.append(done.span)
        if done.figures is not None:
            figures.append(done.figures)
        exact += done.exact
    if figures:  # (kept as columns: at ten million rows there are 870,000)
        parts.figures = pl.concat(figures).sort("gid").drop("gid")
    source = Source(parts, decided, maker_args, kept=kept)
    if wording is not None:
        source.spans = spans
    report = CheckReport(PartFindings(source, counted, wording=wording), catalog)
    # (counted whole first: the findings kept are the problems alone)
    return (report.only_problems() if kept is not None else report), exact
