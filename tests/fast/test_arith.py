"""Exact arithmetic on integer columns (hrkpi.fast.arith) against the exact engine's."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import polars as pl
from hypothesis import given
from hypothesis import strategies as st

from hrkpi.core.numbers import format_decimal
from hrkpi.fast.arith import LIMIT, fixed, fixed_at, p10, scaled

mantissas = st.integers(min_value=-LIMIT, max_value=LIMIT)
places = st.integers(min_value=0, max_value=18)


def _written(m: int | None, d: int) -> str | None:
    return None if m is None else format_decimal(Fraction(m, 10**d), d)


@given(st.lists(st.tuples(st.one_of(st.none(), mantissas), places), min_size=1, max_size=40))
def test_fixed_writes_what_format_decimal_writes(cells: list[tuple[int | None, int]]) -> None:
    # A column of mixed decimals: every row's text is its own (a branch computed for
    # every row must not fail or leak into another's).
    frame = pl.DataFrame(cells, schema={"m": pl.Int64, "d": pl.Int32}, orient="row")
    got = frame.select(fixed(pl.col("m"), pl.col("d"))).to_series().to_list()
    assert got == [_written(m, d) for m, d in cells]


@given(st.lists(st.one_of(st.none(), mantissas), min_size=1, max_size=40), places)
def test_fixed_at_writes_what_format_decimal_writes(ms: list[int | None], d: int) -> None:
    frame = pl.DataFrame({"m": ms}, schema={"m": pl.Int64})
    got = frame.select(fixed_at(pl.col("m"), d)).to_series().to_list()
    assert got == [_written(m, d) for m in ms]


def test_fixed_by_hand() -> None:
    frame = pl.DataFrame(
        {"m": [2750, -5, 0, -120, 7, -1, None, 3], "d": [2, 2, 2, 1, 0, 0, 1, None]},
        schema={"m": pl.Int64, "d": pl.Int32},
    )
    got = frame.select(fixed(pl.col("m"), pl.col("d"))).to_series().to_list()
    assert got == ["27.50", "-0.05", "0.00", "-12.0", "7", "-1", None, None]
    at = frame.select(fixed_at(pl.col("m"), 2)).to_series().to_list()
    assert at == ["27.50", "-0.05", "0.00", "-1.20", "0.07", "-0.01", None, "0.03"]


def test_fixed_at_the_ends_of_int64() -> None:
    # Every digit of the largest mantissas, at 18 decimals and none; a negative count
    # of decimals is no text.
    top, bottom = 2**63 - 1, -(2**63)
    frame = pl.DataFrame(
        {"m": [top, top, bottom, bottom, -5, 5, 40], "d": [18, 0, 18, 0, 18, 17, -1]},
        schema={"m": pl.Int64, "d": pl.Int32},
    )
    got = frame.select(fixed(pl.col("m"), pl.col("d"))).to_series().to_list()
    assert got == [
        "9.223372036854775807",
        "9223372036854775807",
        "-9.223372036854775808",
        "-9223372036854775808",
        "-0.000000000000000005",
        "0.00000000000000005",
        None,
    ]


def _scaled(m: int | None, k: int | None) -> int | None:
    """m x 10^k rounded half to even; None past LIMIT (as the columns test it, in
    floats) or for k > 18; 0 below k = -18 (every Int64 under LIMIT rounds to 0: the
    columns give it without reading m, even a null one)."""
    if k is None:
        return None
    if k < -18:
        return 0
    if m is None:
        return None
    if k >= 0:
        return m * 10**k if k <= 18 and float(abs(m)) * 10.0**k < LIMIT else None
    return round(Fraction(m, 10**-k))  # (a Fraction rounds half to even)


@given(
    st.lists(
        st.tuples(
            st.one_of(st.none(), mantissas),
            st.one_of(st.none(), st.integers(min_value=-25, max_value=25)),
        ),
        min_size=1,
        max_size=40,
    )
)
def test_scaled_rounds_half_to_even(cells: list[tuple[int | None, int | None]]) -> None:
    frame = pl.DataFrame(cells, schema={"m": pl.Int64, "k": pl.Int32}, orient="row")
    got = frame.select(scaled(pl.col("m"), pl.col("k"))).to_series().to_list()
    assert got == [_scaled(m, k) for m, k in cells]


def test_scaled_by_hand() -> None:
    # 2.5 -> 2 and 3.5 -> 4 (ties to even), -2.5 -> -2, -1.5 -> -2, 0.05 -> 0,
    # 1234 x 100, 9.876 -> 10, a huge shift down -> 0, up past LIMIT -> null.
    frame = pl.DataFrame(
        {
            "m": [25, 35, -25, -15, 5, 1234, 9876, 2**63 - 1, LIMIT, 7],
            "k": [-1, -1, -1, -1, -2, 2, -3, -30, 1, 19],
        },
        schema={"m": pl.Int64, "k": pl.Int32},
    )
    got = frame.select(scaled(pl.col("m"), pl.col("k"))).to_series().to_list()
    assert got == [2, 4, -2, -2, 0, 123400, 10, 0, None, None]


def test_p10_by_hand() -> None:
    # Powers of ten from 10^0 to 10^18 (the largest in Int64); none outside.
    frame = pl.DataFrame({"k": [-1, 0, 1, 5, 18, 19, None]}, schema={"k": pl.Int32})
    got = frame.select(p10(pl.col("k"))).to_series()
    assert got.dtype == pl.Int64
    assert got.to_list() == [None, 1, 10, 100_000, 10**18, None, None]


def test_the_steps_down_are_exact_powers_of_ten() -> None:
    from decimal import Decimal

    from hrkpi.fast.arith import _DEC, _steps

    steps = _steps()
    assert steps.dtype == _DEC
    assert steps.to_list() == [Decimal(10) ** -k for k in range(19)]


def test_a_fast_check_starts_no_numpy(tmp_path: Path) -> None:
    # polars imports numpy to build a Series of Decimal objects (0.1-0.15 s of CPU, in a
    # group's thread); the check needs none of it.
    import subprocess
    import sys

    rows = "".join(f"jobs,甲,2021-{m:02d},{m * 10}\n" for m in range(1, 13))
    (tmp_path / "d.csv").write_text("indicator,region,period,value\n" + rows, encoding="utf-8")
    (tmp_path / "i.yaml").write_text(
        "indicators:\n  - id: jobs\n    name: 再就业\n    unit: 人\n    measure: flow\n",
        encoding="utf-8",
    )
    code = (
        "import sys; from hrkpi.api import check; "
        f"check({str(tmp_path / 'i.yaml')!r}, {str(tmp_path / 'd.csv')!r}, engine='fast'); "
        "print('numpy' in sys.modules)"
    )
    ran = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert ran.stdout.strip() == "False"
