"""A report's text cut into paragraphs, sentences and clauses, with offsets into the text as read.

The text is first *folded*: full-width digits and punctuation become half-width
(４．２２％ -> 4.22%, ，-> ,), one character for one, so every offset found in the
folded text is an offset into the text as read.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

_PAIRS = {chr(0xFF10 + i): str(i) for i in range(10)} | {
    "．": ".",
    "％": "%",
    "﹪": "%",
    "，": ",",
    "；": ";",
    "：": ":",
    "（": "(",
    "）": ")",
    "！": "!",
    "？": "?",
    "＋": "+",
    "－": "-",
    "−": "-",
    "～": "~",
    "〜": "~",
    "\u3000": " ",
    "\xa0": " ",
    "萬": "万",
    "億": "亿",
}
_FOLD = str.maketrans(_PAIRS)


def fold(text: str) -> str:
    """Full-width digits and punctuation as half-width, character for character."""
    return text.translate(_FOLD)


@dataclass(frozen=True)
class Clause:
    """A stretch of a sentence between commas, semicolons or colons."""

    start: int
    end: int
    sep: str  # the separator that ends it ("" at the end of the sentence)


@dataclass(frozen=True)
class Sentence:
    """A sentence (up to 。!?), with its clauses."""

    start: int
    end: int
    paragraph: int  # 1-based
    clauses: list[Clause] = field(default_factory=list)


@dataclass(frozen=True)
class Paragraph:
    """One line of the text that holds something (a paragraph of a report)."""

    number: int  # 1-based, counting non-empty lines
    line: int  # 1-based line in the text
    start: int
    end: int


def paragraphs(text: str) -> Iterator[Paragraph]:
    """Every non-empty line, numbered."""
    number = 0
    pos = 0
    for line_no, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            number += 1
            yield Paragraph(number, line_no, pos, pos + len(line))
        pos += len(line) + 1


_SENTENCE_END = "。!?"
_CLAUSE_SEP = ",;\t"  # not ":": "依次为：甲区…、乙县…" is one list
_OPEN = {"(": ")", "“": "”", "《": "》", "‘": "’", "「": "」", "【": "】", "[": "]"}


def sentences(folded: str, para: Paragraph, protected: list[tuple[int, int]]) -> list[Sentence]:
    """The sentences of a paragraph; a separator inside brackets, quotes or a figure
    (the comma of "421,749") does not cut."""
    inside = _protected_positions(protected)
    out: list[Sentence] = []
    clauses: list[Clause] = []
    depth: list[str] = []
    s_start = c_start = para.start
    for i in range(para.start, para.end):
        ch = folded[i]
        if ch in _OPEN:
            depth.append(_OPEN[ch])
            continue
        if depth and ch == depth[-1]:
            depth.pop()
            continue
        if i in inside or (depth and ch not in _SENTENCE_END):
            continue
        if ch in _CLAUSE_SEP:
            clauses.append(Clause(c_start, i, ch))
            c_start = i + 1
        elif ch in _SENTENCE_END:
            depth.clear()
            clauses.append(Clause(c_start, i, ""))
            out.append(Sentence(s_start, i + 1, para.number, _nonempty(clauses, folded)))
            clauses = []
            s_start = c_start = i + 1
    if folded[c_start : para.end].strip() or clauses:
        clauses.append(Clause(c_start, para.end, ""))
        out.append(Sentence(s_start, para.end, para.number, _nonempty(clauses, folded)))
    return [s for s in out if s.clauses]


def _nonempty(clauses: list[Clause], folded: str) -> list[Clause]:
    return [c for c in clauses if folded[c.start : c.end].strip()]


def _protected_positions(spans: list[tuple[int, int]]) -> set[int]:
    return {i for s, e in spans for i in range(s, e)}


_LEADING = re.compile(r"^[\s,;:、]+")


def strip_span(folded: str, start: int, end: int) -> tuple[int, int]:
    """The span without leading and trailing blanks and separators."""
    m = _LEADING.match(folded, start, end)
    if m:
        start = m.end()
    while end > start and folded[end - 1] in " \t,;:、":
        end -= 1
    return start, end


@functools.lru_cache(maxsize=8)
def _line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer("\n", text)]


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of an offset (the text's line starts are found once)."""
    starts = _line_starts(text)
    i = bisect.bisect_right(starts, offset) - 1
    return i + 1, offset - starts[i] + 1
