"""CSV, Markdown and JSON exports read back: the same figures, well formed, inert."""

from __future__ import annotations

import csv
import html as html_module
import io
import json
import re
import subprocess
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from openpyxl import load_workbook
from tests.conftest import write

from hrkpi.api import compute
from hrkpi.core.cellguard import neutralise
from hrkpi.engine.report import Report
from hrkpi.output.files import export_report, export_table
from hrkpi.output.jsonout import ReportOut, report_out
from hrkpi.output.table import Cell
from hrkpi.output.text import csv_field
from hrkpi.output.words import Lang

from .conftest import INJECTIONS, INJECTIONS_ZH, soffice

HEADERS_ZH = (
    "序号,指标名称,单位,年度目标,累计完成,完成率,序时进度,进度状态,同比,上年同期,较上年末,上年末,"
    "其他比较,控制目标,是否达标,分项合计"
)


def read_csv(path: Path) -> list[list[str]]:
    text = path.read_bytes().decode("utf-8")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


def figure(text: str) -> Decimal:
    """The number in a CSV field as written ("105.50%" -> 105.50, "+1.23(+2.28%)" -> 2.28)."""
    numbers = re.findall(r"[+-]?\d+(?:\.\d+)?", text)
    return Decimal(numbers[-1])


def test_csv_parses_back_to_the_figures(bundled: Report, tmp_path: Path) -> None:
    out = export_report(bundled, tmp_path / "t.csv")
    assert not out.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = read_csv(out)
    assert ",".join(rows[0]) == HEADERS_ZH
    by_name = {r[1]: dict(zip(rows[0], r, strict=True)) for r in rows[1:]}
    jobs = by_name["失业人员再就业"]
    # 4.22 / 4 = 105.5%; 0.66 / 0.9 = 73.33%; pace 182/366 = 49.73%
    assert (jobs["年度目标"], jobs["累计完成"], jobs["完成率"]) == ("4", "4.22", "105.50%")
    assert jobs["序时进度"] == "49.73%" and jobs["进度状态"] == "已完成"
    assert by_name["城镇就业困难对象就业"]["完成率"] == "73.33%"
    assert by_name["工伤保险行政复议、行政诉讼案件"]["同比"] == "-46.30%"  # a number stays one
    assert by_name["城镇登记失业率"]["是否达标"] == "达标，余0.44个百分点"
    # A change with words: no apostrophe, and no space for Excel to read as an operator.
    assert by_name["“三高”企业登记在职职工"]["较上年末"] == "+1.23(+2.28%)"
    # Every figure of the table is in the CSV, rounded the same way.
    table = export_table(bundled)
    for row in table.indicator_rows():
        line = by_name[row.cells["name"].text]
        for column in table.columns:
            cell = row.cells[column.key]
            if cell.number is not None:
                assert figure(line[column.zh]) == cell.number, (column.key, line[column.zh])


def test_csv_bom_and_english(bundled: Report, tmp_path: Path) -> None:
    out = export_report(
        bundled,
        tmp_path / "t.csv",
        lang=Lang.EN,
        bom=True,
        columns=["序号", "Indicator", "completion"],
    )
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = read_csv(out)
    assert rows[0] == ["No.", "Indicator", "Completion"]
    assert ["1", "Re-employment of unemployed persons", "105.50%"] in rows


@pytest.mark.parametrize(("lang", "names"), [(Lang.ZH, INJECTIONS_ZH), (Lang.EN, INJECTIONS)])
def test_csv_neutralises_formula_like_names(
    tricky: tuple[Path, Path], tmp_path: Path, lang: Lang, names: tuple[str, ...]
) -> None:
    out = export_report(compute(*tricky), tmp_path / "t.csv", lang=lang)
    fields = [r[1] for r in read_csv(out)[1:]]
    for name in names:
        assert "'" + name in fields
        assert name not in fields
    # Every field is inert: nothing starts with = + - @ unless it is a plain number
    # or a number straight against words, which no spreadsheet reads as a formula.
    for row in read_csv(out):
        for field in row:
            if field[:1] in ("=", "+", "-", "@"):
                assert re.fullmatch(INERT_FIGURE, field), field


INERT_FIGURE = r"[+-]\d+(\.\d+)?%?(个百分点|pp|\([+-]?\d+(\.\d+)?%?\))?"


def test_neutralise() -> None:
    assert neutralise("=1+1") == "'=1+1"
    assert neutralise("@SUM(A1)") == "'@SUM(A1)"
    assert neutralise("\t=1") == "'\t=1"
    assert neutralise("\r=1") == "'\r=1"
    assert neutralise("-12.44%") == "-12.44%"
    assert neutralise("+6.38%") == "+6.38%"
    assert neutralise("-2+3") == "'-2+3"
    assert neutralise("+cmd|' /C calc'!A0") == "'+cmd|' /C calc'!A0"
    assert neutralise("-12\n") == "'-12\n"  # a plain number is all of the field
    assert neutralise("失业率") == "失业率"


def test_csv_field_writes_changes_without_an_apostrophe() -> None:
    pct = Cell("+1.23 (+2.28%)", Decimal("2.28"), 2, True)
    assert csv_field(pct) == "+1.23(+2.28%)"
    assert csv_field(Cell("-1.23 (-2.17%)", Decimal("-2.17"), 2, True)) == "-1.23(-2.17%)"
    assert csv_field(Cell("-0.15个百分点", Decimal("-0.15"), 2)) == "-0.15个百分点"
    assert csv_field(Cell("+0.52 pp", Decimal("0.52"), 2)) == "+0.52pp"
    assert csv_field(Cell("-12.44%", Decimal("-12.44"), 2, True)) == "-12.44%"
    assert csv_field(Cell("达标，余0.44", Decimal("0.44"), 2)) == "达标，余0.44"
    # Text is the writer's, never reshaped: a name that looks like a change is guarded.
    assert csv_field(Cell("+1.23 (+2.28%)")) == "'+1.23 (+2.28%)"
    assert csv_field(Cell("-2+3", Decimal("1"), 0)) == "'-2+3"
    assert csv_field(Cell("=1+1")) == "'=1+1"


@pytest.fixture
def changes(tmp_path: Path) -> tuple[Path, Path]:
    """A rate down 0.15 points and a count up 1.23万 (2.28%) against the year before."""
    ind = write(
        tmp_path / "indicators" / "a.yaml",
        """
        indicators:
          - id: rate
            name: 失业率
            name_en: Unemployment rate
            unit: "%"
            measure: rate
            direction: lower
          - id: employees
            name: 在职职工
            name_en: Employees
            unit: 万人
            measure: stock
          - id: fewer
            name: 减少的职工
            name_en: Fewer employees
            unit: 万人
            measure: stock
          - id: formula
            name: "-2+3人数"
            name_en: "+cmd|' /C calc'!A0"
            unit: 人
            measure: stock
        """,
    )
    data = write(
        tmp_path / "data" / "d.yaml",
        """
        source: 测试报告
        region: 测试市
        as_of: 2020-06-30
        figures:
          rate:
            value: 3.56
            changes:
              - base: same_period_last_year
                pp: -0.15
          employees:
            value: 55.37
            changes:
              - base: same_period_last_year
                abs: 12300
                abs_unit: 人
                pct: 2.28
          fewer:
            value: 55.37
            changes:
              - base: same_period_last_year
                abs: -1.23
                pct: -2.17
          formula:
            value: 1
        """,
    )
    return ind.parent, data.parent


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (Lang.ZH, ["-0.15个百分点", "+1.23(+2.28%)", "-1.23(-2.17%)", "'-2+3人数"]),
        (Lang.EN, ["-0.15pp", "+1.23(+2.28%)", "-1.23(-2.17%)", "'+cmd|' /C calc'!A0"]),
    ],
)
def test_csv_changes_carry_no_apostrophe(
    changes: tuple[Path, Path], tmp_path: Path, lang: Lang, expected: list[str]
) -> None:
    out = export_report(compute(*changes), tmp_path / "t.csv", lang=lang, columns=["name", "yoy"])
    rows = read_csv(out)[1:]
    assert [row[1] for row in rows[:3]] + [rows[3][0]] == expected


def test_libreoffice_opens_the_csv_as_written(changes: tuple[Path, Path], tmp_path: Path) -> None:
    """LibreOffice, formulas evaluated, reads every change as text, the injection as text."""
    csv_path = export_report(compute(*changes), tmp_path / "t.csv", columns=["name", "yoy"])
    subprocess.run(
        [
            soffice(),
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            # comma, double quote, UTF-8, from line 1, ..., evaluate formulas
            "--infilter=CSV:44,34,76,1,,1033,false,true,false,false,false,-1,true",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(tmp_path / "out"),
            str(csv_path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    ws = load_workbook(tmp_path / "out" / "t.xlsx").worksheets[0]
    shown = [(c.value, c.data_type) for row in ws.iter_rows(min_row=2) for c in row]
    assert shown == [
        ("失业率", "s"),
        ("-0.15个百分点", "s"),
        ("在职职工", "s"),
        ("+1.23(+2.28%)", "s"),
        ("减少的职工", "s"),
        ("-1.23(-2.17%)", "s"),
        ("'-2+3人数", "s"),
        (None, "n"),
    ]


def test_markdown_renders_as_a_table(bundled: Report, tmp_path: Path) -> None:
    out = export_report(bundled, tmp_path / "t.md")
    text = out.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.startswith("|")]
    cols = len(lines[0].split(" | "))
    assert all(len(re.split(r"(?<!\\) \| ", line)) == cols for line in lines)
    html = MarkdownIt("commonmark").enable("table").render(text)
    cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", html)
    assert cells[:16] == HEADERS_ZH.split(",")
    assert "105.50%" in cells and "73.33%" in cells
    assert "<strong>一、(一)1 确保就业形势稳定</strong>" in cells  # a section row
    rows = html.count("<tr>")
    assert rows == len(export_table(bundled).rows) + 1


def test_markdown_escapes_pipes(tricky: tuple[Path, Path], tmp_path: Path) -> None:
    out = export_report(compute(*tricky), tmp_path / "t.md", lang=Lang.EN)
    html = MarkdownIt("commonmark").enable("table").render(out.read_text(encoding="utf-8"))
    assert "<td>=1+1</td>" in html


def test_json_validates_against_the_documented_model(bundled: Report, tmp_path: Path) -> None:
    out = export_report(bundled, tmp_path / "t.json")
    text = out.read_text(encoding="utf-8")
    model = ReportOut.model_validate_json(text)
    rows = {r.id: r for r in model.indicators}
    assert rows["reemployment"].completion == "105.50"
    assert rows["hard_to_employ_employment"].completion == "73.33"
    assert rows["registered_employees"].value == "236.60"
    assert model.pace == "49.73"
    assert model.pace_tolerance == "1"
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(json.loads(text), ReportOut.model_json_schema())


@pytest.mark.parametrize(
    ("tolerance", "text"),
    [(Fraction(1, 2), "0.5"), (Fraction(1), "1"), (Fraction(0), "0"), (Fraction(5, 4), "1.25")],
)
def test_json_pace_tolerance_is_a_decimal(tolerance: Fraction, text: str) -> None:
    """--pace-tolerance 0.5 is written "0.5", never the fraction "1/2"."""
    assert report_out(compute(tolerance=tolerance)).pace_tolerance == text


HOSTILE_NAMES = {
    "script": "<script>alert(1)</script>就业",
    "img": '<img src=x onerror="alert(1)">人数',
    "link": "[点击](javascript:alert(1))人数",
    "markup": "*强调* _下划_ `代码` ~~删除~~ $x$ &lt; 人数",
}


def test_markdown_is_inert_html_and_markup(tmp_path: Path) -> None:
    indicators = "\n".join(
        f"""
  - id: {key}
    name: '{name.replace("'", "''")}'
    unit: 人
    measure: stock"""
        for key, name in HOSTILE_NAMES.items()
    )
    ind = write(tmp_path / "indicators" / "a.yaml", f"indicators:{indicators}\n")
    data = write(
        tmp_path / "data" / "d.yaml",
        "source: 测试\nregion: 测试市\nas_of: 2020-06-30\nfigures:\n"
        + "".join(f"  {key}:\n    value: 12\n" for key in HOSTILE_NAMES),
    )
    out = export_report(compute(ind.parent, data.parent), tmp_path / "t.md")
    html = (
        MarkdownIt("commonmark")
        .enable(["table", "strikethrough"])
        .render(out.read_text(encoding="utf-8"))
    )
    for tag in ("<script", "<img", "<a ", "<em>", "<code>", "<s>", "<del>"):
        assert tag not in html, tag
    cells = re.findall(r"<td[^>]*>(.*?)</td>", html)
    for name in HOSTILE_NAMES.values():
        assert html_module.escape(name) in cells, name  # the name as text, exactly


@pytest.mark.parametrize("brk", ["\r", "\n", "\r\n", "\v", "\f", "\x85", "\u2028", "\u2029"])
def test_markdown_cells_stay_on_their_row(brk: str) -> None:
    from hrkpi.output.text import _md_escape

    text = _md_escape(f"上半年{brk}| 新行 |")
    assert text == "上半年 \\| 新行 \\|"
    rendered = MarkdownIt("commonmark").enable("table").render(f"| a |\n| --- |\n| {text} |\n")
    assert rendered.count("<tr>") == 2 and "<td>上半年 | 新行 |</td>" in rendered


def test_markdown_shows_escape_bytes_instead_of_sending_them() -> None:
    from hrkpi.output.text import _md_escape

    assert _md_escape("\x1b]0;title\x07\x1b[2J名称") == "\\x1b\\]0;title\\x07\\x1b\\[2J名称"
