"""`hrkpi check` finds every error the generator injects, and nothing else."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pytest
from benchmarks.generate import generate
from typer.testing import CliRunner

from hrkpi.api import Engine, check
from hrkpi.checks.findings import CheckReport
from hrkpi.cli import app


def _expected(folder: Path) -> set[tuple[int, str]]:
    with open(folder / "expected_errors.csv", encoding="utf-8") as f:
        return {(int(r.get("line") or r["row"]), r["kind"]) for r in csv.DictReader(f)}


def _found(report: CheckReport) -> set[tuple[int, str]]:
    return {(f.line, f.kind.value) for f in report.findings if f.verdict.is_problem}


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("synthetic")
    generate(folder, 3000, seed=7, errors=8)
    return folder


@pytest.mark.parametrize("engine", [Engine.FAST, Engine.EXACT])
def test_every_injected_error_is_found_and_nothing_else(synthetic: Path, engine: Engine) -> None:
    report = check(
        synthetic / "indicators",
        synthetic / "data",
        regions=synthetic / "regions.csv",
        engine=engine,
    )
    expected = _expected(synthetic)
    assert len(expected) == 8
    assert {kind for _, kind in expected} == {
        "completion",
        "change_pct",
        "region_sum",
        "threshold",
    }
    assert _found(report) == expected


def test_clean_data_passes(tmp_path: Path) -> None:
    generate(tmp_path, 2000, seed=3, errors=0)
    report = check(
        tmp_path / "indicators",
        tmp_path / "data",
        regions=tmp_path / "regions.csv",
        engine=Engine.FAST,
    )
    assert _found(report) == set()
    assert not report.failed()


def test_cli_check_exits_1_and_names_the_lines(synthetic: Path) -> None:
    result = CliRunner().invoke(
        app,
        [
            "check",
            "-i",
            str(synthetic / "indicators"),
            "-d",
            str(synthetic / "data"),
            "--regions",
            str(synthetic / "regions.csv"),
            "--problems-only",
            "--engine",
            "fast",
            "--lang",
            "en",
        ],
    )
    assert result.exit_code == 1, result.output
    for line, kind in _expected(synthetic):
        assert f"observations.csv:{line}: FAIL {kind}" in result.output


def test_parquet_reads_like_csv(tmp_path: Path) -> None:
    generate(tmp_path, 2000, seed=5, errors=4, fmt="parquet")
    for engine in (Engine.FAST, Engine.EXACT):
        report = check(
            tmp_path / "indicators",
            tmp_path / "data",
            regions=tmp_path / "regions.csv",
            engine=engine,
        )
        # Parquet rows are numbered from 1 (the manifest says so in its header).
        assert _found(report) == _expected(tmp_path)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(pytest.main([__file__]))
