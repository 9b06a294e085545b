"""Check findings laid out as table rows, for the Excel sheet and the HTML report.

Words come from hrkpi.output.findwords, in the table's language; a finding's file
is shown by its bare name, so a workbook mailed out carries no local paths.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from hrkpi.checks.findings import CheckReport, Finding, Verdict
from hrkpi.engine.report import Report
from hrkpi.output.figures import figure_words, interval_places, interval_text
from hrkpi.output.findreasons import message
from hrkpi.output.findwords import (
    VERDICT_LABELS,
    Words,
    kind_label,
    relation,
    summary_counts,
)
from hrkpi.output.sumwords import period_words
from hrkpi.output.table import Style
from hrkpi.output.words import Lang, say

FINDING_COLUMNS: tuple[tuple[str, tuple[str, str]], ...] = (
    ("no", ("序号", "No.")),
    ("indicator", ("指标", "Indicator")),
    ("region", ("地区", "Region")),
    ("period", ("时期", "Period")),
    ("kind", ("核对项", "Check")),
    ("verdict", ("结论", "Verdict")),
    ("relation", ("关系", "Relation")),
    ("stated", ("陈述值", "Stated")),
    ("computed", ("推算区间", "Computed range")),
    ("consistent", ("可一致的陈述值", "Consistent stated values")),
    ("implied", ("推算值", "Implied")),
    ("reason", ("说明", "Reason")),
    ("location", ("位置", "Location")),
)

VERDICT_STYLES: dict[Verdict, Style] = {
    Verdict.CONSISTENT: Style.GOOD,
    Verdict.PASS: Style.GOOD,
    Verdict.NOT_CHECKABLE: Style.NONE,
    Verdict.TARGET_NOT_PRINTED: Style.NONE,
    Verdict.WARN: Style.WARN,
    Verdict.INCONSISTENT: Style.BAD,
    Verdict.FAIL: Style.BAD,
}

NOT_RUN = (
    "未提供核对结果：用 hrkpi export（会运行 hrkpi check）或传入 findings 参数。",
    "No check findings were supplied: run hrkpi export (it runs hrkpi check) "
    "or pass findings= from Python.",
)


@dataclass(frozen=True)
class FindingRow:
    """One finding as display texts keyed by FINDING_COLUMNS, and its verdict's style."""

    texts: dict[str, str]
    style: Style
    verdict: Verdict


def as_findings(findings: CheckReport | Iterable[Finding] | None) -> list[Finding] | None:
    """Accept a CheckReport, a list of Findings, or None (check not run)."""
    if findings is None:
        return None
    if isinstance(findings, CheckReport):
        return list(findings.findings)
    return list(findings)


def finding_rows(
    findings: Sequence[Finding], report: Report | None, lang: Lang
) -> list[FindingRow]:
    """Display rows for `findings`, indicators named in `lang` where the catalog knows them."""
    words = Words(lang, report.catalog if report is not None else None, bare_paths=True)
    rows = []
    for number, f in enumerate(findings, start=1):
        computed = ""
        if f.computed is not None and not f.computed.empty:
            computed = interval_text(f.computed, interval_places(f.decimals), keep=f.decimals)
        consistent = ""
        if f.consistent_values is not None:
            low, high = f.consistent_values
            consistent = low if low == high else f"{low} – {high}"
        elif f.candidates:
            consistent = (
                "、".join(c.value for c in f.candidates)
                if lang is Lang.ZH
                else (", ".join(c.value for c in f.candidates))
            )
        texts = {
            "no": str(number),
            "indicator": words.name(f.indicator),
            "region": f.region,
            # (its period as the check text names it: 2021年1-6月, 2021-01/06)
            "period": period_words(f, words) if f.period else "",
            "kind": kind_label(f.kind, lang),
            "verdict": say(VERDICT_LABELS[f.verdict], lang),
            "relation": relation(f, words),
            # (its approximation word in the table's language: nearly 84 in English, as
            # the completion table and the check text say it)
            "stated": figure_words(f.stated, lang) if f.stated else "",
            "computed": computed,
            "consistent": consistent,
            "implied": f"{f.implied}{words.unit(f.implied_unit)}" if f.implied else "",
            "reason": message(f, words),
            "location": words.place(f.shown_file, f.line),
        }
        rows.append(FindingRow(texts, VERDICT_STYLES[f.verdict], f.verdict))
    return rows


def summary(findings: Sequence[Finding], lang: Lang) -> str:
    """How many findings of each verdict, in report words: 一致 30，不一致 0 ..."""
    counts = {v: sum(1 for f in findings if f.verdict is v) for v in Verdict}
    return summary_counts(counts, lang)
