"""`hrkpi check` finds every error the generator injects, and nothing else."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pytest
from benchmarks.generate import generate
from typer.testing import CliRunner

from hrkpi.api import Engine, check, series
from hrkpi.checks.findings import CheckKind, CheckReport, Finding
from hrkpi.cli import app
from hrkpi.fast import groups, partition
from hrkpi.fast.run import read
from hrkpi.output.checkjson import to_json
from hrkpi.output.findwords import kind_label
from hrkpi.output.words import Lang
from hrkpi.sources.loader import load_catalog


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
        label = kind_label(CheckKind(kind), Lang.EN)  # the rule by its name: "growth rate"
        assert f"observations.csv:{line}: FAIL {label}: " in result.output


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


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # The benchmark's workload (benchmarks/workload.py) on a small sample: rates over
    # their ceiling, approximate counts, absolute and point changes since last year's end.
    folder = tmp_path_factory.mktemp("mixed")
    generate(folder, 6000, seed=7, errors=8, mixed=True)
    return folder


def test_the_benchmark_mix_finds_exactly_what_is_wrong(mixed: Path) -> None:
    text = (mixed / "data" / "observations.csv").read_text(encoding="utf-8")
    assert "近" in text and "多" in text and ",end_of_last_year," in text
    expected = _expected(mixed)
    assert {kind for _, kind in expected} == {"completion", "change_pct", "region_sum", "threshold"}
    for engine in (Engine.FAST, Engine.EXACT):
        args = (mixed / "indicators", mixed / "data")
        report = check(*args, regions=mixed / "regions.csv", engine=engine, problems_only=True)
        assert _found(report) == expected


@pytest.fixture(scope="module")
def exact_mix(mixed: Path) -> tuple[list[Finding], str]:
    """The exact engine's findings and series table on the benchmark mix."""
    args = (mixed / "indicators", mixed / "data")
    regions = mixed / "regions.csv"
    slow = check(*args, regions=regions, engine=Engine.EXACT)
    return list(slow.findings), series(*args, regions=regions, engine=Engine.EXACT).to_csv()


# The whole sample at once, one indicator at a time, and split by indicator into groups
# read back one at a time (as a million rows are: hrkpi.fast.partition).
@pytest.mark.parametrize("group_rows", [None, 500, "partitioned"])
def test_both_engines_give_the_same_findings_on_the_benchmark_mix(
    mixed: Path,
    exact_mix: tuple[list[Finding], str],
    group_rows: int | str | None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if group_rows == "partitioned":
        monkeypatch.setattr(partition, "PARTITION_FROM_ROWS", 1)
        monkeypatch.setattr(partition, "GROUP_ROWS", 1000)
    elif group_rows is not None:
        assert isinstance(group_rows, int)
        monkeypatch.setattr(groups, "GROUP_ROWS", group_rows)
        rows = read([mixed / "data" / "observations.csv"], load_catalog(mixed / "indicators")).rows
        assert len(list(groups.indicator_groups(rows))) > 1
    args = (mixed / "indicators", mixed / "data")
    regions = mixed / "regions.csv"
    findings, table = exact_mix
    quick = check(*args, regions=regions, engine=Engine.FAST)
    assert len(findings) > 5000
    assert list(quick.findings) == findings
    assert quick.exact_rows < 50  # the columns settle nearly every row
    assert series(*args, regions=regions, engine=Engine.FAST).to_csv() == table


@pytest.mark.parametrize("lang", [Lang.ZH, Lang.EN])
def test_both_engines_write_the_same_json_on_the_benchmark_mix(mixed: Path, lang: Lang) -> None:
    """`check --format json`: the fast path's frequent findings made from columns
    (hrkpi.output.columnjson), the rest written from the findings built, byte for byte
    the exact engine's document (every finding, and the problems alone)."""
    args = (mixed / "indicators", mixed / "data")
    regions = mixed / "regions.csv"
    exact = check(*args, regions=regions, engine=Engine.EXACT)
    quick = check(*args, regions=regions, engine=Engine.FAST)
    for problems_only in (False, True):
        want = to_json(exact, lang=lang, problems_only=problems_only)
        assert to_json(quick, lang=lang, problems_only=problems_only) == want


if __name__ == "__main__":  # pragma: no cover
    sys.exit(pytest.main([__file__]))
