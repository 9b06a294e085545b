"""Terminal rendering with rich: the only module that imports rich.

The completion table fits the width it is given: the terminal's, or COLUMNS
when the output is piped (160 when neither says). `hrkpi.output.termfit`
decides the layout: empty columns left out, the least needed folded into a
last column, or a compact block per indicator on a narrow terminal; this
module draws it. Headers are the table's own, as in every other output.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import IO, TYPE_CHECKING, Any, TextIO

from hrkpi.engine.report import Report
from hrkpi.output.boxtable import CellLines, draw, sgr
from hrkpi.output.controls import visible_line
from hrkpi.output.table import Cell, IndicatorRow, SectionRow, Style, Table
from hrkpi.output.termfit import (
    GLUE,
    Layout,
    Piece,
    compact_head,
    fit,
    pack,
    styled_pieces,
    wrap,
)
from hrkpi.output.words import say

# rich's console, table and text, and the regional table, are imported where drawn:
# the completion table is drawn without them (hrkpi.output.boxtable), and where no
# terminal is involved (a pipe, a file) without rich's console either.
if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table as RichTable
    from rich.text import Text

    from hrkpi.output.regional import RegionalTable

_COLOURS = {Style.GOOD: "green", Style.WARN: "yellow", Style.BAD: "bold red", Style.NONE: ""}
PIPE_WIDTH = 160  # a file or pipe without COLUMNS: wide, as a spreadsheet is read


def console_for(file: TextIO | None = None, *, color: bool | None = None) -> Console:
    """A console on `file` (stdout by default): the terminal's width, or COLUMNS, else 160."""
    from rich.console import Console

    out = file or sys.stdout
    told = os.environ.get("COLUMNS", "").strip().isdigit()
    # No colour (--no-color, NO_COLOR) means no escape code at all: rich's no_color
    # drops colours but keeps bold and italic; without a colour system it writes none.
    plain = color is False or (color is None and bool(os.environ.get("NO_COLOR")))
    return Console(
        file=out,
        width=None if told or out.isatty() else PIPE_WIDTH,
        force_terminal=color if color else None,
        no_color=True if plain else None,
        color_system=None if plain else "auto",
        highlight=False,
    )


def _isatty(stream: Any) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # closed
        return False


def plain_width(file: TextIO | None = None, *, color: bool | None = None) -> int | None:
    """The width `console_for(file, color=color)` has when rich would see no terminal
    there and draw no colour (a pipe or a file: COLUMNS, else 160); None when only rich
    can tell (a terminal, colour asked for, FORCE_COLOR or TTY_COMPATIBLE=1 set,
    Jupyter, Windows). rich's console costs a sixth of a run on the bundled report."""
    import builtins

    env = os.environ
    if (
        color
        or sys.platform == "win32"
        or "FORCE_COLOR" in env
        or env.get("TTY_COMPATIBLE") == "1"
        or hasattr(builtins, "get_ipython")
        or _isatty(file or sys.stdout)
    ):
        return None
    columns = env.get("COLUMNS")
    if columns is None or not columns.strip().isdigit():
        return PIPE_WIDTH
    # console_for then leaves the width to rich, which reads COLUMNS unstripped.
    return int(columns) if columns.isdigit() else None


def _caption(report: Report, table: Table) -> str:
    if report.pace is None:
        return ""
    from hrkpi.core.numbers import format_decimal

    lang = table.lang
    method = say(
        ("按天", "by days") if report.pace_method == "days" else ("按月", "by months"), lang
    )
    return (
        f"{say(('序时进度', 'Schedule pace'), lang)} {format_decimal(report.pace, 2)}% ({method})"
    )


def _shared_pace(table: Table, report: Report) -> tuple[str, ...]:
    """("pace",) when every row's schedule pace is the caption's: said once is enough."""
    if report.pace is None:
        return ()
    from hrkpi.core.numbers import format_decimal

    shared = f"{format_decimal(report.pace, 2)}%"
    paces = {r.cells["pace"].text for r in table.indicator_rows() if "pace" in r.cells}
    return ("pace",) if paces <= {shared, ""} else ()


def _pieces_text(lines: list[list[Piece]], indent: int = 0) -> Text:
    from rich.text import Text

    out = Text()
    for n, line in enumerate(lines):
        if n:
            out.append("\n")
        out.append(" " * indent)
        for i, (words, style) in enumerate(line):
            if i:
                out.append("  ")
            out.append(visible_line(words).replace(GLUE, " "), style=_COLOURS[style])
    return out


def _cell(cell: Cell, width: int) -> Text:
    from rich.text import Text

    return Text("\n".join(wrap(visible_line(cell.text), width)), style=_COLOURS[cell.style])


def _pieces(table: Table, row: IndicatorRow, layout: Layout) -> list[Piece]:
    return [(visible_line(t), s) for t, s in styled_pieces(table, row, layout.folded)]


def rich_table(table: Table, report: Report, layout: Layout) -> RichTable:
    """The side-by-side view of a completion table in `layout`."""
    from rich.table import Table as RichTable
    from rich.text import Text

    out = RichTable(
        title=visible_line(table.title),
        caption=_caption(report, table),
        show_lines=False,
        header_style="bold",
    )
    for col in layout.columns:
        out.add_column(
            "\n".join(wrap(visible_line(col.header), col.width)),
            justify="right" if col.numeric else "left",
            width=col.width,
            no_wrap=True,
            overflow="fold",
        )
    keys = [c.key for c in layout.columns]
    heading_at = keys.index("name") if "name" in keys else 0
    for row in table.rows:
        if isinstance(row, SectionRow):
            cells: list[Text | str] = [""] * len(keys)
            width = layout.columns[heading_at].width
            heading = "\n".join(wrap(visible_line(f"{row.code} {row.title}"), width))
            cells[heading_at] = Text(heading, style="bold cyan")
            out.add_row(*cells)
            continue
        cells = []
        for col in layout.columns:
            if col.key == "more":
                cells.append(_pieces_text(pack(_pieces(table, row, layout), col.width)))
            else:
                cells.append(_cell(row.cells[col.key], col.width))
        out.add_row(*cells)
    return out


def plain_table(table: Table, report: Report, layout: Layout, *, color: bool) -> str | None:
    """The side-by-side view drawn without rich (hrkpi.output.boxtable), as rich_table
    draws it; None where only rich can (the caller then uses rich_table)."""
    keys = [c.key for c in layout.columns]
    heading_at = keys.index("name") if "name" in keys else 0
    rows: list[list[CellLines]] = []
    for row in table.rows:
        if isinstance(row, SectionRow):
            cells: list[CellLines] = [[] for _ in keys]
            width = layout.columns[heading_at].width
            heading = wrap(visible_line(f"{row.code} {row.title}"), width)
            cells[heading_at] = [[(line, sgr("bold cyan"))] for line in heading]
            rows.append(cells)
            continue
        cells = []
        for col in layout.columns:
            if col.key == "more":
                lines = pack(_pieces(table, row, layout), col.width)
                cells.append([_plain_pieces(line) for line in lines])
            else:
                cell = row.cells[col.key]
                code = sgr(_COLOURS[cell.style])
                text = wrap(visible_line(cell.text), col.width)
                cells.append([[(line, code)] for line in text])
        rows.append(cells)
    return draw(
        visible_line(table.title),
        _caption(report, table),
        [wrap(visible_line(col.header), col.width) for col in layout.columns],
        [col.width for col in layout.columns],
        [col.numeric for col in layout.columns],
        rows,
        color=color,
    )


def _plain_pieces(line: list[Piece]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for i, (words, style) in enumerate(line):
        if i:
            out.append(("  ", ""))
        out.append((visible_line(words).replace(GLUE, " "), sgr(_COLOURS[style])))
    return out


def compact_text(table: Table, report: Report, layout: Layout) -> Text:
    """The compact view: a block per indicator, its figures as "header value" pieces."""
    from rich.text import Text

    width = layout.width
    out = Text()
    for line in wrap(visible_line(table.title), width):
        out.append(line + "\n", style="bold")
    caption = _caption(report, table)
    if caption:
        out.append("\n".join(wrap(caption, width)) + "\n", style="dim")
    for row in table.rows:
        if isinstance(row, SectionRow):
            heading = wrap(visible_line(f"{row.code} {row.title}"), width)
            out.append("\n".join(heading) + "\n", style="bold cyan")
            continue
        head = compact_head(row, visible_line(row.cells["name"].text), width)
        out.append("\n".join(head) + "\n", style="bold")
        lines = pack(_pieces(table, row, layout), width - 4)
        if lines:
            out.append_text(_pieces_text(lines, indent=4))
            out.append("\n")
    return out


def print_table(
    table: Table,
    report: Report,
    *,
    file: TextIO | None = None,
    color: bool | None = None,
    keep_empty: bool = False,
) -> None:
    """Print the completion table, fitted to the console's width (see termfit).

    `keep_empty` keeps columns that have no text (columns the user named).
    """
    width = plain_width(file, color=color)
    console = console_for(file, color=color) if width is None else None
    out: IO[str] = console.file if console is not None else file or sys.stdout
    leave_out = () if keep_empty else _shared_pace(table, report)
    layout = fit(
        table,
        console.width if console is not None else width or 0,
        keep_empty=keep_empty,
        leave_out=leave_out,
    )
    if layout.compact:
        console = console or console_for(file, color=color)
        text = compact_text(table, report, layout)
        console.print(text, end="", no_wrap=True, overflow="ignore", crop=False)
    else:
        # Drawn as plain lines (with ANSI styles on a colour terminal); rich only for
        # what the plain drawer leaves to it.
        painted = console is not None and console.color_system is not None
        painted = painted and console is not None and not console.no_color
        drawn = plain_table(table, report, layout, color=painted)
        if drawn is None:
            console = console or console_for(file, color=color)
            console.print(rich_table(table, report, layout))
        else:
            out.write(drawn)
    borrowed: list[str] = []
    if report.hierarchy is None and len(set(report.regions)) > 1:  # else none is borrowed
        from hrkpi.engine.regional import borrowed_targets

        borrowed = borrowed_targets(report)
    if borrowed:  # several regions, no hierarchy: whose target they are measured by
        from hrkpi.output.words import borrowed_note

        note = borrowed_note(borrowed, table.lang)
        out.write("".join(line + "\n" for line in wrap(note, layout.width)))


class ProgressBar:
    """A progress bar on stderr for long runs: it appears only once a run has
    taken `delay` seconds, only on a terminal, and leaves no trace when done.

    Pass it as the `progress` callback of hrkpi.api functions (the library never prints).
    """

    def __init__(self, delay: float = 1.0, console: Console | None = None) -> None:
        import threading

        # No console (and no rich) where stderr is certainly no terminal.
        self._console = console
        if console is None and plain_width(sys.stderr) is None:
            from rich.console import Console

            self._console = Console(stderr=True)
        self._delay = delay
        self._lock = threading.Lock()
        self._state: tuple[str, int, int] = ("starting", 0, 1)
        self._progress: Any = None
        self._task: Any = None
        self._timer: Any = None

    def __enter__(self) -> ProgressBar:
        import threading

        if self._console is not None and self._console.is_terminal:
            self._timer = threading.Timer(self._delay, self._show)
            self._timer.daemon = True
            self._timer.start()
        return self

    def _show(self) -> None:
        from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        with self._lock:
            self._progress = Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                BarColumn(),
                TimeElapsedColumn(),
                console=self._console,
                transient=True,
            )
            self._progress.start()
            stage, done, total = self._state
            self._task = self._progress.add_task(stage, total=total, completed=done)

    def __call__(self, stage: str, done: int, total: int) -> None:
        with self._lock:
            self._state = (stage, done, total)
            if self._progress is not None:
                self._progress.update(self._task, description=stage, completed=done, total=total)

    def __exit__(self, *exc: object) -> None:
        if self._timer is not None:
            self._timer.cancel()
        with self._lock:
            if self._progress is not None:
                self._progress.stop()


def print_regional(
    tables: Sequence[RegionalTable], *, file: TextIO | None = None, color: bool | None = None
) -> None:
    """Print regional tables (各地区完成情况表) fitted to the console's width: side by
    side, one indicator at a time, columns folded, or a block per region (see
    hrkpi.output.regionalfit)."""
    from hrkpi.output.regionalfit import render_regional

    width = plain_width(file, color=color)
    if width is not None:  # no terminal: no colour
        (file or sys.stdout).write(render_regional(tables, width, color=False))
        return
    console = console_for(file, color=color)
    painted = console.color_system is not None and not console.no_color
    console.file.write(render_regional(tables, console.width, color=painted))
