"""A targets CSV read by columns for the fast path: a province's fifty thousand
targets typed in one pass, not a row at a time.

Only a file the exact reader (hrkpi.sources.targetfile) would take as it is is
read here: UTF-8 (with or without a BOM) or GBK, no quotes, no control
characters, every row with the header's cells, each cell plain (a year of four
digits, a target of digits and a point, printable names), every indicator known
and not lower-is-better, every region in the hierarchy, no region given the same
target twice, no `unit` or `primary` cell. Anything else returns None and the
exact reader reads the file, so that every problem is worded, located and
listed as it always is: this reader never words a problem of its own.

The targets stay columns (`ColumnBook`): the fast path joins them to the rows
(hrkpi.fast.targets) and decides the splits on them (hrkpi.fast.targetsplits);
the exact rules, for the few rows and findings they decide, look a region's
targets up one key at a time, and only those become AssignedTarget objects.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import polars as pl

from hrkpi.core.catalog import Catalog
from hrkpi.core.errors import display_path
from hrkpi.core.limits import MAX_LINE_CHARS, MAX_TEXT_CHARS
from hrkpi.core.models import Direction
from hrkpi.core.numbers import Figure
from hrkpi.core.regions import RegionHierarchy
from hrkpi.core.targets import AssignedTarget, TargetBook
from hrkpi.sources.targetfile import ALIASES, TARGET_COLUMNS
from hrkpi.sources.textfile import not_regular

# The controls hrkpi.core.text refuses in a name, and the carriage return of a line
# end not followed by \n: the exact reader reads (or refuses) such files.
_ODD = re.compile(r'[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"]')
# What str.strip() removes, but for the controls refused above.
_SPACE = " \xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
_SPACE += "\u202f\u205f\u3000"
# As the exact reader's plain rows (targetfile._plain), in ASCII digits only: Python's
# \d takes any script's digits, which the model then reads; such a file goes there.
_YEAR = r"^(?:19|2[0-9])[0-9][0-9]$"
_FIGURE = r"^(?:0|[1-9][0-9]{0,17})(?:\.[0-9]{1,12})?$"
_REQUIRED = ("indicator", "region", "year", "target")
_KEY = list(_REQUIRED[:3])
# Read whole, unlike the exact reader's line at a time: a larger file (ten times a
# province's) is left to it.
_MAX_BYTES = 64 * 2**20
EXACT = pl.Decimal(38, 12)  # every plain target (18 digits, 12 decimals), and sums of them
# Targets made and kept: listing every finding reads each once (the splits' words), and
# every one of the 522,360 of ten million figures kept held 314 MB.
_MADE = 65_536


class ColumnBook(TargetBook):
    """A targets file as columns: indicator, region, year, target (the literal),
    decimals, name, line, and the row's place `i` in the file. Looked up as any
    TargetBook; each AssignedTarget is made when first asked for."""

    def __init__(self, table: pl.DataFrame, file: str, column: int) -> None:
        object.__setattr__(self, "files", (file,))
        object.__setattr__(self, "_index", {})
        pairs = table.select("indicator", "year").unique()
        object.__setattr__(self, "_years", set(pairs.iter_rows()))
        object.__setattr__(self, "table", table)
        object.__setattr__(self, "_column", column)  # the target's column, for `where`
        object.__setattr__(self, "_made", {})
        object.__setattr__(self, "_keys", None)
        object.__setattr__(self, "_cells", None)

    table: pl.DataFrame
    _column: int
    _made: dict[int, AssignedTarget]
    _keys: _Keys | None
    _cells: _Cells | None

    @property
    def targets(self) -> tuple[AssignedTarget, ...]:
        """Every target, made (only the exact rules reading the whole book ask)."""
        return tuple(self.target(i) for i in range(self.table.height))

    def _rows(self, key: tuple[str, str, int]) -> list[int]:
        """The rows of `key`, in file order (the index made on the first look-up)."""
        keys = self._keys
        if keys is None:
            keys = _Keys(self.table)
            # (published whole: two groups decided at once may both look up)
            object.__setattr__(self, "_keys", keys)
        return keys.rows(*key)

    def target(self, i: int) -> AssignedTarget:
        """The target of row `i` (the last `_MADE` made are kept)."""
        made = self._made
        found = made.get(i)
        if found is None:
            cells = self._cells
            if cells is None:
                cells = _Cells(self.table)
                object.__setattr__(self, "_cells", cells)
            found = self._make(*cells.row(i))
            if len(made) >= _MADE:
                # (emptied, not trimmed: two groups decided at once may both be here)
                made.clear()
            made[i] = found
        return found

    def _make(
        self,
        indicator: str,
        region: str,
        year: int,
        literal: str,
        decimals: int,
        name: str,
        line: int,
    ) -> AssignedTarget:
        file = self.files[0]
        return AssignedTarget(
            indicator,
            region,
            year,
            Figure(literal, Decimal(literal), decimals),
            name=name,
            file=file,
            line=line,
            where=f"{file}:{line}:{self._column}",
        )

    def __iter__(self) -> Iterator[AssignedTarget]:
        return iter(self.targets)

    def __len__(self) -> int:
        return self.table.height

    def of(self, indicator: str, region: str, year: int) -> list[AssignedTarget]:
        """The targets assigned to `region` for `indicator` in `year`, in file order."""
        return [self.target(i) for i in self._rows((indicator, region, year))]

    def regions(self) -> list[str]:
        """Every region the file names, in file order."""
        return self.table["region"].unique(maintain_order=True).to_list()


def _coded(column: pl.Series) -> tuple[list[Any], array[int]]:
    """A column as its distinct values and each row's place among them."""
    values = column.unique(maintain_order=True)
    codes = column.cast(pl.Enum(values)).to_physical() if values.len() else column
    return values.to_list(), array("I", codes.to_list())


class _Keys:
    """Each row's indicator, region and year as one integer, sorted (with the rows in
    that order): a key's rows found by bisection. A dict of the keys held about 300
    bytes a row in Python objects (150 MB for the 522,000 targets of ten million
    figures); these arrays hold 16."""

    def __init__(self, table: pl.DataFrame) -> None:
        indicators = table.get_column("indicator").unique(maintain_order=True)
        regions = table.get_column("region").unique(maintain_order=True)
        self.indicator = {name: n for n, name in enumerate(indicators.to_list())}
        self.region = {name: n for n, name in enumerate(regions.to_list())}
        key = _key(
            pl.col("indicator").cast(pl.Enum(indicators)).to_physical().cast(pl.Int64),
            pl.col("region").cast(pl.Enum(regions)).to_physical().cast(pl.Int64),
            pl.col("year"),
        )
        ordered = table.select(key.alias("key"), "i").sort("key", "i")
        self.keys = array("q", ordered.get_column("key").to_list())
        self.places = array("q", ordered.get_column("i").to_list())

    def rows(self, indicator: str, region: str, year: int) -> list[int]:
        """The rows of one key, in file order."""
        a, b = self.indicator.get(indicator), self.region.get(region)
        if a is None or b is None or not 0 <= year < 1 << 16:
            return []
        key = _key(a, b, year)
        at = bisect_left(self.keys, key)
        out = []
        while at < len(self.keys) and self.keys[at] == key:
            out.append(self.places[at])
            at += 1
        return out


_K = TypeVar("_K", int, pl.Expr)


def _key(indicator: _K, region: _K, year: _K) -> _K:
    """A row's indicator, region and year (under 2^16: four digits) as one integer."""
    return indicator * (1 << 40) + region * (1 << 16) + year


class _Cells:
    """A table's cells a target is made of, held compactly: the names as each row's
    place among the distinct ones, the literals as one text cut at their ends. The
    columns as lists held about 300 bytes a row in Python objects (157 MB at ten
    million figures); these about 30, and a row is read as fast."""

    def __init__(self, table: pl.DataFrame) -> None:
        self.indicators, self.indicator = _coded(table.get_column("indicator"))
        self.regions, self.region = _coded(table.get_column("region"))
        self.names, self.name = _coded(table.get_column("name"))
        self.year = array("i", table.get_column("year").to_list())
        self.decimals = array("i", table.get_column("decimals").to_list())
        self.line = array("i", table.get_column("line").to_list())
        literals = table.get_column("target")
        self.literals = "".join(literals.to_list())
        ends = literals.str.len_chars().cast(pl.Int64).cum_sum()
        self.ends = array("q", [0, *ends.to_list()])

    def row(self, i: int) -> tuple[str, str, int, str, int, str, int]:
        """Row `i`'s indicator, region, year, literal, decimals, name and line."""
        return (
            self.indicators[self.indicator[i]],
            self.regions[self.region[i]],
            self.year[i],
            self.literals[self.ends[i] : self.ends[i + 1]],
            self.decimals[i],
            self.names[self.name[i]],
            self.line[i],
        )


def read_target_columns(
    path: Path, catalog: Catalog, hierarchy: RegionHierarchy | None
) -> ColumnBook | None:
    """The targets of a plain targets CSV as columns; None for any other file (a
    workbook, YAML, a quote, a cell the exact reader would read or refuse on its own),
    which the exact reader then reads."""
    if path.suffix.lower() != ".csv" or not_regular(path) is not None:
        return None
    try:
        if path.stat().st_size > _MAX_BYTES:
            return None
        data = path.read_bytes()
    except OSError:
        return None
    text = _decoded(data)
    if text is None:
        return None
    text = text.replace("\r\n", "\n")
    if _ODD.search(text):
        return None
    first, _, rest = text.partition("\n")
    header = [ALIASES.get(h.strip(_SPACE), h.strip(_SPACE)) for h in first.split(",")]
    if (
        len(set(header)) < len(header)
        or not set(header) <= TARGET_COLUMNS.keys()
        or not set(_REQUIRED) <= set(header)
    ):
        return None
    cells = _cells(first, rest, header)
    table = None if cells is None else _typed(cells, catalog, hierarchy)
    if table is None:
        return None
    return ColumnBook(table, display_path(path), header.index("target") + 1)


def _decoded(data: bytes) -> str | None:
    """As hrkpi.sources.textfile.table_encoding reads it: UTF-8 (a BOM dropped), else
    GB18030; None when it is neither."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        return None


def _cells(first: str, rest: str, header: list[str]) -> pl.DataFrame | None:
    """Each row's line and cells (stripped, as the exact reader strips them), blank rows
    left out; None when a row has more or fewer cells than the header, or a line is
    longer than the exact reader reads, or a `unit` or `primary` cell is filled."""
    # (the lines split by polars: a Python string each held 70 MB at ten million figures)
    # (the one cell's list of lines taken as it is: no explode, whose handling of an
    # empty list polars 1.42 asks to be told)
    lines: pl.Series = pl.Series("text", [rest]).str.split("\n")[0]
    raw = lines.to_frame("text")
    raw = raw.with_row_index("n")
    stripped = pl.col("text").str.replace_all(",", "", literal=True).str.strip_chars(_SPACE)
    raw = raw.filter(stripped != "")  # blank rows, as the exact reader skips them
    if raw.height == 0:
        return None
    shape = raw.select(
        (pl.col("text").str.count_matches(",", literal=True) != len(header) - 1)
        .any()
        .alias("ragged"),
        (pl.col("text").str.len_chars() >= MAX_LINE_CHARS).any().alias("long"),
    ).row(0)
    if any(shape) or len(first) >= MAX_LINE_CHARS:
        return None
    split = pl.col("text").str.split_exact(",", len(header) - 1)
    cells = raw.select(
        (pl.col("n") + 2).cast(pl.Int64).alias("line"),
        *(
            split.struct.field(f"field_{j}").str.strip_chars(_SPACE).alias(h)
            for j, h in enumerate(header)
        ),
    )
    for extra in ("unit", "primary"):
        if extra in header and (cells[extra] != "").any():
            return None
    if "name" not in header:
        cells = cells.with_columns(pl.lit("").alias("name"))
    return cells.select("line", *_REQUIRED, "name")


def _typed(
    cells: pl.DataFrame, catalog: Catalog, hierarchy: RegionHierarchy | None
) -> pl.DataFrame | None:
    """The rows with year and decimals typed, or None when one is not as the exact
    reader takes it without a word (targetfile._targets)."""
    ids = [i.id for i in catalog.indicators.values() if i.direction is not Direction.LOWER]
    plain = (
        pl.col("indicator").is_in(ids)
        & pl.col("year").str.contains(_YEAR)
        & pl.col("target").str.contains(_FIGURE)
        & pl.col("target").str.contains("[1-9]")  # greater than zero
        & (pl.col("region") != "")
        & (pl.col("region").str.len_chars() <= MAX_TEXT_CHARS)
        & (pl.col("name").str.len_chars() <= MAX_TEXT_CHARS)
    )
    if hierarchy is not None:
        known = set(hierarchy.lines) | set(hierarchy.parent.values())
        plain = plain & pl.col("region").is_in(list(known))
    if not cells.select(plain.all()).item():
        return None
    point = pl.col("target").str.find(".", literal=True)
    typed = cells.with_row_index("i").with_columns(
        pl.col("year").cast(pl.Int64),
        pl.when(point.is_null())
        .then(0)
        .otherwise(pl.col("target").str.len_chars() - point - 1)
        .cast(pl.Int32)
        .alias("decimals"),
    )
    if typed.select(pl.struct(*_REQUIRED[:3], "name").is_duplicated().any()).item():
        return None  # (the exact reader says where the first one is)
    return typed
