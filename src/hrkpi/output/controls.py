"""Text for a terminal: control characters from data are shown, never obeyed.

An indicator named `"\\e]0;title\\a\\e[2J"` would set the terminal's title and
clear its screen if its bytes reached the terminal; an OSC 52 sequence can even
write the clipboard. Input validation refuses control characters, and every
text a human reads passes through `visible` as well (defence in depth): each
C0 and C1 control character but the line break and the tab is written as a
visible escape (`\\x1b`), so what was in the data can still be seen.
"""

from __future__ import annotations

import re

# C0 (but tab and newline), DEL, C1, and the line and paragraph separators, which
# some terminals and editors treat as line breaks.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match[0])
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


class Checked(str):
    """Text known to hold no control character but newline and tab (a listing's chunk
    worded from cells that hold none, hrkpi.output.columnwords): `visible` gives it back
    as it is, without a pass of Python's regular expression over every character (0.6 s
    of CPU for the 240 MB listing of a million findings)."""

    __slots__ = ()


def visible(text: str) -> str:
    """`text` with every control character but newline and tab written as an escape."""
    if isinstance(text, Checked):
        return text
    return _CONTROLS.sub(_escape, text)


def has_controls(text: str) -> bool:
    """Whether `visible` would change `text`."""
    return _CONTROLS.search(text) is not None


def visible_line(text: str) -> str:
    """`text` on one line: newlines and tabs escaped too (a name in a table cell)."""
    return visible(text).replace("\n", "\\n").replace("\t", "\\t")


# What hrkpi itself sends a terminal: colours (SGR, ESC [ ... m) and nothing else.
_OURS_OR_CONTROL = re.compile(r"\x1b\[[0-9;]*m|" + _CONTROLS.pattern)


def terminal_safe(text: str) -> str:
    """`text` for a terminal: colour codes kept, every other control character escaped.

    The last line of defence, for everything written to a terminal: no cursor
    movement, screen clearing, title or clipboard sequence gets through.
    """
    return _OURS_OR_CONTROL.sub(
        lambda m: m[0] if m[0].endswith("m") and len(m[0]) > 1 else _escape(m), text
    )
