"""Exact decimal arithmetic on integer columns, and the guard band for floats.

A stated figure is an integer mantissa m and an exponent e (4.22 = 422 x 10^-2).
Sums, differences and GB/T 8170 rounding of quotients are done on Int64
columns, exactly: round(n / d) half to even is floor division plus a look at
the remainder. Where a comparison has to be made in floats (interval ends of
a quotient), `near` marks every value within a relative 1e-9 of the boundary;
those rows are re-decided with Fractions by the exact engine.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache

import polars as pl

LIMIT = 4 * 10**18  # keep every Int64 intermediate below this (|Int64| < 9.2e18)
GUARD = 1e-9  # relative width of the band around a boundary that floats may not decide


_P10 = pl.Series([10**i for i in range(19)], dtype=pl.Int64)


def p10(k: pl.Expr) -> pl.Expr:
    """10**k as Int64, for 0 <= k <= 18 (null otherwise).

    Gathered from a table by position: a replace through a map of the 19 powers
    hashed every row (55,000 rows: 0.77 to 0.43 ms a use, a series group using
    about fifteen)."""
    return pl.when((k >= 0) & (k <= 18)).then(pl.lit(_P10).gather(k.clip(0, 18).cast(pl.Int64)))


_F10_RANGE = 400  # 10.0**k is 0.0 below -400 and inf above 400, as at the ends


@cache
def _f10_table() -> pl.Series:
    """10.0**k for k in [-400, 400], computed by the very pow the columns would use."""
    k = pl.int_range(-_F10_RANGE, _F10_RANGE + 1, dtype=pl.Int64).cast(pl.Float64)
    return pl.select(pl.lit(10.0, pl.Float64).pow(k)).to_series()


def f10(k: pl.Expr) -> pl.Expr:
    """10.0**k as Float64 for an integer column k (approximate: for floats only).

    Looked up in a table of the same floats: a look-up costs a third of a pow, and
    a check takes some thirty of these powers of every row."""
    at = k.cast(pl.Int64).clip(-_F10_RANGE, _F10_RANGE) + _F10_RANGE
    return pl.lit(_f10_table()).gather(at)


_SCALE = 18  # the most decimals of an exact decimal here (`scaled`, `fixed`)
_DEC = pl.Decimal(38, _SCALE)


@cache
def _steps() -> pl.Series:
    """10^-k for k in [0, 18], as decimals of `_SCALE` places (exact)."""
    # Cast from their text: polars builds a Series of Decimal objects by importing
    # numpy, 0.1-0.15 s of a check's CPU that held the other group's thread.
    text = [format(Decimal(1).scaleb(-k), "f") for k in range(_SCALE + 1)]
    return pl.Series(text, dtype=pl.String).cast(_DEC, strict=True)


def scaled(m: pl.Expr, k: pl.Expr) -> pl.Expr:
    """m x 10^k rounded half to even to an integer, exactly (null on overflow)."""
    up = m * p10(k.clip(0, 18))
    fits = m.abs().cast(pl.Float64) * f10(k) < LIMIT
    # Down: m x 10^k is an exact decimal of 18 places (19 digits of Int64 and 18
    # decimals fit in 38) that polars rounds half to even. Written as integer floor
    # division and a look at the remainder, the tree repeated the quotient and the
    # divisor: three times the time per row, and each use cost 0.6 ms to plan.
    exact = m.cast(pl.Decimal(38, 0)) * pl.lit(_steps()).gather((-k).clip(0, _SCALE).cast(pl.Int64))
    down = exact.round(0, mode="half_to_even").cast(pl.Int64)
    return (
        pl.when(k >= 0)
        .then(pl.when(fits & (k <= 18)).then(up))
        .when(k >= -18)
        .then(down)
        .when(k < -18)
        .then(pl.lit(0, pl.Int64))  # |m| < 10^19 / 2: rounds to zero
    )


def add_ratio(lf: pl.LazyFrame, n: pl.Expr, d: pl.Expr, k: pl.Expr, out: str) -> pl.LazyFrame:
    """Add column `out` = round(n x 10^k / d) half to even, exactly (null where d == 0
    or on overflow). Built in steps so that each intermediate is computed once."""
    lf = lf.with_columns(
        k.alias("_k"),
        n.alias("_n0"),
        d.alias("_d0"),
        pl.when(d < 0).then(-1).otherwise(1).alias("_sg"),
    )
    kk = pl.col("_k")
    num, den = pl.col("_n0") * pl.col("_sg"), pl.col("_d0") * pl.col("_sg")
    fits_up = (num.abs().cast(pl.Float64) * f10(kk) < LIMIT) & (kk <= 18)
    fits_down = (den.abs().cast(pl.Float64) * f10(-kk) < LIMIT) & (kk >= -18)
    lf = lf.with_columns(
        pl.when(kk >= 0)
        .then(pl.when(fits_up).then(num * p10(kk.clip(0, 18))))
        .otherwise(num)
        .alias("_n"),
        pl.when(kk >= 0)
        .then(den)
        .otherwise(pl.when(fits_down).then(den * p10((-kk).clip(0, 18))))
        .alias("_d"),
    )
    lf = lf.with_columns(
        pl.when(pl.col("_d") != 0).then(pl.col("_n").floordiv(pl.col("_d"))).alias("_q")
    )
    q, r2, dd = pl.col("_q"), 2 * (pl.col("_n") - pl.col("_q") * pl.col("_d")), pl.col("_d")
    up = (r2 > dd) | ((r2 == dd) & (q % 2 != 0))
    return lf.with_columns((q + up.cast(pl.Int64)).alias(out)).drop(
        "_k", "_n0", "_d0", "_sg", "_n", "_d", "_q"
    )


def fixed(m: pl.Expr, d: pl.Expr) -> pl.Expr:
    """The text of m x 10^-d with d decimals (0 <= d <= 18, as every caller's; null
    for d < 0), as format_decimal writes it ("-0.00" never: a mantissa of zero has no
    sign).

    The mantissa times 10^-d is an exact decimal of 18 places (|m| < 2^63 has 19
    digits: 37 in all, within the 38 a decimal holds), written by polars and cut
    after its d-th decimal (after its integer part, point dropped, for d = 0): a
    third of the time of padding the digits and setting the point into them by
    slicing (200,000 cells: 74 to 28 ms). For a fixed number of decimals `fixed_at`
    is quicker still."""
    dd = d.clip(0, _SCALE)
    exact = (m.cast(pl.Decimal(38, 0)) * pl.lit(_steps()).gather(dd.cast(pl.Int64))).cast(_DEC)
    text = exact.cast(pl.String)
    cut = text.str.len_bytes() - (_SCALE - dd) - (dd == 0).cast(pl.UInt32)
    return pl.when(d >= 0).then(text.str.slice(0, cut))


def fixed_at(m: pl.Expr, places: int) -> pl.Expr:
    """`fixed(m, places)` for a constant number of decimals: the mantissa read as a
    decimal of that scale (an exact product) and written by polars (a quarter of the
    time of slicing the text)."""
    if places == 0:
        return m.cast(pl.String)
    step = pl.lit(Decimal(1).scaleb(-places), pl.Decimal(38, places))
    return (m.cast(pl.Decimal(38, 0)) * step).cast(pl.String)


def near(a: pl.Expr, b: pl.Expr) -> pl.Expr:
    """True where floats cannot tell a from b apart safely."""
    return (a - b).abs() <= GUARD * (a.abs() + b.abs() + 1.0)
