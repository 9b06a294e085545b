"""A check's default listing worded from columns (hrkpi.output.columnwords) says, byte
for byte, what `describe` says of the exact engine's findings, on both plans of the
fast path and in both languages; and it is the columns that word it."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest
from benchmarks.generate import generate
from typer.testing import CliRunner

from hrkpi.api import Engine, check
from hrkpi.checks.findings import CheckKind, Verdict
from hrkpi.cli import app
from hrkpi.fast import partition
from hrkpi.fast.findstore import Maker
from hrkpi.output import columnwords
from hrkpi.output.checktext import to_text
from hrkpi.output.words import Lang

_OWN_UNIT = 40  # every this many rows of a count states its own unit (人): built in full


@pytest.fixture(scope="module")
def mix(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The benchmark's mix (rates over their ceiling, approximate counts 近/多, absolute
    and point changes, region sums, a targets file and its splits), its data split into
    a file per year, so last year's figure of a growth rate stands in another file
    (worded with its place), and some rows stating the indicator's own unit."""
    folder = tmp_path_factory.mktemp("wordmix")
    generate(folder, 6000, seed=11, errors=8, mixed=True)
    data = folder / "data" / "observations.csv"
    with data.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    header = list(rows[0])
    people = {"ind_000", "ind_004"}  # counts in 人 (benchmarks/generate.py)
    by_year: dict[str, list[dict[str, str]]] = {}
    for i, row in enumerate(rows):
        if row["indicator"] in people and i % _OWN_UNIT == 0 and not row["unit"]:
            row["unit"] = "人"
        by_year.setdefault(row["period"][:4], []).append(row)
    data.unlink()
    assert len(by_year) > 1
    for year, mine in by_year.items():
        with (folder / "data" / f"{year}.csv").open("w", encoding="utf-8", newline="") as f:
            out = csv.DictWriter(f, header)
            out.writeheader()
            out.writerows(mine)
    return folder


class _Spy:
    """The ColumnWords of each listing, kept to count what the columns worded."""

    made: list[columnwords.ColumnWords]

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.made = []
        real = columnwords.ColumnWords

        def spied(words: columnwords.Words) -> columnwords.ColumnWords:
            made = real(words)
            self.made.append(made)
            return made

        monkeypatch.setattr(columnwords, "ColumnWords", spied)


@pytest.fixture
def spy(monkeypatch: pytest.MonkeyPatch) -> Iterator[_Spy]:
    yield _Spy(monkeypatch)


def _reports(mix: Path, plan: str, monkeypatch: pytest.MonkeyPatch) -> tuple[object, object]:
    if plan == "partitioned":
        monkeypatch.setattr(partition, "PARTITION_FROM_ROWS", 1)
        monkeypatch.setattr(partition, "GROUP_ROWS", 1500)
    args = (mix / "indicators", mix / "data")
    regions = mix / "regions.csv"
    exact = check(*args, regions=regions, engine=Engine.EXACT)
    fast = check(*args, regions=regions, engine=Engine.FAST)
    return exact, fast


@pytest.mark.parametrize("plan", ["in memory", "partitioned"])
@pytest.mark.parametrize("lang", [Lang.ZH, Lang.EN])
def test_every_finding_worded_as_describe_words_the_exact_engines(
    mix: Path, plan: str, lang: Lang, spy: _Spy, monkeypatch: pytest.MonkeyPatch
) -> None:
    exact, fast = _reports(mix, plan, monkeypatch)
    assert isinstance(exact.findings, list)  # type: ignore[attr-defined]
    expected = to_text(exact, lang=lang)  # type: ignore[arg-type]  # describe, a finding at a time
    assert spy.made == []
    got = to_text(fast, lang=lang)  # type: ignore[arg-type]
    assert got == expected
    findings = exact.findings  # type: ignore[attr-defined]
    kinds = {f.kind for f in findings}
    assert {CheckKind.COMPLETION, CheckKind.CHANGE_PCT, CheckKind.REGION_SUM} <= kinds
    assert {CheckKind.CHANGE_ABS, CheckKind.CHANGE_PP, CheckKind.TARGET_SPLIT} <= kinds
    (made,) = spy.made
    # The columns word nearly every finding; the rest (problems, the splits, rows in a
    # unit of their own, and one finding of each key whose template is checked) are
    # built and described.
    assert made.worded + made.built == len(findings)
    assert made.worded > 0.9 * len(findings)
    problems = sum(f.verdict.is_problem or f.verdict is Verdict.WARN for f in findings)
    splits = sum(f.kind is CheckKind.TARGET_SPLIT for f in findings)
    assert made.built >= problems + splits
    assert all(t is not None for t in made.templates.values())
    # The edge cases are there, and were worded: last year's figure in another file,
    # and approximate figures.
    growth = "增长率" if lang is Lang.ZH else "change_pct"
    assert any(line.count(".csv:") == 2 for line in got.splitlines() if f" {growth}" in line)
    assert "近" in got and "多" in got


def test_rows_in_a_unit_of_their_own_are_built_in_full(
    mix: Path, spy: _Spy, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A consistent rate the columns settled on a row stating its unit: its words come
    from the finding built (Maker.make), and say what describe says."""
    built: list[int] = []
    real = Maker.make

    def counted(self: Maker, chunk: object) -> list:  # type: ignore[type-arg]
        out = real(self, chunk)  # type: ignore[arg-type]
        built.extend(f.line for f in out)
        return out

    monkeypatch.setattr(Maker, "make", counted)
    exact, fast = _reports(mix, "in memory", monkeypatch)
    assert to_text(fast) == to_text(exact)  # type: ignore[arg-type]
    own_unit = {
        int(line)
        for year in (mix / "data").glob("20*.csv")
        for line, row in enumerate(csv.DictReader(year.open(encoding="utf-8")), start=2)
        if row["unit"]
    }
    assert own_unit
    consistent = [
        f
        for f in exact.findings  # type: ignore[attr-defined]
        if f.verdict is Verdict.CONSISTENT and f.line in own_unit
    ]
    assert consistent
    assert {f.line for f in consistent} <= set(built)
    # ... and nothing like every consistent finding was built.
    assert len(built) < 0.1 * len(exact.findings)  # type: ignore[attr-defined]


def test_a_template_that_does_not_give_describes_line_is_not_used(
    mix: Path, spy: _Spy, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each template is checked against the finding it was made from: one that would
    word it otherwise is dropped, and its findings are built and described."""
    monkeypatch.setattr(columnwords, "_filled", lambda template, values: None)
    exact, fast = _reports(mix, "in memory", monkeypatch)
    assert to_text(fast, lang=Lang.EN) == to_text(exact, lang=Lang.EN)  # type: ignore[arg-type]
    (made,) = spy.made
    assert made.worded == 0
    assert made.templates and all(t is None for t in made.templates.values())


def test_cli_default_listing_is_the_exact_engines(mix: Path, spy: _Spy) -> None:
    args = ["check", "-i", str(mix / "indicators"), "-d", str(mix / "data")]
    args += ["--regions", str(mix / "regions.csv")]
    runner = CliRunner()
    for lang in ("zh", "en"):
        fast = runner.invoke(app, [*args, "--engine", "fast", "--lang", lang])
        exact = runner.invoke(app, [*args, "--engine", "exact", "--lang", lang])
        assert fast.exit_code == exact.exit_code == 1  # the injected errors
        assert fast.stdout == exact.stdout
        assert fast.stdout.count("\n") > 5000
    assert len(spy.made) == 2 and all(m.worded > 5000 for m in spy.made)
