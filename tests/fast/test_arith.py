"""Exact arithmetic on integer columns (hrkpi.fast.arith) against the exact engine's."""

from __future__ import annotations

from fractions import Fraction

import polars as pl
from hypothesis import given
from hypothesis import strategies as st

from hrkpi.core.numbers import format_decimal
from hrkpi.fast.arith import LIMIT, fixed

mantissas = st.integers(min_value=-LIMIT, max_value=LIMIT)
places = st.integers(min_value=-18, max_value=18)


@given(st.lists(st.tuples(st.one_of(st.none(), mantissas), places), min_size=1, max_size=40))
def test_fixed_writes_what_format_decimal_writes(cells: list[tuple[int | None, int]]) -> None:
    # A column of mixed decimals: every row's text is its own (a branch computed for
    # every row must not fail or leak into another's).
    frame = pl.DataFrame(cells, schema={"m": pl.Int64, "d": pl.Int32}, orient="row")
    got = frame.select(fixed(pl.col("m"), pl.col("d"))).to_series().to_list()
    want = [
        None if m is None else format_decimal(Fraction(m, 10**d) if d >= 0 else m, max(d, 0))
        for m, d in cells
    ]
    # (a negative d means the mantissa counts tens: 12 with d = -2 is written 1200)
    want = [
        w if w is None or d >= 0 or m == 0 else w + "0" * -d
        for w, (m, d) in zip(want, cells, strict=True)
    ]
    assert got == want


def test_fixed_by_hand() -> None:
    frame = pl.DataFrame(
        {"m": [2750, -5, 0, -0, 12, 7, None], "d": [2, 2, 2, 0, -2, 0, 1]},
        schema={"m": pl.Int64, "d": pl.Int32},
    )
    got = frame.select(fixed(pl.col("m"), pl.col("d"))).to_series().to_list()
    assert got == ["27.50", "-0.05", "0.00", "0", "1200", "7", None]
