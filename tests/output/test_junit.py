"""JUnit XML written as a stream: well-formed, one case per finding, the counts in
the suite's attributes equal to the cases below them (the bundled report's
findings, and none)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import hrkpi
from hrkpi.checks.findings import CheckReport
from hrkpi.output.checktext import to_text
from hrkpi.output.junit import iter_junit, iter_text_junit, to_junit
from hrkpi.output.words import Lang


def test_the_streamed_suite_holds_every_finding() -> None:
    report = hrkpi.check()
    pieces = list(iter_junit(report, lang=Lang.EN))
    assert len(pieces) > len(report.findings)  # a piece at a time, not one string
    suite = ET.fromstring("".join(pieces).split("\n", 1)[1]).find("testsuite")
    assert suite is not None
    cases = suite.findall("testcase")
    assert len(cases) == len(report.findings) > 0
    assert int(suite.get("failures", "-1")) == sum(c.find("failure") is not None for c in cases)
    assert [int(c.get("line", "0")) for c in cases] == [f.line for f in report.findings]


def test_an_empty_report_is_an_empty_suite() -> None:
    empty = CheckReport([], hrkpi.check().catalog)
    text = to_junit(empty)
    suite = ET.fromstring(text.split("\n", 1)[1]).find("testsuite")
    assert suite is not None and suite.get("tests") == "0" and not list(suite)


def test_text_and_junit_side_by_side_equal_each_alone() -> None:
    report = hrkpi.check()
    for problems_only in (False, True):
        for strict in (False, True):
            flags = {"lang": Lang.EN, "strict": strict, "unchecked": not strict}
            pairs = list(iter_text_junit(report, problems_only=problems_only, **flags))
            assert len(pairs) == len(report.findings) + 1  # a pair per finding, then the end
            text = "".join(t for t, _ in pairs)
            assert text == to_text(report, problems_only=problems_only, **flags)
            assert "".join(x for _, x in pairs) == to_junit(report, **flags)
    empty = CheckReport([], report.catalog)
    assert [*iter_text_junit(empty)] == [(to_text(empty), to_junit(empty))]
