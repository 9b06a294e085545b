"""Fitting the completion table to a terminal's width (the layout, without rich).

A report's table has 16 columns and names up to 55 display columns long; a
terminal may be 80 wide. In order:

1. columns with no text in any row are left out (unless asked for by name);
2. if the rest fit side by side, they are shown so, with the same headers as
   every other output;
3. otherwise the least needed columns are folded, one by one, into a last
   column, 其他列 (*More*), where each row lists them as "header value" (the
   bases of changes first, then the schedule pace every row shares, ...);
4. if even the number, the name, the value and that column cannot fit, each
   indicator is shown as a short block instead (the compact view).

A number is never broken across lines, and a name wraps only between characters
(or at spaces), never inside a number or a word, and only in a column at least
NAME_MIN wide.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hrkpi.output.table import Cell, IndicatorRow, Style, Table
from hrkpi.output.textwidth import display_width
from hrkpi.output.words import say

NUMERIC = frozenset(
    {"no", "target", "value", "completion", "pace", "yoy_previous", "ytd_previous", "parts_sum"}
)
NEVER_FOLDED = ("no", "region", "name", "value")
# The first folded first: what a reader needs least beside the name and the value.
FOLD_ORDER = (
    "ytd_previous",
    "yoy_previous",
    "pace",  # the same for every row, and in the caption
    "other_change",
    "parts_sum",
    "limit",
    "limit_status",
    "ytd",
    "yoy",
    "pace_status",
    "completion",
    "target",
    "unit",
)
MORE = ("其他列", "More")
NAME_MIN = 16  # display columns: 8 Chinese characters, 16 letters
SPARSE = 4  # a column with text in fewer than a quarter of the rows is sparse
MORE_MIN = 18
TEXT_MIN = 8  # a text column (unit, status, limit) is never narrower, unless its text is
RULE = 3  # each column's share of the borders: a space either side and a rule
GLUE = "\u00a0"  # between a folded column's header and its value: never a line break


# What must stay on one line: a number with its sign, decimals and %, or a Latin word.
_TOKEN = re.compile(r" +|[+\-−]?[0-9][0-9.,]*%?|[A-Za-z][A-Za-z0-9'’\-.]*|.", re.S)
_CLOSE = set("，。；：、）)」』》】%,.;:!?！？")
_OPEN = set("（(「『《【")


def _tokens(text: str) -> list[str]:
    """Units that wrapping keeps whole: closing marks go with what they close, opening
    marks with what they open."""
    out: list[str] = []
    glue_next = False
    for tok in _TOKEN.findall(text):
        closing = (tok in _CLOSE or tok == GLUE) and bool(out) and not out[-1].isspace()
        if out and (glue_next or closing):
            out[-1] += tok
        else:
            out.append(tok)
        glue_next = tok in _OPEN or tok == GLUE
    return out


def longest_piece(text: str) -> int:
    """The widest part of `text` that wrapping keeps whole (a figure with its marks)."""
    return max((display_width(t) for t in _tokens(text) if not t.isspace()), default=0)


def _cut(token: str, width: int) -> tuple[str, str]:
    """The longest head of `token` that fits `width`, and the rest (at least one character)."""
    used, end = 0, 0
    for i, ch in enumerate(token):
        used += display_width(ch)
        if used > width:
            break
        end = i + 1
    end = max(end, 1)
    return token[:end], token[end:]


def _fitting(tokens: list[str], width: int) -> list[str]:
    """Tokens wider than a line lose their glued marks first ("（（" + "0.00000.0"), so
    that a figure is cut only when the figure alone is wider than the line."""
    out: list[str] = []
    for tok in tokens:
        if display_width(tok) <= width:
            out.append(tok)
            continue
        core = tok.lstrip("".join(_OPEN))
        head = tok[: len(tok) - len(core)]
        body = core.rstrip("".join(_CLOSE - {"%"}))  # a figure keeps its %
        tail = core[len(body) :]
        out += [part for part in (head, body, tail) if part]
    return out


def wrap(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` columns, broken at spaces or between
    characters, never inside a number or a word unless it alone is wider than a line."""
    width = max(width, 1)
    if (
        "\n" not in text
        and "  " not in text
        and text == text.strip()
        and display_width(text) <= width
    ):
        return [text]  # most cells: one line, spaced as the tokens would space it
    return wrap_tokens(text, width)


def wrap_tokens(text: str, width: int) -> list[str]:
    """`wrap`, token by token (`wrap` takes a text that fits as it is)."""
    width = max(width, 1)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for tok in _fitting(_tokens(paragraph), width):
            if tok.startswith(" "):
                line += " " if line else ""
                continue
            if display_width(line + tok) <= width:
                line += tok
                continue
            if line.strip():
                lines.append(line.rstrip())
            line = ""
            while display_width(tok) > width:
                head, tok = _cut(tok, width)
                lines.append(head)
            line = tok
        lines.append(line.rstrip())
    return lines


@dataclass(frozen=True)
class Shown:
    """A column as drawn: a table column's key (or "more"), its header and width."""

    key: str
    header: str
    width: int
    numeric: bool = False


@dataclass(frozen=True)
class Layout:
    """How a table is drawn at a width: side-by-side columns, or the compact view."""

    columns: tuple[Shown, ...]
    folded: tuple[str, ...]  # keys shown inside the 其他列 column (or each block)
    compact: bool
    width: int


def piece(table: Table, key: str, cell: Cell) -> str:
    """A folded cell as "header value", glued so a line never breaks between them."""
    header = next(c for c in table.columns if c.key == key).header(table.lang)
    return f"{header}{GLUE}{cell.text}" if cell.text else ""


def _natural(key: str, header: str, rows: list[IndicatorRow]) -> int:
    """The width a column takes when there is room: its widest cell or its header."""
    cells = max((display_width(r.cells[key].text) for r in rows), default=0)
    return max(cells, display_width(header))


def _least(key: str, header: str, rows: list[IndicatorRow]) -> int:
    """How narrow a column may be: a figure's width (its header wraps at spaces, to 8
    columns); a text's longest unbreakable piece; the name NAME_MIN."""
    cells = max((display_width(r.cells[key].text) for r in rows), default=0)
    longest_word = max((display_width(w) for w in header.split()), default=0)
    header_least = min(display_width(header), max(longest_word, 8))
    if key in NUMERIC:
        return max(cells, header_least)
    if key == "name":
        return min(max(cells, display_width(header)), NAME_MIN)
    longest = max((display_width(t) for r in rows for t in _tokens(r.cells[key].text)), default=0)
    return min(max(cells, header_least), max(longest, header_least, TEXT_MIN))


def fit(
    table: Table, width: int, *, keep_empty: bool = False, leave_out: tuple[str, ...] = ()
) -> Layout:
    """The layout of `table` in `width` terminal columns (see the module's docstring).

    `leave_out` are columns the view says elsewhere (the schedule pace every row shares
    is the table's caption).
    """
    rows = table.indicator_rows()
    keys = [
        c.key
        for c in table.columns
        if c.key not in leave_out
        and (keep_empty or c.key in NEVER_FOLDED or any(r.cells[c.key].text for r in rows))
    ]
    headers = {c.key: c.header(table.lang) for c in table.columns}
    natural = {k: _natural(k, headers[k], rows) for k in keys}
    least = {k: _least(k, headers[k], rows) for k in keys}
    # Columns with text in few rows fold first (a column for two rows costs every row
    # its width), each group in FOLD_ORDER.
    filled = {k: sum(1 for r in rows if r.cells[k].text) for k in keys}
    sparse = [k for k in FOLD_ORDER if k in keys and filled[k] * SPARSE < len(rows)]
    foldable = sparse + [k for k in FOLD_ORDER if k in keys and k not in sparse]
    # Folding steps: nothing; then every sparse column at once (they are mostly blank);
    # then the dense ones, one at a time.
    steps = [0] + [len(sparse) + n for n in range(len(foldable) - len(sparse) + 1)]
    for count in dict.fromkeys(steps):
        folded = tuple(k for k in keys if k in foldable[:count])
        kept = [k for k in keys if k not in folded]
        layout = _try(table, kept, folded, natural, least, width)
        if layout is not None:
            return layout
    return compact_layout(table, width, keys)


def compact_layout(table: Table, width: int, keys: list[str] | None = None) -> Layout:
    """The compact view: each indicator's number and name, then its other cells."""
    keys = keys if keys is not None else [c.key for c in table.columns]
    return Layout((), tuple(k for k in keys if k not in ("no", "name")), True, width)


def _try(
    table: Table,
    kept: list[str],
    folded: tuple[str, ...],
    natural: dict[str, int],
    least: dict[str, int],
    width: int,
) -> Layout | None:
    """Side-by-side columns `kept` (and 其他列 for `folded`) in `width`, or None.

    Every column gets its least width; what is left goes to the columns that can
    use it, in proportion to how much more each would take.
    """
    headers = {c.key: c.header(table.lang) for c in table.columns}
    nat, low = {k: natural[k] for k in kept}, {k: least[k] for k in kept}
    if folded:
        pieces = [piece(table, k, r.cells[k]) for r in table.indicator_rows() for k in folded]
        headers["more"] = say(MORE, table.lang)
        nat["more"] = max([display_width(p) for p in pieces] + [display_width(headers["more"])])
        # Wide enough for three pieces in four to fit on a line of their own.
        widths = sorted(display_width(p) for p in pieces if p)
        typical = widths[len(widths) * 3 // 4] if widths else 0
        low["more"] = min(nat["more"], max(MORE_MIN, typical))
    room = width - 1 - RULE * len(nat)
    if room < sum(low.values()):
        return None
    sizes = dict(low)
    spare = room - sum(low.values())
    if "name" in sizes:  # the name first: it is what a reader looks for
        extra = min(spare, nat["name"] - sizes["name"])
        sizes["name"] += extra
        spare -= extra
    wants = {k: nat[k] - sizes[k] for k in nat if nat[k] > sizes[k]}
    total = sum(wants.values())
    for k, want in wants.items():  # then the others, each in proportion to its want
        sizes[k] += min(want, spare * want // total)
    shown = [Shown(k, headers[k], sizes[k], k in NUMERIC) for k in nat]
    return Layout(tuple(shown), folded, False, width)


def styled_pieces(
    table: Table, row: IndicatorRow, keys: tuple[str, ...]
) -> list[tuple[str, Style]]:
    """The non-empty cells of `keys` in a row, as ("header value", style) pieces."""
    return [(piece(table, k, row.cells[k]), row.cells[k].style) for k in keys if row.cells[k].text]


Piece = tuple[str, Style]


def pack(pieces: list[Piece], width: int, gap: int = 2) -> list[list[Piece]]:
    """Pieces in lines of at most `width` columns, `gap` spaces apart, each piece whole
    unless it alone is wider than a line (then wrapped on lines of its own)."""
    lines: list[list[Piece]] = []
    line: list[Piece] = []
    used = 0
    for text, style in pieces:
        size = display_width(text)
        if size > width:
            if line:
                lines.append(line)
            lines += [[(part, style)] for part in wrap(text, width)]
            line, used = [], 0
            continue
        if line and used + gap + size > width:
            lines.append(line)
            line, used = [], 0
        used += size + (gap if line else 0)
        line.append((text, style))
    if line:
        lines.append(line)
    return lines


def compact_head(row: IndicatorRow, name: str, width: int) -> list[str]:
    """The first lines of an indicator's block: its number and name, wrapped."""
    no = row.cells["no"].text if "no" in row.cells else ""
    return wrap(f"{no} {name}".strip(), width)
