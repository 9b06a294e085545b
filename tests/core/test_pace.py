"""Schedule pace tolerance: one validation for the CLI and the API."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hrkpi.core.errors import UsageError
from hrkpi.core.pace import pace_tolerance


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1", Fraction(1)),
        ("0.5", Fraction(1, 2)),
        (" 2 ", Fraction(2)),
        ("100", Fraction(100)),
        ("100.000000000", Fraction(100)),  # trailing zeros are not decimals
        ("0.000001", Fraction(1, 10**6)),
        ("0E+999999999", Fraction(0)),  # zero, whatever its exponent
        ("-0", Fraction(0)),
        (Decimal("0.25"), Fraction(1, 4)),
        (3, Fraction(3)),
        (Fraction(1, 3), Fraction(1, 3)),
    ],
)
def test_accepted(text: str | Decimal | int | Fraction, expected: Fraction) -> None:
    assert pace_tolerance(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "1e999999999",
        "1e-999999999",
        "Infinity",
        "-Infinity",
        "inf",
        "NaN",
        "sNaN",
        "-1",
        "100.000001",
        "0.0000001",
        "abc",
        "1,5",
        "",
        Fraction(-1),
        Fraction(201, 2),
    ],
)
def test_refused(text: str | Fraction) -> None:
    with pytest.raises(UsageError, match="not a number of percentage points from 0 to 100"):
        pace_tolerance(text)


@given(st.decimals(allow_nan=True, allow_infinity=True))
def test_any_decimal_is_accepted_exactly_or_refused(value: Decimal) -> None:
    try:
        got = pace_tolerance(str(value))
    except UsageError:
        micro = value.scaleb(6) if value.is_finite() else value  # exponent arithmetic only
        assert not value.is_finite() or not 0 <= value <= 100 or micro != micro.to_integral_value()
    else:
        assert got == Fraction(value) and 0 <= got <= 100
