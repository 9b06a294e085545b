"""Page set-up of the exported workbook, so that Ctrl+P gives a report page.

Every sheet prints on A4, one page wide (as many pages tall as it needs), with
its header rows repeated on every page and "第1页 共3页" in the footer (Excel's
&P and &N). A sheet too wide for a portrait page prints landscape.
"""

from __future__ import annotations

from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

from hrkpi.output.words import Lang, say

# Column widths (Excel's units, about one Latin character) that fit across a portrait
# A4 page at 100%, inside the margins below: 210 mm less 2 x 13 mm, ~1.9 mm a unit.
PORTRAIT_UNITS = 95
FOOTER = ("第&P页 共&N页", "Page &P of &N")


def sheet_width(ws: Worksheet) -> float:
    """The sum of the sheet's column widths (Excel's default 8.43 where none is set)."""
    widths = [d.width or 8.43 for d in ws.column_dimensions.values()]
    return sum(widths) if widths else 8.43 * ws.max_column


def set_up_printing(ws: Worksheet, lang: Lang, *, title_rows: str | None = None) -> None:
    """A4, landscape if the sheet is wider than a portrait page, fit to one page wide,
    `title_rows` ("1:2") repeated on every page, page numbers in the footer."""
    setup = ws.page_setup
    setup.paperSize = ws.PAPERSIZE_A4
    setup.orientation = "landscape" if sheet_width(ws) > PORTRAIT_UNITS else "portrait"
    setup.fitToWidth = 1
    setup.fitToHeight = 0  # as many pages tall as the rows need
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins = PageMargins(left=0.5, right=0.5, top=0.75, bottom=0.75)
    ws.print_options.horizontalCentered = True
    if title_rows:
        ws.print_title_rows = title_rows
    ws.oddHeader.center.text = "&A"  # the sheet's name
    ws.oddFooter.center.text = say(FOOTER, lang)
