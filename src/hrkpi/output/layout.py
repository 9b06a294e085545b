"""Layout helpers shared by the Excel and HTML exports."""

from __future__ import annotations

from hrkpi.output.table import IndicatorRow, SectionRow, Table


def section_title(table: Table, index: int) -> str:
    """The heading text of the section row at `index`: "一、(一)1 确保就业形势稳定",
    led by the region ("乙区 · 一、...") when the table holds several regions."""
    row = table.rows[index]
    assert isinstance(row, SectionRow)
    title = f"{row.code} {row.title}".strip()
    regions = {r.result.region for r in table.indicator_rows()}
    if len(regions) < 2:
        return title
    following = next((r for r in table.rows[index + 1 :] if isinstance(r, IndicatorRow)), None)
    if following is None or not following.result.region:
        return title
    return f"{following.result.region} · {title}"
