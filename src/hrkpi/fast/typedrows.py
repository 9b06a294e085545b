"""The rows' text cells typed as columns: each literal's mantissa, decimals and
word (hrkpi.fast.literals), the period, date and unit looked up, the
indicator's columns joined, and whether the columns can carry the row (`odd`:
the exact reader reads it) and whether the series computes it (`plain`).

Rows are typed in chunks (`CHUNK`; a group of large data in one), every join
with a small lookup table; a row the columns cannot type is read by the exact
reader as its chunk is typed, so bad input is reported as that reader reports
it (hrkpi.fast.frame reads the files).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import polars as pl

from hrkpi.core.catalog import Catalog
from hrkpi.core.dates import parse_date
from hrkpi.core.errors import InputError, Problem, display_path
from hrkpi.core.limits import MAX_PROBLEMS_PER_FILE
from hrkpi.core.messages import Msg
from hrkpi.core.text import CONTROL, CONTROL_MULTILINE
from hrkpi.fast.literals import LITERALS, MODE_CODES, plain_literal, with_literal
from hrkpi.fast.lookups import (
    PERIOD,
    SAFE,
    UNIT,
    indicator_table,
    keyed,
    lookup,
    period_fields,
    unit_fields,
)

if TYPE_CHECKING:
    from hrkpi.fast.frame import Frame

CHUNK = 100_000  # rows typed at a time
_EMPTY_ONLY = ("change_abs", "change_pp", "previous")
_TEXT = ("region", "source", "location")  # one line each; quote may run over lines
_DATE = r"^\d{4}-\d{2}-\d{2}$"
_CELLS = [  # the text cells kept of each row
    "indicator",
    "region",
    "period",
    "as_of",
    "value",
    "unit",
    "completion",
    "base",
    "change_pct",
    "rounding",
    "source",
    "quote",
    "location",
    *_EMPTY_ONLY,
]


_KEEP = [
    "rid",
    "indicator",
    "region",
    "period_code",
    "date",
    "year",
    "first",
    "last",
    "ytd",
    *[f"{name}_{x}" for name in LITERALS for x in "mswz"],
    "e",
    "row_pow",
    "rnd",
    "base",
    "unit_given",
    "unit_symbol",
    "ind_unit",
    "ind_pow",
    "is_int",
    "is_rate",
    "points",
    "is_flow",
    "higher",
    "additive",
    "ind_dec",
    "t_m",
    "t_s",
    "n_thr",
    "has_parts",
    "pkey",
    "file_no",
    "line",
]


_TYPED = {"m": pl.Int64, "s": pl.Int32, "w": pl.Int8, "z": pl.Int32}


def _literals(chunk: pl.DataFrame) -> list[pl.Series]:
    """Every literal column typed: every cell of all six read as a plain figure in one
    plan, and the cells that are not (近84, 1400多, a unit or bad text: their mantissa
    did not parse) by `with_literal` on those rows alone, set in place.

    A cell's mantissa parses (its first "." taken out, the rest read as an integer)
    exactly when it is a plain figure as `is_plain` has it, but for digits other than
    ASCII and more than 18 of them, which `with_literal` reads as the plain reading
    does (no mantissa): so no pattern pass is needed to tell the plain cells, which
    cost a third of the typing of the literals at a million rows (254 to 174 ms)."""
    typed = (
        chunk.lazy()
        .select(
            *[e.cast(_TYPED[e.meta.output_name()[-1]]) for n in LITERALS for e in plain_literal(n)]
        )
        .collect(engine="in-memory")
    )
    out = []
    for name in LITERALS:
        columns = [typed.get_column(f"{name}_{x}") for x in _TYPED]
        rest = chunk.get_column(name).is_not_null() & columns[0].is_null()
        if rest.any():
            at = rest.arg_true()
            other = with_literal(chunk.select(name).filter(rest).lazy(), name).collect(
                engine="in-memory"
            )
            columns = [c.scatter(at, other.get_column(c.name).cast(c.dtype)) for c in columns]
        out += columns
    return out


def _more(frame: Frame, odd: pl.DataFrame, first: pl.DataFrame) -> Problem:
    """The line that ends a file's listed problems, with how many rows are left."""
    left = odd.join(first.select("rid"), on="rid", how="anti")
    rec = frame.raw.row(left["rid"][0], named=True)
    return Problem(
        display_path(frame.files[rec["file_no"]]),
        rec["line"],
        1,
        "",
        Msg(
            "{more:,} more rows with problems after the first {limit:,} of this file (limit "
            "MAX_PROBLEMS_PER_FILE): fix those listed and run again",
            more=left.height,
            limit=MAX_PROBLEMS_PER_FILE,
        ),
    )


def lookups(cells: dict[str, pl.Series], catalog: Catalog) -> tuple[pl.DataFrame, ...]:
    """The period, date, unit and indicator tables rows are typed by, from the texts of
    `cells` (period, as_of, unit)."""
    periods = lookup(cells["period"], period_fields, PERIOD).rename(
        {"text": "period", "parsed": "p"}
    )
    dates = lookup(cells["as_of"], parse_date, pl.Date()).rename(
        {"text": "as_of", "parsed": "as_of_d"}
    )
    units = lookup(cells["unit"], unit_fields, UNIT).rename({"text": "unit", "parsed": "u"})
    return periods, dates, units, indicator_table(catalog)


def _typed(
    raw: pl.DataFrame,
    catalog: Catalog,
    frame: Frame,
    tables: tuple[pl.DataFrame, ...] | None = None,
    chunk_rows: int = CHUNK,
) -> pl.DataFrame:
    # (`tables`: the lookups made once for every group of large data, which is typed in
    # one chunk: each chunk costs a fixed 10 ms or so)
    if tables is None:
        cells = frame.text("period", "as_of", "unit")
        tables = lookups({c: cells[c] for c in cells.columns}, catalog)
    periods, dates, units, indicators = tables
    absent = [pl.lit(None, pl.String).alias(c) for c in _CELLS if c not in raw.columns]

    def typed(chunk: pl.DataFrame) -> pl.LazyFrame:
        chunk = chunk.with_columns(absent)
        # The lookups joined on their keys alone and set beside the chunk: joining the
        # chunk itself would copy every column it has at each of the four joins.
        keys = ["period", "as_of", "unit", "indicator"]
        lf = chunk.lazy().select(keys)
        for key, table in zip(keys, (periods, dates, units, indicators), strict=True):
            if chunk.get_column(key).null_count() == chunk.height:
                # No cell to look up (data without as_of or unit cells): the join's null
                # columns without the join (a third of the four joins' time).
                lf = lf.with_columns(
                    pl.lit(None, dtype).alias(name)
                    for name, dtype in table.schema.items()
                    if name != key
                )
            else:
                lf = lf.join(table.lazy(), on=key, how="left", maintain_order="left")
        looked = lf.drop(keys).collect(engine="in-memory")
        typed = _literals(chunk)
        lf = chunk.hstack(typed).hstack(looked).lazy()
        return lf.with_columns(
            pl.col("region").fill_null(""),
            pl.col("p").struct.field("code").alias("period_code"),
            pl.coalesce(pl.col("as_of_d"), pl.col("p").struct.field("end")).alias("date"),
            pl.col("p").struct.field("year").alias("year"),
            pl.col("p").struct.field("first").alias("first"),
            pl.col("p").struct.field("last").alias("last"),
            pl.col("p").struct.field("ytd").fill_null(True).alias("ytd"),
            pl.col("u").struct.field("power").fill_null(pl.col("ind_pow")).alias("row_pow"),
            pl.col("u").struct.field("symbol").alias("unit_symbol"),
            pl.col("unit").is_not_null().alias("unit_given"),
            pl.col("rounding")
            .replace_strict(
                {m.value: c for m, c in MODE_CODES.items()}, default=None, return_dtype=pl.Int8
            )
            .fill_null(pl.when(pl.col("rounding").is_null()).then(0))
            .alias("rnd"),
        ).with_columns(
            (pl.col("row_pow") - pl.col("ind_pow") - pl.col("value_s")).alias("e"),
            # (a date written as text only where no period code stands: a tenth of a
            # second at 1M rows otherwise)
            pl.coalesce(
                pl.col("period_code"),
                pl.when(pl.col("period_code").is_null()).then(
                    pl.lit("@") + pl.col("date").cast(pl.String)
                ),
            ).alias("pkey"),
        )

    # (an approximation word needs a number other than zero: "近0" is bad input)
    present = [
        pl.col(name).is_null()
        | (
            pl.col(f"{name}_m").is_not_null()
            & (pl.col(f"{name}_m").abs() < SAFE)
            & ((pl.col(f"{name}_w") == 0) | (pl.col(f"{name}_m") != 0))
        )
        for name in LITERALS
    ]
    has_change = pl.any_horizontal(
        [pl.col(c).is_not_null() for c in ("change_pct", "change_abs", "change_pp", "previous")]
    )
    # Counts are whole numbers of the base unit: the columns take literals whose last
    # digit is at least a unit (4.22万人, 29件); "12.5人" goes to the exact engine.
    whole_ok = [
        pl.col(f"{name}_s").is_null() | (pl.col("row_pow") >= pl.col(f"{name}_s"))
        for name in ("value", "previous", "change_abs")
    ]
    ok = (
        pl.col("ind_unit").is_not_null()
        & ~pl.col("t_big").fill_null(False)
        & pl.col("value_m").is_not_null()
        & pl.all_horizontal(present)
        & pl.col("date").is_not_null()
        & (pl.col("period").is_null() | pl.col("p").is_not_null())
        & (pl.col("as_of").is_null() | pl.col("as_of_d").is_not_null())
        & (pl.col("unit").is_null() | (pl.col("u").struct.field("base") == pl.col("ind_base")))
        & pl.col("rnd").is_not_null()
        & (
            has_change.not_()
            | pl.col("base").is_in(["same_period_last_year", "end_of_last_year"])
            | pl.col("base").str.contains(_DATE)
        )
        & (pl.col("e").abs() <= 12)
        & pl.col("period").is_not_null()
        & (pl.col("is_int").not_() | pl.all_horizontal(whole_ok))
        # What the exact reader refuses, or decides with the indicator: negative counts
        # and rates, an as_of outside its period, control characters in text.
        & (pl.col("value_m") >= 0)
        & (pl.col("completion_m").is_null() | (pl.col("completion_m") >= 0))
        & (
            pl.col("as_of_d").is_null()
            | pl.col("as_of_d").is_between(
                pl.col("p").struct.field("start"), pl.col("p").struct.field("end")
            )
        )
        & ~pl.any_horizontal([pl.col(c).str.contains(CONTROL).fill_null(False) for c in _TEXT])
        & ~pl.col("quote").str.contains(CONTROL_MULTILINE).fill_null(False)
    )
    # What the series table computes on columns: a change against another base than
    # the same period last year does not enter it (its year on year comes from last
    # year's figure), nor does a rounding mode; an absolute or point change or a
    # previous value stated against the same period does, and is recomputed exactly.
    plain = (pl.col("base") != "same_period_last_year").fill_null(True) | pl.all_horizontal(
        [pl.col(c).is_null() for c in _EMPTY_ONLY]
    )
    # Only the columns the computation needs, and whether each row is plain. Every
    # join is with a small lookup table, so rows are independent: typing them in
    # chunks keeps the intermediate columns of only one chunk in memory at a time.
    # Every row the columns cannot type is read by the exact reader as its chunk is
    # typed: bad input is reported as it would be there (a file's first problems
    # listed, the rest counted), a valid row is kept, marked, for the exact engine.
    # Once a problem is found only the flags are kept: bad input costs no typed columns.
    parts: list[pl.DataFrame] = []
    bad: list[pl.DataFrame] = []
    problems: list[Problem] = []
    listed: list[int] = []
    per_file: dict[int, int] = {}
    for chunk in list(raw.iter_slices(chunk_rows)) or [raw]:
        flag = ok.fill_null(False).alias("ok")
        if problems:
            bad.append(
                typed(chunk)
                .select("rid", "file_no", flag)
                .filter(~pl.col("ok"))
                .collect(engine="in-memory")
            )
            continue
        part = (
            typed(chunk)
            .select(
                *_KEEP,
                # an approximate value is shown as written (近84) in the series table
                pl.when(pl.col("value_w") != 0).then(pl.col("value")).alias("value_word"),
                flag,
                plain.fill_null(False).alias("plain"),
            )
            .collect(engine="in-memory")
        )
        odd = part.filter(~pl.col("ok")).select("rid", "file_no", "ok")
        part = part.with_columns(
            (~pl.col("ok")).alias("odd"), (pl.col("plain") & pl.col("ok")).alias("plain")
        ).drop("ok")
        bad.append(odd)
        for rid, no in odd.select("rid", "file_no").iter_rows():
            if problems and per_file.get(no, 0) >= MAX_PROBLEMS_PER_FILE:
                continue
            per_file[no] = per_file.get(no, 0) + 1
            listed.append(rid)
            frame.read_row(rid, catalog, problems)
        parts = [] if problems else [*parts, part]
    if problems:
        every = pl.concat(bad)
        shown = pl.DataFrame({"rid": listed}, schema={"rid": every.schema["rid"]})
        if shown.height < every.height:
            problems.append(_more(frame, every, shown))
        raise InputError(problems)
    # One chunk per column: polars copies a many-chunked frame whole to filter or group
    # it (a group of indicators would cost the whole rows again). Built column by column,
    # each taken out of the parts as it is joined up, so that only one column is ever
    # held twice (a with_columns or rechunk of the whole frame would hold all of it twice).
    names = parts[0].columns
    df = pl.DataFrame([pl.concat([p.drop_in_place(n) for p in parts]).rechunk() for n in names])
    parts.clear()
    return keyed(df)
