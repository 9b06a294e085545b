"""The findings of `hrkpi check` on the partitioned plan (hrkpi.fast.partrun), read back.

Each group's findings are kept in the temporary folder as store rows (a few integers
each, hrkpi.fast.findstore) sorted by their place, with the few columns that name its
rows. Those read (the problems, or all) are gathered from every group, sorted into
report order, and built by the exact rules a group at a time; or, when the check
worded them as it decided the groups (`GroupWords`), their lines are read back: a
group after another when the groups' findings do not interleave, else merged by
their place, building nothing.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from itertools import pairwise
from pathlib import Path
from typing import Any, Protocol

import polars as pl

from hrkpi.checks.findings import Finding, LazyFindings, Verdict
from hrkpi.checks.targets import Split
from hrkpi.fast.findstore import Maker
from hrkpi.fast.frame import Frame
from hrkpi.fast.partition import Parts
from hrkpi.fast.partmerge import merged
from hrkpi.fast.relations import VERDICT_CODES
from hrkpi.fast.workers import read_ahead

# The columns a group's findings are built from (findstore.Maker), kept beside them.
NAMES = {
    "rid": pl.UInt32,
    "indicator": pl.String,
    "region": pl.String,
    "pkey": pl.String,
    "ind_per": pl.Int64,
    "date": pl.Date,
}


class GroupWords(Protocol):
    """Words the findings a group can word from its columns as it is decided
    (hrkpi.output.columnwords.ColumnWords, handed down by the caller who lists them)."""

    def group_texts(self, maker: Maker, rows: pl.DataFrame) -> pl.Series:
        """Each store row's line, in `rows`' order."""
        ...


def texts_file(parts: Parts, group: int, k: int) -> Path:
    """The file of the `k`th slice of a group's lines."""
    return parts.scratch(f"texts{group}.{k}.arrow")


# Groups whose word cells (hrkpi.fast.wordcells: 2-4 MB a group of 100,000 rows) are kept.
_WORDS_KEPT = 8


# A finding's file and line as one integer (a line of the data is under 2^32): the key
# the groups' sorted files are merged by (hrkpi.fast.partmerge).
KEY = (pl.col("file_rank").cast(pl.UInt64) * (1 << 32) + pl.col("line").cast(pl.UInt64)).alias(
    "_key"
)
KEY_ORDER = ("_key", "kind", "j")  # findstore._ORDER, the file and line in one
FINDINGS_BATCH = 10_000  # store rows of a group held while merging (about 40 bytes each)
# Lines of a group worded and kept in a file at a time (about 175 bytes each): a chunk.
TEXT_SLICE = LazyFindings.CHUNK
# Up to this many findings read (the problems, mostly) are gathered and sorted at once
# (about 40 MB; 0.4 s of CPU less at a million rows than merging every group's file).
_GATHER_UP_TO = 1_000_000


class Source:
    """Where every group's findings are, and the makers that build them."""

    def __init__(
        self,
        parts: Parts,
        decided: list[Sequence[Finding | Split]],
        maker_args: dict[str, Any],
        kept: Collection[Verdict] | None = None,
    ) -> None:
        self.parts = parts
        # The verdicts whose findings the groups kept (None: all; the problems alone when
        # only they are listed): what may be read.
        self.kept = None if kept is None else frozenset(kept)
        self.decided = decided  # per group (the last: the targets file's splits)
        self.maker_args = maker_args
        self._makers: dict[int, Maker] = {}
        self._words: dict[int, dict[str, object]] = {}
        # Each group's findings' first and last key, when they were worded as decided.
        self.spans: list[tuple[int, int] | None] | None = None

    def lines(self, group: int, first: int, n: int) -> pl.Series:
        """Lines [first, first + n) of a group's findings (in the order of their file)."""
        out = []
        while n > 0:
            k, at = divmod(first, TEXT_SLICE)
            took = pl.scan_ipc(texts_file(self.parts, group, k)).slice(at, n).collect()
            assert took.height
            out.append(took.get_column("text"))
            first, n = first + took.height, n - took.height
        return pl.concat(out) if len(out) != 1 else out[0]

    def in_turn(self) -> list[int] | None:
        """The groups in report order when their findings follow one another (data in
        indicator order: no group's findings fall between another's), else None."""
        if self.spans is None:
            return None
        spans = sorted((s, g) for g, s in enumerate(self.spans) if s is not None)
        if any(a[0][1] >= b[0][0] for a, b in pairwise(spans)):
            return None
        return [g for _, g in spans]

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
                rows = pl.DataFrame(schema=NAMES)
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


class PartFindings(LazyFindings):
    """Findings of every group, kept in the temporary folder sorted and counted; the ones
    read are merged into report order (hrkpi.fast.partmerge) and built a chunk at a
    time, so listing every finding holds a piece of each group's, never all of them."""

    def __init__(
        self,
        source: Source,
        counted: Mapping[Verdict, int],
        chosen: Collection[Verdict] | None = None,
        wording: GroupWords | None = None,
    ) -> None:
        self.source = source
        self.wording = wording  # what worded the findings' `text` as they were decided
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
        return merged(self.source.tables(), "_key", KEY_ORDER, FINDINGS_BATCH, keep)

    def _rows(self, start: int, stop: int) -> pl.DataFrame:
        """Store rows [start, stop) in report order: read on from the last chunk (as
        iterating reads them), or merged again from the start when asked for earlier."""
        kept = self.source.kept
        # (a check that kept only some findings returns them chosen: hrkpi.fast.partrun)
        assert kept is None or (self._chosen is not None and self._chosen <= kept)
        if len(self) <= _GATHER_UP_TO:
            if self._gathered is None:
                lf = pl.scan_ipc(self.source.tables())
                if self._chosen is not None:
                    codes = [VERDICT_CODES[v] for v in self._chosen]
                    lf = lf.filter(pl.col("verdict").is_in(codes))
                self._gathered = lf.collect().sort(*KEY_ORDER)
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
        return PartFindings(self.source, self._counted, chosen, self.wording)

    def store_pieces(
        self, with_text: bool = False
    ) -> Iterator[Iterator[tuple[Maker | None, pl.DataFrame]]]:
        """Store rows in report order a chunk at a time, each chunk as its rows by the
        maker of their group (made as they are read: two kept at a time), each with
        its place in the chunk (`_at`). `with_text`: with the lines worded as the groups
        were decided (`text`, null where to be built), if they were; a piece with none
        to build has no maker (None: its group's cells are not read again)."""
        # (every finding kept is read: the groups' lines are read back as they are)
        if with_text and self.wording is not None and self._chosen == self.source.kept:
            order = self.source.in_turn()
            if order is not None:
                yield from self._in_turn(order)
                return
            worded = True
        else:
            worded = False
        n = len(self)
        for start in range(0, n, self.CHUNK):
            chunk = self._rows(start, min(n, start + self.CHUNK)).with_row_index("_at")
            groups = chunk.group_by("group", maintain_order=True)
            if not worded:
                yield ((self.source.maker(int(g)), rows) for (g,), rows in groups)
            else:
                yield self._worded(groups)

    def _worded(
        self, groups: Iterable[tuple[tuple[object, ...], pl.DataFrame]]
    ) -> Iterator[tuple[Maker | None, pl.DataFrame]]:
        """A chunk's lines: each group's rows (one run of its findings' file) with their
        lines read by place."""
        for (g,), rows in groups:
            pos = rows.get_column("pos")
            first = int(pos[0])
            # (a group's findings in a chunk are a run of its file: every finding is read)
            assert int(pos[-1]) == first + rows.height - 1
            texts = self.source.lines(int(g), first, rows.height)  # type: ignore[call-overload]
            yield None, rows.select("_at").with_columns(texts.alias("text"))

    def _in_turn(self, order: list[int]) -> Iterator[Iterator[tuple[Maker | None, pl.DataFrame]]]:
        """Every finding's line, a group after another (their findings do not interleave):
        each group's lines read a chunk at a time, nothing merged or sorted."""
        for group in order:
            rows = pl.scan_ipc(self.source.tables()[group])
            n = int(rows.select(pl.len()).collect().item())
            for k in range(-(-n // TEXT_SLICE)):
                texts = pl.read_ipc(texts_file(self.source.parts, group, k)).with_row_index("_at")
                yield iter([(None, texts)])

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
