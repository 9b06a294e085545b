"""benchmarks/hostile.py: it runs the tests' hostile cases as the tests do, checks
each keeps its promise, and gives a peer only the files a peer can read."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from benchmarks import hostile
from tests.conftest import ROOT
from tests.hostile import test_figures, test_messages, test_sizes


def _case(cases: list[hostile.harness.Case], name: str) -> hostile.harness.Case:
    return next(c for c in cases if c.name == name)


def test_the_cases_are_the_tests_own() -> None:
    assert hostile.GROUPS["sizes"] is test_sizes.CASES
    assert hostile.GROUPS["figures"] is test_figures.CASES


def test_inputs_are_the_regular_csv_and_yaml_files_largest_last(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "d.csv").write_text("x" * 30, encoding="utf-8")
    (tmp_path / "a.yaml").write_text("x" * 10, encoding="utf-8")
    (tmp_path / "regions.csv").write_text("x" * 20, encoding="utf-8")
    (tmp_path / ".probe.json").write_text("{}", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("x" * 99, encoding="utf-8")
    got = hostile.inputs(tmp_path)
    assert [p.relative_to(tmp_path).as_posix() for p in got] == [
        "a.yaml",
        "regions.csv",
        "data/d.csv",
    ]


def test_a_fifo_is_no_input(tmp_path: Path) -> None:
    case = _case(test_sizes.CASES, "a FIFO as data")
    case.build(tmp_path)
    assert [p.relative_to(tmp_path).as_posix() for p in hostile.inputs(tmp_path)] == ["ind/a.yaml"]


def test_a_small_case_kept_and_without_a_peer(tmp_path: Path) -> None:
    case = _case(test_figures.CASES, "41-digit figure")
    row = hostile.measure(case, "figures", 1, tmp_path)
    assert row.hrkpi.exit == 2 and row.kept
    assert row.peer is None  # a few hundred bytes: a peer would show its start-up only
    assert 0 < row.hrkpi.peak_mb < case.mb
    assert "| figures: 41-digit figure | 2 |" in hostile.table([row], {}, 1)


def test_a_broken_promise_is_marked(tmp_path: Path) -> None:
    case = dataclasses.replace(_case(test_figures.CASES, "41-digit figure"), exit=0)
    row = hostile.measure(case, "figures", 1, tmp_path)
    assert row.hrkpi.exit == 2 and not row.kept
    assert "| figures: 41-digit figure BROKEN | 2 |" in hostile.table([row], {}, 1)


def test_the_peer_reads_the_same_files_and_says_when_it_refuses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(hostile, "PEER_FROM_BYTES", 0)  # a peer for the smallest input
    case = _case(test_messages.CASES, "an unterminated quote (fast)")
    row = hostile.measure(case, "messages", 1, tmp_path)
    assert row.kept and row.peer is not None
    # polars does not read a quote left open either (the catalogue's YAML is read first).
    assert row.peer.exit == 0 and row.peer.refused == "ComputeError"
    assert hostile._peer_cell(row).endswith("MB (refused: ComputeError)")


def test_the_documented_run_names_real_cases_and_every_size() -> None:
    # docs/hostile.md holds one run's table: no row for a case that is gone or
    # renamed, and a row for every hostile size (where the time is worth reading).
    text = (ROOT / "docs" / "hostile.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (sizes|figures|messages): (.+?)(?: BROKEN)? \|", text, re.M)
    names = {group: {c.name for c in cases} for group, cases in hostile.GROUPS.items()}
    assert rows
    assert [row for row in rows if row[1] not in names[row[0]]] == []
    assert {name for group, name in rows if group == "sizes"} == names["sizes"]
