"""How wide a text is: in a terminal's or a spreadsheet's columns, and drawn in pixels.

Columns (`display_width`) are what the terminal table and the xlsx column widths fit to.
Pixels are an upper estimate, without a font at hand: the charts are SVG drawn in
Python, so a label's space must be known before a browser lays it out; a label that
comes out wider than its space is clipped by the SVG's edge or runs into its neighbour.
The estimate takes each character's advance in the widest common sans-serif faces the
page names (Noto Sans CJK, Microsoft YaHei, PingFang, DejaVu Sans), rounded up, so a
drawn label is never wider than its estimate. The browser test
(tests/output/test_browser.py) reads the drawn boxes back and checks exactly that.
"""

from __future__ import annotations

import functools
import unicodedata

# Advance widths in em, rounded up over the faces above.
_NARROW = set("iljtfrI!|.,:;'`()[]{} ")
_WIDE = set("mwMW@%")
_CAPITAL = 0.74
_SMALL = 0.6
_DIGIT = 0.62
_OTHER = 0.66


@functools.lru_cache(maxsize=4096)
def display_width(text: str) -> int:
    """Columns `text` takes: 2 for a wide (Chinese) character, 0 for a combining one;
    a text of several lines is as wide as its widest."""
    # Cached, and ASCII counted by its length: fitting the completion table to a
    # terminal asks for the width of the same few hundred texts thousands of times.
    if text.isascii():
        return max(map(len, text.split("\n"))) if "\n" in text else len(text)
    return max(sum(map(_char_width, line)) for line in text.split("\n"))


@functools.lru_cache(maxsize=8192)
def _char_width(ch: str) -> int:
    return 0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def char_em(ch: str) -> float:
    """The advance of one character in em (1 em is the font size)."""
    if unicodedata.east_asian_width(ch) in "WF":
        return 1.0
    if ch in _NARROW:
        return 0.36
    if ch in _WIDE:
        return 0.96
    if ch.isdigit():
        return _DIGIT
    if ch.isupper():
        return _CAPITAL
    if ch.islower():
        return _SMALL
    return _OTHER


def text_px(text: str, size: float, *, bold: bool = False) -> float:
    """An upper estimate of `text`'s width in pixels at `size` px (bold adds 6%)."""
    return sum(char_em(ch) for ch in text) * size * (1.06 if bold else 1.0)


def cut_to(text: str, px: float, size: float) -> str:
    """`text`, cut with … so that it is at most `px` wide."""
    if text_px(text, size) <= px:
        return text
    room = px - text_px("…", size)
    kept, used = [], 0.0
    for ch in text:
        used += char_em(ch) * size
        if used > room:
            break
        kept.append(ch)
    return "".join(kept).rstrip() + "…"
