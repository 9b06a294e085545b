"""A check's default listing worded from columns (hrkpi.output.columnwords) says, byte
for byte, what `describe` says of the exact engine's findings, on both plans of the
fast path and in both languages; and it is the columns that word it."""

from __future__ import annotations

import csv
import io
import weakref
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from benchmarks.generate import generate
from typer.testing import CliRunner

from hrkpi.api import Engine, check
from hrkpi.checks.findings import CheckKind, Verdict
from hrkpi.cli import app
from hrkpi.fast import partfind, partition
from hrkpi.fast.findstore import Maker
from hrkpi.output import columnwords
from hrkpi.output.checkpass import iter_outputs
from hrkpi.output.checktext import to_text
from hrkpi.output.findwords import Words
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
    mix: Path, plan: str, lang: Lang, column_words: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    exact, fast = _reports(mix, plan, monkeypatch)
    assert isinstance(exact.findings, list)  # type: ignore[attr-defined]
    expected = to_text(exact, lang=lang)  # type: ignore[arg-type]  # describe, a finding at a time
    assert column_words == []
    got = to_text(fast, lang=lang)  # type: ignore[arg-type]
    assert got == expected
    findings = exact.findings  # type: ignore[attr-defined]
    kinds = {f.kind for f in findings}
    assert {CheckKind.COMPLETION, CheckKind.CHANGE_PCT, CheckKind.REGION_SUM} <= kinds
    assert {CheckKind.CHANGE_ABS, CheckKind.CHANGE_PP, CheckKind.TARGET_SPLIT} <= kinds
    (made,) = column_words
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
    growth = "增长率" if lang is Lang.ZH else "growth rate"
    assert any(line.count(".csv:") == 2 for line in got.splitlines() if f" {growth}" in line)
    # (in English in English words: 近84 is nearly 84, 1400多 over 1400)
    near, over = ("近", "多") if lang is Lang.ZH else ("nearly ", "over ")
    assert near in got and over in got


def test_rows_in_a_unit_of_their_own_are_built_in_full(
    mix: Path, column_words: list[Any], monkeypatch: pytest.MonkeyPatch
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
    mix: Path, column_words: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each template is checked against the finding it was made from: one that would
    word it otherwise is dropped, and its findings are built and described."""
    monkeypatch.setattr(columnwords, "_filled", lambda template, values: None)
    exact, fast = _reports(mix, "in memory", monkeypatch)
    assert to_text(fast, lang=Lang.EN) == to_text(exact, lang=Lang.EN)  # type: ignore[arg-type]
    (made,) = column_words
    assert made.worded == 0
    assert made.templates and all(t is None for t in made.templates.values())


def test_cli_default_listing_is_the_exact_engines(mix: Path, column_words: list[Any]) -> None:
    args = ["check", "-i", str(mix / "indicators"), "-d", str(mix / "data")]
    args += ["--regions", str(mix / "regions.csv")]
    runner = CliRunner()
    for lang in ("zh", "en"):
        fast = runner.invoke(app, [*args, "--engine", "fast", "--lang", lang])
        exact = runner.invoke(app, [*args, "--engine", "exact", "--lang", lang])
        assert fast.exit_code == exact.exit_code == 1  # the injected errors
        assert fast.stdout == exact.stdout
        assert fast.stdout.count("\n") > 5000
    assert len(column_words) == 2 and all(m.worded > 5000 for m in column_words)


@pytest.fixture(scope="module")
def in_order(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The benchmark's mix as it writes it: one file, in indicator order, so the groups'
    findings follow one another (read a group after another, nothing merged)."""
    folder = tmp_path_factory.mktemp("inorder")
    generate(folder, 6000, seed=7, errors=8, mixed=True)
    return folder


def _split_up(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The partitioned plan in groups of a few indicators; the groups read in turn."""
    monkeypatch.setattr(partition, "PARTITION_FROM_ROWS", 1)
    monkeypatch.setattr(partition, "GROUP_ROWS", 500)
    monkeypatch.setattr(partfind, "TEXT_SLICE", 700)  # (lines kept in many files a group)
    turns: list[int] = []
    real = partfind.PartFindings._in_turn

    def counted(self: partfind.PartFindings, order: list[int]) -> Any:
        turns.append(len(order))
        return real(self, order)

    monkeypatch.setattr(partfind.PartFindings, "_in_turn", counted)
    return turns


@pytest.mark.parametrize("data", ["in indicator order", "a file a year"])
@pytest.mark.parametrize("lang", [Lang.ZH, Lang.EN])
def test_groups_word_their_findings_as_describe_words_the_exact_engines(
    data: str,
    lang: Lang,
    mix: Path,
    in_order: Path,
    column_words: list[Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Listed in the language the check was asked to word them in, the partitioned
    plan's groups word their findings as they are decided; the listing then reads their
    lines (a group after another, or merged when groups interleave across the files)."""
    folder = in_order if data == "in indicator order" else mix
    args = (folder / "indicators", folder / "data")
    regions = folder / "regions.csv"
    exact = check(*args, regions=regions, engine=Engine.EXACT)
    turns = _split_up(monkeypatch)
    fast = check(*args, regions=regions, engine=Engine.FAST, listed_in=lang)
    assert isinstance(fast.findings, partfind.PartFindings)
    (made,) = column_words  # (made by check, before any listing)
    assert made.worded + made.built == len(exact.findings)  # every line made, once
    assert made.worded > 0.9 * len(exact.findings)
    got = to_text(fast, lang=lang)
    assert got == to_text(exact, lang=lang)
    assert len(column_words) == 1 and made.worded + made.built == len(exact.findings)
    groups = len(fast.findings.source.parts.groups)
    assert groups > 3
    assert turns == ([groups + 1] if data == "in indicator order" else [])
    # Listed in the other language, the lines are worded again, in that language.
    other = Lang.EN if lang is Lang.ZH else Lang.ZH
    assert to_text(fast, lang=other) == to_text(exact, lang=other)
    assert len(column_words) == 2 and column_words[1].worded > 0.9 * len(exact.findings)


def test_a_listing_of_groups_worded_merged_a_piece_at_a_time(
    mix: Path, column_words: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Over a million findings (here: any), the groups' lines are merged a record batch
    at a time; each chunk's lines of a group are read by their place in its files."""
    _split_up(monkeypatch)
    monkeypatch.setattr(partfind, "_GATHER_UP_TO", 0)
    monkeypatch.setattr(partfind, "FINDINGS_BATCH", 37)
    args = (mix / "indicators", mix / "data")
    exact = check(*args, regions=mix / "regions.csv", engine=Engine.EXACT)
    fast = check(*args, regions=mix / "regions.csv", engine=Engine.FAST, listed_in=Lang.EN)
    assert to_text(fast, lang=Lang.EN) == to_text(exact, lang=Lang.EN)


def test_lines_are_written_as_their_text_encoded() -> None:
    """`Lines.write_to` writes the bytes of `str(lines)`: each line as it is (commas,
    quotes, lines of their own within a finding, Chinese), nothing quoted or added."""
    texts = [
        "a.csv:2: 一致 完成率：完成率 15.29% = 724457 / 4739146 × 100%\n",
        'b,"c".csv:3: FAIL limit: x, "y"\n    missed, 0.24 pp beyond\n',
        "\n",
        "  \t trailing spaces  \n",
    ]
    lines = columnwords.Lines(pl.Series(texts, dtype=pl.String))
    out = io.BytesIO()
    lines.write_to(out)
    assert out.getvalue() == "".join(texts).encode("utf-8") == str(lines).encode("utf-8")
    assert lines and not columnwords.Lines(pl.Series([], dtype=pl.String))
    assert str(columnwords.Lines(pl.Series([], dtype=pl.String))) == ""


@pytest.mark.parametrize("listed_in", [Lang.EN, None], ids=["by the groups", "when listed"])
def test_a_name_with_a_control_character_is_built_and_shown(
    listed_in: Lang | None, mix: Path, column_words: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """No line worded from columns holds a control character (a name, a file's name, a
    literal with one, which validated input never holds, leaves its rows to be built in
    full): the listing shows it as the text report shows every line (`visible`)."""
    real = Words.name

    def tainted(self: Words, indicator: str) -> str:
        name = real(self, indicator)
        return name + "\x1b[2J" if indicator == "ind_003" else name

    monkeypatch.setattr(Words, "name", tainted)
    _split_up(monkeypatch)
    args = (mix / "indicators", mix / "data")
    exact = check(*args, regions=mix / "regions.csv", engine=Engine.EXACT)
    fast = check(*args, regions=mix / "regions.csv", engine=Engine.FAST, listed_in=listed_in)
    pieces = list(iter_outputs(fast, fmt="text", lang=Lang.EN))
    got = "".join(str(out) for out, _ in pieces)
    want = "".join(str(out) for out, _ in iter_outputs(exact, fmt="text", lang=Lang.EN))
    assert "\x1b" not in want
    assert "\x1b" not in got
    assert got == want and got.count("\\x1b[2J") > 100
    raw = to_text(fast, lang=Lang.EN)
    if listed_in is None:  # (as the exact engine's, not shown: iter_outputs shows it)
        assert raw == to_text(exact, lang=Lang.EN) and "\x1b" in raw
    else:  # the groups word their lines as printed
        assert raw == want
    made = column_words[-1]
    assert made.worded > 0.5 * len(exact.findings)  # the other indicators' still worded


def test_a_listing_holds_two_groups_makers_at_most(
    mix: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A chunk of findings has a piece of every group (the problems; here every finding
    of data in a file a year): their makers (each holding its group's cells) are made
    as the pieces are reached, never all held at once."""
    monkeypatch.setattr(partition, "PARTITION_FROM_ROWS", 1)
    monkeypatch.setattr(partition, "GROUP_ROWS", 150)
    real = partfind.Source.maker
    made: list[weakref.ref[Maker]] = []
    alive: list[int] = []

    def counted(self: partfind.Source, group: int) -> Maker:
        maker = real(self, group)
        if not any(m() is maker for m in made):
            made.append(weakref.ref(maker))
        alive.append(sum(m() is not None for m in made))
        return maker

    monkeypatch.setattr(partfind.Source, "maker", counted)
    args = (mix / "indicators", mix / "data")
    fast = check(*args, regions=mix / "regions.csv", engine=Engine.FAST)
    exact = check(*args, regions=mix / "regions.csv", engine=Engine.EXACT)
    assert to_text(fast, lang=Lang.EN) == to_text(exact, lang=Lang.EN)
    # (the one before the piece being read is still the caller's when the next is made)
    assert len(made) >= 5 and max(alive) <= 3
