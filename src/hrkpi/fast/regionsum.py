"""Region totals on columns: a parent region's figure against the sum of its
children's (hrkpi.checks.regions.region_total), on exact integers.

Each literal's interval, under its rounding mode and approximation word, is
put on one integer grid per indicator (half-units of its finest digit; base
units for counts, whole numbers only), so sums and the meeting test are exact
and a total that equals its parts' sum to the unit is settled, not guessed.
"""

from __future__ import annotations

import polars as pl

from hrkpi.checks.findings import CheckKind, Verdict
from hrkpi.core.regions import RegionHierarchy
from hrkpi.fast.arith import LIMIT, f10
from hrkpi.fast.literals import grid
from hrkpi.fast.relations import ENTRY, KIND_CODES, VERDICT_CODES

SCHEMA = {**ENTRY, "exact": pl.Boolean}


def _on_grid(rows: pl.LazyFrame) -> pl.LazyFrame:
    """Each value's interval as (lo2, hi2, lo_c, hi_c) integers, and whether it fits Int64."""
    whole = pl.col("is_int")
    k = pl.col("e") + pl.col("ind_pow")  # last digit's power in the base unit (>= 0 for counts)
    shift = pl.col("_shift")
    off = pl.when(pl.col("value_w") == 0).then(0).otherwise(pl.col("value_z") + pl.col("value_s"))
    size = (pl.col("value_m").abs().cast(pl.Float64) + 1) * f10(shift + off + 1)
    # (each indicator's finest digit as a window: a group_by joined back cost three times)
    lf = rows.with_columns(pl.col("e").min().over("indicator").alias("emin")).with_columns(
        pl.when(whole).then(k).otherwise(pl.col("e") - pl.col("emin")).alias("_shift")
    )
    for stage in grid("value", shift, shift, pl.col("rnd"), whole):
        lf = lf.with_columns(stage)
    return lf.with_columns((size < LIMIT / 1000).alias("fits"))


def region_relations(
    rows: pl.LazyFrame, hierarchy: RegionHierarchy | None, odd_keys: pl.Series
) -> pl.DataFrame:
    """Per parent row of an additive indicator: the region_sum verdict (consistent,
    inconsistent, or not checkable for a missing child), or `exact` where a child is
    odd or a sum would overflow."""
    if hierarchy is None or not hierarchy.children:
        return pl.DataFrame(schema=SCHEMA)
    edges = pl.DataFrame(
        list(hierarchy.edges()), schema={"parent": pl.String, "child": pl.String}, orient="row"
    )
    n_kids = edges.group_by("parent").agg(pl.len().cast(pl.Int64).alias("n_kids"))
    g = _on_grid(rows.filter(pl.col("additive")))
    kids = (
        g.join(edges.lazy(), left_on="region", right_on="child")
        .group_by("ind_per", "parent")
        .agg(
            pl.col("lo2").sum().alias("s_lo"),
            pl.col("hi2").sum().alias("s_hi"),
            pl.col("lo_c").all().alias("s_lo_c"),
            pl.col("hi_c").all().alias("s_hi_c"),
            # every part fits, and so does their sum (Int64 sums wrap around silently)
            (
                pl.col("fits").all()
                & (
                    pl.col("hi2").abs().cast(pl.Float64).sum()
                    + pl.col("lo2").abs().cast(pl.Float64).sum()
                    < LIMIT
                )
            ).alias("s_fits"),
            pl.col("key").is_in(odd_keys.implode()).any().alias("s_odd"),
            pl.len().cast(pl.Int64).alias("n_found"),
        )
        .rename({"parent": "region"})
    )
    # Children listed in the hierarchy but odd (not typed) are not among `kids` when
    # their key is odd but present; a missing child's key may be odd too.
    parents = g.join(n_kids.lazy(), left_on="region", right_on="parent").join(
        kids, on=["ind_per", "region"], how="left"
    )
    lo_c = (
        pl.when(pl.col("s_lo") > pl.col("lo2"))
        .then(pl.col("s_lo_c"))
        .when(pl.col("s_lo") < pl.col("lo2"))
        .then(pl.col("lo_c"))
        .otherwise(pl.col("s_lo_c") & pl.col("lo_c"))
    )
    hi_c = (
        pl.when(pl.col("s_hi") < pl.col("hi2"))
        .then(pl.col("s_hi_c"))
        .when(pl.col("s_hi") > pl.col("hi2"))
        .then(pl.col("hi_c"))
        .otherwise(pl.col("s_hi_c") & pl.col("hi_c"))
    )
    lo = pl.max_horizontal("s_lo", "lo2")
    hi = pl.min_horizontal("s_hi", "hi2")
    meets = (lo < hi) | ((lo == hi) & lo_c & hi_c)
    complete = pl.col("n_found").fill_null(0) == pl.col("n_kids")
    verdict = (
        pl.when(~complete)
        .then(pl.lit(VERDICT_CODES[Verdict.NOT_CHECKABLE], pl.Int8))
        .when(meets)
        .then(pl.lit(VERDICT_CODES[Verdict.CONSISTENT], pl.Int8))
        .otherwise(pl.lit(VERDICT_CODES[Verdict.INCONSISTENT], pl.Int8))
    )
    exact = (
        pl.col("odd")
        | pl.col("s_odd").fill_null(False)
        | (complete & ~(pl.col("s_fits") & pl.col("fits")))
    )
    return (
        parents.select(
            "rid",
            pl.lit(KIND_CODES[CheckKind.REGION_SUM], pl.Int8).alias("kind"),
            pl.lit(0, pl.Int32).alias("j"),
            verdict.alias("verdict"),
            exact.fill_null(True).alias("exact"),
        )
        .collect(engine="in-memory")
        .cast(SCHEMA)  # type: ignore[arg-type]
    )
