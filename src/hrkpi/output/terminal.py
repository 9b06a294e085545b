"""Terminal rendering with rich: the only module that imports rich.

The terminal table is a compact view of the completion table: a change and
its base share one cell, and a limit and its judgement share another, so the
table fits a terminal; exports carry every column apart.
"""

from __future__ import annotations

import sys
from typing import Any, TextIO

from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from hrkpi.engine.report import Report
from hrkpi.output.controls import visible_line
from hrkpi.output.table import Cell, IndicatorRow, SectionRow, Style, Table
from hrkpi.output.words import Lang, say

_COLOURS = {Style.GOOD: "green", Style.WARN: "yellow", Style.BAD: "bold red", Style.NONE: ""}

_TERMINAL_COLUMNS = (
    ("no", ("序号", "No.")),
    ("name", ("指标名称", "Indicator")),
    ("unit", ("单位", "Unit")),
    ("target", ("年度目标", "Target")),
    ("value", ("累计完成", "Actual")),
    ("completion", ("完成率", "Completion")),
    ("pace_status", ("进度状态", "Pace")),
    ("change", ("变化（基数）", "Change (base)")),
    ("limit", ("控制目标", "Limit")),
    ("parts_sum", ("分项合计", "Parts sum")),
)


def console_for(file: TextIO | None = None, *, color: bool | None = None) -> Console:
    """A console on `file` (stdout by default); wide when not a terminal, so tables don't wrap."""
    out = file or sys.stdout
    is_tty = out.isatty()
    return Console(
        file=out,
        width=None if is_tty else 160,
        force_terminal=color if color else None,
        no_color=True if color is False else None,  # None: rich reads NO_COLOR
        highlight=False,
    )


def _text(cell: Cell) -> Text:
    return Text(visible_line(cell.text), style=_COLOURS[cell.style])


def _change_text(row: IndicatorRow, lang: Lang) -> Text:
    pieces = []
    c = row.cells
    for key, base_key, label in (
        ("yoy", "yoy_previous", ("同比", "YoY")),
        ("ytd", "ytd_previous", ("较上年末", "vs year-end")),
    ):
        cell = c.get(key)
        if cell and cell.text:
            base = c.get(base_key)
            base_text = ""
            if base is not None and base.text:
                base_text = f"（基数 {base.text}）" if lang is Lang.ZH else f" (base {base.text})"
            pieces.append(f"{say(label, lang)} {cell.text}{base_text}")
    other = c.get("other_change")
    if other and other.text:
        pieces.append(other.text)
    return Text("\n".join(visible_line(p) for p in pieces))


def _limit_text(row: IndicatorRow) -> Text:
    c = row.cells
    limit, status = c.get("limit"), c.get("limit_status")
    text = Text(visible_line(limit.text) if limit else "")
    if status and status.text:
        text.append(" " + visible_line(status.text), style=_COLOURS[status.style])
    return text


def rich_table(table: Table, report: Report) -> RichTable:
    """Build the terminal view of a completion table."""
    lang = table.lang
    pace = report.pace
    subtitle = ""
    if pace is not None:
        from hrkpi.core.numbers import format_decimal

        method = (
            say(("按天", "by days"), lang)
            if report.pace_method == "days"
            else say(("按月", "by months"), lang)
        )
        subtitle = (
            f"{say(('序时进度', 'Schedule pace'), lang)} {format_decimal(pace, 2)}% ({method})"
        )
    out = RichTable(
        title=visible_line(table.title), caption=subtitle, show_lines=False, header_style="bold"
    )
    for key, header in _TERMINAL_COLUMNS:
        numeric = key in ("no", "target", "value", "completion", "parts_sum")
        out.add_column(say(header, lang), justify="right" if numeric else "left", overflow="fold")
    multi_region = len(report.regions) > 1
    for row in table.rows:
        if isinstance(row, SectionRow):
            heading = visible_line(f"{row.code} {row.title}")
            out.add_row("", Text(heading, style="bold cyan"), end_section=False)
            continue
        cells = []
        for key, _ in _TERMINAL_COLUMNS:
            if key == "change":
                cells.append(_change_text(row, lang))
            elif key == "limit":
                cells.append(_limit_text(row))
            elif key == "name" and multi_region:
                cells.append(Text(visible_line(f"{row.result.region} {row.cells[key].text}")))
            else:
                cells.append(_text(row.cells.get(key, Cell(""))))
        out.add_row(*cells)
    return out


def print_table(
    table: Table, report: Report, *, file: TextIO | None = None, color: bool | None = None
) -> None:
    """Print the completion table to the terminal."""
    console_for(file, color=color).print(rich_table(table, report))


class ProgressBar:
    """A progress bar on stderr for long runs: it appears only once a run has
    taken `delay` seconds, only on a terminal, and leaves no trace when done.

    Pass it as the `progress` callback of hrkpi.api functions (the library never prints).
    """

    def __init__(self, delay: float = 1.0, console: Console | None = None) -> None:
        import threading

        self._console = console or Console(stderr=True)
        self._delay = delay
        self._lock = threading.Lock()
        self._state: tuple[str, int, int] = ("starting", 0, 1)
        self._progress: Any = None
        self._task: Any = None
        self._timer: Any = None

    def __enter__(self) -> ProgressBar:
        import threading

        if self._console.is_terminal:
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
