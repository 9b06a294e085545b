"""`hrkpi check --junit`: the findings as JUnit XML, one test case per finding,
written as a stream (the counts first, then each case as its finding is made)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator

from hrkpi.checks.findings import CheckReport, Finding, Verdict
from hrkpi.output.checktext import describe, summary
from hrkpi.output.findreasons import message
from hrkpi.output.findwords import Words, kind_label, relation
from hrkpi.output.words import Lang


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
    words = Words(lang, report.catalog)
    s = summary(report)
    skipped = s.not_checkable + s.target_not_printed
    failures = s.inconsistent + s.failures + (s.warnings if strict else 0)
    failures += skipped if unchecked else 0
    suites = ET.Element("testsuites", name="hrkpi check")
    suite = ET.SubElement(
        suites,
        "testsuite",
        name="hrkpi check",
        tests=str(s.checks),
        failures=str(failures),
        errors="0",
        skipped=str(0 if unchecked else skipped),
    )
    # The two wrapping elements as ElementTree writes them (indented by two spaces),
    # split where the cases go.
    ET.SubElement(suite, "testcase")
    ET.indent(suites)
    whole = ET.tostring(suites, encoding="unicode")
    head, _, tail = whole.partition("<testcase />")
    first = True
    for f in report.findings:
        case = _case(f, words, lang, strict=strict, unchecked=unchecked)
        ET.indent(case, level=2)
        yield ('<?xml version="1.0" encoding="UTF-8"?>\n' + head) if first else "\n    "
        yield ET.tostring(case, encoding="unicode").rstrip(" \n")
        first = False
    if first:  # no finding: an empty suite, as ElementTree writes it
        suite.remove(suite[0])
        suite.text = None
        ET.indent(suites)
        yield '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode")
        yield "\n"
        return
    yield tail + "\n"


def _case(f: Finding, words: Words, lang: Lang, *, strict: bool, unchecked: bool) -> ET.Element:
    """One finding as a JUnit test case."""
    case = ET.Element(
        "testcase",
        classname=f"{f.region}.{f.indicator}" if f.region else f.indicator,
        name=f"{kind_label(f.kind, lang)}: {relation(f, words)}",
        file=f.file,
        line=str(f.line),
    )
    text = "\n".join(describe(f, words))
    fails = f.verdict.is_problem or (strict and f.verdict is Verdict.WARN)
    if fails or (unchecked and f.verdict.is_unchecked):
        failure = ET.SubElement(case, "failure", message=message(f, words), type=f.verdict.value)
        failure.text = text
    elif f.verdict.is_unchecked:
        ET.SubElement(case, "skipped", message=message(f, words))
    elif f.verdict is Verdict.WARN:
        out = ET.SubElement(case, "system-out")
        out.text = text
    return case
