"""Text fields: printable characters only, a bounded length."""

from __future__ import annotations

import difflib
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hrkpi.core.text import check_text, cut, nearest, shown, text_problem


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("再就业\x1b]0;title\x07\x1b[2J", "a terminal escape (ESC) at character 4"),
        ("a\rb", "a line break (CARRIAGE RETURN) at character 2"),
        ("a\nb", "a line break (LINE FEED) at character 2"),
        ("a\x00b", "a control character (U+0000 NUL)"),
        ("\u202e厦门", "a control character (U+202E RIGHT-TO-LEFT OVERRIDE) at character 1"),
        ("a\x85b", "a control character (U+0085"),
        ("x" * 10_001, "10,001 characters long; hrkpi takes at most 10,000"),
    ],
)
def test_refused(text: str, says: str) -> None:
    assert says in str(text_problem(text) or "")
    with pytest.raises(ValueError):
        check_text(text)


def test_free_text_may_run_over_lines() -> None:
    quote = "全市失业人员再就业4.22万人，\n完成全年任务数的105.5%\t（上半年）"
    assert check_text(quote, multiline=True) == quote
    assert "ESC" in str(text_problem("a\x1bb", multiline=True) or "")
    assert "CARRIAGE RETURN" in str(text_problem("a\rb", multiline=True) or "")


def test_ordinary_text_passes() -> None:
    for text in ("厦门市", "市人社局2020年上半年工作进展情况", "一、(一)1 第1段", "Re-employment"):
        assert text_problem(text) is None


def test_a_value_is_quoted_and_cut_at_40_characters() -> None:
    assert shown("4.2x") == "'4.2x'"
    assert shown("x" * 41) == repr("x" * 40 + "...")
    assert shown(4.2) == "'4.2'"
    assert cut("ab", 1) == "a..."


@pytest.mark.parametrize(
    ("name", "choices", "kwargs", "expected"),
    [
        ("reemploymnt", ["reemployment", "employment_rate"], {}, ["reemployment"]),
        ("xyz", ["reemployment"], {}, []),
        # A name past SUGGEST_CHARS is no slip of the keyboard: no search at all.
        ("reemployment" + "x" * 60, ["reemployment" + "x" * 60], {}, []),
        # Among equally close choices the preferred come first.
        ("万仁", ["万批", "万人"], {"n": 1, "cutoff": 0.3, "prefer": ["万人"]}, ["万人"]),
    ],
)
def test_did_you_mean(
    name: str, choices: list[str], kwargs: dict[str, Any], expected: list[str]
) -> None:
    assert nearest(name, choices, **kwargs) == expected


@given(st.text(max_size=12), st.lists(st.text(max_size=12), max_size=8))
def test_nearest_ranks_as_difflib_does(name: str, choices: list[str]) -> None:
    assert nearest(name, choices, n=3) == difflib.get_close_matches(name, choices, n=3)
