"""Plain-text tables: CSV and Markdown, drawn from the completion table."""

from __future__ import annotations

import csv
import io
import re

from hrkpi.core.cellguard import neutralise
from hrkpi.output.controls import visible_line
from hrkpi.output.table import Cell, SectionRow, Table

# hrkpi's own signed figures with words: a change in points (-0.15个百分点, +0.52 pp)
# and an absolute change with its growth rate (+1.23 (+2.28%)).
_SIGNED_WITH_WORDS = re.compile(
    r"(?P<number>[+-][0-9]+(?:\.[0-9]+)?%?) ?(?P<words>个百分点|pp|\([+-]?[0-9]+(?:\.[0-9]+)?%?\))"
)


def csv_field(cell: Cell) -> str:
    """A table cell as a CSV field that no spreadsheet runs as a formula.

    Text gets `neutralise`'s apostrophe when it starts like a formula. A figure of the
    table never does: a plain number (-46.30%) stays as it is, and a signed figure with
    words is written with the number straight against its words (+1.23(+2.28%),
    +0.52pp). A number directly followed by a word or a bracket cannot be parsed as a
    formula (no operator stands between them), so a spreadsheet keeps the field as
    text; with the space, Excel may take +1.23 (+2.28%) for a formula, a space being
    its intersection operator, and show an error instead of the figure.
    """
    # The one formula guard of hrkpi's CSVs lives in core, where the series CSV
    # (hrkpi.engine.series) can reach it too.

    if cell.number is not None:
        match = _SIGNED_WITH_WORDS.fullmatch(cell.text)
        if match:
            return match["number"] + match["words"]
    return neutralise(cell.text)


def to_csv(table: Table, *, bom: bool = False, sections: bool = False) -> str:
    """The table as CSV (UTF-8; with a BOM for Excel if asked)."""

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    keys = [c.key for c in table.columns]
    writer.writerow([c.header(table.lang) for c in table.columns])
    for row in table.rows:
        if isinstance(row, SectionRow):
            if sections:
                writer.writerow([neutralise(f"{row.code} {row.title}")])
            continue
        writer.writerow([csv_field(row.cells[k]) for k in keys])
    return ("\ufeff" if bom else "") + out.getvalue()


# Markdown and HTML punctuation a name could use to become markup: a tag (<script>,
# <img onerror>), an entity, a link or image, emphasis, code, strikethrough, math,
# or a cell boundary. CommonMark shows any backslash-escaped punctuation as itself.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|&~$])")
# Anything that would end the table row: a line break of any kind.
_MD_BREAKS = re.compile("\r\n|[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]")


def _md_escape(text: str) -> str:
    """A cell's text as inert Markdown on one line: markup escaped, breaks as spaces,
    other control characters as visible escapes."""
    return visible_line(_MD_BREAKS.sub(" ", _MD_SPECIAL.sub(r"\\\1", text)))


def to_markdown(table: Table) -> str:
    """The table as GitHub-flavoured Markdown, sections as bold rows."""
    keys = [c.key for c in table.columns]
    lines = [f"**{_md_escape(table.title)}**", ""]
    headers = (_md_escape(c.header(table.lang)) for c in table.columns)
    lines.append("| " + " | ".join(headers) + " |")
    aligns = ["---:" if k in _NUMERIC else "---" for k in keys]
    lines.append("| " + " | ".join(aligns) + " |")
    for row in table.rows:
        if isinstance(row, SectionRow):
            first = f"**{_md_escape(row.code)} {_md_escape(row.title)}**"
            lines.append("| " + " | ".join([first] + [""] * (len(keys) - 1)) + " |")
            continue
        lines.append("| " + " | ".join(_md_escape(row.cells[k].text) for k in keys) + " |")
    return "\n".join(lines) + "\n"


_NUMERIC = {
    "no",
    "target",
    "value",
    "completion",
    "pace",
    "yoy_previous",
    "ytd_previous",
    "parts_sum",
}
