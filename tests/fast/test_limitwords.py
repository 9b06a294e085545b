"""A missed limit's words made from columns (hrkpi.fast.limitwords): the margin as the
exact engine shows it, worked by hand for a warn level, a ceiling, a band and the
rounded comparison, and the lines the exact engine's, in both languages."""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

import pytest
from tests.fast.test_cellfindings import _project

from hrkpi.api import Engine, check
from hrkpi.checks.findings import CheckKind, Verdict
from hrkpi.fast.relations import KIND_CODES, VERDICT_CODES
from hrkpi.output import columnwords
from hrkpi.output.checktext import to_text
from hrkpi.output.words import Lang


@pytest.fixture
def made(column_words: list[columnwords.ColumnWords]) -> list[columnwords.ColumnWords]:
    return column_words


def _missed(text: str) -> dict[int, list[str]]:
    """Each missed limit's explanation line, by the line of its figure."""
    out: dict[int, list[str]] = {}
    lines = text.splitlines()
    for head, why in pairwise(lines):
        missed = any(mark in head for mark in ("未达标", "预警", " FAIL limit", " WARN limit"))
        if missed and why.startswith("    "):
            out.setdefault(int(head.split(":")[1]), []).append(why.strip())
    return out


@pytest.mark.parametrize("lang", [Lang.ZH, Lang.EN])
def test_missed_limits_worded_from_columns(
    tmp_path: Path, lang: Lang, made: list[columnwords.ColumnWords]
) -> None:
    ind, data = _project(tmp_path)
    slow = check(ind, data, engine=Engine.EXACT)
    quick = check(ind, data, engine=Engine.FAST)
    text = to_text(quick, lang=lang)
    assert text == to_text(slow, lang=lang)
    # The templates of the missed limits were made and kept: their lines came from columns.
    (words,) = made
    limit = KIND_CODES[CheckKind.THRESHOLD]
    missed = {VERDICT_CODES[Verdict.FAIL], VERDICT_CODES[Verdict.WARN]}
    kept = [k for k, t in words.templates.items() if k[0] == limit and k[1] in missed and t]
    assert len(kept) >= 3  # a warn level, a failed ceiling under either comparison, a band
    if lang is Lang.ZH:
        # By hand: 5.6 over the 5.5 warn level by 0.10 (a rate: two places); 6.04 over
        # it by 0.54 and over 6.0 by 0.04; 3.5 rounded to 4 is 1.00 over 3 (修约值比较法);
        # 638 below the band 650 ± 10 by 2 (no places: neither limit nor figure has any).
        assert _missed(text) == {
            2: ["预警，超出预警线0.10个百分点（全数值比较法）"],
            3: [
                "预警，超出预警线0.54个百分点（全数值比较法）",
                "未达标，超出0.04个百分点（全数值比较法）",
            ],
            7: ["未达标，超出1.00个百分点（修约值比较法）"],
            9: ["未达标，超出2万吨（全数值比较法）"],
        }
    else:  # (a warning is past its warning level; a failure beyond its limit)
        assert _missed(text) == {
            2: ["warning, 0.10 pp past the warning level (full-value comparison)"],
            3: [
                "warning, 0.54 pp past the warning level (full-value comparison)",
                "missed, 0.04 pp beyond the limit (full-value comparison)",
            ],
            7: ["missed, 1.00 pp beyond the limit (rounded-value comparison)"],
            9: [
                "missed, 2 万吨 beyond the limit (full-value comparison)"
            ],  # (a unit declared in Chinese)
        }


def test_the_run_s_comparison_method_is_the_margin_s(
    tmp_path: Path, made: list[columnwords.ColumnWords]
) -> None:
    """`--method rounded`: 6.04 rounded to one place is 6.0, which meets 6.0 and misses
    5.5 by 0.50 (0.54 in full); 5.6 still misses 5.5 by 0.10; `--method full`: 3.5
    misses 3 by 0.50 (1.00 rounded)."""
    ind, data = _project(tmp_path)
    for method, want in [
        ("rounded", {2: "0.10", 3: "0.50"}),
        ("full", {7: "0.50"}),
    ]:
        slow = check(ind, data, engine=Engine.EXACT, method=method)
        quick = check(ind, data, engine=Engine.FAST, method=method)
        text = to_text(quick)
        assert text == to_text(slow)
        got = {line: re.findall(r"[0-9.]+", why[0])[0] for line, why in _missed(text).items()}
        assert {k: got[k] for k in want} == want
        if method == "rounded":
            assert len(_missed(text)[3]) == 1  # (6.0 met)
