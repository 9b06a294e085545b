"""Rows typed as columns (hrkpi.fast.typedrows): a chunk with no cell of a looked-up
column (as_of, unit) gets the lookup's null columns without a join, and reads as a
chunk that has some."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest
from tests.conftest import write

from hrkpi.core.units import declared_units
from hrkpi.fast.frame import read_frame
from hrkpi.fast.typedrows import _typed
from hrkpi.sources.loader import load_catalog

INDICATORS = """
indicators:
  - id: jobs
    name: 城镇新增就业
    unit: 人
    measure: flow
    target: "40000"
"""

# The first two rows state neither a unit nor a date; the last two both.
ROWS = """
indicator,region,period,as_of,value,unit
jobs,甲,2021-01/03,,1200,
jobs,乙,2021-01/03,,800,
jobs,甲,2021-01/06,2021-05-31,0.26,万人
jobs,乙,2021-01/06,2021-05-31,1900,人
"""


@pytest.mark.parametrize("chunk_rows", [1, 2, 4])
def test_chunks_without_units_or_dates_type_as_whole(tmp_path: Path, chunk_rows: int) -> None:
    # Chunks of one or two rows: the first chunks hold no unit and no date at all.
    catalog = load_catalog(write(tmp_path / "i" / "a.yaml", INDICATORS).parent)
    data = write(tmp_path / "d" / "d.csv", ROWS)
    with declared_units(catalog.units):
        frame = read_frame([data], catalog)
        rows = _typed(frame.raw, catalog, frame, chunk_rows=chunk_rows)
    got = rows.select("unit_given", "unit_symbol", "row_pow", "date", "value_m", "odd")
    assert got.to_dicts() == [
        # no unit: the indicator's (人, 10^0); no as_of: the period's last day
        {
            "unit_given": False,
            "unit_symbol": None,
            "row_pow": 0,
            "date": dt.date(2021, 3, 31),
            "value_m": 1200,
            "odd": False,
        },
        {
            "unit_given": False,
            "unit_symbol": None,
            "row_pow": 0,
            "date": dt.date(2021, 3, 31),
            "value_m": 800,
            "odd": False,
        },
        # 0.26万人 is 26 x 10^-2 in units of 10^4 people; the date as stated
        {
            "unit_given": True,
            "unit_symbol": "万人",
            "row_pow": 4,
            "date": dt.date(2021, 5, 31),
            "value_m": 26,
            "odd": False,
        },
        {
            "unit_given": True,
            "unit_symbol": "人",
            "row_pow": 0,
            "date": dt.date(2021, 5, 31),
            "value_m": 1900,
            "odd": False,
        },
    ]
    assert rows.schema["date"] == pl.Date
