"""The Excel export read back with openpyxl: exact numeric cells, number formats,
colours, frozen header, grouped sections, the findings sheet, inert text."""

from __future__ import annotations

import csv
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path
from xml.etree import ElementTree

import pytest
from openpyxl import load_workbook
from tests.conftest import write

from hrkpi.api import compute
from hrkpi.core.errors import ExportError
from hrkpi.engine.report import Report
from hrkpi.output.files import export_report, export_table
from hrkpi.output.findingrows import finding_rows
from hrkpi.output.table import Cell
from hrkpi.output.textwidth import display_width
from hrkpi.output.words import Lang
from hrkpi.output.xlsx import figure_cell, number_format

from .conftest import (
    INJECTIONS,
    INJECTIONS_ZH,
    pdf_page_sizes,
    sample_findings,
    sheet_rows,
    soffice,
)


@pytest.fixture(scope="module")
def bundled_xlsx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("xlsx") / "完成情况.xlsx"
    export_report(compute(), path, findings=sample_findings())
    return path


def num(cell: object) -> Decimal:
    """A numeric cell's value as the decimal Excel shows at 15 digits."""
    value = cell.value  # type: ignore[attr-defined]
    assert isinstance(value, int | float) and not isinstance(value, bool), value
    return Decimal(repr(value))


def test_header_and_default_columns(bundled_xlsx: Path) -> None:
    headers, _ = sheet_rows(bundled_xlsx)
    assert headers == [
        "序号",
        "指标名称",
        "单位",
        "年度目标",
        "累计完成",
        "完成率",
        "序时进度",
        "进度状态",
        "同比",
        "上年同期",
        "较上年末",
        "上年末",
        "其他比较",
        "控制目标",
        "是否达标",
        "分项合计",
    ]
    ws = load_workbook(bundled_xlsx).worksheets[0]
    assert ws.title == "完成情况"
    assert ws["A1"].value.startswith("目标任务完成情况表")
    assert ws.freeze_panes == "C3"  # header rows and 序号/指标名称 stay in view


def test_completion_figures_are_exact_numbers(bundled_xlsx: Path) -> None:
    _, rows = sheet_rows(bundled_xlsx)
    jobs = rows["失业人员再就业"]
    # 4.22 / 4 = 1.055 -> 105.50%; pace 182/366 = 0.49726... -> 49.73%
    assert num(jobs["累计完成"]) == Decimal("4.22") and jobs["累计完成"].number_format == "0.00"
    assert num(jobs["年度目标"]) == 4 and jobs["年度目标"].number_format == "0"
    assert num(jobs["完成率"]) == Decimal("1.055") and jobs["完成率"].number_format == "0.00%"
    assert num(jobs["序时进度"]) == Decimal("0.4973")
    assert jobs["进度状态"].value == "已完成"
    hard = rows["城镇就业困难对象就业"]
    # 0.66 / 0.9 = 0.73333... -> 73.33%
    assert num(hard["完成率"]) == Decimal("0.7333")
    assert num(hard["年度目标"]) == Decimal("0.9") and hard["年度目标"].number_format == "0.0"
    assert hard["进度状态"].value == "超进度"
    # 236.60 keeps its two decimals in the format; the value is 236.6 exactly.
    employees = rows["就业登记在岗职工"]
    assert num(employees["累计完成"]) == Decimal("236.60")
    assert employees["累计完成"].number_format == "0.00"


def test_changes_and_limits_are_numbers_with_literal_formats(bundled_xlsx: Path) -> None:
    _, rows = sheet_rows(bundled_xlsx)
    appeals = rows["工伤保险行政复议、行政诉讼案件"]["同比"]
    assert num(appeals) == Decimal("-0.463")  # 29件, 同比下降46.30%
    assert appeals.number_format == "+0.00%;-0.00%;0.00%"
    pension = rows["参加基本养老保险人数"]["同比"]
    assert num(pension) == Decimal("0.0638")
    sangao = rows["“三高”企业登记在职职工"]["较上年末"]
    assert num(sangao) == Decimal("0.0228")  # +1.23万 is shown as a literal before it
    assert sangao.number_format == '"+1.23 ("+0.00%")";"+1.23 ("-0.00%")";"+1.23 ("0.00%")"'
    rate = rows["城镇登记失业率"]
    assert num(rate["累计完成"]) == Decimal("3.56")
    assert rate["控制目标"].value == "≤4%"
    assert num(rate["是否达标"]) == Decimal("0.44")  # 4 - 3.56 to spare
    assert rate["是否达标"].number_format.startswith('"达标，余"0.00"个百分点"')
    assert rate["是否达标"].fill.fgColor.rgb.endswith("C6EFCE")  # Excel's "Good"
    near = rows["社保经办机构不见面办理社保业务"]["累计完成"]
    assert num(near) == 84 and near.number_format.startswith('"近"0')


def test_every_number_cell_equals_the_table(bundled: Report, bundled_xlsx: Path) -> None:
    """Every cell with a figure is numeric and equals the engine's rounded figure."""
    table = export_table(bundled)
    _, rows = sheet_rows(bundled_xlsx)
    checked = 0
    for row in table.indicator_rows():
        xl = rows[row.cells["name"].text]
        for column in table.columns:
            cell = row.cells[column.key]
            got = xl[column.zh]
            if cell.number is None:
                assert got.data_type == "s" or got.value is None, (column.key, got.value)
                assert (got.value or "") == cell.text
                continue
            expected = cell.number.scaleb(-2) if cell.percent else cell.number
            assert got.data_type == "n" and num(got) == expected, (column.key, got.value)
            assert ("%" in got.number_format) == cell.percent
            checked += 1
    assert checked > 150


def test_status_colours_sections_and_widths(bundled_xlsx: Path) -> None:
    ws = load_workbook(bundled_xlsx).worksheets[0]
    assert ws["B3"].value == "一、(一)1 确保就业形势稳定"
    assert ws["B3"].font.b
    assert ws.row_dimensions[3].outline_level == 0
    assert ws.row_dimensions[4].outline_level == 1  # the indicators group under it
    assert ws.sheet_properties.outlinePr.summaryBelow is False
    status = ws["H4"]
    assert status.value == "已完成" and status.fill.fgColor.rgb.endswith("C6EFCE")
    # The name column fits "就业登记在岗职工：来厦务工人员" (15 CJK characters = 30 columns).
    assert ws.column_dimensions["B"].width >= 30
    assert display_width("来厦务工") == 8 and display_width("abc") == 3


def test_findings_sheet(bundled_xlsx: Path) -> None:
    ws = load_workbook(bundled_xlsx).worksheets[1]
    assert ws.title == "核对结果"
    assert [c.value for c in ws[2]][:6] == ["序号", "指标", "地区", "时期", "核对项", "结论"]
    first = [c.value for c in ws[3]]
    assert first[1] == "失业人员再就业"  # the id is shown by its name
    assert first[3] is None  # the report's figure at a date: no period
    assert first[5] == "一致" and ws["F3"].fill.fgColor.rgb.endswith("C6EFCE")
    assert first[8] == "[105.375, 105.625]" and first[9] == "105.4 – 105.6"
    assert first[12] == "2020H1_xiamen.yaml:12"  # the bare file name: no local folders
    assert ws["F4"].value == "不一致" and ws["F4"].fill.fgColor.rgb.endswith("FFC7CE")
    assert ws["I4"].value == "(236.60, 236.62]"  # open end shown as (
    # The total against its parts names every part's place.
    assert "本市员工为70.54万人（b.yaml:40）" in ws["L4"].value
    assert ws["M4"].value == "b.yaml:30"
    assert ws["B5"].value == "not_in_catalog" and ws["F5"].value == "无法核对"
    assert ws["C5"].value == "=SUM(A1)" and ws["C5"].data_type == "s"


def test_a_findings_figures_are_numbers_where_excel_holds_them_exactly() -> None:
    # 近84, 4.22万人 and 105.5 are one number each, shown as written by their format.
    near = figure_cell("近84")
    assert near is not None and (near.number, near.decimals) == (Decimal(84), 0)
    assert number_format(near).split(";")[0] == '"近"0'  # 84 shown as 近84
    assert figure_cell("4.22万人") == Cell("4.22万人", Decimal("4.22"), 2)
    assert figure_cell("-0.93个百分点") == Cell("-0.93个百分点", Decimal("-0.93"), 2)
    # Kept as text: a range, a thousands separator, a "+" the format would drop, a figure
    # of more digits than Excel keeps, words alone.
    for text in ("105.4 – 105.6", "3,200", "+3.61%", "1234567890.1234567", "未说明", ""):
        assert figure_cell(text) is None, text


def test_libreoffice_shows_the_findings_figures_as_written(
    bundled: Report, bundled_xlsx: Path
) -> None:
    """The findings sheet's numbers read back, formats applied, as the findings' text."""
    out = bundled_xlsx.parent / "findings"
    out.mkdir(exist_ok=True)
    subprocess.run(
        [
            soffice(),
            f"-env:UserInstallation=file://{out / 'profile'}",
            "--headless",
            "--convert-to",
            # (the 12th option: the second sheet alone)
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,2",
            "--outdir",
            str(out),
            str(bundled_xlsx),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    [written] = out.glob("*.csv")
    with written.open(encoding="utf-8") as f:
        shown = [r for r in csv.reader(f) if r and r[0].isdigit()]
    rows = finding_rows(sample_findings(), bundled, Lang.ZH)
    assert [(r[7], r[10]) for r in shown] == [(x.texts["stated"], x.texts["implied"]) for x in rows]
    ws = load_workbook(bundled_xlsx).worksheets[1]
    numbers = [ws.cell(r, c).value for r in range(3, 3 + len(rows)) for c in (8, 11)]
    assert 105.5 in numbers and 54 in numbers  # stored as numbers, not text


def test_findings_sheet_when_check_not_run(tmp_path: Path, bundled: Report) -> None:
    out = export_report(bundled, tmp_path / "t.xlsx", lang=Lang.EN)
    ws = load_workbook(out).worksheets[1]
    assert ws.title == "Check findings"
    assert "No check findings" in ws["A3"].value
    assert load_workbook(out).worksheets[0]["F2"].value == "Completion"


@pytest.mark.parametrize(("lang", "names"), [(Lang.ZH, INJECTIONS_ZH), (Lang.EN, INJECTIONS)])
def test_formula_like_names_stay_text(
    tricky: tuple[Path, Path], tmp_path: Path, lang: Lang, names: tuple[str, ...]
) -> None:
    report = compute(*tricky)
    out = export_report(report, tmp_path / "t.xlsx", lang=lang)
    ws = load_workbook(out).worksheets[0]
    cells = {c.value: c for c in ws["B"] if c.value}
    for name in names:
        assert cells[name].data_type == "s"  # a string, never a formula
        assert cells[name].quotePrefix  # and Excel keeps it text when edited
    # In the file itself no cell holds a formula element.
    xml = zipfile.ZipFile(out).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and "<f " not in xml
    # Read as XML: with lxml installed (python-docx brings it) openpyxl writes Chinese
    # as character references (&#20154;), which is the same text.
    ns = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    texts = {t.text for t in ElementTree.fromstring(xml).iter(f"{ns}t")}
    assert names[0] in texts


def test_missed_limit_is_red_and_negative_change(tricky: tuple[Path, Path], tmp_path: Path) -> None:
    out = export_report(compute(*tricky), tmp_path / "t.xlsx")
    _, rows = sheet_rows(out)
    rate = rows["失业率"]["是否达标"]
    assert num(rate) == Decimal("-0.5")  # 4.5 against 以内 4: 0.50 points over
    assert rate.fill.fgColor.rgb.endswith("FFC7CE")
    # The text reads the magnitude, so the negative section shows no minus sign.
    assert rate.number_format.split(";")[1] == '"未达标，超出"0.00"个百分点"'
    assert num(rows["案件"]["同比"]) == Decimal("-0.463")


def test_limit_margin_holds_the_values_decimals(tmp_path: Path) -> None:
    """3.56万人 within 4万人 leaves 0.44, not 0: the cell holds the margin to the value's
    decimals, in the indicator's unit; 4.4 is 0.4 over."""
    ind = write(
        tmp_path / "indicators" / "a.yaml",
        """
        indicators:
          - id: inside
            name: 登记失业人数
            unit: 万人
            measure: stock
            direction: lower
            thresholds: [{word: 以内, value: "4"}]
          - id: over
            name: 超出的人数
            unit: 万人
            measure: stock
            direction: lower
            thresholds: [{word: 以内, value: "4"}]
        """,
    )
    data = write(
        tmp_path / "data" / "d.yaml",
        """
        source: 测试报告
        region: 测试市
        as_of: 2020-06-30
        figures:
          inside: {value: 3.56}
          over: {value: 4.4}
        """,
    )
    out = export_report(compute(ind.parent, data.parent), tmp_path / "t.xlsx")
    _, rows = sheet_rows(out)
    inside, over = rows["登记失业人数"]["是否达标"], rows["超出的人数"]["是否达标"]
    assert num(inside) == Decimal("0.44")
    assert inside.number_format == '"达标，余"0.00"万人";"达标，余"-0.00"万人";"达标，余"0.00"万人"'
    assert num(over) == Decimal("-0.4")
    assert over.number_format.split(";")[1] == '"未达标，超出"0.0"万人"'


def test_figure_excel_cannot_hold_fails_without_a_file(tmp_path: Path) -> None:
    cell = Cell("1234567890.1234567", Decimal("1234567890.1234567"), 7)
    from hrkpi.output.xlsx import excel_value

    with pytest.raises(ExportError, match="15 significant digits"):
        excel_value(cell)


def test_number_format_rules() -> None:
    assert number_format(Cell("4.22", Decimal("4.22"), 2)) == "0.00"
    assert number_format(Cell("105.50%", Decimal("105.50"), 2, True)) == "0.00%"
    assert number_format(Cell("-12.44%", Decimal("-12.44"), 2, True), signed=True) == (
        "+0.00%;-0.00%;0.00%"
    )
    assert number_format(Cell("+92.52个百分点", Decimal("92.52"), 2), signed=True) == (
        '+0.00"个百分点";-0.00"个百分点";0.00"个百分点"'
    )
    assert number_format(Cell("1400多", Decimal("1400"), 0)) == '0"多";-0"多";0"多"'


def test_libreoffice_shows_exactly_the_table_text(bundled: Report, bundled_xlsx: Path) -> None:
    """An independent reader applies the number formats: every cell reads as the table."""
    out = bundled_xlsx.parent / "shown"
    out.mkdir(exist_ok=True)
    subprocess.run(
        [
            soffice(),
            f"-env:UserInstallation=file://{out / 'profile'}",
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true",
            "--outdir",
            str(out),
            str(bundled_xlsx),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    with (out / bundled_xlsx.with_suffix(".csv").name).open(encoding="utf-8") as f:
        shown = list(csv.reader(f))
    table = export_table(bundled)
    expected = [[c.text for c in row.cells.values()] for row in table.indicator_rows()]
    got = [r for r in shown[2:] if r and r[0].isdigit()]
    assert got == expected


def test_about_sheet_and_a_clean_table(bundled_xlsx: Path) -> None:
    wb = load_workbook(bundled_xlsx)
    assert wb.sheetnames == ["完成情况", "核对结果", "说明"]
    about = {row[0].value: row[1] for row in wb["说明"].iter_rows()}
    assert num(about["序时进度"]) == Decimal("0.4973")  # 182/366 days
    assert about["序时进度"].number_format == "0.00%"
    assert about["来源"].value == "市人社局2020年上半年工作进展情况"
    # The table sheet ends with its last indicator: nothing below for a reader to trip on.
    ws = wb["完成情况"]
    assert isinstance(ws.cell(row=ws.max_row, column=1).value, int)


def test_several_regions_add_a_region_column(tricky: tuple[Path, Path], tmp_path: Path) -> None:
    ind, data = tricky
    (data / "e.yaml").write_text(
        "source: 测试报告\nregion: 乙区\nas_of: 2020-06-30\nfigures:\n  jobs:\n    value: 0.45\n",
        encoding="utf-8",
    )
    out = export_report(compute(ind, data), tmp_path / "t.xlsx")
    ws = load_workbook(out).worksheets[0]
    assert [c.value for c in ws[2]][:3] == ["序号", "地区", "指标名称"]
    headings = [ws.cell(row=r, column=3).value for r in range(3, ws.max_row + 1)]
    assert "测试市 · 一 测试" in headings and "乙区 · 一 测试" in headings
    _, rows = sheet_rows(out)
    # 0.45 / 0.9 = 50.00% for 乙区 (the rows are keyed by name, so 乙区's row is the later one)
    assert num(rows["再就业"]["完成率"]) == Decimal("0.5")


def test_every_sheet_prints_on_a4_with_page_numbers(bundled_xlsx: Path) -> None:
    wb = load_workbook(bundled_xlsx)
    for ws in wb.worksheets:
        setup = ws.page_setup
        assert str(setup.paperSize) == "9", ws.title  # A4
        assert setup.fitToWidth == 1 and setup.fitToHeight == 0
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.oddFooter.center.text == "第&P页 共&N页"
        assert ws.oddHeader.center.text == "&A"
    table, findings, about = wb.worksheets
    assert table.page_setup.orientation == "landscape"  # 12 columns: too wide for portrait
    assert about.page_setup.orientation == "portrait"
    for ws in (table, findings):
        assert ws.print_title_rows in ("1:2", "$1:$2")


def test_a_narrow_table_prints_portrait_with_english_numbers(
    bundled: Report, tmp_path: Path
) -> None:
    out = export_report(bundled, tmp_path / "t.xlsx", lang=Lang.EN, columns=["no", "value"])
    ws = load_workbook(out).worksheets[0]
    assert ws.page_setup.orientation == "portrait"
    assert ws.oddFooter.center.text == "Page &P of &N"


def test_libreoffice_prints_the_table_on_a4_landscape(bundled_xlsx: Path) -> None:
    """An independent reader honours the page set-up: A4, landscape, one page wide."""
    out = bundled_xlsx.parent / "printed"
    out.mkdir(exist_ok=True)
    subprocess.run(
        [
            soffice(),
            f"-env:UserInstallation=file://{out / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(bundled_xlsx),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = (out / bundled_xlsx.with_suffix(".pdf").name).read_bytes()
    pages = pdf_page_sizes(pdf)
    landscape, portrait = (842, 595), (595, 842)  # A4, in points
    assert pages[0] == landscape  # the table
    assert set(pages) <= {landscape, portrait}  # every page A4
    assert pages[-1] == portrait  # the about sheet


def test_one_display_width_for_the_terminal_and_the_workbook() -> None:
    assert display_width("Se\u0301ance") == 6  # a combining accent takes no column
    assert display_width("来厦\nabc") == 4  # a cell of two lines is as wide as the wider
