"""The regional table as text files: CSV, Markdown, an HTML page (with the check
findings, when given) and JSON."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from html import escape

from hrkpi.checks.findings import Finding
from hrkpi.core.numbers import format_decimal
from hrkpi.engine.regional import RegionalReport
from hrkpi.engine.report import Report
from hrkpi.output.regional import RegionalTable, stated_pace
from hrkpi.output.table import PCT_DECIMALS, Style
from hrkpi.output.text import csv_field
from hrkpi.output.words import Lang


def regional_csv(tables: list[RegionalTable], *, bom: bool = False) -> str:
    """The tables as CSV (one header row per table; a blank line between tables)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for n, table in enumerate(tables):
        if n:
            writer.writerow([])
        writer.writerow(table.flat_headers())
        for row in table.rows:
            writer.writerow([csv_field(c) for c in row])
    return ("\ufeff" if bom else "") + out.getvalue()


def regional_markdown(tables: list[RegionalTable]) -> str:
    """The tables as GitHub-flavoured Markdown."""
    lines: list[str] = []
    for table in tables:
        lines += [f"**{table.title}**", ""]
        meta = "　".join(t for t in (table.unit_line, table.date_line) if t)
        if meta:
            lines += [meta, ""]
        lines.append("| " + " | ".join(_md(h) for h in table.flat_headers()) + " |")
        lines.append("| --- |" + " ---: |" * (table.width - 1))
        for row in table.rows:
            lines.append("| " + " | ".join(_md(c.text) for c in row) + " |")
        lines += [""] + [f"- {_md(n)}" for n in table.notes] + [""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def regional_html(
    tables: list[RegionalTable],
    findings: Sequence[Finding] | None = None,
    *,
    report: Report | None = None,
) -> str:
    """The tables as one offline HTML page (no script, nothing fetched), then the check
    `findings`, 地区 column and all (None: no findings section), indicators named from
    `report`'s catalog (the regional content's `.report`)."""
    from hrkpi.output.html import CSP, STYLE, findings_html

    lang = tables[0].lang if tables else Lang.ZH
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{"zh-CN" if lang is Lang.ZH else "en"}"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        f"<title>{escape(tables[0].title if tables else '')}</title>",
        f"<style>{STYLE} td.good, td.warn, td.bad {{ white-space: nowrap; }}</style></head><body>",
    ]
    for table in tables:
        parts.append(f"<h1>{escape(table.title)}</h1>")
        meta = "　".join(t for t in (table.unit_line, table.date_line) if t)
        parts.append(f'<p class="meta">{escape(meta)}</p>')
        parts.append("<table><thead><tr>")
        parts.append(f'<th rowspan="2">{escape(table.region_header)}</th>')
        for g in table.groups:
            parts.append(f'<th colspan="{len(g.keys)}">{escape(g.header)}</th>')
        parts.append("</tr><tr>")
        for g in table.groups:
            parts += [f"<th>{escape(h)}</th>" for h in g.sub_headers(table.lang)]
        parts.append("</tr></thead><tbody>")
        for i, row in enumerate(table.rows):
            tag = ' class="section"' if i == table.total_row else ""
            cells = [f"<th>{escape(row[0].text)}</th>"]
            for c in row[1:]:
                cls = " ".join(
                    x
                    for x in (
                        "num" if c.number is not None else "",
                        c.style.value if c.style is not Style.NONE else "",
                    )
                    if x
                )
                cells.append(
                    f'<td class="{cls}">{escape(c.text)}</td>'
                    if cls
                    else f"<td>{escape(c.text)}</td>"
                )
            parts.append(f"<tr{tag}>{''.join(cells)}</tr>")
        parts.append("</tbody></table>")
        parts += [f'<p class="note">{escape(n)}</p>' for n in table.notes]
    if findings is not None:
        parts.append(findings_html(findings, report, lang, regions=True))
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def regional_json(regional: RegionalReport) -> str:
    """Every region's figures as decimal strings (never floats), and the totals checks."""
    import json

    def dec(value: object, places: int) -> str | None:
        return None if value is None else format_decimal(value, places)  # type: ignore[arg-type]

    rows = []
    for row in regional.rows:
        cells = {}
        for ind_id, cell in row.cells.items():
            r = cell.result
            cells[ind_id] = {
                "value": dec(r.value, r.value_decimals),
                "stated": r.observation.stated.value.literal
                if r.observation and r.observation.stated.value
                else None,
                "target_source": r.target_source.value if r.target_source else None,
                "targets": [
                    {
                        "name": t.target.name,
                        "target": t.target.value.literal,
                        "completion": dec(t.completion, PCT_DECIMALS),
                        "gap": dec(t.gap, max(r.value_decimals, t.target.value.decimals)),
                        "reached": t.reached,
                    }
                    for t in r.targets
                ],
                "completion": dec(r.completion, PCT_DECIMALS),
                "pace_status": r.pace_status.value if r.pace_status else None,
                "rank": cell.rank,
                "behind": cell.behind,
            }
        rows.append({"region": row.region, "total": row.total, "indicators": cells})
    report = regional.report
    doc = {
        "as_of": report.as_of.isoformat() if report.as_of else None,
        "pace": dec(stated_pace(regional, regional.indicators), PCT_DECIMALS),
        "parent": regional.parent,
        "order": regional.order.value,
        "indicators": [i.id for i in regional.indicators],
        "rows": rows,
        "totals": {
            ind_id: {
                "children_sum": dec(t.children_sum, t.decimals),
                "consistent": t.consistent,
                "missing": t.missing,
            }
            for ind_id, t in regional.totals.items()
        },
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
