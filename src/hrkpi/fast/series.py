"""The series table on the fast path: columns computed exactly, rows the
columns cannot settle recomputed by the exact engine, text written once."""

from __future__ import annotations

from fractions import Fraction

import polars as pl

from hrkpi.core.catalog import Catalog
from hrkpi.core.cellguard import FORMULA_START, PLAIN_NUMBER
from hrkpi.core.pace import PaceMethod
from hrkpi.core.regions import RegionHierarchy
from hrkpi.core.targets import TargetBook
from hrkpi.engine.series import SERIES_COLUMNS, series_rows
from hrkpi.fast.arith import fixed, fixed_at
from hrkpi.fast.columns import RATE_DECIMALS, dedupe, series_frame
from hrkpi.fast.exactrows import Neighbourhood
from hrkpi.fast.frame import Frame
from hrkpi.fast.groups import indicator_groups


def _guard(col: pl.Expr) -> pl.Expr:
    """The exact writer's formula injection guard (hrkpi.core.cellguard.neutralise), as columns."""
    risky = col.str.contains(f"^{FORMULA_START}") & ~col.str.contains(f"^{PLAIN_NUMBER}$")
    return pl.when(risky).then(pl.lit("'") + col).otherwise(col)


def _text() -> list[pl.Expr]:
    ytd = pl.col("ytd")
    return [
        pl.col("rid"),
        pl.col("region"),
        pl.col("indicator"),
        pl.col("period_code").alias("period"),
        pl.col("date").cast(pl.String).alias("as_of"),
        pl.col("ind_unit").alias("unit"),
        # an approximate figure in its own unit keeps the report's words (近84)
        pl.when(pl.col("value_word").is_not_null() & ~pl.col("unit_given"))
        .then(pl.col("value_word"))
        .otherwise(fixed(pl.col("value_r"), pl.col("d")))
        .alias("value"),
        pl.when(ytd).then(fixed_at(pl.col("completion_r"), RATE_DECIMALS)).alias("completion"),
        pl.when(ytd).then(pl.col("pace_status")).alias("pace_status"),
        fixed(pl.col("prev_r"), pl.col("prev_d")).alias("yoy_previous"),
        fixed_at(pl.col("yoy_r"), RATE_DECIMALS).alias("yoy"),
        pl.col("limit_status"),
        fixed(pl.col("sum_r"), pl.col("sum_d")).alias("region_sum"),
        pl.lit(None, pl.String).alias("parts_sum"),
    ]


def _odd_parents(rows: pl.DataFrame, hierarchy: RegionHierarchy | None) -> pl.DataFrame:
    """(ind_per, region) of parents with a child row the columns do not compute."""
    edges = pl.DataFrame(
        list(hierarchy.edges()) if hierarchy else [],
        schema={"parent": pl.String, "child": pl.String},
        orient="row",
    )
    return (
        rows.filter(~pl.col("plain"))
        .select("ind_per", "region")
        .join(edges, left_on="region", right_on="child")
        .select("ind_per", pl.col("parent").alias("region"), pl.lit(True).alias("odd_kid"))
        .unique()
    )


def unsettled() -> pl.Expr:
    """Rows whose figures the columns could not settle exactly."""
    has_target = pl.col("t_m").is_not_null() & pl.col("higher")
    expected_yoy = pl.col("prev_m").is_not_null() & (pl.col("is_rate") | (pl.col("prev_m") != 0))
    flag = (
        pl.col("pace_exact")
        | (pl.col("implied") & (pl.col("is_rate") | (pl.col("change_pct_s") > 16)))
        | pl.col("has_parts")
        | pl.col("value_r").is_null()
        | (has_target & pl.col("completion_r").is_null())
        | ((pl.col("prev_m").is_not_null() | pl.col("implied")) & pl.col("prev_r").is_null())
        | (expected_yoy & pl.col("yoy_r").is_null())
        | (pl.col("kid_sum").is_not_null() & pl.col("sum_r").is_null())
        | ~pl.col("plain")
        | pl.col("odd_prior")
        | pl.col("odd_kid").fill_null(False)
    )
    return flag.fill_null(False)


def _needed(rows: pl.DataFrame, odd_keys: pl.Series, odd_parents: pl.DataFrame) -> pl.DataFrame:
    """The columns the table needs: every join of series_frame copies what it carries."""
    return rows.select(
        "rid",
        "indicator",
        "region",
        "period_code",
        "date",
        "ytd",
        "value_m",
        "value_s",
        "e",
        # only a change against the same period last year is year on year
        *[
            pl.when(pl.col("base") == "same_period_last_year").then(pl.col(c)).alias(c)
            for c in ("change_pct_m", "change_pct_s")
        ],
        "value_word",
        "value_w",
        "unit_given",
        "unit_symbol",
        "ind_unit",
        "is_rate",
        "is_flow",
        "higher",
        "additive",
        "ind_dec",
        "t_m",
        "t_s",
        "has_parts",
        "key",
        "prior_key",
        "ind_per",
        "rnd",
        "plain",
        pl.col("prior_key").is_in(odd_keys).alias("odd_prior"),
    ).join(odd_parents, on=["ind_per", "region"], how="left")


def fast_series(
    frame: Frame,
    catalog: Catalog,
    hierarchy: RegionHierarchy | None,
    *,
    pace_method: PaceMethod,
    tolerance: Fraction,
    targets: TargetBook | None = None,
    keep_rid: bool = False,
) -> tuple[pl.DataFrame, int]:
    """The series table as text columns (SERIES_COLUMNS), and how many rows were
    re-decided by the exact engine (`keep_rid`: each row's `rid` kept, first)."""
    rows = dedupe(frame.rows)
    odd_keys = rows.filter(~pl.col("plain"))["key"].implode()
    odd_parents = _odd_parents(rows, hierarchy)
    # A group of indicators at a time (hrkpi.fast.groups): only the text and a flag
    # are kept of each, so the wide frame of intermediate columns exists for one group.
    out = pl.concat(
        [
            series_frame(
                _needed(group, odd_keys, odd_parents),
                catalog,
                hierarchy,
                pace_method=pace_method,
                tolerance=tolerance,
            )
            .select(*_text(), unsettled().alias("unsettled"))
            # (polars' in-memory engine: the streaming one took 3.0 s of CPU at 1M for
            # this plan, this one 1.9 s, and the series' peak fell from 1.43 to 1.13 GB)
            .collect(engine="in-memory")
            for group in indicator_groups(rows)
        ],
        rechunk=False,
    )
    if not out["rid"].is_sorted():  # (data in indicator order is already in file order)
        out = out.sort("rid")
    flagged = out.filter(pl.col("unsettled"))["rid"].to_list()
    text = out.drop("unsettled")
    del out
    if flagged:
        hood = Neighbourhood(frame, rows, catalog, hierarchy, flagged)
        fixed_rows = []
        for rid in flagged:
            mine = hood.observation(rid)
            for row in series_rows(
                catalog,
                hood.dataset(rid),
                hierarchy,
                pace_method=pace_method,
                tolerance=tolerance,
                targets=targets,
            ):
                if (row.file, row.line) == (mine.file, mine.line):
                    fixed_rows.append([rid, *row.cells])
        exact = pl.DataFrame(
            fixed_rows,
            schema={"rid": pl.UInt32, **dict.fromkeys(SERIES_COLUMNS, pl.String)},
            orient="row",
        ).with_columns([pl.when(pl.col(c) != "").then(pl.col(c)).alias(c) for c in SERIES_COLUMNS])
        exact = exact.unique("rid", keep="last").sort("rid")
        # Written over in place, column by column: the table is never copied whole.
        at = text.select(pl.arg_where(pl.col("rid").is_in(exact["rid"].implode()))).to_series()
        for c in SERIES_COLUMNS:
            text = text.with_columns(text.get_column(c).scatter(at, exact[c]))
    text = text.with_columns(_guard(pl.col("region")).alias("region"))
    return (text if keep_rid else text.drop("rid")), len(flagged)
