"""Long-format CSV data: one stated figure per row (indicator, region, period, value, ...).

Tabular sources and spreadsheets export this shape; each row's problems are
reported at its line and column. A row gives its date as `as_of`, or as the
published `period` (2020-01/06 = 累计 1-6月; see hrkpi.core.periods), or both.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from hrkpi.core.catalog import Catalog
from hrkpi.core.errors import InputError, Problem, display_path, problem
from hrkpi.core.figurerules import stated_problems
from hrkpi.core.limits import MAX_PROBLEMS_PER_FILE
from hrkpi.core.messages import Msg, reason
from hrkpi.core.models import StatedFigure
from hrkpi.core.numbers import RoundingMode
from hrkpi.core.observations import Observation
from hrkpi.core.periods import parse_period
from hrkpi.core.text import text_problem
from hrkpi.sources.csvheader import cells_problem, malformed, more, take_header
from hrkpi.sources.messages import pydantic_message, unknown_indicator
from hrkpi.sources.textfile import GB18030, lines, table_encoding


def load_csv(
    file: Path,
    catalog: Catalog,
    problems: list[Problem],
    encodings: dict[str, str] | None = None,
) -> list[Observation]:
    """Every row of a long-format CSV file as an Observation; each bad row's problems
    appended, located (the file is read a line at a time). A GBK file is read as
    GB18030 and its encoding recorded in `encodings`."""
    found: list[Observation] = []
    own: list[Problem] = []
    try:
        encoding = table_encoding(file)
        if encoding == GB18030 and encodings is not None:
            encodings[display_path(file)] = "GB18030"
        shown = display_path(file)
        for line, cells, col in rows(file, own, encoding):
            obs = row_observation(file, line, cells, col, catalog, own, shown)
            if obs is not None:
                found.append(obs)
            if len(own) > MAX_PROBLEMS_PER_FILE:
                del own[MAX_PROBLEMS_PER_FILE:]
                own.append(more(file, line + 1))
                break
    except InputError as exc:
        own.extend(exc.problems)
    problems.extend(own)
    return found


def rows(
    file: Path, problems: list[Problem], encoding: str | None = None
) -> Iterator[tuple[int, dict[str, str], dict[str, int]]]:
    """(line, non-empty stripped cells by column, column numbers) of each well-formed row.

    A row's line is the line it starts on. Problems of the header and of malformed
    rows (quotes, cell counts) are appended; reading stops at a quote that never ends.
    """
    # strict: an unterminated quote is an error, not the rest of the file in one cell.
    reader = csv.reader(lines(file, encoding or table_encoding(file)), strict=True)
    header, bad_header = take_header(reader, file)
    if bad_header:
        problems.extend(bad_header)
        return  # without a usable header no row can be read
    col = {name: j + 1 for j, name in enumerate(header)}
    while True:
        starts = reader.line_num + 1  # the line the row begins on
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            problems.append(problem(file, starts, 1, "", malformed(exc, starts, reader.line_num)))
            return
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            problems.append(cells_problem(file, starts, len(row), len(header), reader.line_num))
            continue
        yield starts, {n: c.strip() for n, c in zip(header, row, strict=True) if c.strip()}, col


def structure_problems(file: Path) -> list[Problem]:
    """The header, quote and cell-count problems of a CSV file (no row is typed)."""
    found: list[Problem] = []
    try:
        for _ in rows(file, found):
            if len(found) > MAX_PROBLEMS_PER_FILE:
                break
    except InputError as exc:
        found.extend(exc.problems)
    return found[:MAX_PROBLEMS_PER_FILE]


def row_observation(
    file: Path,
    line: int,
    cells: dict[str, str],
    col: dict[str, int],
    catalog: Catalog,
    problems: list[Problem],
    shown: str | None = None,
) -> Observation | None:
    """One row's observation (cells: non-empty, stripped), or None with its problems appended.
    `shown`: the file as `display_path` writes it, when the caller worked it out once."""
    period = None
    if "period" in cells:
        try:
            period = parse_period(cells["period"])
        except ValueError as exc:
            problems.append(problem(file, line, col["period"], "period", reason(exc)))
            return None
    if "as_of" not in cells and period is None:
        name = "as_of" if "as_of" in col else "period"
        problems.append(
            problem(
                file,
                line,
                col.get(name, 1),
                name,
                Msg(
                    "{name} is empty; give the date (YYYY-MM-DD) or the period (2020-01/06)",
                    name=name,
                ),
            )
        )
        return None
    ind_id = cells.get("indicator", "")
    indicator = catalog.indicators.get(ind_id)
    if indicator is None:
        problems.append(
            unknown_indicator(file, (line, col["indicator"]), "indicator", ind_id, catalog)
        )
        return None
    bad_text = [
        problem(file, line, col[name], name, message)
        for name in ("region", "source")
        if name in cells and (message := text_problem(cells[name])) is not None
    ]
    if bad_text:
        problems.extend(bad_text)
        return None
    change = {
        k: cells[c]
        for k, c in (
            ("abs", "change_abs"),
            ("pct", "change_pct"),
            ("pp", "change_pp"),
            ("previous", "previous"),
        )
        if c in cells
    }
    if change and "comparable" in cells:
        change["comparable"] = cells["comparable"]
    as_of = cells.get("as_of") or (period.end.isoformat() if period else None)
    raw: dict[str, Any] = {"value": cells.get("value"), "as_of": as_of}
    for key in ("unit", "completion", "quote", "location", "status"):
        if key in cells:
            raw[key] = cells[key]
    if change:
        raw["changes"] = [{"base": cells.get("base"), **change}]
    if "share_of" in cells or "share_pct" in cells or "share_region" in cells:
        share = {"of": cells.get("share_of"), "pct": cells.get("share_pct")}
        if "share_region" in cells:
            share["region"] = cells["share_region"]
        raw["shares"] = [share]
    margin = {
        k: cells[f"margin_{k}"]
        for k in ("below", "above", "limit", "unit")
        if f"margin_{k}" in cells
    }
    if margin:
        raw["margins"] = [margin]
    try:
        stated = StatedFigure.model_validate(raw)
        rounding = RoundingMode(cells.get("rounding", RoundingMode.HALF_EVEN.value))
    except ValidationError as exc:
        for err in exc.errors():
            name = _csv_column(err["loc"])
            problems.append(problem(file, line, col.get(name, 1), name, pydantic_message(err)))
        return None
    except ValueError:
        problems.append(
            problem(
                file,
                line,
                col["rounding"],
                "rounding",
                Msg("rounding is one of half_even, half_up, truncate, either, nearest"),
            )
        )
        return None
    wrong = [
        problem(file, line, col.get(name, 1), name, message)
        for loc, message in stated_problems(indicator, stated)
        for name in [_csv_column(loc)]
    ]
    if (
        period is not None
        and "as_of" in cells
        and not period.start <= as_of_of(stated) <= period.end
    ):
        wrong.append(
            problem(
                file,
                line,
                col["as_of"],
                "as_of",
                Msg(
                    "{as_of} lies outside the period {period} ({start} to {end}); one of them "
                    "is wrong: fix it, or leave as_of empty",
                    as_of=str(stated.as_of),
                    period=period.code,
                    start=period.start.isoformat(),
                    end=period.end.isoformat(),
                ),
            )
        )
    if wrong:
        problems.extend(wrong)
        return None
    marks = {name: (line, j) for name, j in col.items()}
    return Observation(
        indicator=ind_id,
        region=cells.get("region", ""),
        as_of=as_of_of(stated),
        stated=stated,
        rounding=rounding,
        source=cells.get("source", file.name),
        # (display_path reads the working directory, a call that lets another thread
        # take the GIL: once a row, it made two threads wait on each other)
        file=display_path(file) if shown is None else shown,
        line=line,
        marks=marks,
        period=period,
        row=True,
    )


def as_of_of(stated: StatedFigure) -> dt.date:
    """A CSV row's as_of (always there: given, or the end of its period)."""
    assert stated.as_of is not None
    return stated.as_of


def _csv_column(loc: Iterable[str | int]) -> str:
    parts = list(loc)
    if parts[:1] == ["changes"]:
        key = str(parts[2]) if len(parts) > 2 else "base"
        return {"abs": "change_abs", "pct": "change_pct", "pp": "change_pp"}.get(key, key)
    if parts[:1] == ["shares"]:
        key = str(parts[2]) if len(parts) > 2 else "of"
        return {"pct": "share_pct", "region": "share_region"}.get(key, "share_of")
    if parts[:1] == ["margins"]:
        return f"margin_{parts[2]}" if len(parts) > 2 else "margin_below"
    return str(parts[0]) if parts else ""
