"""Analysts' workbooks: wide and long layouts, decimals from number formats, merged
headers, 合计 rows, targets beside the figures, and bad workbooks located at
file:sheet!B7."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from tests.conftest import ROOT, sheet_renamed, write

from hrkpi.api import load, regional
from hrkpi.core.errors import InputError
from hrkpi.core.observations import Dataset
from hrkpi.sources.regions import load_regions

EXAMPLE = ROOT / "examples" / "regional"


def _figures(dataset: Dataset) -> set[tuple[str, str, str, str, str]]:
    return {
        (
            o.indicator,
            o.region,
            str(o.period),
            o.stated.value.literal if o.stated.value else "",
            o.stated.completion.literal if o.stated.completion else "",
        )
        for o in dataset
    }


def test_the_example_workbook_holds_the_same_figures_as_its_long_csv() -> None:
    hierarchy = load_regions(EXAMPLE / "data" / "regions.csv")
    _, from_book = load(EXAMPLE / "indicators", EXAMPLE / "data" / "2021.xlsx", hierarchy)
    _, from_csv = load(EXAMPLE / "indicators", EXAMPLE / "long.csv")
    assert len(from_book) == len(from_csv) == 11 * 4 * 5
    assert _figures(from_book) == _figures(from_csv)
    # 42.00 stored as the double 42.0 with the format 0.00 keeps its two decimals; 53.75%
    # stored as 0.5375 with 0.00% reads as 53.75; the 合计 row is the city's.
    june = {(o.indicator, o.region): o for o in from_book if str(o.period) == "2021-06"}
    assert june[("pension_insured", "海湾市")].stated.value.literal == "42.00"  # type: ignore[union-attr]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    write(
        tmp_path / "indicators" / "a.yaml",
        """
        headers:
          再就业人数: reemployment
        indicators:
          - id: reemployment
            name: 失业人员再就业
            unit: 万人
            measure: flow
            target: "4"
          - id: rate
            name: 城镇登记失业率
            unit: "%"
            measure: rate
        """,
    )
    return tmp_path


def _wide(path: Path, rows: list[list[object]], formats: dict[str, str] | None = None) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "2021年1-6月"
    for row in rows:
        ws.append(row)
    for cell, fmt in (formats or {}).items():
        ws[cell].number_format = fmt
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def test_decimals_come_from_the_number_format_and_units_from_the_header(project: Path) -> None:
    book = _wide(
        project / "data" / "d.xlsx",
        [
            ["地区", "再就业人数（人）", "城镇登记失业率"],
            ["甲区", 4200, 0.0356],
            ["乙区", "4215", 0.042],
        ],
        {"C2": "0.00%", "C3": "0.00%", "B2": "#,##0"},
    )
    _, data = load(project / "indicators", book)
    got = {(o.region, o.indicator): o.stated for o in data}
    assert got[("甲区", "reemployment")].value.literal == "4200"  # type: ignore[union-attr]
    assert got[("甲区", "reemployment")].unit.symbol == "人"  # type: ignore[union-attr]
    assert got[("乙区", "reemployment")].value.literal == "4215"  # type: ignore[union-attr]
    assert got[("甲区", "rate")].value.literal == "3.56"  # type: ignore[union-attr]
    assert got[("乙区", "rate")].value.literal == "4.20"  # type: ignore[union-attr]  # 4.20 keeps its zero


def test_merged_headers_targets_beside_the_figures_and_a_total_row(project: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "1-6月"
    ws.append(["某市2021年1-6月各区完成情况"])
    ws.append(["单位：万人"])
    ws.append(["地区", "失业人员再就业", None, None])
    ws.append([None, "全年目标", "累计完成", "完成率"])
    ws.append(["甲区", 1.5, 0.78, 0.52])
    ws.append(["乙区", 2.5, 1.2, 0.48])
    ws.append(["合计", 4, 1.98, None])
    ws.merge_cells("B3:D3")
    ws.merge_cells("A3:A4")
    for r in (5, 6, 7):
        ws[f"C{r}"].number_format = "0.00"
        ws[f"D{r}"].number_format = "0.00%"
    (project / "data").mkdir()
    wb.save(project / "data" / "d.xlsx")
    write(project / "data" / "regions.csv", "region,parent\n某市,\n甲区,某市\n乙区,某市\n")
    table = regional(project / "indicators", project / "data")
    rows = {r.region: r.cells["reemployment"].result for r in table.rows}
    assert set(rows) == {"甲区", "乙区", "某市"}
    # Each district against its own target written beside its figures: 0.78 / 1.5 = 52%.
    assert rows["甲区"].completion == 52
    assert rows["乙区"].completion == 48
    assert rows["某市"].value == Fraction(198, 100)
    assert table.totals["reemployment"].consistent is True


def test_a_header_that_names_no_indicator(project: Path) -> None:
    book = _wide(project / "data" / "d.xlsx", [["地区", "新增就业"], ["甲区", 1]])
    with pytest.raises(InputError) as err:
        load(project / "indicators", book)
    [problem] = err.value.problems
    assert str(problem).endswith(
        "d.xlsx:2021年1-6月!B1: the header '新增就业' names no indicator; add it to "
        "headers: in an indicators file (新增就业: indicator_id), or remove the column"
    )


@pytest.mark.parametrize(
    ("text", "what"),
    [(" 4.22", "spaces around it"), ("42,150", "thousands separators")],
)
def test_numbers_stored_as_text_with_spaces_or_commas(project: Path, text: str, what: str) -> None:
    book = _wide(project / "data" / "d.xlsx", [["地区", "再就业人数"], ["甲区", text]])
    with pytest.raises(InputError, match=rf"d\.xlsx:2021年1-6月!B2: the number .* {what}"):
        load(project / "indicators", book)


def test_an_empty_sheet(project: Path) -> None:
    wb = Workbook()
    assert wb.active is not None
    wb.active.title = "空表"
    (project / "data").mkdir()
    wb.save(project / "data" / "d.xlsx")
    with pytest.raises(InputError, match=r"d\.xlsx:空表!A1: the sheet is empty"):
        load(project / "indicators", project / "data")


def test_a_total_row_without_a_hierarchy(project: Path) -> None:
    book = _wide(project / "data" / "d.xlsx", [["地区", "再就业人数"], ["甲区", 1], ["合计", 1]])
    with pytest.raises(InputError, match=r"!A3: cannot tell which region the 合计 row totals"):
        load(project / "indicators", book)


CFB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (CFB + b"\0" * 64 + "EncryptionInfo".encode("utf-16-le"), "password-protected"),
        (
            CFB + b"\0" * 64 + "Workbook".encode("utf-16-le"),
            r"old Excel 97-2003 workbook \(\.xls\)",
        ),
        (b"not a workbook at all", "not an Excel workbook, or a damaged one"),
    ],
)
def test_workbooks_that_cannot_be_read(project: Path, content: bytes, message: str) -> None:
    (project / "data").mkdir()
    (project / "data" / "d.xlsx").write_bytes(content)
    with pytest.raises(InputError, match=rf"d\.xlsx:1:1: .*{message}"):
        load(project / "indicators", project / "data")


def test_a_long_layout_sheet(project: Path) -> None:
    book = _wide(
        project / "data" / "d.xlsx",
        [
            ["指标", "地区", "期别", "数值"],
            ["reemployment", "甲区", "2021年1-6月", 0.5],
            ["reemployment", "乙区", "2021年1-6月", "0.70"],
        ],
        {"D2": "0.00"},
    )
    _, data = load(project / "indicators", book)
    assert sorted((o.region, o.stated.value.literal) for o in data) == [  # type: ignore[union-attr]
        ("乙区", "0.70"),
        ("甲区", "0.50"),
    ]


def test_spare_empty_sheets_beside_the_figures_are_harmless(project: Path) -> None:
    # Excel and WPS add Sheet2 and Sheet3 to a new workbook; they hold nothing.
    book = _wide(project / "data" / "d.xlsx", [["地区", "再就业人数"], ["甲区", 1]])
    wb = load_workbook(book)
    wb.create_sheet("Sheet2")
    wb.create_sheet("Sheet3")
    wb.save(book)
    _, dataset = load(project / "indicators", book)
    assert [o.region for o in dataset] == ["甲区"]


# Brackets and a colon: a name Excel refuses to write but other tools save; the sheet
# is held as its own field, never written into the file's path and parsed back.
ODD_SHEET = "1-6月[修订]:终稿"


def test_a_figure_and_a_problem_carry_their_sheet_apart_from_the_workbook(
    project: Path,
) -> None:
    rows: list[list[object]] = [["2021年1-6月各区完成情况"], ["地区", "再就业人数"], ["甲区", 1.5]]
    book = sheet_renamed(_wide(project / "data" / "d.xlsx", rows), "2021年1-6月", ODD_SHEET)
    _, data = load(project / "indicators", book)
    [obs] = data
    assert (obs.file, obs.sheet, obs.line, str(obs.period)) == (
        "data/d.xlsx",
        ODD_SHEET,
        3,
        "2021-01/06",
    )
    assert obs.shown_file == "data/d.xlsx:1-6月[修订]:终稿"  # as messages name it
    rows[2][1] = " 1.5"  # a number stored as text with a space before it: a problem at B3
    book = sheet_renamed(_wide(project / "data" / "d.xlsx", rows), "2021年1-6月", ODD_SHEET)
    with pytest.raises(InputError) as err:
        load(project / "indicators", book)
    [problem] = err.value.problems
    assert (problem.file, problem.sheet, problem.cell) == ("data/d.xlsx", ODD_SHEET, "B3")
    assert (problem.line, problem.column) == (0, 0)
    assert str(problem).startswith("data/d.xlsx:1-6月[修订]:终稿!B3: the number ' 1.5' is stored")
