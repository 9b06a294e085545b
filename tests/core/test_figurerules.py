"""Signs and units a figure must obey, given its indicator."""

from __future__ import annotations

from typing import Any

import pytest

from hrkpi.core.figurerules import indicator_problems, stated_problems
from hrkpi.core.models import Indicator, StatedFigure

JOBS = Indicator.model_validate(
    {"id": "jobs", "name": "再就业", "unit": "万人", "measure": "flow", "target": "4"}
)
RATE = Indicator.model_validate(
    {"id": "rate", "name": "失业率", "unit": "%", "measure": "rate", "direction": "lower"}
)
GROWTH = Indicator.model_validate(
    {"id": "growth", "name": "收入增速", "unit": "%", "measure": "rate", "signed": "是"}
)


def _problems(indicator: Indicator, figure: dict[str, Any]) -> list[tuple[tuple[Any, ...], str]]:
    return stated_problems(indicator, StatedFigure.model_validate(figure))


@pytest.mark.parametrize(
    ("indicator", "figure", "path", "says"),
    [
        (JOBS, {"value": "-4.22"}, ("value",), "-4.22 is below zero, and 再就业 (万人) never is"),
        (RATE, {"value": "-3.56"}, ("value",), "-3.56 is below zero"),
        (JOBS, {"value": "近-3.13"}, ("value",), "近-3.13 is below zero"),
        (JOBS, {"value": "1", "completion": "-25"}, ("completion",), "-25 is below zero"),
        (
            JOBS,
            {"value": "4", "changes": [{"base": "same_period_last_year", "previous": "-1"}]},
            ("changes", 0, "previous"),
            "-1 is below zero",
        ),
        (
            JOBS,
            {"value": "4200人"},
            ("value",),
            "4200人 is in 人, but the indicator's unit is 万人: write the number in 万人, or "
            "write 4200 and add unit: 人 to the figure",
        ),
        (
            JOBS,
            {"value": "4200万人", "unit": "人"},
            ("value",),
            "4200万人 is in 万人, but the figure's unit is 人: write the number in 人",
        ),
        (
            JOBS,
            {"value": "4.22", "changes": [{"base": "end_of_last_year", "abs": "1.23万元"}]},
            ("changes", 0, "abs"),
            "1.23万元 is in 万元, but the indicator's unit is 万人",
        ),
        (
            JOBS,
            {"value": "4.22", "changes": [{"base": "end_of_last_year", "abs": "12300人"}]},
            ("changes", 0, "abs"),
            "12300人 is in 人, but the indicator's unit is 万人: write the number in 万人, or "
            "write 12300 and add abs_unit: 人 to the change",
        ),
    ],
)
def test_refused(
    indicator: Indicator, figure: dict[str, Any], path: tuple[Any, ...], says: str
) -> None:
    [(where, message)] = _problems(indicator, figure)
    assert where == path
    assert says in str(message)


@pytest.mark.parametrize(
    ("indicator", "figure"),
    [
        # Changes are signed: 下降12.44% is -12.44.
        (JOBS, {"value": "4.22", "changes": [{"base": "same_period_last_year", "pct": "-12.44"}]}),
        (RATE, {"value": "3.56", "changes": [{"base": "same_period_last_year", "pp": "-0.3"}]}),
        # A signed indicator may fall below zero.
        (GROWTH, {"value": "-1.2"}),
        # A unit after the number that says what the field already is.
        (JOBS, {"value": "0.68万人", "completion": "17%"}),
        (JOBS, {"value": "6800人", "unit": "人"}),
        (RATE, {"value": "3.56%"}),
        (
            JOBS,
            {
                "value": "4.22",
                "changes": [{"base": "end_of_last_year", "abs": "12300人", "abs_unit": "人"}],
            },
        ),
    ],
)
def test_accepted(indicator: Indicator, figure: dict[str, Any]) -> None:
    assert _problems(indicator, figure) == []


def test_limits_of_a_definition() -> None:
    bad = Indicator.model_validate(
        {
            "id": "rate",
            "name": "失业率",
            "unit": "%",
            "measure": "rate",
            "thresholds": [
                {"word": "以内", "value": "-4"},
                {"word": "左右", "value": "4", "tolerance": "-0.5"},
                {"word": "以内", "value": "4万人"},
            ],
        }
    )
    assert [path for path, _ in indicator_problems(bad)] == [
        ("thresholds", 0, "value"),
        ("thresholds", 1, "tolerance"),
        ("thresholds", 2, "value"),
    ]
    assert indicator_problems(JOBS) == []
