"""The as-of date read from a report's own words."""

from __future__ import annotations

import datetime as dt

import pytest

from hrkpi.scans.dates import infer


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "2020年上半年工作。截至6月末，…；截至6月底，…；截至7月15日，…",
            (dt.date(2020, 6, 30), True),
        ),
        ("2022年1-9月全市人社工作情况", (dt.date(2022, 9, 30), True)),
        ("2021年前三季度，全市…", (dt.date(2021, 9, 30), True)),
        ("截至2020年6月12日，全市累计返岗…", (dt.date(2020, 6, 12), True)),
        ("2019年末全国内地总人口…比上年末增加…", (dt.date(2019, 12, 31), False)),
        ("全市城镇新增就业5.2万人，完成全年目标任务的86.7%", None),
    ],
)
def test_as_of(text: str, expected: tuple[dt.date, bool] | None) -> None:
    assert infer(text) == expected


def test_a_year_end_read_from_the_text_judges_no_pace_claim() -> None:
    from hrkpi.scans.run import scan_text

    text = "2021年底，全市失业人员再就业1.81万人，完成全年任务数4万人的45.25%，快于时序进度。"
    found = [f.kind for f in scan_text(text, path="p.txt").findings]
    assert found == ["completion"]


def test_a_date_said_in_passing_does_not_outvote_the_period() -> None:
    text = "2023年上半年工作。1-5月…；截至5月末，…；上半年…；截至6月末，…；上半年…"
    assert infer(text) == (dt.date(2023, 6, 30), True)
