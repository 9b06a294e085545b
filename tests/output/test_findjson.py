"""`check --format json` writes each finding straight as text: the same text, key for
key and space for space, as the pydantic model's dump (the schema), in both languages."""

from __future__ import annotations

import dataclasses
import json
from fractions import Fraction
from pathlib import Path

import pytest
from benchmarks.generate import generate
from hypothesis import given
from hypothesis import strategies as st

from hrkpi.api import Engine, check
from hrkpi.checks.findings import (
    Candidate,
    CheckKind,
    CheckReport,
    Finding,
    Hint,
    HintCode,
    LimitDetail,
    PaceDetail,
    Role,
    UsedFigure,
    Verdict,
)
from hrkpi.core.intervals import Interval
from hrkpi.output.checkjson import FigureOut, IntervalOut, finding_out
from hrkpi.output.figures import bound_text
from hrkpi.output.findjson import _end, _figure, _interval, finding_json
from hrkpi.output.findwords import Words
from hrkpi.output.words import Lang


def _same_as_the_model(report: CheckReport) -> int:
    """Every finding of `report` written both ways, in both languages; how many."""
    for lang in Lang:
        words = Words(lang, report.catalog)
        for f in report.findings:
            assert finding_json(f, words, "    ") == finding_out(f, words).model_dump_json(
                indent=2
            ).replace("\n", "\n    ")
    return len(report.findings)


def test_the_bundled_report_s_findings_are_the_model_s_dump() -> None:
    report = check()
    kinds = {f.kind for f in report.findings}
    # The report's relations of many kinds, limits and whole-number candidates among them.
    assert {CheckKind.COMPLETION, CheckKind.THRESHOLD, CheckKind.WHOLE_BASE} <= kinds
    assert any(f.limit for f in report.findings) and any(f.candidates for f in report.findings)
    assert any(f.reason for f in report.findings) and any(f.implied for f in report.findings)
    assert _same_as_the_model(report) == len(report.findings) > 20


@pytest.mark.parametrize("engine", [Engine.FAST, Engine.EXACT])
def test_injected_data_s_findings_are_the_model_s_dump(tmp_path: Path, engine: Engine) -> None:
    generate(tmp_path, 1500, seed=11, errors=8, mixed=True)
    report = check(
        tmp_path / "indicators", tmp_path / "data", regions=tmp_path / "regions.csv", engine=engine
    )
    assert any(f.verdict.is_problem for f in report.findings)
    assert _same_as_the_model(report) > 1500


def test_a_whole_number_an_exact_decimal_and_a_third_are_rounded_outwards() -> None:
    # 1/3 = 0.333333|3...: down 0.333333, up 0.333334; -1/3 the mirror image.
    assert _end(Fraction(1, 3), up=False) == "0.333333"
    assert _end(Fraction(1, 3), up=True) == "0.333334"
    assert _end(Fraction(-1, 3), up=False) == "-0.333334"
    assert _end(Fraction(-1, 3), up=True) == "-0.333333"
    assert _end(Fraction(4215, 1000), up=True) == "4.215"  # exact: no rounding, zeros dropped
    assert _end(Fraction(-7), up=True) == "-7"
    assert _end(Fraction(-1, 10**7), up=True) == "0"  # rounded up to zero: unsigned
    assert _end(Fraction(-1, 10**7), up=False) == "-0.000001"


fractions = st.fractions(max_denominator=10**9).filter(lambda x: abs(x) < 10**12)


@given(fractions, st.booleans())
def test_an_end_is_bound_text_s(x: Fraction, up: bool) -> None:
    assert _end(x, up=up) == bound_text(x, 6, up=up)


intervals = st.builds(
    lambda a, b, lc, hc: Interval(min(a, b), max(a, b), lc, hc),
    fractions,
    fractions,
    st.booleans(),
    st.booleans(),
)


@given(st.one_of(st.none(), intervals))
def test_an_interval_is_the_model_s_dump(iv: Interval | None) -> None:
    model = IntervalOut.of(iv) if iv is not None and not iv.empty else None
    expected = "null" if model is None else model.model_dump_json(indent=2)
    assert _interval(iv, "") == expected


# Any text a data file may hold: quotes, backslashes, control characters, CJK, U+2028.
texts = st.text(
    st.one_of(
        st.sampled_from('"\\/\b\f\n\r\t\x00\x1f\x7f\u2028\u2029é完成率'), st.characters()
    ).filter(lambda c: not 0xD800 <= ord(c) <= 0xDFFF),
    max_size=12,
)


# A file, or a workbook and its sheet (any text: a sheet is held apart, never parsed).
files = st.one_of(
    st.tuples(texts, st.just("")), st.tuples(st.builds(lambda a: f"d/{a}.xlsx", texts), texts)
)


@given(texts, texts, files, st.integers(0, 10**9), st.one_of(st.none(), intervals))
def test_a_figure_is_the_model_s_dump(
    literal: str, unit: str, place: tuple[str, str], line: int, iv: Interval | None
) -> None:
    file, sheet = place
    u = UsedFigure(Role.CHILD, "jobs", literal, unit, file, line, iv, region="甲", sheet=sheet)
    model = FigureOut(
        role=u.role,
        indicator=u.indicator,
        region=u.region,
        literal=u.literal,
        unit=u.unit,
        file=file,
        sheet=sheet,
        line=u.line,
        interval=IntervalOut.of(iv) if iv is not None and not iv.empty else None,
    )
    assert _figure(u, "  ") == model.model_dump_json(indent=2).replace("\n", "\n  ")


_BASE = Finding(
    CheckKind.THRESHOLD,
    "urban_unemployment",
    "全省",
    Verdict.CONSISTENT,  # (not a run's: each collection of the suite ran a whole check)
    "data/2021.yaml",
    12,
    stated="4.60",
    decimals=2,
    unit="%",
)


@given(
    texts,
    texts,
    texts,
    st.lists(texts, max_size=3),
    st.one_of(st.none(), st.tuples(texts, texts)),
    st.lists(st.builds(Candidate, texts, texts), max_size=2),
    st.one_of(st.none(), st.builds(Hint, st.sampled_from(list(HintCode)), texts)),
    st.one_of(st.none(), texts),
    st.builds(  # a limit judged: what a threshold's finding holds
        LimitDetail,
        texts,
        texts,
        texts,
        st.sampled_from(["full", "rounded"]),
        st.booleans(),
        fractions,  # a judged limit's margin
        st.integers(0, 4),
        st.one_of(st.none(), st.booleans()),
    ),
    st.one_of(st.none(), st.builds(PaceDetail, texts, fractions, texts, texts)),
)
def test_a_finding_of_any_parts_is_the_model_s_dump(
    quote: str,
    source: str,
    location: str,
    missing: list[str],
    values: tuple[str, str] | None,
    candidates: list[Candidate],
    hint: Hint | None,
    implied: str | None,
    limit: LimitDetail,
    pace: PaceDetail | None,
) -> None:
    f = dataclasses.replace(
        _BASE,
        quote=quote,
        source=source,
        location=location,
        missing=tuple(missing),
        consistent_values=values,
        candidates=tuple(candidates),
        hint=hint,
        implied=implied,
        limit=limit,
        pace=pace,
    )
    for lang in Lang:
        words = Words(lang, None)
        assert finding_json(f, words) == finding_out(f, words).model_dump_json(indent=2)


@pytest.fixture(scope="module")
def found() -> Finding:
    """A finding of the bundled report: a fixture, so the check runs when a test asks for
    it, not at import (every collection of the suite paid for it, about a second)."""
    return check().findings[0]


@given(file=texts, sheet=texts)
def test_a_finding_s_file_and_sheet_are_written_as_held(
    found: Finding, file: str, sheet: str
) -> None:
    # Any sheet (brackets, colons, quotes) beside any file: never parsed out of the path.
    f = dataclasses.replace(found, file=file, sheet=sheet)
    words = Words(Lang.ZH, None)
    text = finding_json(f, words)
    assert text == finding_out(f, words).model_dump_json(indent=2)
    assert (json.loads(text)["file"], json.loads(text)["sheet"]) == (file, sheet)


def test_collecting_this_module_runs_no_check(monkeypatch: pytest.MonkeyPatch) -> None:
    # A check at import ran on every collection of the suite (about a second), whether
    # or not a test of this module was selected.
    import importlib.util

    import hrkpi.api

    def no_check(*args: object, **kwargs: object) -> None:
        raise AssertionError("a check ran at import")

    monkeypatch.setattr(hrkpi.api, "check", no_check)
    spec = importlib.util.spec_from_file_location("_findjson_again", __file__)
    assert spec is not None and spec.loader is not None
    spec.loader.exec_module(importlib.util.module_from_spec(spec))
