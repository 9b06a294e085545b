"""Reading long-format CSV and Parquet into typed columns (polars, lazily).

Every cell is read as text, so a literal keeps its digits ("236.60" stays two
decimals), then typed (hrkpi.fast.typedrows): split into an integer mantissa,
its decimals and any approximation word: 236.60 is 23660 x 10^-2, "近84" is 84
just below. No figure ever passes through a float or a polars Decimal (whose
division truncates). A row the columns cannot type (a figure with thousands
separators, an overflow, a row without a period ...) is parsed by the exact
CSV reader: a bad row becomes a located Problem, and a valid one is marked
`odd` and re-decided by the exact engine, row by row, with the rows it
depends on. Only a file whose lines are not its rows (quoted line breaks)
goes to the exact engine whole (`Unsupported`).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from hrkpi.core.catalog import Catalog
from hrkpi.core.errors import InputError, Problem, display_path
from hrkpi.core.messages import Msg
from hrkpi.core.observations import Observation
from hrkpi.fast.csvcheck import check_text_file

# (the typing's names, imported from here before it had a module of its own)
from hrkpi.fast.typedrows import _CELLS as _CELLS
from hrkpi.fast.typedrows import CHUNK as CHUNK
from hrkpi.fast.typedrows import _typed as _typed
from hrkpi.fast.typedrows import lookups as lookups
from hrkpi.sources.csvfile import row_observation
from hrkpi.sources.parquetfile import parquet_problems

# The cells two rows of one figure may differ in (a restatement); the rest (quote,
# location, source) may differ freely.
RESTATED_CELLS: tuple[str, ...] = ("value", "unit", "completion", "base", "change_pct")
RESTATED_CELLS += ("rounding", "change_abs", "change_pp", "previous")


class Unsupported(Exception):
    """The data is valid but has rows the columnar path does not carry."""


@dataclass
class Frame:
    """The rows of every data file as typed columns, in file order (column `rid`)."""

    rows: pl.DataFrame
    raw: pl.DataFrame  # the text cells, by rid, for rebuilding a row exactly
    files: list[Path]
    columns: list[dict[str, int]]  # per file: column name -> 1-based column number

    def observation(self, rid: int, catalog: Catalog) -> Observation:
        """The exact Observation of one row (for re-deciding it with Fractions)."""
        problems: list[Problem] = []
        obs = self.read_row(rid, catalog, problems)
        if obs is None:  # pragma: no cover - rows were validated when read
            raise InputError(problems)
        return obs

    def text(self, *names: str) -> pl.DataFrame:
        """The text cells `names` of every row, with its `rid` (null where no file has
        the column: such columns are not kept, at 16 bytes a row each)."""
        return self.raw.select(
            "rid",
            *[
                pl.col(n) if n in self.raw.columns else pl.lit(None, pl.String).alias(n)
                for n in names
            ],
        )

    def restated(self) -> bool:
        """True when some figure (indicator, region, period) is stated by two rows that
        differ in more than their quote, location or source."""
        dup = self.rows.select("rid", "key").filter(pl.col("key").is_duplicated())
        if dup.height == 0:
            return False
        raw = self.text(*RESTATED_CELLS).join(dup, on="rid")
        differing = raw.group_by("key").agg(
            pl.concat_str(
                [pl.col(c).fill_null("") for c in RESTATED_CELLS], separator="\x1f"
            ).n_unique()
        )
        return bool((differing.get_column(differing.columns[1]) > 1).any())

    def read_row(self, rid: int, catalog: Catalog, problems: list[Problem]) -> Observation | None:
        """One row read by the exact reader: its Observation, or None with its problems."""
        rec = self.raw.row(rid, named=True)
        no = rec["file_no"]
        cells = {k: v for k, v in rec.items() if k in self.columns[no] and v}
        return row_observation(
            self.files[no], rec["line"], cells, self.columns[no], catalog, problems, self.shown[no]
        )

    @functools.cached_property
    def shown(self) -> list[str]:
        """Each file as messages show it (display_path), worked out once."""
        return [display_path(f) for f in self.files]


def _text(lf: pl.LazyFrame, names: list[str]) -> pl.LazyFrame:
    """Every column as stripped text; empty cells as null."""
    # In two steps: written as one expression the strip was computed twice (for the
    # test and the value), a third of the CPU of writing the data's cells at 1M rows.
    stripped = [pl.col(n).cast(pl.String).str.strip_chars() for n in names]
    empty = [pl.when(pl.col(n) == "").then(None).otherwise(pl.col(n)).alias(n) for n in names]
    return lf.with_columns(stripped).with_columns(empty)


def _scan(
    file: Path, no: int, problems: list[Problem], counts: dict[int, int]
) -> tuple[pl.LazyFrame, dict[str, int]]:
    before = len(problems)
    plain = False
    if file.suffix.lower() == ".parquet":
        lf = pl.scan_parquet(file)
        first_line = 1  # parquet rows are numbered from 1
        names = lf.collect_schema().names()
        header = [n.strip() for n in names]
        dtypes = [str(t) for t in lf.collect_schema().dtypes()]
        problems.extend(parquet_problems(file, dict(zip(header, dtypes, strict=True))))
    else:
        header, counts[no], plain = check_text_file(file, problems)
        if len(problems) > before:
            return pl.LazyFrame(), {}
        lf = pl.scan_csv(file, infer_schema=False, encoding="utf8-lossy", raise_if_empty=False)
        first_line = 2
        names = lf.collect_schema().names()
        if len(names) != len(header):  # pragma: no cover - the header was read above
            return pl.LazyFrame(), {}
    if len(problems) > before:
        return pl.LazyFrame(), {}
    lf = lf.rename(dict(zip(names, header, strict=True)))
    columns = {name: j + 1 for j, name in enumerate(header)}
    # Every kept cell but the two required ones (the header check refuses data without them).
    missing = [c for c in _CELLS if c not in ("indicator", "value") and c not in header]
    # A CSV without a quote or white space is read as it is to be read: polars reads its
    # empty cells as null and there is nothing to strip (the two passes are a third of
    # the CPU of writing the data's cells at 1M rows).
    lf = lf if plain else _text(lf, header)
    lf = lf.with_columns([pl.lit(None, pl.String).alias(c) for c in missing])
    lf = lf.with_row_index("line", offset=first_line).with_columns(
        pl.lit(no, pl.Int32).alias("file_no"), pl.col("line").cast(pl.Int64)
    )
    return lf, columns


Scanned = tuple[list[tuple[pl.LazyFrame, dict[str, int]]], dict[int, int]]


def scan_files(files: list[Path]) -> Scanned:
    """Each file checked and scanned lazily: (its lazy rows and columns, each CSV's line
    count by file number); raise InputError with every problem located."""
    problems: list[Problem] = []
    counts: dict[int, int] = {}
    scanned = [_scan(f, i, problems, counts) for i, f in enumerate(files)]
    if problems:
        raise InputError(problems)
    return scanned, counts


def read_frame(files: list[Path], catalog: Catalog, scan: Scanned | None = None) -> Frame:
    """Read and type every row (`scan`: the files as scan_files gave them); raise
    InputError (every problem located) or Unsupported."""
    scanned, counts = scan or scan_files(files)
    keep = ["file_no", "line", *_CELLS]
    # Columns no file has are left out (null for every row); Frame.text supplies them.
    present = {name for _, columns in scanned for name in columns}
    keep = [c for c in keep if c in present or c in ("file_no", "line")]
    raw = pl.concat([lf.select(keep) for lf, _ in scanned]).collect(engine="streaming")
    # The streaming engine may reorder rows: put them back in file order before
    # numbering them, since a later row wins over an earlier one with the same key.
    # (It seldom does: a look at the order costs a fiftieth of the sort, 0.27 s at 1M.)
    order = pl.col("file_no").cast(pl.Int64) * (1 << 40) + pl.col("line")
    if not raw.select(order).to_series().is_sorted():
        raw = raw.sort("file_no", "line")
    raw = raw.with_row_index("rid")
    for i, file in enumerate(files):
        if file.suffix.lower() != ".parquet":
            # Every physical line after the header is one row (no blank lines or quoted
            # line breaks), so row i stands at line i + 2.
            n = raw.filter(pl.col("file_no") == i).height
            if counts[i] != n + 1:
                raise Unsupported(
                    Msg("{file} has blank lines or line breaks in cells", file=display_path(file))
                )
    frame = Frame(pl.DataFrame(), raw, files, [c for _, c in scanned])
    frame.rows = _typed(raw, catalog, frame)
    return frame
