"""Outputs of `hrkpi check` as text for people (the JSON is hrkpi.output.checkjson,
JUnit XML hrkpi.output.junit).

Words come from hrkpi.output.findwords in the language asked for (Chinese by
default). No pydantic here: a text report must not pay for building the JSON
models' machinery at start-up.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, NamedTuple

from hrkpi.checks.findings import CheckReport, Finding, Verdict
from hrkpi.output.findreasons import explanation
from hrkpi.output.findwords import Words, kind_label, mark, placed_relation
from hrkpi.output.words import Lang, borrowed_note, say

if TYPE_CHECKING:  # (polars: imported by the listings of the fast path only)
    from hrkpi.output.columnwords import Lines


class Counts(NamedTuple):
    """Counts of findings by verdict (the JSON's `summary`)."""

    checks: int
    consistent: int
    inconsistent: int
    not_checkable: int
    target_not_printed: int
    thresholds_passed: int
    warnings: int
    failures: int


def counts(report: CheckReport) -> Counts:
    """Count the findings."""
    return Counts(
        checks=sum(report.count(v) for v in Verdict),  # counted findings too (fast path)
        consistent=report.count(Verdict.CONSISTENT),
        inconsistent=report.count(Verdict.INCONSISTENT),
        not_checkable=report.count(Verdict.NOT_CHECKABLE),
        target_not_printed=report.count(Verdict.TARGET_NOT_PRINTED),
        thresholds_passed=report.count(Verdict.PASS),
        warnings=report.count(Verdict.WARN),
        failures=report.count(Verdict.FAIL),
    )


def shown(report: CheckReport, problems_only: bool) -> Sequence[Finding]:
    """The findings a report lists: its problems, or every finding."""
    return report.problems() if problems_only else report.findings


def describe(f: Finding, words: Words) -> list[str]:
    """The lines that explain one finding to a statistician."""
    lang = words.lang
    sep = "：" if lang is Lang.ZH else ": "
    # English marks are padded to one width, as a test runner's; Chinese ones are words.
    if lang is Lang.EN:
        head = f"{f.shown_file}:{f.line}: {mark(f.verdict, lang):4} {kind_label(f.kind, lang)}: "
    else:
        head = f"{f.shown_file}:{f.line}: {mark(f.verdict, lang)} {kind_label(f.kind, lang)}{sep}"
    # (a figure on a table's row: its region and period first, 临江县 2021年1-3月：…)
    lines = [head + placed_relation(f, words)]
    if f.verdict is not Verdict.CONSISTENT and f.verdict is not Verdict.PASS:
        lines.extend(f"    {line}" for line in explanation(f, words))
    elif f.implied:
        # A consistent figure that implies another (a whole-number base) says so.
        lines.extend(f"    {line}" for line in explanation(f, words))
    return lines


def summary_text(report: CheckReport, lang: Lang) -> str:
    """The closing count of every verdict."""
    s = counts(report)
    if lang is Lang.ZH:
        targets = f"，目标未列明{s.target_not_printed}" if s.target_not_printed else ""
        return (
            f"共核对{s.checks}项：一致{s.consistent}，不一致{s.inconsistent}，"
            f"无法核对{s.not_checkable}{targets}，达标{s.thresholds_passed}，预警{s.warnings}，"
            f"未达标{s.failures}"
        )
    targets = (
        f", {_many(s.target_not_printed, 'target')} not printed" if s.target_not_printed else ""
    )
    return (
        f"{_many(s.checks, 'check')}: {s.consistent} consistent, {s.inconsistent} inconsistent, "
        f"{s.not_checkable} not checkable{targets}, {_many(s.thresholds_passed, 'limit')} met, "
        f"{_many(s.warnings, 'limit warning')}, {_many(s.failures, 'limit')} failed"
    )


def _many(n: int, noun: str) -> str:
    """1 limit, 2 limits (0 limits): a count and its noun in English."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def to_text(
    report: CheckReport,
    *,
    lang: Lang = Lang.ZH,
    strict: bool = False,
    problems_only: bool = False,
    unchecked: bool = False,
) -> str:
    """Every finding on a line of its own (explained where it matters), then a summary."""
    return "".join(
        str(piece)
        for piece in iter_text(
            report, lang=lang, strict=strict, problems_only=problems_only, unchecked=unchecked
        )
    )


def iter_text(
    report: CheckReport,
    *,
    lang: Lang = Lang.ZH,
    strict: bool = False,
    problems_only: bool = False,
    unchecked: bool = False,
) -> Iterator[str | Lines]:
    """`to_text` in pieces, a finding at a time (printing a million findings streams);
    findings worded as the fast path decided them come as `Lines`, already as printed
    (control characters shown), each written to a binary stream as it is."""
    words = Words(lang, report.catalog)
    listed = False
    for text in finding_texts(shown(report, problems_only), words):
        listed = listed or bool(text)
        yield text
    yield text_end(report, lang=lang, listed=listed, strict=strict, unchecked=unchecked)


def finding_texts(findings: Sequence[Finding], words: Words) -> Iterator[str | Lines]:
    """Each finding's text (`finding_text`), in order: a finding at a time, or for
    findings kept as columns (the fast path) a chunk at a time, the frequent ones
    worded from their columns (hrkpi.output.columnwords)."""
    pieces = getattr(findings, "store_pieces", None)
    if pieces is None:
        for f in findings:
            yield finding_text(describe(f, words))
        return
    from hrkpi.output.columnwords import ColumnWords, chunk_texts

    # The run's own (its groups may have worded their findings as they were decided).
    column: ColumnWords | None = getattr(findings, "wording", None)
    own = column is not None and column.lang is words.lang
    if column is None or not own:
        column = ColumnWords(words)
    yield from chunk_texts(pieces(with_text=own), column)


def finding_text(lines: list[str]) -> str:
    """A finding's lines (`describe`) as the text report prints them."""
    return "".join(line + "\n" for line in lines)


def text_end(
    report: CheckReport, *, lang: Lang, listed: bool, strict: bool, unchecked: bool
) -> str:
    """What the text report prints after its findings (`listed`: whether any was
    printed): the regions measured by a borrowed target, the counts, the verdict."""
    end = "\n" if listed else ""
    if report.borrowed:
        end += borrowed_note(list(report.borrowed), lang) + "\n"
    end += summary_text(report, lang) + "\n"
    if (strict or unchecked) and report.checked() == 0:
        end += say(("没有核对到任何关系。", "Nothing could be checked."), lang) + "\n"
    failed = report.failed(strict=strict, unchecked=unchecked)
    return end + say(("未通过", "FAILED") if failed else ("通过", "PASSED"), lang) + "\n"
