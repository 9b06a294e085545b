"""Word tables (python-docx) in the style of a bureau's report, ready to paste.

A title (黑体, centred), the 单位 line, the table in 仿宋 (宋体 for figures is as
common; the font is a setting), a three-line table (三线表: a heavy rule above
and below, a light one under the header) or a full grid, numbers right-aligned
exactly as the table shows them (4.20 keeps its two decimals), and the date
line under it. A table wider than a portrait page turns the page landscape.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from hrkpi.engine.report import Report
from hrkpi.output.layout import section_title
from hrkpi.output.regional import RegionalTable
from hrkpi.output.table import Cell, IndicatorRow, SectionRow, Table
from hrkpi.output.words import Lang

TITLE_FONT = "黑体"
BODY_FONT = "仿宋_GB2312"
LATIN_FONT = "Times New Roman"
BODY_SIZE = Pt(10.5)  # 五号
TITLE_SIZE = Pt(16)  # 三号
PORTRAIT_COLUMNS = 8  # wider tables print landscape
_HEAVY, _LIGHT = 12, 6  # border widths in eighths of a point: 1.5 pt and 0.75 pt


class Grid(StrEnum):
    """How the table is ruled."""

    THREE_LINE = "three-line"  # 三线表
    FULL = "full"  # every cell boxed


def _font(run: Any, name: str, size: Pt, *, bold: bool = False) -> None:
    run.font.name = LATIN_FONT
    run.font.size = size
    run.font.bold = bold
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), name)


def _paragraph(doc: Any, text: str, *, align: Any, font: str, size: Pt, bold: bool = False) -> Any:
    p = doc.add_paragraph()
    p.alignment = align
    p.paragraph_format.space_after = Pt(4)
    _font(p.add_run(text), font, size, bold=bold)
    return p


def _borders(cell: Any, **edges: tuple[str, int]) -> None:
    """Set a cell's borders: edges like top=("single", 12), left=("nil", 0)."""
    tcpr = cell._tc.get_or_add_tcPr()
    borders = tcpr.find(qn("w:tcBorders"))
    if borders is None:
        borders = OxmlElement("w:tcBorders")
        tcpr.append(borders)
    for edge, (kind, size) in edges.items():
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), kind)
        if kind != "nil":
            el.set(qn("w:sz"), str(size))
            el.set(qn("w:color"), "000000")
        borders.append(el)


def _put(cell: Any, text: str, *, numeric: bool, bold: bool = False, center: bool = False) -> None:
    p = cell.paragraphs[0]
    for run in list(p.runs):  # a fresh cell may hold an empty run: one run per cell
        run._element.getparent().remove(run._element)
    p.alignment = (
        WD_ALIGN_PARAGRAPH.CENTER
        if center
        else WD_ALIGN_PARAGRAPH.RIGHT
        if numeric
        else WD_ALIGN_PARAGRAPH.LEFT
    )
    _font(p.add_run(text), BODY_FONT, BODY_SIZE, bold=bold)


def _rule(table: Any, header_rows: int, grid: Grid) -> None:
    rows = table.rows
    last = len(rows) - 1
    for r, row in enumerate(rows):
        for cell in row.cells:
            if grid is Grid.FULL:
                line = ("single", 4)
                _borders(cell, top=line, bottom=line, left=line, right=line)
                continue
            edges: dict[str, tuple[str, int]] = {"left": ("nil", 0), "right": ("nil", 0)}
            edges["top"] = ("single", _HEAVY) if r == 0 else ("nil", 0)
            if r == header_rows - 1:
                edges["bottom"] = ("single", _LIGHT)
            elif r == last:
                edges["bottom"] = ("single", _HEAVY)
            else:
                edges["bottom"] = ("nil", 0)
            _borders(cell, **edges)


def _landscape(doc: Any) -> None:
    section = doc.sections[-1]
    if section.orientation != WD_ORIENT.LANDSCAPE:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width


def completion_document(table: Table, report: Report, *, grid: Grid = Grid.THREE_LINE) -> Any:
    """The completion table as a Word document."""
    doc = Document()
    if len(table.columns) > PORTRAIT_COLUMNS:
        _landscape(doc)
    _paragraph(doc, table.title, align=WD_ALIGN_PARAGRAPH.CENTER, font=TITLE_FONT, size=TITLE_SIZE)
    keys = [c.key for c in table.columns]
    out = doc.add_table(rows=1, cols=len(keys))
    out.alignment = WD_TABLE_ALIGNMENT.CENTER
    for j, column in enumerate(table.columns):
        _put(out.rows[0].cells[j], column.header(table.lang), numeric=False, bold=True, center=True)
    for index, row in enumerate(table.rows):
        cells = out.add_row().cells
        if isinstance(row, SectionRow):
            merged = cells[0].merge(cells[-1]) if len(cells) > 1 else cells[0]
            _put(merged, section_title(table, index), numeric=False, bold=True)
            continue
        assert isinstance(row, IndicatorRow)
        for j, key in enumerate(keys):
            cell = row.cells[key]
            _put(cells[j], cell.text, numeric=_numeric(cell, key))
    _rule(out, 1, grid)
    _date_line(doc, report, table.lang)
    return doc


def regional_document(tables: Sequence[RegionalTable], *, grid: Grid = Grid.THREE_LINE) -> Any:
    """The regional tables (one or one per indicator) as a Word document."""
    doc = Document()
    if any(t.width > PORTRAIT_COLUMNS for t in tables):
        _landscape(doc)
    for n, table in enumerate(tables):
        if n:
            doc.add_paragraph()
        _paragraph(
            doc, table.title, align=WD_ALIGN_PARAGRAPH.CENTER, font=TITLE_FONT, size=TITLE_SIZE
        )
        if table.unit_line:
            _paragraph(
                doc, table.unit_line, align=WD_ALIGN_PARAGRAPH.RIGHT, font=BODY_FONT, size=BODY_SIZE
            )
        out = doc.add_table(rows=2, cols=table.width)
        out.alignment = WD_TABLE_ALIGNMENT.CENTER
        head, sub = out.rows[0].cells, out.rows[1].cells
        region = head[0].merge(sub[0])
        _put(region, table.region_header, numeric=False, bold=True, center=True)
        at = 1
        for g in table.groups:
            span = head[at].merge(head[at + len(g.keys) - 1]) if len(g.keys) > 1 else head[at]
            _put(span, g.header, numeric=False, bold=True, center=True)
            for k, text in enumerate(g.sub_headers(table.lang)):
                _put(sub[at + k], text, numeric=False, bold=True, center=True)
            at += len(g.keys)
        for r, row in enumerate(table.rows):
            cells = out.add_row().cells
            for j, cell in enumerate(row):
                _put(
                    cells[j],
                    cell.text,
                    numeric=j > 0 and cell.number is not None,
                    bold=r == table.total_row,
                )
        _rule(out, 2, grid)
        for note in table.notes:
            _paragraph(doc, note, align=WD_ALIGN_PARAGRAPH.LEFT, font=BODY_FONT, size=BODY_SIZE)
        if table.date_line:
            _paragraph(
                doc, table.date_line, align=WD_ALIGN_PARAGRAPH.RIGHT, font=BODY_FONT, size=BODY_SIZE
            )
    return doc


def _numeric(cell: Cell, key: str) -> bool:
    return cell.number is not None and key not in (
        "name",
        "region",
        "unit",
        "limit",
        "other_change",
    )


def _date_line(doc: Any, report: Report, lang: Lang) -> None:
    as_of = report.as_of
    if as_of is None:
        return
    text = (
        f"截至{as_of.year}年{as_of.month}月{as_of.day}日"
        if lang is Lang.ZH
        else f"As of {as_of.isoformat()}"
    )
    _paragraph(doc, text, align=WD_ALIGN_PARAGRAPH.RIGHT, font=BODY_FONT, size=BODY_SIZE)
