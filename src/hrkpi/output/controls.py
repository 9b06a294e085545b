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


def visible(text: str) -> str:
    """`text` with every control character but newline and tab written as an escape."""
    return _CONTROLS.sub(_escape, text)


def visible_line(text: str) -> str:
    """`text` on one line: newlines and tabs escaped too (a name in a table cell)."""
    return visible(text).replace("\n", "\\n").replace("\t", "\\t")
