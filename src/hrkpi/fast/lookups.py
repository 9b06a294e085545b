"""Lookups for the columnar path: distinct texts parsed once (periods, dates,
units), and the catalog as a table."""

from __future__ import annotations

from decimal import Context
from typing import Any

import polars as pl

from hrkpi.checks.changes import is_rate
from hrkpi.core.catalog import Catalog
from hrkpi.core.limits import MAX_FIGURE_DIGITS
from hrkpi.core.numbers import Figure
from hrkpi.core.periods import parse_period
from hrkpi.core.units import ALIASES, UNITS

SAFE = 2**53  # beyond this a mantissa is not exact as a float: use the exact engine


def lookup(values: pl.Series, parse: Any, dtype: pl.DataType) -> pl.DataFrame:
    """Parse each distinct text once (periods, dates, units are few)."""
    distinct = [v for v in values.unique().to_list() if v is not None]
    parsed = []
    for text in distinct:
        try:
            parsed.append(parse(text))
        except ValueError:
            parsed.append(None)
    return pl.DataFrame(
        {"text": distinct, "parsed": parsed}, schema={"text": pl.String, "parsed": dtype}
    )


def period_fields(text: str) -> dict[str, Any]:
    p = parse_period(text)
    return {
        "code": p.code,
        "year": p.year,
        "first": p.first,
        "last": p.last,
        "ytd": p.ytd,
        "start": p.start,
        "end": p.end,
    }


PERIOD = pl.Struct(
    {
        "code": pl.String,
        "year": pl.Int32,
        "first": pl.Int32,
        "last": pl.Int32,
        "ytd": pl.Boolean,
        "start": pl.Date,
        "end": pl.Date,
    }
)


def unit_fields(text: str) -> dict[str, Any]:
    key = "".join(text.split()).replace("萬", "万").replace("億", "亿")
    unit = UNITS.get(ALIASES.get(key, key))
    if unit is None:
        raise ValueError(text)
    return {"symbol": unit.symbol, "base": unit.base, "power": unit.power}


UNIT = pl.Struct({"symbol": pl.String, "base": pl.String, "power": pl.Int32})


def target_mantissa(figure: Figure) -> int | None:
    """A target's mantissa at its own decimals, exactly (Decimal.scaleb would round a
    long target at 28 digits); None when it is too long for the columns (2^53 and
    over: floats would not hold it), whose rows the exact engine then decides."""
    m = int(figure.value.scaleb(figure.decimals, context=_EXACT))
    return m if abs(m) < SAFE else None


# Room for every digit a figure may have (a Decimal context rounds beyond its precision).
_EXACT = Context(prec=2 * MAX_FIGURE_DIGITS + 20)


def indicator_table(catalog: Catalog) -> pl.DataFrame:
    """One row per indicator: what the columnar path needs of its definition."""
    recs = []
    for ind in catalog.indicators.values():
        # A rate's target has no completion rate (see engine.indicator.judge_targets).
        target = ind.target if ind.measure.value != "rate" else None
        recs.append(
            {
                "indicator": ind.id,
                "ind_unit": ind.unit.symbol,
                "ind_base": ind.unit.base,
                "ind_pow": ind.unit.power,
                "is_int": ind.is_integer,
                "is_rate": ind.measure.value == "rate",
                "points": is_rate(ind),  # changes in points (checks.changes.is_rate)
                "is_flow": ind.measure.value == "flow",
                "higher": ind.direction.value == "higher",
                "additive": ind.adds_across_regions,
                "ind_dec": ind.decimals,
                "t_m": target_mantissa(target) if target else None,
                "t_s": target.decimals if target else None,
                "t_big": target is not None and target_mantissa(target) is None,
                "n_thr": len(ind.thresholds),
                # rules the columns do not decide: the exact engine takes these rows
                "has_parts": bool(ind.parts or ind.of_which or ind.ratio is not None),
            }
        )
    schema = {
        "indicator": pl.String,
        "ind_unit": pl.String,
        "ind_base": pl.String,
        "ind_pow": pl.Int32,
        "is_int": pl.Boolean,
        "is_rate": pl.Boolean,
        "points": pl.Boolean,
        "is_flow": pl.Boolean,
        "higher": pl.Boolean,
        "additive": pl.Boolean,
        "ind_dec": pl.Int32,
        "t_m": pl.Int64,
        "t_s": pl.Int32,
        "t_big": pl.Boolean,
        "n_thr": pl.Int32,
        "has_parts": pl.Boolean,
    }
    return pl.DataFrame(recs, schema=schema)


def keyed(df: pl.DataFrame) -> pl.DataFrame:
    """Add integer keys: joins on one Int64 are many times faster than on three strings.

    `key` identifies (indicator, region, period); `prior_key` the same period last
    year; `ind_per` (indicator, period); `ir` (indicator, region). Codes are each text's
    place among the distinct texts (no join, so the frame is not copied).
    """

    def coded(column: str) -> tuple[list[str], pl.Expr]:
        # The distinct texts as an Enum: its codes are their places in the sorted list
        # (a cast, a third of the time of replacing text by a map).
        names = [v for v in df[column].unique().sort().to_list() if v is not None]
        return names, pl.col(column).cast(pl.Enum(names)).to_physical().cast(pl.Int64)

    regions, region = coded("region")
    periods, period = coded("pkey")
    _, indicator = coded("indicator")
    at = {p: i for i, p in enumerate(periods)}
    prior = pl.Series(
        [at.get(f"{int(p[:4]) - 1}{p[4:]}") if p[:4].isdigit() else None for p in periods],
        dtype=pl.Int64,
    )
    n_reg, n_per = len(regions) + 1, len(periods) + 1
    codes = df.select(indicator.alias("i"), region.alias("r"), period.alias("p"))
    i, r, per = pl.col("i"), pl.col("r"), pl.col("p")
    base = (i * n_reg + r) * n_per
    # Set beside the rows: with_columns on a frame of many chunks would copy every
    # column whole.
    return df.hstack(
        codes.select(
            (i * n_reg + r).alias("ir"),
            (base + per).alias("key"),
            (base + pl.lit(prior).gather(per)).alias("prior_key"),
            (i * n_per + per).alias("ind_per"),
        ).get_columns()
    )
