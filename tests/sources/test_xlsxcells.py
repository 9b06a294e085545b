"""A numeric cell's literal: what Excel shows, at its number format's decimals."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hrkpi.sources.xlsxcells import number_literal


@pytest.mark.parametrize(
    ("value", "number_format", "literal"),
    [
        (4.2, "0.00", "4.20"),
        (0.0356, "0.00%", "3.56"),
        (4200, "#,##0", "4200"),
        (1.25, "0.0", "1.3"),  # Excel shows halves away from zero
        (-1.25, "0.0", "-1.3"),
        (0.125, "0.0#", "0.13"),
        # A formula's double carries binary noise Excel never shows (it keeps 15
        # significant digits): =4.22/4*100 is stored as 105.50000000000001.
        (105.50000000000001, None, "105.5"),
        (105.50000000000001, "General", "105.5"),
        (0.1 + 0.2, "General", "0.3"),
        (1.005, "0.00", "1.01"),  # the double is 1.00499999999999989...; Excel shows 1.01
        # Past Decimal's 28 digits, exact (a figure may have 40).
        (1e27, "0.00", "1000000000000000000000000000.00"),
        (10**39 + 1, "0.0", "1000000000000000000000000000000000000001.0"),
        (10**39 + 1, None, "1000000000000000000000000000000000000001"),
    ],
)
def test_a_cell_shows_what_excel_shows(
    value: int | float, number_format: str | None, literal: str
) -> None:
    assert number_literal(value, number_format) == literal


@given(st.integers(min_value=-(10**15) + 1, max_value=10**15 - 1), st.integers(0, 6))
def test_a_typed_decimal_reads_as_typed(mantissa: int, places: int) -> None:
    # What a person types (at most 15 significant digits) is stored as the nearest
    # double, and read back as typed: no binary digits creep in.
    typed = Fraction(mantissa, 10**places)
    text = number_literal(float(typed), "General")
    assert Fraction(Decimal(text)) == typed
