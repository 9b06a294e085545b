"""`hrkpi check --junit`: the findings as JUnit XML, one test case per finding,
written as a stream (the counts first, then each case as its finding is made)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator

from hrkpi.checks.findings import PROBLEMS, CheckReport, Finding, Verdict
from hrkpi.output.checktext import counts, describe, finding_text, text_end
from hrkpi.output.findreasons import message
from hrkpi.output.findwords import Words, kind_label, placed_relation
from hrkpi.output.words import Lang

LEAD = "\n    "  # what goes before each test case but the first


def to_junit(
    report: CheckReport, *, lang: Lang = Lang.ZH, strict: bool = False, unchecked: bool = False
) -> str:
    """JUnit XML: one test case per listed check; inconsistencies and failed limits are
    failures, relations that could not be checked are skipped (failures under
    --fail-unchecked), warnings fail only under --strict."""
    return "".join(iter_junit(report, lang=lang, strict=strict, unchecked=unchecked))


def iter_junit(
    report: CheckReport, *, lang: Lang = Lang.ZH, strict: bool = False, unchecked: bool = False
) -> Iterator[str]:
    """`to_junit` in pieces, a test case at a time: the counts come first (counted
    without building a finding), then each case as its finding is made, so a
    million findings stream to the file and no tree of them is held."""
    cases = JunitCases(report, lang=lang, strict=strict, unchecked=unchecked)
    if kept_as_columns(report):
        from hrkpi.output.columncases import text_junit

        for _, xml in text_junit(report.findings, cases, problems_only=True, text=False):
            yield xml
    else:
        for f in report.findings:
            yield cases.case(f)
    yield cases.end()


def kept_as_columns(report: CheckReport) -> bool:
    """Whether the report's findings are kept as columns (the fast path): their frequent
    cases are then made from columns (hrkpi.output.columncases)."""
    return getattr(report.findings, "store_pieces", None) is not None


def iter_text_junit(
    report: CheckReport,
    *,
    lang: Lang = Lang.ZH,
    strict: bool = False,
    problems_only: bool = False,
    unchecked: bool = False,
) -> Iterator[tuple[str, str]]:
    """`iter_text` and `iter_junit` side by side, each finding built (and described)
    once for both: pairs of (text, XML) pieces whose joins equal `to_text` and
    `to_junit`. Streams as they do: nothing is held but the finding at hand."""
    cases = JunitCases(report, lang=lang, strict=strict, unchecked=unchecked)
    listed = False
    if kept_as_columns(report):
        from hrkpi.output.columncases import text_junit

        for text, xml in text_junit(report.findings, cases, problems_only=problems_only):
            listed = listed or bool(text)
            yield text, xml
        end = text_end(report, lang=lang, listed=listed, strict=strict, unchecked=unchecked)
        yield end, cases.end()
        return
    for f in report.findings:
        # The text lists what `iter_text` lists: every finding, or only the problems.
        shown = not problems_only or f.verdict in PROBLEMS
        lines = describe(f, cases.words) if shown else None
        listed = listed or shown
        yield (finding_text(lines) if lines is not None else ""), cases.case(f, lines)
    end = text_end(report, lang=lang, listed=listed, strict=strict, unchecked=unchecked)
    yield end, cases.end()


class JunitCases:
    """The JUnit XML of a report, written a finding at a time by the caller: `case`
    for each of `report.findings` in order, then `end`. A caller that also prints
    the findings (`check --junit FILE` with text) builds each finding once for both.
    """

    def __init__(self, report: CheckReport, *, lang: Lang, strict: bool, unchecked: bool) -> None:
        self.words = Words(lang, report.catalog)
        self.lang, self.strict, self.unchecked = lang, strict, unchecked
        s = counts(report)
        skipped = s.not_checkable + s.target_not_printed
        failures = s.inconsistent + s.failures + (s.warnings if strict else 0)
        failures += skipped if unchecked else 0
        self.suites = ET.Element("testsuites", name="hrkpi check")
        self.suite = ET.SubElement(
            self.suites,
            "testsuite",
            name="hrkpi check",
            tests=str(s.checks),
            failures=str(failures),
            errors="0",
            skipped=str(0 if unchecked else skipped),
        )
        # The two wrapping elements as ElementTree writes them (indented by two
        # spaces), split where the cases go.
        ET.SubElement(self.suite, "testcase")
        ET.indent(self.suites)
        whole = ET.tostring(self.suites, encoding="unicode")
        self.head, _, self.tail = whole.partition("<testcase />")
        self.first = True

    def case(self, f: Finding, lines: list[str] | None = None) -> str:
        """The next finding's test case (after the XML head for the first); `lines`
        are `describe(f, words)` when the caller has them already."""
        return self.lead() + self.alone(f, lines)

    def lead(self) -> str:
        """What goes before the next case: the XML head before the first, else `LEAD`."""
        first, self.first = self.first, False
        return ('<?xml version="1.0" encoding="UTF-8"?>\n' + self.head) if first else LEAD

    def alone(self, f: Finding, lines: list[str] | None = None, words: Words | None = None) -> str:
        """A finding's test case alone, as `case` writes it after its lead (`words`: in
        place of the report's, as hrkpi.output.columncases makes its templates)."""
        w = self.words if words is None else words
        case = _case(f, w, self.lang, self.strict, self.unchecked, lines)
        ET.indent(case, level=2)
        return ET.tostring(case, encoding="unicode").rstrip(" \n")

    def end(self) -> str:
        """What follows the last case (the whole document when there was none)."""
        if not self.first:
            return self.tail + "\n"
        # No finding: an empty suite, as ElementTree writes it.
        self.suite.remove(self.suite[0])
        self.suite.text = None
        ET.indent(self.suites)
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            + ET.tostring(self.suites, encoding="unicode")
            + "\n"
        )


def _case(
    f: Finding,
    words: Words,
    lang: Lang,
    strict: bool,
    unchecked: bool,
    lines: list[str] | None,
) -> ET.Element:
    """One finding as a JUnit test case."""
    case = ET.Element(
        "testcase",
        classname=f"{f.region}.{f.indicator}" if f.region else f.indicator,
        name=f"{kind_label(f.kind, lang)}: {placed_relation(f, words)}",
        file=f.file,  # (a workbook's path alone: the case's name has its row)
        line=str(f.line),
    )
    fails = f.verdict.is_problem or (strict and f.verdict is Verdict.WARN)
    if fails or (unchecked and f.verdict.is_unchecked):
        failure = ET.SubElement(case, "failure", message=message(f, words), type=f.verdict.value)
        failure.text = "\n".join(lines if lines is not None else describe(f, words))
    elif f.verdict.is_unchecked:
        ET.SubElement(case, "skipped", message=message(f, words))
    elif f.verdict is Verdict.WARN:
        out = ET.SubElement(case, "system-out")
        out.text = "\n".join(lines if lines is not None else describe(f, words))
    return case
