"""The development passages (tests/scans/passages, sources in its README): every relation
found with its hand-worked verdict, nothing else found, and the right clauses not understood."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

import hrkpi
from hrkpi.output.scandata import write_scan_data

PASSAGES = Path(__file__).parent / "passages"


@pytest.mark.parametrize(
    "passage",
    sorted(p for p in PASSAGES.iterdir() if p.suffix in (".txt", ".html", ".docx", ".pdf")),
    ids=lambda p: p.name,
)
def test_passage(passage: Path) -> None:
    truth = yaml.safe_load(passage.with_suffix(".yaml").read_text(encoding="utf-8"))
    (file,) = hrkpi.scan([passage]).files
    got = [[f.kind, f.verdict.value, f.check.stated] for f in file.findings]
    assert got == [[str(x) for x in e] for e in truth["expect"]]
    assert len(file.not_understood) == truth["not_understood"], [
        n.text for n in file.not_understood
    ]


@pytest.mark.parametrize(
    "passage",
    sorted(p for p in PASSAGES.iterdir() if p.suffix in (".txt", ".html", ".docx", ".pdf")),
    ids=lambda p: p.name,
)
def test_written_data_checks_the_same(passage: Path, tmp_path: Path) -> None:
    """What --write-data writes for each passage, hrkpi check decides the same way."""
    report = hrkpi.scan([passage])
    write_scan_data(report, tmp_path)
    again = hrkpi.check(tmp_path / "indicators", tmp_path / "data")
    scanned = Counter((f.kind, f.check.stated, f.verdict.value) for f in report.findings)
    checked = Counter((f.kind.value, f.stated, f.verdict.value) for f in again.findings)
    assert checked == scanned
