"""The bundled report's own text: scan finds every relation that `hrkpi check` checks on
the hand-entered data, with the same verdicts; and what scan writes checks the same."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import DATA, INDICATORS
from tests.scans.test_rules import _cases

import hrkpi
from hrkpi.output.scandata import write_scan_data
from hrkpi.scans.result import ScanReport
from hrkpi.scans.run import scan_text

SOURCE = DATA / "source" / "2020H1_xiamen.txt"


def _scanned(report: ScanReport) -> Counter[tuple[str, str | None, str]]:
    return Counter((f.kind, f.check.stated, f.verdict.value) for f in report.findings)


def _checked(report: Any) -> Counter[tuple[str, str | None, str]]:
    return Counter((f.kind.value, f.stated, f.verdict.value) for f in report.findings)


def test_scan_finds_every_relation_check_checks_on_the_hand_entered_data() -> None:
    scanned = _scanned(hrkpi.scan([SOURCE]))
    checked = _checked(hrkpi.check(INDICATORS, DATA))
    assert sum(checked.values()) == 23
    assert scanned == checked


def test_the_same_figures_and_quotes() -> None:
    """Each relation is found on the sentence the hand-entered data quotes."""
    report = hrkpi.scan([SOURCE])
    text = report.files[0].text
    values = {f.figures[0].text for f in report.findings}
    assert {"4.22万人", "236.60万人", "55.37万人", "3561件", "近84万件", "105个"} <= values
    for f in report.findings:
        assert f.text == text[f.span[0] : f.span[1]]
        for fig in f.figures:
            assert text[fig.span[0] : fig.span[1]] == fig.text


def test_written_data_checks_the_same(tmp_path: Path) -> None:
    report = hrkpi.scan([SOURCE])
    written = write_scan_data(report, tmp_path / "out")
    assert sorted(p.relative_to(tmp_path).as_posix() for p in written) == [
        "out/data/2020H1_xiamen.yaml",
        "out/indicators/2020H1_xiamen.yaml",
    ]
    again = hrkpi.check(tmp_path / "out" / "indicators", tmp_path / "out" / "data")
    assert _checked(again) == _scanned(report)


@pytest.mark.parametrize(("rule", "case"), _cases())
def test_every_rule_case_written_checks_the_same(
    rule: str, case: dict[str, Any], tmp_path: Path
) -> None:
    as_of = case.get("as_of")
    scanned = scan_text(
        case["text"],
        path="case.txt",
        as_of=dt.date.fromisoformat(str(as_of)) if as_of else None,
    )
    report = ScanReport([scanned])
    if not scanned.catalog.indicators:
        assert write_scan_data(report, tmp_path) == []
        return
    write_scan_data(report, tmp_path)
    again = hrkpi.check(tmp_path / "indicators", tmp_path / "data")
    assert _checked(again) == _scanned(report)


def test_several_files_written_together_check_the_same(tmp_path: Path) -> None:
    county = Path(__file__).parent / "passages" / "county_h1_2021.txt"
    report = hrkpi.scan([SOURCE, county])
    ids = [set(f.catalog.indicators) for f in report.files]
    assert all(i.startswith("f1_") for i in ids[0]) and all(i.startswith("f2_") for i in ids[1])
    write_scan_data(report, tmp_path)
    again = hrkpi.check(tmp_path / "indicators", tmp_path / "data")
    assert _checked(again) == _scanned(report)
