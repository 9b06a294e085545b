"""The regional table as an Excel workbook: one sheet per table, figures as real
numbers whose number formats show exactly the table's text (as in hrkpi.output.xlsx),
then the check findings' sheet (核对结果) when findings are given."""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from hrkpi.checks.findings import Finding
from hrkpi.core.version import __version__
from hrkpi.engine.regional import RegionalReport
from hrkpi.output.regional import RegionalTable
from hrkpi.output.textwidth import display_width
from hrkpi.output.words import Lang, say
from hrkpi.output.xlsx import (
    _BORDER,
    _HEADER_FILL,
    SHEET_FINDINGS,
    _put,
    _put_text,
    _set_widths,
    findings_sheet,
)

_SHEET_CHARS = 31  # Excel's limit on a sheet name
_FORBIDDEN = str.maketrans({c: "_" for c in "[]:*?/\\"})


def regional_workbook(
    tables: Sequence[RegionalTable],
    regional: RegionalReport,
    findings: Sequence[Finding] | None = None,
) -> Workbook:
    """A workbook with each regional table on its own sheet, then the check findings on
    a sheet of their own (None: no such sheet, as `hrkpi export --no-findings`)."""
    wb = Workbook()
    first = wb.active
    assert first is not None
    for n, table in enumerate(tables):
        ws = first if n == 0 else wb.create_sheet()
        ws.title = _sheet_name(table, n, len(tables))
        _sheet(ws, table)
    if findings is not None:
        lang = tables[0].lang if tables else Lang.ZH
        findings_sheet(wb.create_sheet(say(SHEET_FINDINGS, lang)), findings, regional.report, lang)
    wb.properties.title = tables[0].title if tables else ""
    wb.properties.creator = f"hrkpi {__version__}"
    return wb


def _sheet_name(table: RegionalTable, n: int, count: int) -> str:
    one = table.groups[0].header if table.groups else str(n + 1)
    name = table.title if count == 1 else one
    return name.translate(_FORBIDDEN)[:_SHEET_CHARS] or str(n + 1)


def _sheet(ws: Worksheet, table: RegionalTable) -> None:
    width = table.width
    title = _put_text(ws, 1, 1, table.title)
    title.font = Font(bold=True, size=14)
    title.alignment = Alignment(horizontal="center")
    if width > 1:
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    meta = "　".join(t for t in (table.unit_line, table.date_line) if t)
    _put_text(ws, 2, 1, meta)
    widths = [display_width(table.region_header)] + [0] * (width - 1)
    _head(ws, 3, 1, table.region_header)
    _head(ws, 4, 1, "")
    ws.merge_cells(start_row=3, start_column=1, end_row=4, end_column=1)
    at = 2
    for g in table.groups:
        _head(ws, 3, at, g.header)
        for k in range(1, len(g.keys)):
            _head(ws, 3, at + k, "")
        if len(g.keys) > 1:
            ws.merge_cells(start_row=3, start_column=at, end_row=3, end_column=at + len(g.keys) - 1)
        for k, text in enumerate(g.sub_headers(table.lang)):
            _head(ws, 4, at + k, text)
            widths[at + k - 1] = max(widths[at + k - 1], display_width(text))
        at += len(g.keys)
    r = 4
    for i, row in enumerate(table.rows):
        r += 1
        for j, cell in enumerate(row, start=1):
            c = _put(ws, r, j, cell, "region" if j == 1 else "value")
            if i == table.total_row:
                c.font = Font(bold=True, color=c.font.color)
            widths[j - 1] = max(widths[j - 1], display_width(cell.text))
    for note in table.notes:
        r += 1
        _put_text(ws, r, 1, note)
    _set_widths(ws, widths)
    ws.freeze_panes = "B5"
    ws.print_title_rows = "3:4"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.auto_filter.ref = f"A4:{get_column_letter(width)}{4 + len(table.rows)}"


def _head(ws: Worksheet, row: int, col: int, text: str) -> None:
    c = _put_text(ws, row, col, text)
    c.font = Font(bold=True)
    c.fill = _HEADER_FILL
    c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    c.border = _BORDER
