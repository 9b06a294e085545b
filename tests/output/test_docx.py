"""Word output: the regional and the completion table as Word tables, opened with
python-docx; figures keep their stated decimals."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from tests.conftest import ROOT

import hrkpi
from hrkpi.core.errors import ExportError
from hrkpi.output.words import Lang

EXAMPLE = ROOT / "examples" / "regional"


@pytest.fixture(scope="module")
def june() -> hrkpi.RegionalReport:
    return hrkpi.regional(EXAMPLE / "indicators", EXAMPLE / "data", as_of=dt.date(2021, 6, 30))


def test_the_regional_table_in_word(tmp_path: Path, june: hrkpi.RegionalReport) -> None:
    out = hrkpi.export_regional(june, tmp_path / "地区.docx")
    doc = docx.Document(str(out))
    assert doc.paragraphs[0].text == "各地区目标任务完成情况表"
    assert doc.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert doc.sections[0].orientation == WD_ORIENT.LANDSCAPE  # 4 indicators x 5+ columns
    table = doc.tables[0]
    header = [c.text for c in table.rows[0].cells]
    assert header[:3] == [
        "地区",
        "城镇新增就业（人）",
        "城镇新增就业（人）",
    ]  # merged over its columns
    assert [c.text for c in table.rows[1].cells][:7] == [
        "地区",
        "目标",
        "完成",
        "完成率",
        "进度",
        "排名",
        "其他目标",
    ]
    rows = {r.cells[0].text: [c.text for c in r.cells] for r in table.rows[2:]}
    assert rows["临江区"][1:7] == ["4000", "2150", "53.75%", "超进度", "1", "力争4200，完成51.19%"]
    assert rows["云山区"][3:6] == ["46.25%", "▲欠进度", "4"]
    # The stock keeps its stated decimals: 12.30 and the city's 42.00.
    assert rows["临江区"][-5:-2] == ["12.50", "12.30", "98.40%"]
    assert rows["海湾市（合计）"][-4] == "42.00"
    # Figures right-aligned, names left; the body font is 仿宋 for Chinese.
    first = table.rows[2].cells
    assert first[1].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert first[0].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.LEFT
    fonts = first[1].paragraphs[0].runs[0]._element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    texts = [p.text for p in doc.paragraphs]
    assert "截至2021年6月30日，序时进度49.59%" in texts
    assert "城镇新增就业：各地区合计6040，与合计一致（海湾市）" in texts


def test_one_table_per_indicator_in_english(tmp_path: Path, june: hrkpi.RegionalReport) -> None:
    out = hrkpi.export_regional(june, tmp_path / "r.docx", lang=Lang.EN, each=True)
    doc = docx.Document(str(out))
    assert len(doc.tables) == 4
    assert [c.text for c in doc.tables[3].rows[1].cells] == [
        "Region",
        "Target",
        "Actual",
        "Completion",
        "Pace",
        "Rank",
    ]
    assert doc.tables[3].rows[2].cells[4].text == "not reached"


def test_the_completion_table_in_word(tmp_path: Path) -> None:
    out = hrkpi.export_report(hrkpi.compute(), tmp_path / "完成情况.docx")
    doc = docx.Document(str(out))
    table = doc.tables[0]
    assert [c.text for c in table.rows[0].cells][:4] == ["序号", "指标名称", "单位", "年度目标"]
    rows = [[c.text for c in r.cells] for r in table.rows]
    reemployment = next(r for r in rows if r[1] == "失业人员再就业")
    assert reemployment[3:6] == ["4", "4.22", "105.50%"]
    workers = next(r for r in rows if r[1].startswith("就业登记在岗职工"))
    assert workers[4] == "236.60"  # the trailing zero is stated


def test_word_is_written_atomically(
    tmp_path: Path, june: hrkpi.RegionalReport, monkeypatch: pytest.MonkeyPatch
) -> None:
    from docx.document import Document

    def broken(self: Document, stream: object) -> None:
        stream.write(b"half a document")  # type: ignore[attr-defined]
        raise OSError(28, "No space left on device")

    target = tmp_path / "r.docx"
    target.write_bytes(b"old")
    monkeypatch.setattr(Document, "save", broken)
    with pytest.raises(ExportError, match=r"r\.docx: the disk is full .*; nothing was written"):
        hrkpi.export_regional(june, target)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["r.docx"]


def test_three_line_or_full_grid(tmp_path: Path, june: hrkpi.RegionalReport) -> None:
    def left_border(path: Path) -> str | None:
        cell = docx.Document(str(path)).tables[0].rows[3].cells[2]
        edge = cell._tc.tcPr.find(qn("w:tcBorders")).find(qn("w:left"))
        return edge.get(qn("w:val"))

    assert left_border(hrkpi.export_regional(june, tmp_path / "a.docx")) == "nil"
    assert left_border(hrkpi.export_regional(june, tmp_path / "b.docx", grid="full")) == "single"


def test_the_date_lines_are_as_docs_regional_md_says(june: hrkpi.RegionalReport) -> None:
    # docs/regional.md: the regional table's date line carries the schedule pace, after
    # the notes; the completion table's is the date alone.
    from hrkpi.output.docx import completion_document, regional_document

    doc = regional_document(hrkpi.build_regional_tables(june))
    texts = [p.text for p in doc.paragraphs]
    assert texts[-1] == "截至2021年6月30日，序时进度49.59%"
    assert texts[-2].startswith("▲欠进度")
    report = hrkpi.compute()
    plain = completion_document(hrkpi.build_table(report), report)
    assert [p.text for p in plain.paragraphs][-1] == "截至2020年6月30日"
    docs = (ROOT / "docs" / "regional.md").read_text(encoding="utf-8")
    assert "regional table 截至2021年6月30日，序时进度49.59%" in docs
    assert "截至2020年6月30日 alone" in docs
