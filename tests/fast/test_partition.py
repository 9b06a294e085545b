"""The partitioned plan (hrkpi.fast.partition): large data split by indicator, checked
and tabled a group of indicators at a time, says exactly what the in-memory plan says."""

from __future__ import annotations

import datetime as dt
import gc
import random
import tempfile
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import polars as pl
import pytest
from benchmarks.generate import generate
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.conftest import write
from typer.testing import CliRunner

from hrkpi.api import Engine, check, compute, engines, series, validate
from hrkpi.checks.findings import CheckKind, Verdict
from hrkpi.cli import app
from hrkpi.core.errors import UsageError
from hrkpi.fast import partfind, partition, partseries, targetread
from hrkpi.fast.partfind import PartFindings
from hrkpi.fast.partition import _groups
from hrkpi.fast.partmerge import merged, write_sorted
from hrkpi.fast.partseries import PartTable
from hrkpi.output.checktext import to_text


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # The benchmark's workload on a small sample, its rows shuffled (so that the groups
    # of indicators interleave in the file) and split over two files, a CSV and Parquet.
    folder = tmp_path_factory.mktemp("mixed")
    generate(folder, 4000, seed=11, errors=6, mixed=True)
    data = folder / "data" / "observations.csv"
    header, *lines = data.read_text(encoding="utf-8").splitlines(keepends=True)
    random.Random(5).shuffle(lines)
    half = len(lines) // 2
    data.write_text(header + "".join(lines[:half]), encoding="utf-8")
    rest = folder / "rest.csv"
    rest.write_text(header + "".join(lines[half:]), encoding="utf-8")
    pl.read_csv(rest, infer_schema=False).write_parquet(folder / "data" / "z_rest.parquet")
    rest.unlink()
    return folder


def _split_up(monkeypatch: pytest.MonkeyPatch, group_rows: int = 700, gather: int = 0) -> None:
    monkeypatch.setattr(partition, "PARTITION_FROM_ROWS", 1)
    monkeypatch.setattr(partition, "GROUP_ROWS", group_rows)
    # Pieces of a few rows: every listing is merged over many rounds (partmerge).
    monkeypatch.setattr(partfind, "FINDINGS_BATCH", 37)
    monkeypatch.setattr(partseries, "_SERIES_BATCH", 23)
    monkeypatch.setattr(partseries, "_SERIES_HELD", 0)
    monkeypatch.setattr(partfind, "_GATHER_UP_TO", gather)
    # Word cells and targets let go and made again (shuffled rows read every group in turn).
    monkeypatch.setattr(partfind, "_WORDS_KEPT", 1)
    monkeypatch.setattr(targetread, "_MADE", 7)


def _run(folder: Path) -> dict[str, Any]:
    args = (folder / "indicators", folder / "data")
    regions = folder / "regions.csv"
    full = check(*args, regions=regions, engine=Engine.FAST)
    problems = check(*args, regions=regions, engine=Engine.FAST, problems_only=True)
    table = series(*args, regions=regions, engine=Engine.FAST)
    cli = ["-i", str(args[0]), "-d", str(args[1]), "--regions", str(regions)]
    zh = CliRunner().invoke(app, ["compute", "--series", *cli, "--engine", "fast"])
    listed = CliRunner().invoke(app, ["check", "--problems-only", *cli, "--engine", "fast"])
    listed_all = CliRunner().invoke(app, ["check", *cli, "--engine", "fast", "--lang", "en"])
    # The completion table: each region's latest figures (and at a date), by region too.
    dated = dt.date(2021, 6, 30)
    table_text = CliRunner().invoke(app, ["compute", *cli, "--engine", "fast"])
    by_region = CliRunner().invoke(app, ["compute", "--by", "region", *cli, "--engine", "fast"])
    summary = validate(*args, engine=Engine.FAST)
    junit = folder / "junit.xml"
    every = CliRunner().invoke(
        app, ["check", "--format", "json", "--junit", str(junit), *cli, "--engine", "fast"]
    )
    return {
        "kinds": (type(full.findings), type(table.frame)),
        "findings": list(full.findings),
        "counts": {v: full.count(v) for v in Verdict},
        "problems": list(problems.findings),
        "tallies": problems.tallies,
        "exact rows": (full.exact_rows, table.exact_rows),
        "borrowed": full.borrowed,
        "series": table.to_csv(),
        "rows": len(table),
        "zh": (zh.exit_code, zh.output),
        "listed": (listed.exit_code, listed.output),
        "listed all": (listed_all.exit_code, listed_all.output),
        "some": (full.findings[5], full.findings[2:4], full.findings[-1]),  # (read back)
        "every": (every.exit_code, every.output, junit.read_text(encoding="utf-8")),
        "completion": compute(*args, regions=regions, engine=Engine.FAST),
        "completion then": compute(*args, regions=regions, engine=Engine.FAST, as_of=dated),
        "completion text": (table_text.exit_code, table_text.output),
        "by region": (by_region.exit_code, by_region.output),
        "validated": summary,
    }


@pytest.mark.parametrize("gather", [0, 10**9], ids=["merged", "gathered"])
def test_both_plans_say_the_same(gather: int, mixed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    whole = _run(mixed)
    _split_up(monkeypatch, gather=gather)
    groups_picked: list[int] = []
    real_frame = partition.Parts.frame

    def frame(self: partition.Parts, group: int, catalog: Any) -> Any:
        groups_picked.append(group)
        return real_frame(self, group, catalog)

    monkeypatch.setattr(partition.Parts, "frame", frame)
    parts = _run(mixed)
    assert whole.pop("kinds") != (PartFindings, PartTable)
    assert parts.pop("kinds") == (PartFindings, PartTable)
    # Every run read the data a group at a time: the five checks and two series tables
    # and, as well, the four completion tables and validate (not the data whole).
    assert groups_picked.count(0) == 7 + 5 and max(groups_picked) >= 1
    assert parts == whole
    assert len(whole["findings"]) > 3000 and whole["problems"]
    assert whole["listed"][0] == 1 and whole["zh"][0] == 0 and whole["every"][0] == 1
    assert '"findings"' in whole["every"][1] and "<testcase" in whole["every"][2]
    assert "地区" in whole["zh"][1]
    assert whole["listed all"][0] == 1 and len(whole["listed all"][1]) > len(whole["listed"][1])


def test_a_listing_keeps_the_word_cells_of_a_few_groups(
    mixed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every group's word cells kept to the end of a listing grew with the rows: only
    # the last groups' are kept, and the listing is the in-memory plan's.
    args = (mixed / "indicators", mixed / "data")
    whole = to_text(check(*args, regions=mixed / "regions.csv", engine=Engine.FAST))
    _split_up(monkeypatch, group_rows=200)
    monkeypatch.setattr(partfind, "_WORDS_KEPT", 2)
    report = check(*args, regions=mixed / "regions.csv", engine=Engine.FAST)
    findings = report.findings
    assert isinstance(findings, PartFindings) and len(findings.source.parts.groups) == 4
    assert to_text(report) == whole
    assert len(findings.source._words) == 2


def test_the_temporary_folder_is_removed(
    mixed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _split_up(monkeypatch)
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    args = (mixed / "indicators", mixed / "data")
    report = check(*args, regions=mixed / "regions.csv", engine=Engine.FAST)
    assert [p.name[:6] for p in scratch.iterdir()] == ["hrkpi-"]  # read while reported
    assert len(list(report.findings)) == len(report.findings)
    del report
    gc.collect()
    assert list(scratch.iterdir()) == []

    # Stopped half way (Ctrl-C): nothing is left behind either.
    calls = []

    def stop(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        raise KeyboardInterrupt

    monkeypatch.setattr(partseries, "fast_series", stop)
    with pytest.raises(KeyboardInterrupt):
        series(*args, regions=mixed / "regions.csv", engine=Engine.FAST)
    assert calls and list(scratch.iterdir()) == []


def test_a_figure_stated_twice_differently_leaves_the_partitioned_plan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _split_up(monkeypatch, 1)
    monkeypatch.setattr(engines, "FAST_FROM_BYTES", 0)
    ind = write(
        tmp_path / "indicators" / "a.yaml",
        "indicators:\n  - {id: other, name: 参保人数, unit: 万人, measure: stock}\n",
    ).parent
    rows = "indicator,region,period,value\nother,某市,2024,3.20\nother,某市,2024,3.25\n"
    data = write(tmp_path / "data" / "d.csv", rows).parent
    report = check(ind, data, engine=Engine.AUTO)
    [f] = report.findings
    assert report.engine == "exact"
    assert f.kind is CheckKind.RESTATEMENT and f.verdict is Verdict.INCONSISTENT
    # (named as the exact engine's finding names it: its place, region, period, name)
    with pytest.raises(UsageError) as refused:
        check(ind, data, engine=Engine.FAST)
    assert str(refused.value) == (
        "data/d.csv:3: 某市 2024: 参保人数: the data states this figure twice with different "
        "figures (also data/d.csv:2), which the fast engine does not compare; use --engine exact"
    )


def test_an_indicator_and_its_parts_are_one_group() -> None:
    catalog: Any = SimpleNamespace(
        indicators={
            "a": SimpleNamespace(id="a", parts=[]),
            "b": SimpleNamespace(id="b", parts=["d"]),
            "c": SimpleNamespace(id="c", parts=[]),
            "d": SimpleNamespace(id="d", parts=["e"]),
            "e": SimpleNamespace(id="e", parts=[]),
        }
    )
    counted = pl.DataFrame(
        {"file_no": [0, 0, 0, 1, 0, 0], "indicator": ["a", "b", "c", "c", "d", "e"]}
    ).with_columns(pl.lit(6, pl.UInt32).alias("len"))
    # 6 rows each (c 12, in two files): a is under 10 rows, so the component of b, d and
    # e joins its group; c starts the next.
    assert _groups(counted, catalog, 10) == [["a", "b", "d", "e"], ["c"]]
    # Groups of 20 rows (the check's, twice the series'): a, b, d and e fill one.
    assert _groups(counted, catalog, 20) == [["a", "b", "d", "e"], ["c"]]
    assert _groups(counted, catalog, 30) == [["a", "b", "d", "e", "c"]]


def _cli(folder: Path, *command: str) -> Any:
    args = ["-i", str(folder / "indicators"), "-d", str(folder / "data")]
    args += ["--regions", str(folder / "regions.csv"), "--engine", "fast", "--lang", "en"]
    return CliRunner().invoke(app, [*command, *args])


def test_no_usable_temporary_directory_is_bad_input_naming_it(
    mixed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _split_up(monkeypatch)
    missing = tmp_path / "no such folder"
    monkeypatch.setattr(tempfile, "tempdir", str(missing))
    result = _cli(mixed, "check")
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and "internal error" not in result.output
    said = " ".join(result.output.split())
    assert f"temporary files of a large run in {missing}: No such file or directory" in said
    assert "set TMPDIR" in said
    assert not missing.exists()


@pytest.mark.parametrize("full", ["data.parquet", "findings1.arrow", "series0.arrow"])
def test_a_full_disk_under_the_temporary_folder_is_bad_input(
    full: str, mixed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A real full disk: the scratch file is /dev/full, whose writes fail with ENOSPC.
    _split_up(monkeypatch)
    made: list[Path] = []

    def mkdtemp(prefix: str = "") -> str:
        folder = tmp_path / f"{prefix}{len(made)}"
        folder.mkdir()
        (folder / full).symlink_to("/dev/full")
        made.append(folder)
        return str(folder)

    monkeypatch.setattr(tempfile, "mkdtemp", mkdtemp)
    if full.startswith("series"):
        result = _cli(mixed, "compute", "--series")
    else:
        result = _cli(mixed, "check")
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and "internal error" not in result.output
    said = " ".join(result.output.split())
    # (polars' Parquet writer reports the full disk as "Invalid thrift": not named)
    why = "the files could not be written there" if full == "data.parquet" else "No space left"
    assert f"temporary files of a large run in {tmp_path}: {why}" in said
    assert "set TMPDIR to a folder" in said
    assert made and not any(f.exists() for f in made)  # the scratch removed
    assert "region" not in result.output  # no table begun


@settings(max_examples=60, deadline=None)
@given(
    files=st.lists(st.lists(st.integers(0, 40), max_size=30), min_size=1, max_size=6),
    batch=st.integers(1, 8),
    odd_only=st.booleans(),
)
def test_merged_pieces_are_the_files_sorted_whole(
    files: list[list[int]], batch: int, odd_only: bool
) -> None:
    # Keys of one file never met in another (a row of the data is in one group);
    # ties within a file keep their order (`n` numbers them).
    with tempfile.TemporaryDirectory() as scratch:
        paths, tables = [], []
        for f, keys in enumerate(files):
            table = pl.DataFrame(
                {"key": [k * 10 + f for k in keys], "n": list(range(len(keys)))},
                schema={"key": pl.UInt64, "n": pl.Int64},
            ).with_columns(pl.lit(f).alias("f"))
            path = Path(scratch) / f"{f}.arrow"
            write_sorted(table, path, ("key",), batch)
            paths.append(path)
            tables.append(table)
        keep = (pl.col("n") % 2 == 1) if odd_only else None
        pieces = list(merged(paths, "key", ("key",), batch, keep))
        whole = pl.concat(tables).sort("key", maintain_order=True)
        if keep is not None:
            whole = whole.filter(keep)
        got = pl.concat(pieces) if pieces else whole.clear()
        assert got.select("key", "f", "n").rows() == whole.select("key", "f", "n").rows()
        # Bounded: a piece of each file at most.
        assert all(0 < p.height <= batch * len(paths) for p in pieces)
