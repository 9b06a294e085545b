"""`check --junit`'s test cases made from columns (hrkpi.output.columncases) are, byte
for byte, what the JUnit writer makes of the exact engine's findings: on both plans of
the fast path, in both languages, beside the text listing (every finding or the
problems), with the flags that change a case, under the GitHub format; names and
paths with XML's special characters escaped as ElementTree escapes them; and it is
the columns that make them."""

from __future__ import annotations

import csv
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from tests.output.test_columnwords import _reports, _split_up, mix  # noqa: F401 (fixture)
from typer.testing import CliRunner

from hrkpi.api import Engine, check
from hrkpi.checks.findings import PROBLEMS, CheckKind, Verdict
from hrkpi.cli import app
from hrkpi.fast.relations import VERDICT_CODES
from hrkpi.output import columncases
from hrkpi.output.checkpass import iter_outputs
from hrkpi.output.checktext import to_text
from hrkpi.output.findwords import Words
from hrkpi.output.junit import iter_text_junit, to_junit
from hrkpi.output.words import Lang

_FLAGS = [
    {"strict": False, "unchecked": False},
    {"strict": True, "unchecked": True},
]


@pytest.mark.parametrize("plan", ["in memory", "partitioned"])
@pytest.mark.parametrize("lang", [Lang.ZH, Lang.EN])
def test_every_case_made_as_the_writer_makes_the_exact_engines(
    mix: Path,  # noqa: F811
    plan: str,
    lang: Lang,
    column_cases: list[Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    exact, fast = _reports(mix, plan, monkeypatch)
    findings = exact.findings  # type: ignore[attr-defined]
    assert isinstance(findings, list)  # the writer's, a finding at a time
    kinds = {f.kind for f in findings}
    assert {CheckKind.COMPLETION, CheckKind.CHANGE_PCT, CheckKind.REGION_SUM} <= kinds
    assert {CheckKind.CHANGE_ABS, CheckKind.CHANGE_PP, CheckKind.THRESHOLD} <= kinds
    verdicts = {f.verdict for f in findings}
    assert {Verdict.CONSISTENT, Verdict.INCONSISTENT, Verdict.PASS, Verdict.FAIL} <= verdicts
    for flags in _FLAGS:
        column_cases.clear()
        want = to_junit(exact, lang=lang, **flags)  # type: ignore[arg-type]
        assert column_cases == []
        got = to_junit(fast, lang=lang, **flags)  # type: ignore[arg-type]
        assert got == want
        (made,) = column_cases
        # Nearly every case made from columns; the rest (problems, the splits, rows in a
        # unit of their own, and one finding of each key whose templates are checked)
        # built and written by the writer.
        assert made.worded + made.built == len(findings)
        assert made.worded > 0.9 * len(findings)
        # Every key's case made from columns but a missed limit's (its failure holds its
        # lines: built in full for both outputs).
        unmade = {key for key, t in made.templates.items() if t is None}
        assert set(made.case_templates) == set(made.templates) - unmade
        assert {key[1] for key in unmade} <= {VERDICT_CODES[v] for v in PROBLEMS}
        column_cases.clear()
        # Beside the text: every finding listed, or the problems only.
        for problems_only in (False, True):
            pairs = list(iter_text_junit(fast, lang=lang, problems_only=problems_only, **flags))  # type: ignore[arg-type]
            alone = to_text(exact, lang=lang, problems_only=problems_only, **flags)  # type: ignore[arg-type]
            assert "".join(t for t, _ in pairs) == alone
            assert "".join(x for _, x in pairs) == want
            assert column_cases[-1].worded > 0.9 * len(findings)
    # The approximate figures and last year's figure in another file were made too.
    # (in English in English words: 近84 is nearly 84, 1400多 over 1400)
    near, over = ("近", "多") if lang is Lang.ZH else ("nearly ", "over ")
    assert near in want and over in want
    growth = "增长率" if lang is Lang.ZH else "growth rate"
    assert any(line.count(".csv:") == 2 for line in want.splitlines() if f" {growth}" in line)


def test_names_and_paths_are_escaped_as_the_writer_escapes_them(
    mix: Path,  # noqa: F811
    tmp_path: Path,
    column_cases: list[Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An indicator's name and the data's path with &, <, > and quotes: each cell put in
    a case is escaped as ElementTree escapes an attribute's value."""
    odd = tmp_path / "a&b<c>\"d'e"
    shutil.copytree(mix, odd)
    real = Words.name

    def named(self: Words, indicator: str) -> str:
        name = real(self, indicator)
        return f'{name} & <"x">' if indicator in ("ind_000", "ind_003") else name

    monkeypatch.setattr(Words, "name", named)
    exact, fast = _reports(odd, "partitioned", monkeypatch)
    want = to_junit(exact, lang=Lang.EN)  # type: ignore[arg-type]
    assert want.count("&amp; &lt;&quot;x&quot;&gt;") > 100 and "a&amp;b&lt;c&gt;&quot;d'e" in want
    assert to_junit(fast, lang=Lang.EN) == want  # type: ignore[arg-type]
    assert column_cases[-1].worded > 0.9 * len(exact.findings)  # type: ignore[attr-defined]


def test_a_template_that_does_not_give_the_writers_case_is_not_used(
    mix: Path,  # noqa: F811
    column_cases: list[Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each case's template is checked against the finding it was made from: one that
    would write it otherwise is dropped, and its findings are built and written."""
    monkeypatch.setattr(columncases, "escaped", lambda text: text + "?")
    exact, fast = _reports(mix, "in memory", monkeypatch)
    assert to_junit(fast, lang=Lang.EN) == to_junit(exact, lang=Lang.EN)  # type: ignore[arg-type]
    (made,) = column_cases
    assert made.worded == 0 and not made.case_templates
    assert made.built == len(exact.findings)  # type: ignore[attr-defined]


def test_annotations_beside_the_cases(
    mix: Path,  # noqa: F811
    column_cases: list[Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`--format github --junit`: the annotations and the problems as the exact engine's
    (only the findings annotated built for them), the cases made from columns, each
    side's pieces joined as before. (`--format json --junit` builds every finding once
    for both, as before: the JSON needs each.)"""
    fmt = "github"
    exact, fast = _reports(mix, "partitioned", monkeypatch)
    for flags in _FLAGS:
        for problems_only in (False, True):
            kw = {"fmt": fmt, "lang": Lang.ZH, "junit": True, "problems_only": problems_only}
            got = _joined(iter_outputs(fast, **kw, **flags))  # type: ignore[arg-type]
            assert got == _joined(iter_outputs(exact, **kw, **flags))  # type: ignore[arg-type]
            assert got[1] == to_junit(exact, lang=Lang.ZH, **flags)  # type: ignore[arg-type]
            assert got[0].count("::error") > 5
    assert len(column_cases) == 4 and all(m.worded > 5000 for m in column_cases)


def test_cli_junit_file_and_listing_are_the_exact_engines(
    mix: Path,  # noqa: F811
    tmp_path: Path,
    column_cases: list[Any],
) -> None:
    args = ["check", "-i", str(mix / "indicators"), "-d", str(mix / "data")]
    args += ["--regions", str(mix / "regions.csv")]
    runner = CliRunner()
    for lang in ("zh", "en"):
        got = {}
        for engine in ("fast", "exact"):
            xml = tmp_path / f"{engine}-{lang}.xml"
            run = runner.invoke(
                app, [*args, "--engine", engine, "--lang", lang, "--junit", str(xml)]
            )
            assert run.exit_code == 1, run.output  # the injected errors
            got[engine] = (run.stdout, xml.read_bytes())
        assert got["fast"] == got["exact"]
        assert got["fast"][1].count(b"<testcase") > 5000
    assert len(column_cases) == 2 and all(m.worded > 5000 for m in column_cases)


def test_cases_of_a_check_whose_groups_worded_its_lines(
    mix: Path,  # noqa: F811
    column_cases: list[Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A check asked to word its listing as its groups are decided (the API's `listed_in`)
    and then written with its JUnit XML: the text and the cases, made here from
    columns, as the exact engine's."""
    _split_up(monkeypatch)
    args = (mix / "indicators", mix / "data")
    exact = check(*args, regions=mix / "regions.csv", engine=Engine.EXACT)
    fast = check(*args, regions=mix / "regions.csv", engine=Engine.FAST, listed_in=Lang.EN)
    kw = {"fmt": "text", "lang": Lang.EN, "junit": True}
    assert _joined(iter_outputs(fast, **kw)) == _joined(iter_outputs(exact, **kw))  # type: ignore[arg-type]
    assert column_cases[-1].worded > 0.9 * len(exact.findings)  # type: ignore[attr-defined]


def _joined(pieces: Iterable[tuple[object, str]]) -> tuple[str, str]:
    """Each side of `iter_outputs`' pairs joined (the standard output, the XML)."""
    out, xml = [], []
    for text, cases in pieces:
        out.append(str(text))
        xml.append(cases)
    return "".join(out), "".join(xml)


def test_figures_of_no_region_are_cased_by_their_indicator_alone(
    mix: Path,  # noqa: F811
    tmp_path: Path,
    column_cases: list[Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A figure stated for no region: its case's class name is its indicator alone (a
    key's template made of a row of either kind fits both)."""
    folder = tmp_path / "noregion"
    shutil.copytree(mix, folder)
    blanked = 0
    for year in sorted((folder / "data").glob("20*.csv")):
        with year.open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        kept = []
        for row in rows:
            if row["indicator"] in ("ind_001", "ind_002") and row["region"] != "示范省":
                continue  # (one region's rows of these indicators, then stated for none)
            if row["indicator"] in ("ind_001", "ind_002"):
                row["region"] = ""
                blanked += 1
            kept.append(row)
        with year.open("w", encoding="utf-8", newline="") as f:
            out = csv.DictWriter(f, list(rows[0]))
            out.writeheader()
            out.writerows(kept)
    assert blanked > 50
    exact, fast = _reports(folder, "partitioned", monkeypatch)
    want = to_junit(exact, lang=Lang.EN)  # type: ignore[arg-type]
    assert want.count('classname="ind_001"') > 20 and 'classname="示范省.ind_000"' in want
    assert to_junit(fast, lang=Lang.EN) == want  # type: ignore[arg-type]
    assert column_cases[-1].worded > 0.9 * len(exact.findings)  # type: ignore[attr-defined]
