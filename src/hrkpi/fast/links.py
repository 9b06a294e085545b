"""Each stated change linked to the figure it compares with, on columns, as
hrkpi.engine.previous links it: 同比 to the same period last year, 比上年末 to the
figure standing at 31 December of last year, a date to the figure at that date
(the longest period there, then the last stated). The linked figure is read in
its own unit and rounding, as the exact rule reads it.
"""

from __future__ import annotations

import polars as pl

SAME_PERIOD = "same_period_last_year"
END_OF_YEAR = "end_of_last_year"
_DATE = r"^\d{4}-\d{2}-\d{2}$"
CHANGES = ("previous", "change_abs", "change_pp", "change_pct")


def linked_rows(rows: pl.DataFrame, chosen: pl.Series | None) -> pl.DataFrame:
    """For the rows `chosen` (a mask; None: every row), in their order, the linked row:
    `prior_rid` and its value as `prev_m`, `prev_s`, `prev_w`, `prev_z`, in its own unit
    (`prev_pow`) and rounding (`prev_rnd`); `prev_unit` is its unit symbol, and
    `link_odd` says a row the columns do not type stands there. Any row of `rows` may
    be the linked one."""
    unit = pl.when(pl.col("unit_given")).then(pl.col("unit_symbol")).otherwise(pl.col("ind_unit"))
    linked = [
        pl.col("rid").alias("prior_rid"),
        *[pl.col(f"value_{x}").alias(f"prev_{x}") for x in "mswz"],
        pl.col("row_pow").alias("prev_pow"),
        pl.col("rnd").alias("prev_rnd"),
        unit.alias("prev_unit"),
    ]
    by_key = rows.select(pl.col("key").alias("prior_key"), *linked, pl.col("odd").alias("k_odd"))
    base = pl.col("base")
    year_end = pl.date(pl.col("date").dt.year() - 1, 12, 31)
    base_date = (
        pl.when(base == END_OF_YEAR)
        .then(year_end)
        .when(base.str.contains(_DATE))
        .then(base.str.to_date("%Y-%m-%d", strict=False))
    )
    has_change = pl.any_horizontal([pl.col(f"{c}_m").is_not_null() for c in CHANGES])
    # Joined on the few columns the link needs and set beside the rows: a join of the
    # rows themselves would copy each of their sixty columns.
    needed = ["rid", "prior_key", "ir", "date", "base", *[f"{c}_m" for c in CHANGES]]
    keys = rows.select(needed) if chosen is None else rows.select(needed).filter(chosen)
    keys = keys.with_columns(base_date.alias("base_date"))
    # Whether each row links to the same period or to a date, once as columns: each of
    # the nine picked columns below reads them (as expressions, each rebuilt the dates).
    keys = keys.with_columns(
        (has_change & (base == SAME_PERIOD)).alias("_same"),
        (has_change & pl.col("base_date").is_not_null()).alias("_dated"),
    )
    same, dated = pl.col("_same"), pl.col("_dated")
    # At a date: the longest period standing there, then the last stated. Only the
    # dates some change is linked to are looked at (a tenth of the rows, not all).
    wanted = keys.filter(dated).select("ir", pl.col("base_date").alias("date")).unique()
    kept = ["rid", *[f"value_{x}" for x in "mswz"], "row_pow", "rnd", "unit_given"]
    kept += ["unit_symbol", "ind_unit"]
    by_date = (
        rows.join(wanted, on=["ir", "date"], how="semi")
        .with_columns((pl.col("last") - pl.col("first")).alias("_months"))
        .group_by("ir", "date")
        .agg(
            *[pl.col(c).sort_by("_months", "rid").last() for c in kept],
            pl.col("odd").any().alias("d_odd"),
        )
        .select(
            "ir",
            pl.col("date").alias("base_date"),
            pl.col("rid").alias("d_rid"),
            *[pl.col(f"value_{x}").alias(f"d_prev_{x}") for x in "mswz"],
            pl.col("row_pow").alias("d_prev_pow"),
            pl.col("rnd").alias("d_prev_rnd"),
            unit.alias("d_prev_unit"),
            "d_odd",
        )
    )
    # (each step collected: the lazy plan of the same steps took four times as long)
    names = ["prior_rid", *[f"prev_{x}" for x in "mswz"], "prev_pow", "prev_rnd", "prev_unit"]
    linked_same = keys.select("prior_key", "_same").join(
        by_key, on="prior_key", how="left", maintain_order="left"
    )
    out = linked_same.select(
        *[pl.when(same).then(pl.col(n)).alias(n) for n in names],
        (same & pl.col("k_odd").fill_null(False)).alias("link_odd"),
    )
    # The few rows linked to a date are joined apart and set in place (a join of every
    # row for them cost as much as the link to the same period).
    at = keys.get_column("_dated").arg_true()
    if at.len() == 0:
        return out
    to_date = (
        keys.select("rid", "ir", "base_date")[at]
        .join(by_date, on=["ir", "base_date"], how="left", maintain_order="left")
        .select(
            *[
                pl.when(pl.col("d_rid") != pl.col("rid"))
                .then(pl.col("d_rid" if n == "prior_rid" else f"d_{n}"))
                .alias(n)
                for n in names
            ],
            pl.col("d_odd").fill_null(False).alias("link_odd"),
        )
    )
    return pl.DataFrame([out.get_column(n).scatter(at, to_date.get_column(n)) for n in out.columns])
