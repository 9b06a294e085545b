"""The completion table's cells: limit margins and stated changes, worked by hand."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from tests.conftest import write

from hrkpi.api import compute
from hrkpi.output.table import Cell, build_table
from hrkpi.output.words import Lang


def project(tmp_path: Path, figure: str) -> tuple[Path, Path]:
    """One 万人 indicator with a ceiling 以内 4, stated as `figure` says."""
    ind = write(
        tmp_path / "indicators" / "a.yaml",
        """
        indicators:
          - id: registered
            name: 登记失业人数
            unit: 万人
            measure: stock
            direction: lower
            thresholds:
              - word: 以内
                value: "4"
        """,
    )
    data = write(
        tmp_path / "data" / "d.yaml",
        "source: 测试报告\nregion: 测试市\nas_of: 2020-06-30\nfigures:\n" + figure,
    )
    return ind.parent, data.parent


def cells(tmp_path: Path, figure: str, lang: Lang = Lang.ZH) -> dict[str, Cell]:
    table = build_table(
        compute(*project(tmp_path, figure)),
        lang=lang,
        columns=["name", "ytd", "yoy", "limit_status"],
    )
    return {row.result.indicator.id: row.cells for row in table.indicator_rows()}["registered"]


@pytest.mark.parametrize(
    ("value", "zh", "en", "number"),
    [
        # 4 - 3.56 = 0.44: the margin keeps the value's two decimals (was 余0), in the
        # indicator's unit (was a bare 0.44).
        ("3.56", "达标，余0.44万人", "met, 0.44 10k persons to spare", Decimal("0.44")),
        # 4.4 - 4 = 0.4 over: one decimal, as the value has (was 超出0); English says it
        # as the findings do (was "failed by 0.4").
        (
            "4.4",
            "未达标，超出0.4万人",
            "missed, 0.4 10k persons beyond the limit",
            Decimal("-0.4"),
        ),
        # An integer value against an integer limit needs no decimals.
        ("3", "达标，余1万人", "met, 1 10k persons to spare", Decimal("1")),
    ],
)
def test_limit_margin_keeps_the_values_decimals(
    tmp_path: Path, value: str, zh: str, en: str, number: Decimal
) -> None:
    figure = f"  registered:\n    value: {value}\n"
    cell = cells(tmp_path, figure)["limit_status"]
    assert (cell.text, cell.number) == (zh, number)
    assert cell.decimals == max(len(value.partition(".")[2]), 0)
    assert cells(tmp_path, figure, Lang.EN)["limit_status"].text == en


@pytest.mark.parametrize(
    ("change", "text"),
    [
        # 12300人 is 1.23万人: 55.37 - 1.23 = 54.14 last year end, 1.23 / 54.14 = +2.27%.
        ("abs: 12300\n        abs_unit: 人", "+1.23 (+2.27%)"),
        ("abs: 12300\n        abs_unit: 人\n        pct: 2.28", "+1.23 (+2.28%)"),
        # Every stated digit is kept: 12345人 is 1.2345万人.
        ("abs: 12345\n        abs_unit: 人\n        pct: 2.28", "+1.2345 (+2.28%)"),
        ("abs: -12300\n        abs_unit: 人", "-1.23 (-2.17%)"),  # 1.23 / 56.60
        # In the indicator's own unit a stated change is shown as stated, zero and all.
        ("abs: 1.20\n        pct: 2.28", "+1.20 (+2.28%)"),
        # In a larger unit: 0.000123亿人 is 1.23万人.
        ("abs: 0.000123\n        abs_unit: 亿人\n        pct: 2.28", "+1.23 (+2.28%)"),
    ],
)
def test_stated_change_is_shown_in_the_rows_unit(tmp_path: Path, change: str, text: str) -> None:
    figure = (
        "  registered:\n    value: 55.37\n    changes:\n"
        f"      - base: end_of_last_year\n        {change}\n"
    )
    assert cells(tmp_path, figure)["ytd"].text == text


def test_stated_change_of_a_figure_in_another_unit(tmp_path: Path) -> None:
    """A figure stated in 人 states its change in 人 too (docs/format.md)."""
    figure = (
        "  registered:\n    value: 553700\n    unit: 人\n    changes:\n"
        "      - base: same_period_last_year\n        abs: 12300\n        pct: 2.28\n"
    )
    assert cells(tmp_path, figure)["yoy"].text == "+1.23 (+2.28%)"


def test_a_warning_line_is_named_in_the_runs_language(tmp_path: Path) -> None:
    # A ceiling of 4.5 and a warning line at 4: the limit cell names the warning line
    # as the findings do, 预警 in Chinese (never an English word in a Chinese table).
    ind = write(
        tmp_path / "indicators" / "a.yaml",
        """
        indicators:
          - id: rate
            name: 城镇登记失业率
            unit: "%"
            measure: rate
            thresholds:
              - {word: 以内, value: "4.50"}
              - {word: 以内, value: "4", level: warn}
        """,
    )
    data = write(
        tmp_path / "data" / "d.yaml",
        "source: 测试报告\nregion: 测试市\nas_of: 2020-06-30\n"
        "figures:\n  rate:\n    value: '3.56'\n",
    )
    report = compute(ind.parent, data.parent)
    for lang, text in ((Lang.ZH, "≤4.50%; ≤4%（预警）"), (Lang.EN, "≤4.50%; ≤4% (warn)")):
        table = build_table(report, lang=lang, columns=["name", "limit"])
        (row,) = table.indicator_rows()
        assert row.cells["limit"].text == text


def test_a_warning_cell_says_it_is_past_the_warning_level(tmp_path: Path) -> None:
    # 4.30% meets the 4.50% ceiling and is 0.30 points past the 4% warning line; 94.5% is
    # 0.50 points short of a 95% floor's warning line: each cell says so as the findings
    # do, in its unit (was 预警，超出0.30个百分点 and "warning by 0.30 pp").
    ind = write(
        tmp_path / "indicators" / "a.yaml",
        """
        indicators:
          - id: rate
            name: 城镇登记失业率
            unit: "%"
            measure: rate
            thresholds:
              - {word: 以内, value: "4.50"}
              - {word: 以内, value: "4", level: warn}
          - id: cover
            name: 参保率
            unit: "%"
            measure: rate
            thresholds:
              - {word: 以上, value: "95", level: warn}
        """,
    )
    data = write(
        tmp_path / "data" / "d.yaml",
        "source: 测试报告\nregion: 测试市\nas_of: 2020-06-30\n"
        "figures:\n  rate:\n    value: '4.30'\n  cover:\n    value: '94.5'\n",
    )
    report = compute(ind.parent, data.parent)
    said = {
        lang: {
            row.result.indicator.id: row.cells["limit_status"]
            for row in build_table(report, lang=lang, columns=["limit_status"]).indicator_rows()
        }
        for lang in Lang
    }
    assert said[Lang.ZH]["rate"].text == "预警，超出预警线0.30个百分点"
    assert said[Lang.ZH]["cover"].text == "预警，低于预警线0.50个百分点"
    assert said[Lang.EN]["rate"].text == "warning, 0.30 pp past the warning level"
    assert said[Lang.EN]["cover"].text == "warning, 0.50 pp below the warning level"
    # (the number is the margin, negative past the line, as before)
    assert (said[Lang.EN]["rate"].number, said[Lang.EN]["cover"].number) == (
        Decimal("-0.30"),
        Decimal("-0.50"),
    )


def test_approximate_figures_are_worded_in_english(tmp_path: Path) -> None:
    # 近84万件 and 1400多人 keep the report's words in Chinese; English says them as the
    # findings do (nearly 84, over 1400); a sum of approximate parts is 约 (about).
    ind = write(
        tmp_path / "indicators" / "a.yaml",
        """
        indicators:
          - id: cases
            name: 不见面办理
            name_en: Cases handled remotely
            unit: 万件
            measure: flow
          - id: talent
            name: 引进人才
            name_en: Talent attracted
            unit: 万人
            measure: flow
            parts: [grads, pros]
          - id: grads
            name: 毕业生
            unit: 万人
            measure: flow
          - id: pros
            name: 成熟人才
            unit: 人
            measure: flow
        """,
    )
    data = write(
        tmp_path / "data" / "d.yaml",
        "source: 测试报告\nregion: 测试市\nas_of: 2020-06-30\nfigures:\n"
        "  cases:\n    value: 近84\n  talent:\n    value: '2.8'\n"
        "  grads:\n    value: '2.6'\n  pros:\n    value: 1400多\n",
    )
    report = compute(ind.parent, data.parent)
    rows = {
        lang: {
            row.result.indicator.id: row.cells
            for row in build_table(
                report, lang=lang, columns=["value", "parts_sum"]
            ).indicator_rows()
        }
        for lang in Lang
    }
    zh, en = rows[Lang.ZH], rows[Lang.EN]
    assert (zh["cases"]["value"].text, zh["pros"]["value"].text) == ("近84", "1400多")
    assert (en["cases"]["value"].text, en["pros"]["value"].text) == ("nearly 84", "over 1400")
    # 2.6万 + 1400多人 = 2.6 + 0.14 = 2.74万, approximately, shown at the one decimal
    # 2.6 has: 2.7
    assert zh["talent"]["parts_sum"].text == "约2.7"
    assert en["talent"]["parts_sum"].text == "about 2.7"
