"""Plain-text tables: CSV and Markdown, drawn from the completion table."""

from __future__ import annotations

import csv
import io

from hrkpi.table import SectionRow, Table


def to_csv(table: Table, *, bom: bool = False, sections: bool = False) -> str:
    """The table as CSV (UTF-8; with a BOM for Excel if asked)."""
    # The one formula guard of hrkpi's CSVs; imported here so that Markdown output
    # never loads hrkpi.series (it lives there, where the series CSV can reach it).
    from hrkpi.series.table import neutralise

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    keys = [c.key for c in table.columns]
    writer.writerow([c.header(table.lang) for c in table.columns])
    for row in table.rows:
        if isinstance(row, SectionRow):
            if sections:
                writer.writerow([neutralise(f"{row.code} {row.title}")])
            continue
        writer.writerow([neutralise(row.cells[k].text) for k in keys])
    return ("\ufeff" if bom else "") + out.getvalue()


def _md_escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(table: Table) -> str:
    """The table as GitHub-flavoured Markdown, sections as bold rows."""
    keys = [c.key for c in table.columns]
    lines = [f"**{table.title}**", ""]
    lines.append("| " + " | ".join(c.header(table.lang) for c in table.columns) + " |")
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
