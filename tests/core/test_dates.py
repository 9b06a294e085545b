"""Dates only as dates: YYYY-MM-DD or 2020年6月30日, the same for every reader."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hrkpi.core.dates import parse_date


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("2020-06-30", dt.date(2020, 6, 30)),
        ("2023年6月30日", dt.date(2023, 6, 30)),
        ("2023年06月30日", dt.date(2023, 6, 30)),
        ("2020-02-29", dt.date(2020, 2, 29)),
        (dt.date(2020, 6, 30), dt.date(2020, 6, 30)),
        (dt.datetime(2020, 6, 30), dt.date(2020, 6, 30)),
    ],
)
def test_dates(text: object, date: dt.date) -> None:
    assert parse_date(text) == date


@pytest.mark.parametrize(
    ("text", "says"),
    [
        # Unix times: pydantic would read them as 1970-01-01 and 2020-06-30.
        ("0", "'0' is a number, not a date"),
        (0, "'0' is a number, not a date"),
        ("1593475200", "'1593475200' is a number, not a date"),
        # date.fromisoformat takes these; one engine did, the other did not.
        ("20200630", "'20200630' is not written as a date; write 2020-06-30"),
        ("2020-W22-7", "'2020-W22-7' is not a date; write it as YYYY-MM-DD"),
        ("2020-6-30", "'2020-6-30' is not written as a date; write 2020-06-30"),
        ("2020-06-30T10:00:00", "has a time of day; write the date alone: 2020-06-30"),
        ("2019-02-29", "'2019-02-29' is not a date: 2019-02 has 28 days"),
        ("2020-13-01", "there is no month 13"),
        ("0000-06-30", "the year 0000 is outside 1900-2999 (limits MIN_YEAR, MAX_YEAR)"),
        (True, "a date is written"),
        (dt.datetime(2020, 6, 30, 10), "has a time of day"),
    ],
)
def test_not_dates(text: object, says: str) -> None:
    with pytest.raises(ValueError, match=says.replace("(", r"\(").replace(")", r"\)")):
        parse_date(text)


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2999, 12, 31)))
def test_both_written_forms_read_back(date: dt.date) -> None:
    assert parse_date(date.isoformat()) == date
    assert parse_date(f"{date.year}年{date.month}月{date.day}日") == date
