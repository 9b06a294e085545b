"""The completion table's cells: limit margins, worked by hand."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from tests.conftest import write

from hrkpi.api import compute
from hrkpi.labels import Lang
from hrkpi.table import Cell, build_table


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
        # 4 - 3.56 = 0.44: the margin keeps the value's two decimals (was 余0).
        ("3.56", "达标，余0.44", "met, 0.44 to spare", Decimal("0.44")),
        # 4.4 - 4 = 0.4 over: one decimal, as the value has (was 超出0).
        ("4.4", "未达标，超出0.4", "failed by 0.4", Decimal("-0.4")),
        # An integer value against an integer limit needs no decimals.
        ("3", "达标，余1", "met, 1 to spare", Decimal("1")),
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
