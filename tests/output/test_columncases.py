"""`check --junit`'s test cases made from columns (hrkpi.output.columncases) are, byte
for byte, what the JUnit writer makes of the exact engine's findings: on both plans of
the fast path, in both languages, beside the text listing (every finding or the
problems), with the flags that change a case, under the GitHub format; names and
paths with XML's special characters escaped as ElementTree escapes them; and it is
the columns that make them."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from hrkpi.api import Engine, check
from hrkpi.checks.findings import CheckKind, Verdict
from hrkpi.cli import app
from hrkpi.output import columncases
from hrkpi.output.checkpass import iter_outputs
from hrkpi.output.checktext import to_text
from hrkpi.output.findwords import Words
from hrkpi.output.junit import JunitCases, iter_text_junit, to_junit
from hrkpi.output.words import Lang
from tests.output.test_columnwords import _reports, _split_up, mix  # noqa: F401 (fixture)

_FLAGS = [
    {"strict": False, "unchecked": False},
    {"strict": True, "unchecked": True},
]


class _Spy:
    """The ColumnCases of each output, kept to count what the columns made."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.made: list[columncases.ColumnCases] = []
        real = columncases.ColumnCases

        def spied(cases: JunitCases, **kwargs: Any) -> columncases.ColumnCases:
            made = real(cases, **kwargs)
            self.made.append(made)
            return made

        monkeypatch.setattr(columncases, "ColumnCases", spied)


@pytest.fixture
def spy(monkeypatch: pytest.MonkeyPatch) -> Iterator[_Spy]:
    yield _Spy(monkeypatch)


@pytest.mark.parametrize("plan", ["in memory", "partitioned"])
@pytest.mark.parametrize("lang", [Lang.ZH, Lang.EN])
def test_every_case_made_as_the_writer_makes_the_exact_engines(
    mix: Path,  # noqa: F811
    plan: str,
    lang: Lang,
    spy: _Spy,
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
        spy.made.clear()
        want = to_junit(exact, lang=lang, **flags)  # type: ignore[arg-type]
        assert spy.made == []
        got = to_junit(fast, lang=lang, **flags)  # type: ignore[arg-type]
        assert got == want
        (made,) = spy.made
        # Nearly every case made from columns; the rest (problems, the splits, rows in a
        # unit of their own, and one finding of each key whose templates are checked)
        # built and written by the writer.
        assert made.worded + made.built == len(findings)
        assert made.worded > 0.9 * len(findings)
        assert made.case_templates and all(made.templates.values())
        spy.made.clear()
        # Beside the text: every finding listed, or the problems only.
        for problems_only in (False, True):
            pairs = list(iter_text_junit(fast, lang=lang, problems_only=problems_only, **flags))  # type: ignore[arg-type]
            alone = to_text(exact, lang=lang, problems_only=problems_only, **flags)  # type: ignore[arg-type]
            assert "".join(t for t, _ in pairs) == alone
            assert "".join(x for _, x in pairs) == want
            assert spy.made[-1].worded > 0.9 * len(findings)
    # The approximate figures and last year's figure in another file were made too.
    assert "近" in want and "多" in want
    growth = "增长率" if lang is Lang.ZH else "change_pct"
    assert any(line.count(".csv:") == 2 for line in want.splitlines() if f" {growth}" in line)


def test_names_and_paths_are_escaped_as_the_writer_escapes_them(
    mix: Path,  # noqa: F811
    tmp_path: Path,
    spy: _Spy,
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
    assert spy.made[-1].worded > 0.9 * len(exact.findings)  # type: ignore[attr-defined]


def test_a_template_that_does_not_give_the_writers_case_is_not_used(
    mix: Path,  # noqa: F811
    spy: _Spy,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each case's template is checked against the finding it was made from: one that
    would write it otherwise is dropped, and its findings are built and written."""
    monkeypatch.setattr(columncases, "escaped", lambda text: text + "?")
    exact, fast = _reports(mix, "in memory", monkeypatch)
    assert to_junit(fast, lang=Lang.EN) == to_junit(exact, lang=Lang.EN)  # type: ignore[arg-type]
    (made,) = spy.made
    assert made.worded == 0 and not made.case_templates
    assert made.built == len(exact.findings)  # type: ignore[attr-defined]


def test_github_annotations_beside_the_cases(
    mix: Path,  # noqa: F811
    spy: _Spy,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`--format github --junit`: the annotations and problems as the exact engine's, the
    cases made from columns, each side's pieces joined as before."""
    exact, fast = _reports(mix, "partitioned", monkeypatch)
    for flags in _FLAGS:
        out = {}
        for name, report in (("exact", exact), ("fast", fast)):
            pieces = list(iter_outputs(report, fmt="github", lang=Lang.ZH, junit=True, **flags))  # type: ignore[arg-type]
            out[name] = ("".join(str(t) for t, _ in pieces), "".join(x for _, x in pieces))
        assert out["fast"] == out["exact"]
        assert out["exact"][0].count("::error") > 5
    assert len(spy.made) == 2 and all(m.worded > 5000 for m in spy.made)


def test_cli_junit_file_and_listing_are_the_exact_engines(
    mix: Path,  # noqa: F811
    tmp_path: Path,
    spy: _Spy,
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
    assert len(spy.made) == 2 and all(m.worded > 5000 for m in spy.made)
