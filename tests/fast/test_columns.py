"""The series table's columns (hrkpi.fast.columns): last year's figure is read only
when stated in this year's unit and rounding, as the exact engine reads it."""

from __future__ import annotations

import polars as pl

from hrkpi.fast.columns import with_prior


def test_last_years_figure_only_in_the_same_unit_and_rounding() -> None:
    # Rows 0-3 are 2020's figures; rows 4-7 2021's, each pointing at one of them by
    # prior_key. 2021's first row matches its prior in unit and rounding; the second is
    # stated in 万人 against 人; the third is rounded half up (1) against half even (0);
    # the fourth's prior is stated in the indicator's unit (no unit given) as it is.
    rows = pl.DataFrame(
        {
            "key": [10, 11, 12, 13, 20, 21, 22, 23],
            "prior_key": [None, None, None, None, 10, 11, 12, 13],
            "unit_given": [True, True, True, False, True, True, True, False],
            "unit_symbol": ["人", "人", "人", None, "人", "万人", "人", None],
            "ind_unit": ["人"] * 8,
            "rnd": [0, 0, 0, 0, 0, 0, 1, 0],
            "value_m": [100, 200, 300, 400, 110, 3, 330, 440],
            "value_s": [0, 0, 0, 0, 0, 2, 0, 0],
        },
        schema_overrides={"rnd": pl.Int8, "value_s": pl.Int32},
    )
    got = with_prior(rows.lazy()).collect().sort("key")
    assert got["prev_m"].to_list() == [None, None, None, None, 100, None, None, 400]
    assert got["prev_s"].to_list() == [None, None, None, None, 0, None, None, 0]
    assert got["value_m"].to_list() == [100, 200, 300, 400, 110, 3, 330, 440]
