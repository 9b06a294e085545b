"""hrkpi scan's text, JSON and annotations count and name verdicts as hrkpi check does."""

from __future__ import annotations

import json
from dataclasses import replace

from hrkpi.checks.findings import Verdict
from hrkpi.output.scanjson import to_json
from hrkpi.output.scantext import to_github, to_text
from hrkpi.output.words import Lang
from hrkpi.scans.result import ScanFile, ScanReport
from hrkpi.scans.run import scan_text

# A limit met and a completion whose target is not printed.
PASSAGE = "城镇登记失业率为3.56%，控制在4%以内。全县城镇新增就业3125人，完成年度目标任务的52.1%。"


def _report(warn: bool = False) -> ScanReport:
    file = scan_text(PASSAGE, path="p.txt")
    if warn:
        # A warn-level limit missed (as check judges a definition's warn level).
        file.findings = [
            replace(f, check=replace(f.check, verdict=Verdict.WARN))
            if f.verdict is Verdict.PASS
            else f
            for f in file.findings
        ]
    return ScanReport([file])


def test_verdicts_are_checks() -> None:
    verdicts = [f.verdict for f in _report().findings]
    assert Verdict.PASS in verdicts and Verdict.TARGET_NOT_PRINTED in verdicts
    assert all(isinstance(v, Verdict) for v in verdicts)


def test_a_warning_is_counted_and_fails_only_under_strict() -> None:
    report = _report(warn=True)
    assert report.count(Verdict.WARN) == 1
    assert not report.failed() and report.failed(strict=True)
    assert "预警1" in to_text(report)
    assert "1 limit warning," in to_text(report, lang=Lang.EN)
    summary = json.loads(to_json(report, strict=True))["summary"]
    assert summary["warnings"] == 1 and summary["thresholds_passed"] == 0
    assert "::warning " in to_github(report) and "::error " in to_github(report, strict=True)


def test_a_target_not_printed_has_checks_name_and_fails_under_fail_unchecked() -> None:
    report = _report()
    text = to_text(report)
    assert "目标未列明" in text and "未印目标" not in text
    assert not report.failed() and report.failed(unchecked=True)
    assert json.loads(to_json(report, unchecked=True))["passed"] is False


def test_nothing_read_fails_only_under_strict_or_fail_unchecked() -> None:
    report = ScanReport([ScanFile("p.txt", "text", "UTF-8", "无数字。", None, "")])
    assert not report.failed()
    assert report.failed(strict=True) and report.failed(unchecked=True)
