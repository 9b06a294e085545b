"""Each row's own target on the columnar path: the exact engine's rule
(hrkpi.core.targets.region_targets) written as joins over the distinct
indicator, region and year of the data, then joined onto the rows in place of
the definition's target.

The rule, as region_targets has it: a region's own assigned target (the
primary one: the first marked primary or unnamed when one is marked, else the
first listed); else none for a region with a parent, or for any region but a
known root when the file assigns that indicator region by region that year;
else the definition's primary target. A rate has no completion target.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from hrkpi.core.catalog import Catalog
from hrkpi.core.models import Measure
from hrkpi.core.regions import RegionHierarchy
from hrkpi.core.targets import TargetBook
from hrkpi.fast.lookups import SAFE, target_mantissa
from hrkpi.fast.targetread import ColumnBook

_KEY = ["indicator", "region", "year"]


def _assigned(book: TargetBook | None) -> tuple[list[Any], list[Any]]:
    """(the primary assigned target per indicator, region and year, as rows of
    indicator, region, year, t_m, t_s; the (indicator, year) pairs assigned)."""
    if book is None:
        return [], []
    first: dict[tuple[str, str, int], Any] = {}
    marked: dict[tuple[str, str, int], Any] = {}
    marks: set[tuple[str, str, int]] = set()
    for t in book:
        key = (t.indicator, t.region, t.year)
        first.setdefault(key, t)
        if t.primary:
            marks.add(key)
        if t.primary or not t.name:
            marked.setdefault(key, t)
    recs = []
    for key, t in first.items():
        chosen = marked[key] if key in marks else t
        figure = chosen.value
        m = target_mantissa(figure)
        recs.append((*key, m, figure.decimals, m is None, figure.literal))
    return recs, sorted({(t.indicator, t.year) for t in book})


def _assigned_columns(
    book: ColumnBook, schema: dict[str, Any]
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """_assigned on a book read by columns: a file without `primary` cells, so the first
    listed target of each region is its primary one."""
    t = book.table.unique(subset=_KEY, keep="first", maintain_order=True)
    digits = pl.col("target").str.replace(".", "", literal=True)
    mantissa = pl.when(digits.str.len_chars() <= 18).then(digits.cast(pl.Int64, strict=False))
    own = t.select(
        *(pl.col(c).cast(schema[c]) for c in _KEY),
        mantissa.alias("a_m"),
        pl.col("decimals").alias("a_s"),
        pl.col("target").alias("a_lit"),
    ).with_columns(
        # A target too long for the columns (2^53 and over): its rows go to the exact engine.
        pl.when(pl.col("a_m") < SAFE).then(pl.col("a_m")).alias("a_m"),
        pl.col("a_m").is_null().or_(pl.col("a_m") >= SAFE).alias("a_big"),
    )
    covers = t.select(
        pl.col("indicator").cast(schema["indicator"]), pl.col("year").cast(schema["year"])
    ).unique()
    return own, covers


def target_table(
    keys: pl.DataFrame,
    catalog: Catalog,
    book: TargetBook | None,
    hierarchy: RegionHierarchy | None,
) -> pl.DataFrame:
    """For each distinct (indicator, region, year) of `keys`: t_m, t_s, the region's
    own primary target as mantissa and decimals (null where it has none), t_big,
    a target too long for the columns (t_m null), and t_lit, the target as written
    (what a completion rate's line prints: hrkpi.fast.wordcells)."""
    ind_t, reg_t, year_t = (keys.schema[c] for c in _KEY)
    schema = {"indicator": ind_t, "region": reg_t, "year": year_t}
    if isinstance(book, ColumnBook):
        own, covers = _assigned_columns(book, schema)
    else:
        assigned, covered = _assigned(book)
        own = pl.DataFrame(
            assigned,
            schema={
                **schema,
                "a_m": pl.Int64,
                "a_s": pl.Int32,
                "a_big": pl.Boolean,
                "a_lit": pl.String,
            },
            orient="row",
        )
        covers = pl.DataFrame(covered, schema={"indicator": ind_t, "year": year_t}, orient="row")
    covers = covers.with_columns(pl.lit(True).alias("decomposed"))
    defined: list[tuple[str, int | None, int | None, bool, bool, str | None]] = []
    for ind in catalog.indicators.values():
        named = ind.named_targets
        if named and ind.measure is not Measure.RATE:
            figure = named[0].value
            m = target_mantissa(figure)
            defined.append((ind.id, m, figure.decimals, m is None, True, figure.literal))
        else:
            defined.append((ind.id, None, None, False, ind.measure is not Measure.RATE, None))
    definitions = pl.DataFrame(
        defined,
        schema={
            "indicator": ind_t,
            "d_m": pl.Int64,
            "d_s": pl.Int32,
            "d_big": pl.Boolean,
            "judged": pl.Boolean,
            "d_lit": pl.String,
        },
        orient="row",
    )
    parents = hierarchy.parent if hierarchy is not None else {}
    known = (set(hierarchy.lines) | set(parents.values())) if hierarchy is not None else set()
    names = [r for r in keys["region"].unique().to_list() if r is not None]
    regions = pl.DataFrame(
        {
            "region": names,
            "has_parent": [r in parents for r in names],
            "known_root": [r not in parents and r in known for r in names],
        },
        schema={"region": reg_t, "has_parent": pl.Boolean, "known_root": pl.Boolean},
    )
    t = (
        keys.lazy()
        .join(own.lazy(), on=_KEY, how="left")
        .join(covers.lazy(), on=["indicator", "year"], how="left")
        .join(definitions.lazy(), on="indicator", how="left")
        .join(regions.lazy(), on="region", how="left")
    )
    # Never the parent's target: a district measured against its city's would read
    # 欠进度 whatever it did.
    none_of_its_own = pl.col("has_parent").fill_null(False) | (
        pl.col("decomposed").fill_null(False) & ~pl.col("known_root").fill_null(False)
    )
    judged = pl.col("judged").fill_null(False) & pl.col("year").is_not_null()
    pick = (
        pl.when(~judged)
        .then(None)
        .when(pl.col("a_s").is_not_null())
        .then(pl.struct(m=pl.col("a_m"), s=pl.col("a_s"), big=pl.col("a_big"), lit=pl.col("a_lit")))
        .when(none_of_its_own)
        .then(None)
        .otherwise(
            pl.struct(m=pl.col("d_m"), s=pl.col("d_s"), big=pl.col("d_big"), lit=pl.col("d_lit"))
        )
    )
    return (
        t.with_columns(pick.alias("_t"))
        .select(
            *_KEY,
            pl.col("_t").struct.field("m").alias("t_m"),
            pl.col("_t").struct.field("s").alias("t_s"),
            pl.col("_t").struct.field("big").fill_null(False).alias("t_big"),
            pl.col("_t").struct.field("lit").alias("t_lit"),
        )
        .collect()
    )


def with_region_targets(
    rows: pl.DataFrame,
    catalog: Catalog,
    book: TargetBook | None,
    hierarchy: RegionHierarchy | None,
) -> pl.DataFrame:
    """`rows` with t_m, t_s (the primary target's mantissa and decimals) per region."""
    if book is None and hierarchy is None:
        return rows
    found = _by_code(rows, catalog, book, hierarchy)
    if found is None:
        keys = rows.select(_KEY)
        table = target_table(keys.unique(), catalog, book, hierarchy)
        # Joined on the keys alone, and the two columns put in place: joining the whole
        # rows would copy every one of their columns.
        found = keys.join(table, on=_KEY, how="left", maintain_order="left", nulls_equal=True)
    rows = rows.with_columns(found["t_m"].rechunk(), found["t_s"].rechunk())
    big = found["t_big"].fill_null(False)
    if big.any():
        # A target too long for the columns: the exact engine decides those rows.
        rows = rows.with_columns(
            (pl.col("odd") | big).alias("odd"), (pl.col("plain") & ~big).alias("plain")
        )
    return rows


_DENSE = 4  # a table of codes at most this many times the rows (else joined on the keys)


def _by_code(
    rows: pl.DataFrame,
    catalog: Catalog,
    book: TargetBook | None,
    hierarchy: RegionHierarchy | None,
) -> pl.DataFrame | None:
    """Each row's t_m, t_s and t_big looked up by a dense code of its indicator and region
    (`ir`) and year, in its order; None where the codes would be too sparse.

    The table is made for the first row of each code and gathered from by code: a
    unique and a join of a million rows on two texts and a year cost three times as
    much as this."""
    if "ir" not in rows.columns or rows.height == 0:
        return None
    span = rows.select(
        pl.col("ir").max().alias("ir"),
        pl.col("year").min().alias("lo"),
        pl.col("year").max().alias("hi"),
    ).row(0)
    if any(x is None for x in span):
        return None
    ir_max, lo, hi = span
    years = hi - lo + 1
    size = (ir_max + 1) * years
    if size > _DENSE * rows.height + 1000:
        return None
    code = rows.select(
        (pl.col("ir") * years + (pl.col("year").cast(pl.Int64) - lo)).alias("code")
    ).to_series()
    first = code.arg_unique()
    keys = rows.select(_KEY)[first].with_columns(code.gather(first))
    table = keys.join(
        target_table(keys.select(_KEY), catalog, book, hierarchy),
        on=_KEY,
        how="left",
        nulls_equal=True,
    ).filter(pl.col("code").is_not_null())
    at = table["code"]
    out = []
    for name, dtype in (("t_m", pl.Int64), ("t_s", pl.Int32), ("t_big", pl.Boolean)):
        dense = pl.Series(name, [None], dtype=dtype).extend_constant(None, size - 1)
        out.append(dense.scatter(at, table[name]).gather(code))
    return pl.DataFrame(out)
