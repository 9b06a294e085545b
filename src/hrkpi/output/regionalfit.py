"""Fitting the regional table (各地区目标任务完成情况表) to a terminal's width, as text.

The same rules as the completion table (hrkpi.output.termfit), for a table of
regions as rows:

1. the wide table (every indicator side by side) when it fits;
2. else one table per indicator;
3. a table too wide for the screen wraps its text columns (the region's name,
   其他目标) at character boundaries, never inside a figure; then folds its least
   needed columns (其他目标, 排名, 目标) into a last column, 其他列 (*More*),
   where each row lists them as "header value";
4. if even that does not fit, a block per region (the compact view): its name,
   then its figures as "header value" pieces.

Drawn without rich, by hrkpi.output.boxtable: with colour, ANSI styles; without,
not one escape code (`--no-color`, NO_COLOR).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from hrkpi.output.boxtable import CellLines, Styled, draw, sgr
from hrkpi.output.controls import visible_line
from hrkpi.output.regional import RegionalTable, split_groups
from hrkpi.output.table import Cell, Style
from hrkpi.output.termfit import (
    GLUE,
    MORE,
    MORE_MIN,
    NAME_MIN,
    RULE,
    TEXT_MIN,
    longest_piece,
    pack,
    wrap,
)
from hrkpi.output.textwidth import display_width
from hrkpi.output.words import say

STYLES = {Style.GOOD: "green", Style.WARN: "yellow", Style.BAD: "bold red", Style.NONE: ""}
NUMERIC = frozenset({"target", "value", "completion", "rank"})
WRAPS = frozenset({"region", "other_targets", "more"})  # text that may take several lines
FOLD_STEPS = ((), ("other_targets", "rank"), ("other_targets", "rank", "target"))
BOLD = "1"
TITLE, CAPTION = "1", "2"  # bold title; dim caption and notes


@dataclass(frozen=True)
class _Column:
    key: str  # "region", a sub-column's key, or "more"
    header: list[str]  # header lines (an indicator's name above its first sub-column)
    cells: list[Cell]  # one per row
    pieces: list[list[tuple[str, Style]]] | None = None  # "more": each row's pieces


def render_regional(tables: Sequence[RegionalTable], width: int, *, color: bool) -> str:
    """The regional tables as terminal text, each line at most `width` columns (a
    figure alone wider than that aside), with their notes; ANSI styles only if `color`."""
    out: list[str] = []
    for table in tables:
        drawn = _wide(table, width, color) if len(table.groups) > 1 else None
        if drawn is not None:
            out.append(drawn)
        else:
            out += [_one(part, width, color) for part in _parts(table)]
        for note in table.notes:
            out += wrap(visible_line(note), width)
    return "".join(line if line.endswith("\n") else line + "\n" for line in out)


def _parts(table: RegionalTable) -> list[RegionalTable]:
    return split_groups(table) if len(table.groups) > 1 else [table]


def _columns(table: RegionalTable) -> list[_Column]:
    cols = [_Column("region", [table.region_header], [row[0] for row in table.rows])]
    at = 1
    for g in table.groups:
        for n, (key, sub) in enumerate(zip(g.keys, g.sub_headers(table.lang), strict=True)):
            header = [g.header, sub] if len(table.groups) > 1 and n == 0 else [sub]
            cols.append(_Column(key, header, [row[at + n] for row in table.rows]))
        at += len(g.keys)
    return cols


def _folded(table: RegionalTable, cols: list[_Column], keys: tuple[str, ...]) -> list[_Column]:
    """`cols` with those of `keys` folded into a last 其他列 column."""
    gone = [c for c in cols if c.key in keys]
    if not gone:
        return cols
    pieces = [
        [
            (f"{c.header[-1]}{GLUE}{visible_line(c.cells[i].text)}", c.cells[i].style)
            for c in gone
            if c.cells[i].text
        ]
        for i in range(len(table.rows))
    ]
    more = _Column("more", [say(MORE, table.lang)], [Cell("") for _ in table.rows], pieces)
    return [c for c in cols if c.key not in keys] + [more]


def _texts(col: _Column) -> list[str]:
    if col.pieces is not None:
        return ["  ".join(t for t, _ in row) for row in col.pieces]
    return [visible_line(c.text) for c in col.cells]


def _natural(col: _Column) -> int:
    return max([display_width(h) for h in col.header] + [display_width(t) for t in _texts(col)])


def _least(col: _Column, wide_header: bool) -> int:
    """How narrow a column may be: a figure's or status's width (a header wraps at
    spaces); a name NAME_MIN; 其他目标 and 其他列 MORE_MIN or their longest piece."""
    header = col.header if wide_header else col.header[-1:]
    words = max((display_width(w) for h in header for w in h.split()), default=0)
    # An indicator's name over its first sub-column stays on one line in the wide table.
    heads = max([display_width(h) for h in col.header[:-1]], default=0) if wide_header else 0
    texts = _texts(col)
    widest = max((display_width(t) for t in texts), default=0)
    if col.key not in WRAPS:
        return max(widest, words, heads)
    natural = _natural(col)
    floor = NAME_MIN if col.key == "region" else MORE_MIN
    longest = max((longest_piece(t) for t in texts), default=0)
    return max(min(natural, max(floor, words, TEXT_MIN)), longest, words, heads)


def _widths(cols: list[_Column], width: int, wide_header: bool) -> list[int] | None:
    """Each column's width in `width` terminal columns, or None when they cannot fit."""
    room = width - 1 - RULE * len(cols)
    low = [_least(c, wide_header) for c in cols]
    nat = [max(_natural(c), lo) for c, lo in zip(cols, low, strict=True)]
    if sum(low) > room:
        return None
    sizes = list(low)
    spare = room - sum(low)
    # The region's name first (it is what a reader looks for), then the rest in turn.
    for i in sorted(range(len(cols)), key=lambda i: cols[i].key != "region"):
        extra = min(spare, nat[i] - sizes[i])
        sizes[i] += extra
        spare -= extra
    return sizes


def _cell_lines(col: _Column, row: int, width: int, bold: bool) -> CellLines:
    def code(style: Style) -> str:
        base = sgr(STYLES[style])
        return ";".join(c for c in (BOLD if bold else "", base) if c)

    if col.pieces is not None:
        lines = pack(col.pieces[row], width)
        out: CellLines = []
        for line in lines:
            styled: list[Styled] = []
            for n, (text, style) in enumerate(line):
                if n:
                    styled.append(("  ", ""))
                styled.append((text.replace(GLUE, " "), code(style)))
            out.append(styled)
        return out
    cell = col.cells[row]
    return [[(line, code(cell.style))] for line in wrap(visible_line(cell.text), width)]


def _boxed(
    table: RegionalTable, cols: list[_Column], sizes: list[int], width: int, color: bool
) -> str | None:
    rows = [
        [_cell_lines(c, i, w, i == table.total_row) for c, w in zip(cols, sizes, strict=True)]
        for i in range(len(table.rows))
    ]
    headers = [
        [line for h in c.header for line in wrap(h, w)] for c, w in zip(cols, sizes, strict=True)
    ]
    right = [c.key in NUMERIC for c in cols]
    # The totals row stands under a rule of its own, as in the report.
    drawn = draw("", "", headers, sizes, right, rows, color=color, rule_before=table.total_row)
    if drawn is None:
        return None
    total = sum(sizes) + RULE * len(sizes) + 1
    return (
        _centred_lines(visible_line(table.title), total, width, TITLE, color)
        + drawn
        + (_centred_lines(_caption(table), total, width, CAPTION, color))
    )


def _caption(table: RegionalTable) -> str:
    return "　".join(t for t in (table.unit_line, table.date_line) if t)


def _centred_lines(text: str, total: int, width: int, code: str, color: bool) -> str:
    if not text:
        return ""
    lines = wrap(text, width)
    span = max(total, *(display_width(line) for line in lines))
    out = []
    for line in lines:
        left = max((span - display_width(line)) // 2, 0)
        out.append(" " * left + _paint(line, code, color) + "\n")
    return "".join(out)


def _paint(text: str, code: str, color: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if color and code and text else text


def _wide(table: RegionalTable, width: int, color: bool) -> str | None:
    """The wide table (every indicator side by side), or None when it does not fit."""
    cols = _columns(table)
    sizes = _widths(cols, width, wide_header=True)
    return None if sizes is None else _boxed(table, cols, sizes, width, color)


def _one(table: RegionalTable, width: int, color: bool) -> str:
    """One indicator's table: side by side, with columns folded if need be, or compact."""
    for keys in FOLD_STEPS:
        cols = _folded(table, _columns(table), keys)
        sizes = _widths(cols, width, wide_header=False)
        if sizes is not None:
            drawn = _boxed(table, cols, sizes, width, color)
            if drawn is not None:
                return drawn
    return _compact(table, width, color)


def _compact(table: RegionalTable, width: int, color: bool) -> str:
    """A block per region: its name, then its figures as "header value" pieces."""
    out = [_paint(line, TITLE, color) for line in wrap(visible_line(table.title), width)]
    out += [_paint(line, CAPTION, color) for line in wrap(_caption(table), width)]
    cols = _columns(table)[1:]
    for i, row in enumerate(table.rows):
        name = visible_line(row[0].text)
        out += [_paint(line, BOLD, color) for line in wrap(name, width)]
        pieces = [
            (f"{c.header[-1]}{GLUE}{visible_line(c.cells[i].text)}", c.cells[i].style)
            for c in cols
            if c.cells[i].text
        ]
        for line in pack(pieces, max(width - 4, 1)):
            text = "  ".join(_paint(t.replace(GLUE, " "), sgr(STYLES[s]), color) for t, s in line)
            out.append("    " + text)
    return "".join(line + "\n" for line in out)
