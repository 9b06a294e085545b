"""Text values: no control characters, no terminal escapes, a bounded length.

A name or a region is printed to terminals, spreadsheets and web pages. A
control character in it (ESC starts a terminal escape that can retitle the
window or clear the screen; a carriage return breaks a table row; bidirectional
overrides disguise text) is never part of a real report's wording, so it is
refused where the text is read, naming the field, instead of being escaped in
every output.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

from hrkpi.core.limits import MAX_TEXT_CHARS
from hrkpi.core.messages import Msg

# C0 and C1 controls, DEL, the Unicode line and paragraph separators, and the
# bidirectional embeddings, overrides and isolates. Written with escapes both
# Python's re and polars' (Rust) regex read alike, so the fast path uses them too.
CONTROL = r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
# Free text (a quote, a note) may run over lines and hold tabs.
CONTROL_MULTILINE = r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
_SINGLE_LINE = re.compile(CONTROL)
_MULTI_LINE = re.compile(CONTROL_MULTILINE)


def text_problem(value: str, *, multiline: bool = False) -> Msg | None:
    """Why `value` cannot be a text field, or None when it can."""
    if len(value) > MAX_TEXT_CHARS:
        return Msg(
            "the text is {length:,} characters long; hrkpi takes at most {limit:,} in one "
            "value (limit MAX_TEXT_CHARS): shorten it",
            length=len(value),
            limit=MAX_TEXT_CHARS,
        )
    found = (_MULTI_LINE if multiline else _SINGLE_LINE).search(value)
    if found is None:
        return None
    char = found.group()
    name = unicodedata.name(char, "") or _CONTROL_NAMES.get(ord(char), "control character")
    if char == "\x1b":
        what = Msg("a terminal escape (ESC)")
    elif char in "\n\r\u2028\u2029":
        what = Msg("a line break ({name})", name=name)
    else:
        what = Msg("a control character (U+{code:04X} {name})", code=ord(char), name=name)
    return Msg(
        "the text holds {what} at character {where}; remove it: text fields hold "
        "printable characters only",
        what=what,
        where=found.start() + 1,
    )


def check_text(value: str, *, multiline: bool = False) -> str:
    """`value` itself, or ValueError saying which character it must not hold."""
    message = text_problem(value, multiline=multiline)
    if message is not None:
        raise ValueError(message)
    return value


SHOWN_CHARS = 40  # of a value quoted in a message; the rest is "..."
# A name longer than this is no slip of the keyboard: it gets no "did you mean" (the
# fuzzy match costs the product of the lengths).
SUGGEST_CHARS = 64


def cut(text: str, limit: int = SHOWN_CHARS) -> str:
    """`text`, cut at `limit` characters with "..." when longer."""
    return text if len(text) <= limit else text[:limit] + "..."


def shown(value: Any) -> str:
    """A value as a message quotes it: in quotes, cut short when long ('4.2x')."""
    return repr(cut(value if isinstance(value, str) else repr(value)))


def nearest(
    name: str,
    choices: Iterable[str],
    *,
    n: int = 1,
    cutoff: float = 0.6,
    prefer: Sequence[str] = (),
) -> list[str]:
    """The choices nearest a misspelt `name`, best first, for "did you mean ...?".

    At most `n`, each at least `cutoff` alike (difflib's ratio); among equally close
    ones those listed in `prefer` first, in its order. None for a name longer than
    SUGGEST_CHARS.
    """
    if len(name) > SUGGEST_CHARS:
        return []
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(name)
    scored = []
    for choice in choices:
        matcher.set_seq1(choice)
        # The quick ratios bound the real one from above: most choices stop there.
        if matcher.real_quick_ratio() < cutoff or matcher.quick_ratio() < cutoff:
            continue
        score = matcher.ratio()
        if score >= cutoff:
            scored.append((score, choice))
    # As difflib.get_close_matches ranks them, then the preferred first among equals.
    scored.sort(reverse=True)
    rank = {c: i for i, c in enumerate(prefer)}
    scored.sort(key=lambda sc: (-sc[0], rank.get(sc[1], len(rank))))
    return [choice for _, choice in scored[:n]]


_CONTROL_NAMES = {
    0x00: "NUL",
    0x07: "BEL",
    0x08: "BACKSPACE",
    0x09: "TAB",
    0x0A: "LINE FEED",
    0x0D: "CARRIAGE RETURN",
    0x1B: "ESC",
    0x7F: "DELETE",
}
