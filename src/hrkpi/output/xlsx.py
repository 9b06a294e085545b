"""The completion table as an Excel workbook (openpyxl), for Excel and WPS.

Sheet 1 holds the table: every figure a real numeric cell whose number format
shows exactly the table's text (decimals, %, signs, and words such as 近 or
个百分点 as format literals), status colours, a frozen header, column widths
that fit Chinese text, and the report's sections as grouped rows. Sheet 2
holds the check findings. Text is always written as a string cell, never as a
formula, so an indicator named "=1+1" stays inert.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from hrkpi.checks.findings import Finding
from hrkpi.core.errors import ExportError
from hrkpi.core.messages import Msg
from hrkpi.core.version import __version__
from hrkpi.engine.report import Report
from hrkpi.output.findingrows import FINDING_COLUMNS, NOT_RUN, finding_rows, summary
from hrkpi.output.layout import section_title
from hrkpi.output.table import (
    PCT_DECIMALS,
    Cell,
    IndicatorRow,
    SectionRow,
    Style,
    Table,
    number_cell,
)
from hrkpi.output.textwidth import display_width
from hrkpi.output.words import Lang, say
from hrkpi.output.xlsxprint import set_up_printing

SHEET_TABLE = ("完成情况", "Completion")
SHEET_FINDINGS = ("核对结果", "Check findings")
SHEET_ABOUT = ("说明", "About")

# Excel's own Good / Neutral / Bad cell styles.
_FILLS = {
    Style.GOOD: ("C6EFCE", "006100"),
    Style.WARN: ("FFEB9C", "9C5700"),
    Style.BAD: ("FFC7CE", "9C0006"),
}
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_SECTION_FILL = PatternFill("solid", fgColor="F2F2F2")
_THIN = Side(style="thin", color="BFBFBF")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP_AT = 40  # display columns; longer text wraps
_SIGNED = {"yoy", "ytd"}  # columns whose positive figures carry a "+"
_TEXT_COLUMNS = {"name", "region", "unit", "limit", "other_change"}
_NUMBER_IN_TEXT = re.compile(r"(?P<sign>[+-]?)(?P<num>\d+(?:\.\d+)?)(?P<pct>%?)")
EXCEL_DIGITS = 15  # Excel keeps 15 significant digits
EXCEL_DECIMALS = 30  # and a number format shows at most 30 decimals


def excel_value(cell: Cell) -> float:
    """The number Excel should hold: a percentage as a fraction (105.50% -> 1.055).

    The float is the double nearest the rounded decimal, as if typed into Excel;
    raises ExportError when Excel would not read back exactly that decimal.
    """
    assert cell.number is not None
    shown = cell.text if len(cell.text) <= 40 else f"{cell.text[:20]}…({len(cell.text)} characters)"
    if cell.decimals > EXCEL_DECIMALS:
        # 4.2 followed by a million zeros is 4.2 to Excel, but its stated precision
        # cannot be shown: refuse before building a million-character number format.
        raise ExportError(
            Msg(
                "the figure {figure!r} has {decimals} decimals and Excel shows at most {limit}; "
                "state it with fewer decimals or export CSV; nothing was written",
                figure=shown,
                decimals=cell.decimals,
                limit=EXCEL_DECIMALS,
            )
        )
    value = cell.number.scaleb(-2) if cell.percent else cell.number
    as_float = float(value)
    # openpyxl writes "%.16g" of the float; Excel reads that text back as a double.
    stored = float(f"{as_float:.16g}")
    digits = len(value.normalize().as_tuple().digits)
    if digits > EXCEL_DIGITS or Decimal(repr(stored)) != value:
        raise ExportError(
            Msg(
                "the figure {figure!r} has more than {limit} significant digits and cannot be "
                "stored exactly in an Excel cell; nothing was written",
                figure=shown,
                limit=EXCEL_DIGITS,
            )
        )
    return as_float


def _literal(text: str) -> str:
    return f'"{text.replace(chr(34), "”")}"' if text else ""


def number_format(cell: Cell, *, signed: bool = False) -> str:
    """An Excel number format that shows the cell's number exactly as its text.

    Decimals and % come from the cell; text around the number (近, 多, 个百分点,
    达标，余 ...) becomes quoted literals; `signed` columns show "+" on gains.
    """
    core = "0" if cell.decimals <= 0 else "0." + "0" * cell.decimals
    if cell.percent:
        core += "%"
    assert cell.number is not None
    target = abs(cell.number)
    match = next(
        (
            m
            for m in _NUMBER_IN_TEXT.finditer(cell.text)
            if Decimal(m["num"]) == target and bool(m["pct"]) == cell.percent
        ),
        None,
    )
    if match is None:
        return core
    before, after = _literal(cell.text[: match.start()]), _literal(cell.text[match.end() :])
    if not (before or after or signed):
        return core
    shows_minus = match["sign"] == "-" or cell.number >= 0
    positive = f"{before}{'+' if signed else ''}{core}{after}"
    negative = f"{before}{'-' if shows_minus else ''}{core}{after}"
    return f"{positive};{negative};{before}{core}{after}"


def _clean(text: str) -> str:
    """Text as Excel accepts it: control characters shown as U+FFFD."""
    cleaned: str = ILLEGAL_CHARACTERS_RE.sub("\ufffd", text)
    return cleaned


def _put_text(ws: Worksheet, row: int, col: int, text: str) -> Any:
    """A string cell, never a formula or error value, even for "=1+1" or "#N/A"."""
    c = ws.cell(row=row, column=col)
    c.value = _clean(text)
    c.data_type = "s"
    if text.startswith(("=", "+", "-", "@")):
        c.quotePrefix = True  # Excel keeps it text if the user edits the cell
    return c


def _put(ws: Worksheet, row: int, col: int, cell: Cell, key: str) -> Any:
    if cell.number is None:
        c = _put_text(ws, row, col, cell.text)
    else:
        c = ws.cell(row=row, column=col, value=excel_value(cell))
        c.number_format = number_format(cell, signed=key in _SIGNED)
    if cell.style in _FILLS:
        fill, font = _FILLS[cell.style]
        c.fill = PatternFill("solid", fgColor=fill)
        c.font = Font(color=font)
    numeric = cell.number is not None and key not in _TEXT_COLUMNS
    c.alignment = Alignment(
        horizontal="right" if numeric else "left",
        vertical="top",
        wrap_text=display_width(cell.text) > _WRAP_AT,
    )
    c.border = _BORDER
    return c


def _set_widths(ws: Worksheet, widths: Sequence[int]) -> None:
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = min(max(width, 6), _WRAP_AT) + 2


def _header(ws: Worksheet, row: int, headers: Sequence[str]) -> list[int]:
    for col, text in enumerate(headers, start=1):
        c = _put_text(ws, row, col, text)
        c.font = Font(bold=True)
        c.fill = _HEADER_FILL
        c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        c.border = _BORDER
    return [display_width(h) for h in headers]


def _title(ws: Worksheet, text: str, ncols: int) -> None:
    c = _put_text(ws, 1, 1, text)
    c.font = Font(bold=True, size=14)
    if ncols > 1:
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncols)
    ws.row_dimensions[1].height = 24


def _table_sheet(ws: Worksheet, table: Table, report: Report) -> None:
    keys = [c.key for c in table.columns]
    ncols = len(keys)
    _title(ws, table.title, ncols)
    widths = _header(ws, 2, [c.header(table.lang) for c in table.columns])
    label_col = keys.index("name") + 1 if "name" in keys else 1
    r = 2
    for index, row in enumerate(table.rows):
        r += 1
        if isinstance(row, SectionRow):
            for col in range(1, ncols + 1):
                ws.cell(row=r, column=col).fill = _SECTION_FILL
                ws.cell(row=r, column=col).border = _BORDER
            c = _put_text(ws, r, label_col, section_title(table, index))
            c.font = Font(bold=True)
            c.fill = _SECTION_FILL
            c.border = _BORDER
            continue
        assert isinstance(row, IndicatorRow)
        ws.row_dimensions[r].outline_level = 1
        for col, key in enumerate(keys, start=1):
            cell = row.cells[key]
            _put(ws, r, col, cell, key)
            widths[col - 1] = max(widths[col - 1], display_width(cell.text))
    last = r
    _set_widths(ws, widths)
    freeze_col = get_column_letter(label_col + 1) if label_col < ncols else "A"
    ws.freeze_panes = f"{freeze_col}3"
    ws.auto_filter.ref = f"A2:{get_column_letter(ncols)}{max(last, 2)}"
    ws.sheet_properties.outlinePr.summaryBelow = False  # a section heading sits above its rows
    set_up_printing(ws, table.lang, title_rows="1:2")


def _about_sheet(ws: Worksheet, lang: Lang, report: Report) -> None:
    """Where the figures come from and the pace they are judged against (kept off the
    table sheet, so the table reads straight into pandas or Power Query)."""
    rows: list[tuple[str, str | Cell]] = []
    if report.as_of is not None:
        rows.append((say(("截至", "As of"), lang), report.as_of.isoformat()))
    if report.pace is not None:
        method = say(
            ("按天", "by days") if report.pace_method == "days" else ("按月", "by months"), lang
        )
        pace = number_cell(report.pace, PCT_DECIMALS, percent=True, suffix="%")
        rows += [(say(("序时进度", "Schedule pace"), lang), pace)]
        rows += [(say(("序时进度计算", "Pace counted"), lang), method)]
    for source in report.sources:
        rows.append((say(("来源", "Source"), lang), source))
    rows.append((say(("生成", "Made by"), lang), f"hrkpi {__version__}"))
    widths = [0, 0]
    for r, (label, value) in enumerate(rows, start=1):
        _put_text(ws, r, 1, label).font = Font(bold=True)
        if isinstance(value, Cell):
            _put(ws, r, 2, value, "pace")
            value = value.text
        else:
            _put_text(ws, r, 2, value)
        widths = [max(widths[0], display_width(label)), max(widths[1], display_width(value))]
    _set_widths(ws, widths)
    set_up_printing(ws, lang)


_FIGURE_COLUMNS = ("stated", "implied")  # a finding's figures: numbers where Excel can hold them


def figure_cell(text: str) -> Cell | None:
    """A finding's figure as a number cell showing `text` (近84, 4.22万人, 105.5), or None
    to keep it text: when it holds no number or several (105.4 – 105.6, 3,200), shows a
    "+" (a format would drop it), or Excel cannot hold it exactly."""
    found = list(_NUMBER_IN_TEXT.finditer(text))
    if len(found) != 1 or found[0]["sign"] == "+":
        return None
    m = found[0]
    number = Decimal(m["sign"] + m["num"])
    places = len(m["num"].partition(".")[2])
    cell = Cell(text, number, places, percent=bool(m["pct"]))
    try:
        excel_value(cell)
    except ExportError:
        return None
    return cell


def findings_sheet(
    ws: Worksheet, findings: Sequence[Finding] | None, report: Report, lang: Lang
) -> None:
    """Fill `ws` with the check findings (核对结果): a title, a header row, a row per
    finding with its verdict coloured, a filter and a count by verdict; None says the
    check was not run. Indicators are named from `report`'s catalog where it knows them
    (the completion workbook's sheet 2, the regional workbook's after its tables)."""
    headers = [say(h, lang) for _, h in FINDING_COLUMNS]
    _title(ws, say(SHEET_FINDINGS, lang), len(headers))
    widths = _header(ws, 2, headers)
    ws.freeze_panes = "A3"
    if findings is None:
        _put_text(ws, 3, 1, say(NOT_RUN, lang))
        _set_widths(ws, widths)
        set_up_printing(ws, lang, title_rows="1:2")
        return
    r = 2
    for frow in finding_rows(findings, report, lang):
        r += 1
        for col, (key, _) in enumerate(FINDING_COLUMNS, start=1):
            text = frow.texts[key]
            figure = figure_cell(text) if key in _FIGURE_COLUMNS else None
            if key == "no":
                c = ws.cell(row=r, column=col, value=int(text))
            elif figure is not None:
                # (a number Excel adds and sorts, shown as the text: no "number stored as
                # text" mark on every row)
                c = ws.cell(row=r, column=col, value=excel_value(figure))
                c.number_format = number_format(figure)
            else:
                c = _put_text(ws, r, col, text)
            if key == "verdict" and frow.style in _FILLS:
                fill, font = _FILLS[frow.style]
                c.fill = PatternFill("solid", fgColor=fill)
                c.font = Font(color=font)
            c.alignment = Alignment(vertical="top", wrap_text=display_width(text) > _WRAP_AT)
            c.border = _BORDER
            widths[col - 1] = max(widths[col - 1], display_width(text))
    _set_widths(ws, widths)
    ws.auto_filter.ref = f"A2:{get_column_letter(len(headers))}{max(r, 2)}"
    _put_text(ws, r + 2, 1, summary(findings, lang))
    set_up_printing(ws, lang, title_rows="1:2")


def build_workbook(
    table: Table, report: Report, findings: Sequence[Finding] | None = None
) -> Workbook:
    """The workbook: the completion table, the check findings (None: check not run), and
    a sheet saying where the figures come from."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = say(SHEET_TABLE, table.lang)
    _table_sheet(ws, table, report)
    findings_sheet(wb.create_sheet(say(SHEET_FINDINGS, table.lang)), findings, report, table.lang)
    _about_sheet(wb.create_sheet(say(SHEET_ABOUT, table.lang)), table.lang, report)
    wb.properties.title = table.title
    wb.properties.creator = f"hrkpi {__version__}"
    wb.properties.subject = "; ".join(report.sources) or None
    return wb
