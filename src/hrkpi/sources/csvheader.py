"""A long-format CSV file's shape: its header (known, repeated and missing columns),
malformed quotes and rows of the wrong width, each worded with its fix."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import TYPE_CHECKING

from hrkpi.core.errors import Problem, problem
from hrkpi.core.limits import MAX_COLUMNS, MAX_PROBLEMS_PER_FILE
from hrkpi.core.messages import Msg
from hrkpi.core.text import nearest, text_problem
from hrkpi.sources.textfile import lines, table_encoding

if TYPE_CHECKING:
    from _csv import Reader as CsvReader

CSV_COLUMNS = {
    "indicator": "indicator id (required)",
    "value": "the stated value (required)",
    "region": "region name",
    "as_of": "as-of date, YYYY-MM-DD (required unless period is given)",
    "period": "published period: 2020-06 (当月), 2020-01/06 (累计), 2020-Q2, 2020-H1, 2020",
    "unit": "unit of value if not the indicator's",
    "completion": "stated completion rate in %",
    "base": "base of the stated change: same_period_last_year, end_of_last_year or a date",
    "change_abs": "stated absolute change",
    "change_pct": "stated relative change in %",
    "change_pp": "stated change in percentage points",
    "previous": "stated base value",
    "comparable": "true: the change is 按可比口径 (not from last year's printed figure)",
    "share_of": "占…的: the id of the total the value is a share of",
    "share_pct": "the stated share of that total, in %",
    "share_region": "the total's region, when not the row's (占全省的: 福建省)",
    "margin_below": "低于 / 比…低: the stated distance below a limit",
    "margin_above": "高于 / 超过: the stated distance above a limit",
    "margin_limit": "the limit as printed (empty: the definition's threshold or target)",
    "margin_unit": "unit of the distance (default 个百分点 for a rate, else the value's)",
    "status": "normal, provisional or estimated (SDMX OBS_STATUS)",
    "rounding": "half_even, half_up, truncate, either or nearest",
    "source": "the report or table the figure comes from",
    "quote": "the sentence of the report",
    "location": "where it stands in the report",
}
# (a list: a, b in English, a、b in Chinese, as a message joins it)
KNOWN = tuple(CSV_COLUMNS)
EMPTY = Msg("the CSV file is empty; it needs a header row")


def checked_header(file: Path) -> tuple[list[str], list[Problem]]:
    """A long-format CSV file's header row, as written (stripped), and its problems
    (`take_header`), read alone: whatever else fails, an empty file is named empty."""
    return take_header(csv.reader(lines(file, table_encoding(file)), strict=True), file)


def take_header(reader: CsvReader, file: Path) -> tuple[list[str], list[Problem]]:
    """The first row of `reader` as the header, and its problems: an empty file, a quote
    that never ends, then unknown, repeated and missing columns (`header_problems`)."""
    try:
        header = [h.strip() for h in next(reader)]
    except csv.Error as exc:
        return [], [problem(file, 1, 1, "", malformed(exc, 1, reader.line_num))]
    except StopIteration:
        return [], [problem(file, 1, 1, "", EMPTY)]
    return header, header_problems(file, header)


def header_problems(file: Path, header: list[str]) -> list[Problem]:
    """Unknown, repeated and missing columns of a long-format header (all at line 1)."""
    if len(header) > MAX_COLUMNS:
        said = Msg(
            "the header has {count:,} columns; hrkpi reads at most {limit} (limit MAX_COLUMNS) "
            "and knows {known_count}: {known}",
            count=len(header),
            limit=MAX_COLUMNS,
            known_count=len(CSV_COLUMNS),
            known=KNOWN,
        )
        return [problem(file, 1, MAX_COLUMNS + 1, "", said)]
    found = []
    seen: set[str] = set()
    for j, name in enumerate(header):
        shown = shown_header(name)
        if name in seen:
            said = Msg("column {name!r} appears twice; keep one", name=shown)
            found.append(problem(file, 1, j + 1, shown, said))
        elif name not in CSV_COLUMNS:
            found.append(problem(file, 1, j + 1, "", unknown_column(name, shown)))
        seen.add(name)
    for required in ("indicator", "value"):
        if required not in seen:
            said = Msg("missing column {name!r}; add it to the header", name=required)
            found.append(problem(file, 1, 1, required, said))
    if "as_of" not in seen and "period" not in seen:
        said = Msg("missing column 'as_of' (or 'period'); add one of them")
        found.append(problem(file, 1, 1, "as_of", said))
    return found


def shown_header(name: str) -> str:
    """A header as a message names it: a long one cut at 40 characters (a whole line
    pasted as the header would otherwise be said in full at each of its problems)."""
    return name if len(name) <= 40 else name[:40] + "..."


def unknown_column(name: str, shown: str, known: tuple[str, ...] = KNOWN) -> Msg:
    """A header that names no column: the nearest of the `known` headers (a long-format
    CSV's by default), or the list of them."""
    bad_text = text_problem(name)
    if bad_text:
        return Msg("unknown column {name!r}; {why}", name=shown, why=bad_text)
    close = nearest(name[:64], known)
    if close:
        return Msg("unknown column {name!r}; did you mean {close!r}?", name=shown, close=close[0])
    return Msg("unknown column {name!r}; known: {known}", name=shown, known=known)


def cells_problem(file: Path, line: int, cells: int, width: int, ends: int) -> Problem:
    """A row of `cells` cells under a header of `width`, starting at `line`."""
    if ends > line:
        said = Msg(
            "{cells} cells where the header has {width}; a quoted cell opened on this line "
            "runs to line {ends}: check its quotes",
            cells=cells,
            width=width,
            ends=ends,
        )
    else:
        said = Msg("{cells} cells where the header has {width}", cells=cells, width=width)
    return problem(file, line, 1, "", said)


def malformed(exc: csv.Error, starts: int, at: int) -> Msg:
    """A quote problem of a row starting at line `starts` (the reader stopped at `at`)."""
    text = str(exc)
    if "field larger than field limit" in text:
        return Msg(
            "a cell longer than {limit:,} characters starts on this line; "
            "check its quotes: a quoted cell must end with a quote",
            limit=csv.field_size_limit(),
        )
    if "unexpected end of data" in text:
        return Msg(
            "a quote opened on this line is never closed (the file ends inside it); close "
            'the quoted cell, and write a quote inside one twice ("")'
        )
    if at > starts:
        return Msg(
            "malformed CSV: a quoted cell starts on this line, and goes on to line {at}, where "
            "its closing quote is followed by other text; a quoted cell must end with a "
            'quote, and a quote inside one is written twice ("")',
            at=at,
        )
    return Msg(
        "malformed CSV: a quoted cell starts on this line, where its closing quote "
        "is followed by other text; a quoted cell must end with a quote, and a quote inside "
        'one is written twice ("")'
    )


def more(file: Path, line: int) -> Problem:
    """The line that ends a file's listed problems."""
    return problem(
        file,
        line,
        1,
        "",
        Msg(
            "more problems may follow the first {limit:,} of this file (limit "
            "MAX_PROBLEMS_PER_FILE): fix those listed and run again",
            limit=MAX_PROBLEMS_PER_FILE,
        ),
    )
