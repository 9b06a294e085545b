"""The completion table as one self-contained HTML page with inline SVG charts.

No script, no web font, no image or style sheet to fetch: the page carries a
Content-Security-Policy that forbids every network request, so it opens the
same offline, in a mail attachment, or on an intranet.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from hrkpi.checks.findings import Finding
from hrkpi.core.models import Level, PaceStatus
from hrkpi.core.version import __version__
from hrkpi.engine.report import Report
from hrkpi.output.charts import pace_chart, threshold_chart
from hrkpi.output.figures import value_text
from hrkpi.output.findingrows import (
    FINDING_COLUMNS,
    NOT_RUN,
    VERDICT_STYLES,
    FindingRow,
    finding_rows,
    summary,
)
from hrkpi.output.findwords import VERDICT_LABELS
from hrkpi.output.layout import section_title
from hrkpi.output.table import COLUMN_KEYS, PCT_DECIMALS, SectionRow, Table, build_table
from hrkpi.output.words import MET, MISSED, PACE_STATUS, Lang, say

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
_NUMERIC = {"no", "target", "value", "completion", "pace", "yoy", "ytd"}
_NUMERIC |= {"yoy_previous", "ytd_previous", "parts_sum"}
_PACE_STYLES = {
    PaceStatus.COMPLETED: "good",
    PaceStatus.AHEAD: "good",
    PaceStatus.ON_PACE: "warn",
    PaceStatus.BEHIND: "bad",
}

STYLE = """
:root { --ink: #1f2933; --muted: #5f6b76; --line: #d9dee3; --head: #eef3f8;
  --good: #e3f2e5; --good-ink: #1b5e20; --warn: #fff4d6; --warn-ink: #8a5300;
  --bad: #fde3e3; --bad-ink: #b71c1c; }
* { box-sizing: border-box; }
body { margin: 0; padding: 28px 36px 48px; color: var(--ink); background: #fff;
  font: 14px/1.5 "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC",
  "Microsoft YaHei", "WenQuanYi Micro Hei", system-ui, sans-serif; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 32px 0 8px; padding-bottom: 4px;
  border-bottom: 2px solid var(--line); }
p.meta { color: var(--muted); margin: 0 0 8px; }
p.note { color: var(--muted); margin: 4px 0 12px; font-size: 13px; }
.chart { overflow-x: auto; }
svg { font-family: inherit; }
svg .label { font-size: 13px; fill: var(--ink); }
svg .value { font-size: 13px; font-weight: 600; fill: var(--ink); }
svg .axis { font-size: 12px; fill: var(--muted); }
table { border-collapse: collapse; font-size: 13px; width: 100%; }
th, td { border: 1px solid var(--line); padding: 4px 8px; vertical-align: top; }
thead th { background: var(--head); position: sticky; top: 0; white-space: nowrap; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.section th { background: #f6f7f9; text-align: left; font-weight: 700; }
td.good { background: var(--good); color: var(--good-ink); }
td.warn { background: var(--warn); color: var(--warn-ink); }
td.bad { background: var(--bad); color: var(--bad-ink); font-weight: 600; }
.cards { display: flex; gap: 16px; flex-wrap: wrap; margin: 16px 0 4px; }
.card { display: flex; gap: 12px; align-items: center; border: 1px solid var(--line);
  border-radius: 6px; padding: 10px 16px; min-width: 260px; }
.card .big { font-size: 30px; font-weight: 700; line-height: 1; }
.pill { display: inline-block; border-radius: 10px; padding: 0 8px; margin: 4px 6px 0 0;
  font-size: 12px; background: #eceff1; }
.pill.good { background: var(--good); color: var(--good-ink); }
.pill.warn { background: var(--warn); color: var(--warn-ink); }
.pill.bad { background: var(--bad); color: var(--bad-ink); }
details { margin: 8px 0; }
td.k-indicator { min-width: 9em; }
td.k-kind, td.k-verdict, td.k-period, td.k-stated, td.k-computed { white-space: nowrap; }
td.k-location { word-break: break-all; }
summary { cursor: pointer; font-weight: 600; }
footer { margin-top: 32px; color: var(--muted); font-size: 12px; }
@page { size: A4 portrait; margin: 12mm; }
@page wide { size: A4 landscape; margin: 10mm; }
@media print {
  body { padding: 0; font-size: 12px; }
  thead th { position: static; }
  thead { display: table-header-group; }
  h2 { break-after: avoid; }
  .chart, tr, .card { break-inside: avoid; }
  .chart { overflow: visible; }
  .chart svg { max-width: 100%; height: auto; }
  .wide { page: wide; }
  table { font-size: 11px; }
  th, td { padding: 2px 5px; }
}
"""


def _meta(report: Report, lang: Lang) -> str:
    bits = []
    if report.sources:
        bits.append(say(("来源：", "Source: "), lang) + "；".join(report.sources))
    if report.as_of:
        bits.append(say(("截至 ", "as of "), lang) + report.as_of.isoformat())
    if report.pace is not None:
        method = say(
            ("按天", "by days") if report.pace_method == "days" else ("按月", "by months"), lang
        )
        pace = value_text(report.pace, PCT_DECIMALS)
        shown = f"{pace}%（{method}）" if lang is Lang.ZH else f"{pace}% ({method})"
        bits.append(say(("序时进度 ", "schedule pace "), lang) + shown)
    sep = "　·　"
    return f'<p class="meta">{escape(sep.join(bits))}</p>'


def _card(title: str, counts: Sequence[tuple[str, int, str]], total: int) -> str:
    items = "".join(
        f'<span class="pill {style}">{escape(label)} {n}</span>' for label, n, style in counts if n
    )
    body = f"<div>{escape(title)}<br>{items}</div>"
    return f'<div class="card"><div class="big">{total}</div>{body}</div>'


def _summary(report: Report, findings: Sequence[Finding] | None, lang: Lang) -> str:
    """Cards: targets by pace status, limits met or missed, check verdicts."""
    cards = []
    flows = [r for r in report.results if r.pace_status is not None]
    if flows:
        counts = [
            (say(PACE_STATUS[s], lang), sum(1 for r in flows if r.pace_status is s), style)
            for s, style in _PACE_STYLES.items()
        ]
        cards.append(
            _card(say(("项有年度目标", "with an annual target"), lang), counts, len(flows))
        )
    judged = [r for r in report.results if r.thresholds]
    if judged:
        met = sum(1 for r in judged if r.threshold_level is None)
        warn = sum(1 for r in judged if r.threshold_level is Level.WARN)
        fail = sum(1 for r in judged if r.threshold_level is Level.FAIL)
        counts = [
            (say(MET, lang), met, "good"),
            (say(MISSED[Level.WARN], lang), warn, "warn"),
            (say(MISSED[Level.FAIL], lang), fail, "bad"),
        ]
        cards.append(_card(say(("项有控制目标", "with a limit"), lang), counts, len(judged)))
    if findings is not None:
        counts = [
            (say(VERDICT_LABELS[v], lang), sum(1 for f in findings if f.verdict is v), style.value)
            for v, style in VERDICT_STYLES.items()
        ]
        cards.append(_card(say(("项核对", "figures checked"), lang), counts, len(findings)))
    return f'<div class="cards">{"".join(cards)}</div>' if cards else ""


def _table_html(table: Table) -> str:
    keys = [c.key for c in table.columns]
    out = ["<table>", "<thead><tr>"]
    out += [f"<th>{escape(c.header(table.lang))}</th>" for c in table.columns]
    out.append("</tr></thead><tbody>")
    for index, row in enumerate(table.rows):
        if isinstance(row, SectionRow):
            title = escape(section_title(table, index))
            out.append(f'<tr class="section"><th colspan="{len(keys)}">{title}</th></tr>')
            continue
        cells = []
        for key in keys:
            cell = row.cells[key]
            classes = []
            if key in _NUMERIC and cell.number is not None:
                classes.append("num")
            if cell.style.value != "none":
                classes.append(cell.style.value)
            attr = f' class="{" ".join(classes)}"' if classes else ""
            cells.append(f"<td{attr}>{escape(cell.text)}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def findings_html(
    findings: Sequence[Finding] | None,
    report: Report | None,
    lang: Lang,
    *,
    regions: bool = False,
) -> str:
    """The check findings (核对结果) as an HTML section: a heading, the count by verdict,
    the problems open and every finding folded, in the columns of the workbook's sheet;
    None says the check was not run. Indicators are named from `report`'s catalog where
    it knows them. The 地区 column shows when the findings name regions (`_has_regions`),
    or always with `regions`: on a regional page every figure stands in a region."""
    out = [f'<h2 id="findings">{escape(say(("核对结果", "Check findings"), lang))}</h2>']
    if findings is None:
        out.append(f'<p class="note">{escape(say(NOT_RUN, lang))}</p>')
        return "\n".join(out)
    rows = finding_rows(findings, report, lang)
    out.append(f'<p class="meta">{escape(summary(findings, lang))}</p>')
    keys = [
        k
        for k, _ in FINDING_COLUMNS
        if (k != "region" or regions or _has_regions(findings, rows))
        and (k != "period" or _has_periods(rows))
    ]
    groups = (
        (("需要处理", "Needs attention"), [r for r in rows if r.style.value in ("bad", "warn")]),
        (("全部核对结果", "All findings"), rows),
    )
    if not groups[0][1]:
        none = ("没有不一致或未达标的数字。", "No figure is inconsistent or misses its limit.")
        out.append(f'<p class="note">{escape(say(none, lang))}</p>')
    for label, chosen in groups:
        if not chosen:
            continue
        is_open = " open" if chosen is not rows else ""
        out.append(
            f"<details{is_open}><summary>{escape(say(label, lang))} ({len(chosen)})</summary>"
        )
        out.append('<table class="findings"><thead><tr>')
        out += [f"<th>{escape(say(h, lang))}</th>" for k, h in FINDING_COLUMNS if k in keys]
        out.append("</tr></thead><tbody>")
        for r in chosen:
            tds = []
            for key in keys:
                cls = f"k-{key}"
                if key == "verdict" and r.style.value != "none":
                    cls += f" {r.style.value}"
                tds.append(f'<td class="{cls}">{escape(r.texts[key])}</td>')
            out.append("<tr>" + "".join(tds) + "</tr>")
        out.append("</tbody></table></details>")
    return "\n".join(out)


def _has_regions(findings: Sequence[Finding], rows: Sequence[FindingRow]) -> bool:
    """A 地区 column when the terminal names a region too (a figure on a table's row: one
    region's workbook or CSV as well) or the findings are of several regions; not for a
    report's own figures, all of its one region."""
    return any(f.row and f.region for f in findings) or len({r.texts["region"] for r in rows}) > 1


def _has_periods(rows: Sequence[FindingRow]) -> bool:
    return any(r.texts["period"] for r in rows)


PACE_TITLE = ("完成率与序时进度", "Completion against schedule pace")
PACE_NOTE = (
    "每个有年度目标的累计指标：条形为完成率，虚线为序时进度（时间过半、任务过半）。",
    "Every flow indicator with an annual target: the bar is completion, "
    "the dashed tick is schedule pace.",
)
LIMIT_TITLE = ("控制目标", "Indicators against their limits")
LIMIT_NOTE = (
    "绿色区间为达标范围，红色为超出控制目标；菱形为实际值。",
    "Green is within the limit, red beyond it; the diamond is the value.",
)


def _chart_block(title: str, note: str, svg: str) -> list[str]:
    if not svg:
        return []
    return [
        f"<h2>{escape(title)}</h2>",
        f'<p class="note">{escape(note)}</p>',
        f'<div class="chart">{svg}</div>',
    ]


def to_html(table: Table, report: Report, findings: Sequence[Finding] | None = None) -> str:
    """The report page: title, charts (pace and limits), the table, and the check findings."""
    lang = table.lang
    # The charts read every column's text, whatever columns the table shows.
    full = build_table(report, lang=lang, columns=COLUMN_KEYS).indicator_rows()
    pace_title, limit_title = say(PACE_TITLE, lang), say(LIMIT_TITLE, lang)
    charts = _chart_block(
        pace_title, say(PACE_NOTE, lang), pace_chart(full, report.pace, lang, pace_title)
    )
    charts += _chart_block(
        limit_title, say(LIMIT_NOTE, lang), threshold_chart(full, lang, limit_title)
    )
    html_lang = "zh-CN" if lang is Lang.ZH else "en"
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{html_lang}">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(table.title)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        f"<h1>{escape(table.title)}</h1>",
        _meta(report, lang),
        _summary(report, findings, lang),
        *charts,
        # Printed on landscape A4 pages of their own (the page style "wide").
        '<section class="wide">',
        f'<h2 id="table">{escape(say(("完成情况表", "Completion table"), lang))}</h2>',
        _table_html(table),
        "</section>",
        '<section class="wide">',
        findings_html(findings, report, lang),
        f"<footer>hrkpi {escape(__version__)}</footer>",
        "</section>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"
