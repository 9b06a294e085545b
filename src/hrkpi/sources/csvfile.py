"""Long-format CSV data: one stated figure per row (indicator, region, period, value, ...).

Tabular sources and spreadsheets export this shape; each row's problems are
reported at its line and column. A row gives its date as `as_of`, or as the
published `period` (2020-01/06 = 累计 1-6月; see hrkpi.core.periods), or both.
"""

from __future__ import annotations

import csv
import difflib
import io
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from hrkpi.core.catalog import Catalog
from hrkpi.core.errors import Problem, display_path, problem
from hrkpi.core.models import StatedFigure
from hrkpi.core.numbers import RoundingMode
from hrkpi.core.observations import Observation
from hrkpi.core.periods import parse_period
from hrkpi.sources.encoding import UTF8, read_table_text
from hrkpi.sources.messages import pydantic_message, unit_problem, unknown_indicator

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
    "rounding": "half_even, half_up, truncate or either",
    "source": "the report or table the figure comes from",
    "quote": "the sentence of the report",
    "location": "where it stands in the report",
}


def load_csv(
    file: Path,
    catalog: Catalog,
    problems: list[Problem],
    encodings: dict[str, str] | None = None,
) -> list[Observation]:
    """Every row's observation; problems appended. A GBK file is read as GB18030 and
    its encoding recorded in `encodings`."""
    text, encoding = read_table_text(file)
    if encoding != UTF8 and encodings is not None:
        encodings[display_path(file)] = encoding
    # strict: an unterminated quote is an error, not the rest of the file in one cell.
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except csv.Error as exc:
        problems.append(problem(file, reader.line_num or 1, 1, "", _malformed(exc)))
        return []
    except StopIteration:
        problems.append(problem(file, 1, 1, "", "the CSV file is empty; it needs a header row"))
        return []
    header = [h.strip() for h in header]
    problems.extend(header_problems(file, header))
    if any(p.file == display_path(file) and p.line == 1 for p in problems):
        return []  # without a usable header no row can be read
    found = []
    while True:
        starts = reader.line_num + 1  # where the row begins, should its quote never end
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(problem(file, starts, 1, "", _malformed(exc)))
            break
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            problems.append(
                problem(file, line, 1, "", f"{len(row)} cells where the header has {len(header)}")
            )
            continue
        cells = {name: cell.strip() for name, cell in zip(header, row, strict=True) if cell.strip()}
        col = {name: j + 1 for j, name in enumerate(header)}
        obs = row_observation(file, line, cells, col, catalog, problems)
        if obs is not None:
            found.append(obs)
    return found


def _malformed(exc: csv.Error) -> str:
    return (
        f"malformed CSV ({exc}); check the quotes on this line: a quoted cell must "
        'end with a quote, and a quote inside one is written twice ("")'
    )


def header_problems(file: Path, header: list[str]) -> list[Problem]:
    """Unknown and missing columns of a long-format header (all at line 1)."""
    found = []
    for j, name in enumerate(header):
        if name in header[:j]:
            found.append(problem(file, 1, j + 1, name, f"column {name!r} appears twice; keep one"))
        elif name not in CSV_COLUMNS:
            close = difflib.get_close_matches(name, CSV_COLUMNS, n=1)
            hint = (
                f"; did you mean {close[0]!r}?" if close else f"; known: {', '.join(CSV_COLUMNS)}"
            )
            found.append(problem(file, 1, j + 1, name, f"unknown column {name!r}{hint}"))
    for required in ("indicator", "value"):
        if required not in header:
            found.append(
                problem(file, 1, 1, required, f"missing column {required!r}; add it to the header")
            )
    if "as_of" not in header and "period" not in header:
        found.append(
            problem(file, 1, 1, "as_of", "missing column 'as_of' (or 'period'); add one of them")
        )
    return found


def row_observation(
    file: Path,
    line: int,
    cells: dict[str, str],
    col: dict[str, int],
    catalog: Catalog,
    problems: list[Problem],
) -> Observation | None:
    """One row's observation (cells: non-empty, stripped), or None with its problems appended."""
    period = None
    if "period" in cells:
        try:
            period = parse_period(cells["period"])
        except ValueError as exc:
            problems.append(problem(file, line, col["period"], "period", str(exc)))
            return None
    if "as_of" not in cells and period is None:
        name = "as_of" if "as_of" in col else "period"
        problems.append(
            problem(
                file,
                line,
                col.get(name, 1),
                name,
                f"{name} is empty; give the date (YYYY-MM-DD) or the period (2020-01/06)",
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
                "rounding is one of half_even, half_up, truncate, either",
            )
        )
        return None
    wrong_unit = unit_problem(indicator, stated)
    if wrong_unit:
        problems.append(problem(file, line, col.get("unit", 1), "unit", wrong_unit))
        return None
    marks = {name: (line, j) for name, j in col.items()}
    return Observation(
        indicator=ind_id,
        region=cells.get("region", ""),
        as_of=stated.as_of,  # type: ignore[arg-type]  # as_of is required in CSV
        stated=stated,
        rounding=rounding,
        source=cells.get("source", file.name),
        file=display_path(file),
        line=line,
        marks=marks,
        period=period,
    )


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
