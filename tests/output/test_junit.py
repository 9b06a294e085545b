"""JUnit XML written as a stream: well-formed, one case per finding, the counts in
the suite's attributes equal to the cases below them (the bundled report's
findings, and none)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import hrkpi
from hrkpi.checks.findings import CheckReport
from hrkpi.output.junit import iter_junit, to_junit
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
