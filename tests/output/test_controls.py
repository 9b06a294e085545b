"""Control characters from data are shown, never obeyed by a terminal."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from hrkpi.output.controls import (
    Checked,
    has_controls,
    terminal_safe,
    visible,
    visible_line,
)

RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def test_escapes_are_written_out() -> None:
    assert visible("名称\x1b]0;title\x07\x1b[2J") == "名称\\x1b]0;title\\x07\\x1b[2J"
    assert visible("a\r\nb\tc\u2028\x9b") == "a\\x0d\nb\tc\\u2028\\x9b"
    assert visible_line("a\nb\tc") == "a\\nb\\tc"


def test_terminal_safe_keeps_colours_only() -> None:
    coloured = "\x1b[1;31m未达标\x1b[0m"
    assert terminal_safe(coloured) == coloured
    assert terminal_safe("\x1b[2J\x1b]52;c;ZXZpbA==\x07\x1b[H") == (
        "\\x1b[2J\\x1b]52;c;ZXZpbA==\\x07\\x1b[H"
    )


@given(st.text())
def test_nothing_raw_is_left(text: str) -> None:
    assert not RAW.search(visible_line(text).replace("\n", "").replace("\t", ""))
    assert not RAW.search(visible(text).replace("\n", "").replace("\t", ""))
    left = re.sub(r"\x1b\[[0-9;]*m", "", terminal_safe(text))
    assert not RAW.search(left.replace("\n", "").replace("\t", ""))


@given(st.text(alphabet=st.characters(blacklist_categories=["Cc", "Zl", "Zp"])))
def test_printable_text_is_unchanged(text: str) -> None:
    assert visible(text) == text == visible_line(text) == terminal_safe(text)


def test_checked_text_is_given_back_as_it_is() -> None:
    """A listing's chunk checked as columns is not searched again (nor copied)."""
    checked = Checked("名称 ok\n" * 3)
    assert visible(checked) is checked
    assert type(visible(str(checked))) is str
    assert has_controls("a\x1bb") and not has_controls("a\tb\n名")
