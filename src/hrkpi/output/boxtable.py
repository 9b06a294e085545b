"""The completion table drawn as text, line by line, without rich.

`hrkpi compute` prints one table whose layout `hrkpi.output.termfit` has
already fixed: every column's width, every cell wrapped to it. Drawing it is
then only padding and borders, and rich's general table renderer (measuring
and re-wrapping each of ~400 cells) was 40% of `hrkpi compute`'s time on the
bundled report. This module draws the same box (rich's heavy-headed box, a
space of padding either side of each cell, the title and caption centred
over the table) in the same characters, with ANSI styles when the terminal
takes colour. It returns None where the layout asks for what only rich does
(a line wider than its column, a title wider than the table), and the caller
draws with rich instead.
"""

from __future__ import annotations

from collections.abc import Sequence

from hrkpi.output.textwidth import display_width

Styled = tuple[str, str]  # text, SGR parameters ("" for none)
CellLines = list[list[Styled]]  # a cell: lines, each of styled pieces

_SGR = {"green": "32", "yellow": "33", "bold red": "1;31", "bold": "1", "bold cyan": "1;36"}
TITLE, CAPTION, HEADER = "3", "2;3", "1"  # italic; dim italic; bold (rich's table styles)


def sgr(style: str) -> str:
    """The SGR parameters of one of the terminal's style names ("" for none)."""
    return _SGR.get(style, "")


def _paint(text: str, code: str, color: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if color and code and text else text


def _width(line: list[Styled]) -> int:
    return sum(display_width(t) for t, _ in line)


def _line(line: list[Styled], width: int, right: bool, color: bool) -> str:
    gap = " " * (width - _width(line))
    body = "".join(_paint(t, c, color) for t, c in line)
    return gap + body if right else body + gap


def _centred(text: str, width: int, code: str, color: bool) -> str:
    left = (width - display_width(text)) // 2
    right = width - display_width(text) - left
    return " " * left + _paint(text, code, color) + " " * right


def draw(
    title: str,
    caption: str,
    headers: Sequence[list[str]],
    widths: Sequence[int],
    right: Sequence[bool],
    rows: Sequence[Sequence[CellLines]],
    *,
    color: bool = False,
    rule_before: int | None = None,
) -> str | None:
    """The table as text (each line ending in a newline), or None when a line does not
    fit its column or the title or caption is wider than the table. `rule_before`: the
    index of a row set off by a light rule above it (a totals row)."""
    inner = sum(widths) + 3 * len(widths) - 1
    total = inner + 2
    if any(display_width(t) > total for t in (title, caption)):
        return None
    for row in rows:
        for cell, width in zip(row, widths, strict=True):
            if any(_width(line) > width for line in cell):
                return None
    if any(display_width(h) > w for lines, w in zip(headers, widths, strict=True) for h in lines):
        return None

    def rule(left: str, fill: str, cross: str, end: str) -> str:
        return left + cross.join(fill * (w + 2) for w in widths) + end

    out = []
    if title:
        out.append(_centred(title, total, TITLE, color))
    out.append(rule("┏", "━", "┳", "┓"))
    height = max((len(h) for h in headers), default=0)
    for i in range(height):
        # (headers stand on the rule below them, as rich sets them)
        cells = [
            _line([(h[i - height + len(h)], HEADER)] if i >= height - len(h) else [], w, r, color)
            for h, w, r in zip(headers, widths, right, strict=True)
        ]
        out.append("┃ " + " ┃ ".join(cells) + " ┃")
    out.append(rule("┡", "━", "╇", "┩"))
    for n, row in enumerate(rows):
        if n and n == rule_before:
            out.append(rule("├", "─", "┼", "┤"))
        height = max((len(c) for c in row), default=1) or 1
        for i in range(height):
            cells = [
                _line(c[i] if i < len(c) else [], w, r, color)
                for c, w, r in zip(row, widths, right, strict=True)
            ]
            out.append("│ " + " │ ".join(cells) + " │")
    out.append(rule("└", "─", "┴", "┘"))
    if caption:
        out.append(_centred(caption, total, CAPTION, color))
    return "".join(line + "\n" for line in out)
