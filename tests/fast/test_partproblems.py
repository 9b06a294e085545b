"""A partitioned check listing only its problems (hrkpi.fast.partrun `problems_only`):
each group keeps and words its problems alone as it is decided, and the listing, the
counts and the verdict are the exact engine's, in both languages."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from benchmarks.generate import generate
from typer.testing import CliRunner

from hrkpi.api import Engine, check
from hrkpi.checks.findings import PROBLEMS, CheckKind, Verdict
from hrkpi.cli import app
from hrkpi.fast import partfind, partition
from hrkpi.output import columnwords
from hrkpi.output.checktext import to_text
from hrkpi.output.words import Lang


@pytest.fixture(scope="module")
def mix(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The benchmark's mix (rates over their ceiling, completion and growth typos,
    approximate counts, absolute and point changes, region sums), in indicator order."""
    folder = tmp_path_factory.mktemp("problems")
    generate(folder, 6000, seed=5, errors=8, mixed=True)
    return folder


@pytest.fixture
def made(
    column_words: list[columnwords.ColumnWords], monkeypatch: pytest.MonkeyPatch
) -> list[columnwords.ColumnWords]:
    """The partitioned plan in groups of a few indicators; the ColumnWords each check
    makes, kept to count what they worded."""
    monkeypatch.setattr(partition, "PARTITION_FROM_ROWS", 1)
    monkeypatch.setattr(partition, "GROUP_ROWS", 500)
    monkeypatch.setattr(partfind, "TEXT_SLICE", 7)  # (a group's lines in several files)
    return column_words


@pytest.mark.parametrize("lang", [Lang.ZH, Lang.EN])
def test_the_groups_word_their_problems_alone(
    lang: Lang, mix: Path, made: list[columnwords.ColumnWords]
) -> None:
    args = (mix / "indicators", mix / "data")
    regions = mix / "regions.csv"
    exact = check(*args, regions=regions, engine=Engine.EXACT)
    fast = check(*args, regions=regions, engine=Engine.FAST, listed_in=lang, problems_only=True)
    assert isinstance(fast.findings, partfind.PartFindings)
    problems = [f for f in exact.findings if f.verdict in PROBLEMS]
    # (the mix has failed limits and misstated figures among thousands of findings)
    assert len(problems) > 20 and len(exact.findings) > 20 * len(problems)
    (words,) = made
    assert words.worded + words.built == len(problems)  # the problems worded, only they
    # The limits missed are worded from columns (hrkpi.fast.limitwords), not built.
    limits = [f for f in problems if f.kind is CheckKind.THRESHOLD]
    assert len(limits) > 10 and words.built <= len(problems) - len(limits)
    # What the groups kept in the folder: their problems' store rows alone.
    source = fast.findings.source
    kept = sum(pl.scan_ipc(p).select(pl.len()).collect().item() for p in source.tables())
    assert kept == len(problems)
    for verdict in Verdict:
        assert fast.count(verdict) == exact.count(verdict), verdict
    assert fast.failed() and exact.failed()
    want = to_text(exact, lang=lang, problems_only=True)
    assert to_text(fast, lang=lang, problems_only=True) == want
    assert to_text(fast, lang=lang) == want  # (nothing else is listed)
    assert len(made) == 1  # read back as worded, nothing worded again


def test_check_problems_only_prints_the_exact_engines_listing(
    mix: Path, made: list[columnwords.ColumnWords]
) -> None:
    """The command asks the groups to word the problems (a plain text listing) and
    prints what the exact engine's check prints, with the same exit code."""
    args = ["-i", str(mix / "indicators"), "-d", str(mix / "data")]
    args += ["--regions", str(mix / "regions.csv"), "--problems-only"]
    runner = CliRunner()
    fast = runner.invoke(app, ["check", *args, "--engine", "fast"])
    exact = runner.invoke(app, ["check", *args, "--engine", "exact"])
    assert exact.exit_code == fast.exit_code == 1
    assert fast.stdout == exact.stdout
    assert "未通过" in fast.stdout
    listed = [line for line in fast.stdout.splitlines() if ".csv:" in line.split(" ")[0]]
    assert len(listed) > 20
    assert len(made) == 1 and made[0].worded + made[0].built == len(listed)
