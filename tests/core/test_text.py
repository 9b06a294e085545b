"""Text fields: printable characters only, a bounded length."""

from __future__ import annotations

import pytest

from hrkpi.core.text import check_text, text_problem


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
