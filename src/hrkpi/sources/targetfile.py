"""Reading a targets file: the targets assigned to each region (分解下达).

One target per row, as CSV (UTF-8 or GBK), an .xlsx sheet, or YAML:

    indicator,region,year,target,name
    reemployment,厦门市,2021,4,
    reemployment,思明区,2021,1.10,
    reemployment,思明区,2021,1.20,力争

`name` tells several targets of one region apart (省下达, 力争); the first
listed is the primary one unless a `primary` column says `true`. `unit`
gives the unit when it is not the indicator's (a district's target in 人).
Chinese headers do too: 指标, 地区, 年度, 目标, 目标名称, 单位.

YAML holds the same rows, with a default year:

    year: 2021
    targets:
      - {indicator: reemployment, region: 思明区, target: "1.10"}
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

from pydantic import Field, ValidationError

from hrkpi.core.catalog import Catalog
from hrkpi.core.errors import InputError, Problem, display_path, problem
from hrkpi.core.fields import FigureField, Flag, RequiredText, StrictModel, Text
from hrkpi.core.messages import Msg, reason, verbatim
from hrkpi.core.models import Direction
from hrkpi.core.numbers import Figure, figure_in
from hrkpi.core.regions import RegionHierarchy
from hrkpi.core.targets import AssignedTarget, TargetBook
from hrkpi.core.text import nearest, text_problem
from hrkpi.core.units import get_unit
from hrkpi.sources.messages import pydantic_message, unknown_indicator

TARGET_COLUMNS = {
    "indicator": "indicator id (required)",
    "region": "region name (required)",
    "year": "the year the target is for, such as 2021 (required)",
    "target": "the target, in the indicator's unit unless unit says otherwise (required)",
    "name": "the target's name when a region has several: 省下达, 力争",
    "unit": "the target's unit when not the indicator's",
    "primary": "true for the target the completion rate uses (default: the first listed)",
}
ALIASES = {
    "指标": "indicator",
    "地区": "region",
    "年度": "year",
    "年份": "year",
    "目标": "target",
    "value": "target",
    "目标名称": "name",
    "单位": "unit",
}


class TargetRow(StrictModel):
    """One target of a targets file."""

    indicator: str
    region: RequiredText
    year: int | None = Field(None, ge=1900, le=2999)
    target: FigureField
    name: Text = ""
    unit: str | None = None
    primary: Flag = False


class TargetFile(StrictModel):
    """A targets YAML file."""

    year: int | None = Field(None, ge=1900, le=2999, description="The year of rows that give none.")
    targets: list[TargetRow]


# Where a problem goes: (file, line, column), or (file:sheet!B7, 0, 0) in a workbook, so
# problems sort by their numbers and an annotation gets its line.
Place = tuple[str, int, int]


@dataclass(frozen=True)
class Row:
    """One row of a targets file: its cells, where it is, and where each cell is."""

    cells: dict[str, Any]
    file: str  # the file (file:sheet in a workbook), as findings name it
    line: int
    at: Place  # the row's own problems
    cells_at: Mapping[str, Place]

    def place(self, key: str) -> Place:
        """Where the cell `key` is (the row, when it has no such cell)."""
        return self.cells_at.get(key, self.at)


class _Places(Mapping[str, Place]):
    """Where each cell of a CSV row stands, worked out when asked: a targets file of
    half a million rows names only the cells it has to."""

    def __init__(self, file: str, line: int, columns: dict[str, int]) -> None:
        self.file, self.line, self.columns = file, line, columns

    def __getitem__(self, key: str) -> Place:
        return (self.file, self.line, self.columns[key])

    def __iter__(self) -> Any:
        return iter(self.columns)

    def __len__(self) -> int:
        return len(self.columns)


def load_targets(
    files: list[Path], catalog: Catalog, hierarchy: RegionHierarchy | None = None
) -> TargetBook:
    """Every target of the files; InputError listing every problem, each located."""
    problems: list[Problem] = []
    rows: list[Row] = []
    for file in files:
        try:
            rows.extend(_rows(file, problems))
        except InputError as exc:
            problems.extend(exc.problems)
    found = _targets(rows, catalog, hierarchy, problems)
    if problems:
        raise InputError(problems)
    return TargetBook(tuple(found), tuple(display_path(f) for f in files))


def check_targets(
    targets: list[AssignedTarget], catalog: Catalog, hierarchy: RegionHierarchy | None
) -> TargetBook:
    """Targets read beside the data (a workbook's 目标 columns), checked like a file's."""
    problems: list[Problem] = []
    rows: list[Row] = [
        Row(
            {
                "indicator": t.indicator,
                "region": t.region,
                "year": t.year,
                "target": t.value.literal,
                "name": t.name,
            },
            t.file,
            t.line,
            (t.where, 0, 0),
            {},
        )
        for t in targets
    ]
    found = _targets(rows, catalog, hierarchy, problems)
    if problems:
        raise InputError(problems)
    return TargetBook(tuple(found), tuple(dict.fromkeys(t.file for t in targets)))


def _rows(file: Path, problems: list[Problem]) -> list[Row]:
    suffix = file.suffix.lower()
    if suffix in (".yaml", ".yml"):
        return _yaml_rows(file, problems)
    if suffix == ".xlsx":
        return _xlsx_rows(file, problems)
    import csv

    from hrkpi.sources.csvheader import malformed
    from hrkpi.sources.textfile import lines, table_encoding

    # The readers' own: a regular file, UTF-8 or GBK, a bounded line at a time; strict,
    # so a quote never closed is a problem, not the rest of the file in one cell.
    reader = csv.reader(lines(file, table_encoding(file)), strict=True)
    out: list[Row] = []
    name, starts = display_path(file), 1
    try:
        header = _header([h.strip() for h in next(reader, [])], file, problems)
        if header is None:
            return []
        starts = reader.line_num + 1
        columns = {h: j + 1 for j, h in enumerate(header)}
        for cells in reader:
            line, starts = starts, reader.line_num + 1
            if any(c.strip() for c in cells):
                record = {
                    h: c.strip() for h, c in zip(header, cells, strict=False) if h and c.strip()
                }
                where = _Places(name, line, columns)
                out.append(Row(record, name, line, (name, line, 1), where))
    except csv.Error as exc:
        problems.append(problem(file, starts, 1, "", malformed(exc, starts, reader.line_num)))
    return out


def _header(header: list[str], file: Path | str, problems: list[Problem]) -> list[str] | None:
    names = [ALIASES.get(h, h) for h in header]
    bad = False
    for j, name in enumerate(names):
        if name and name not in TARGET_COLUMNS:
            close = nearest(name, TARGET_COLUMNS)
            if close:
                said = Msg(
                    "unknown column {name!r}; did you mean {close!r}?", name=name, close=close[0]
                )
            else:
                known = ", ".join(TARGET_COLUMNS)
                said = Msg("unknown column {name!r}; known: {known}", name=name, known=known)
            problems.append(problem(file, 1, j + 1, name, said))
            bad = True
    for required in ("indicator", "region", "year", "target"):
        if required not in names:
            said = Msg("missing column {name!r}; add it to the header", name=required)
            problems.append(problem(file, 1, 1, required, said))
            bad = True
    return None if bad else names


def _yaml_rows(file: Path, problems: list[Problem]) -> list[Row]:
    from hrkpi.sources.loader import validate_model
    from hrkpi.sources.yamldoc import load_document

    doc = load_document(file)
    parsed = validate_model(TargetFile, doc, problems)
    if parsed is None:
        return []
    out: list[Row] = []
    for i, row in enumerate(parsed.targets):
        record = row.model_dump(exclude_defaults=True)
        record["target"] = row.target.literal
        record.setdefault("year", parsed.year)
        name = display_path(file)
        line, col = doc.mark(("targets", i))
        where = {key: (name, *doc.mark(("targets", i, key))) for key in TARGET_COLUMNS}
        out.append(Row(record, name, line, (name, line, col), where))
    return out


def _xlsx_rows(file: Path, problems: list[Problem]) -> list[Row]:
    from hrkpi.sources.xlsxcells import cell_name, cell_text, number_literal, open_workbook

    book = open_workbook(file)
    out: list[Row] = []
    try:
        ws = book.worksheets[0]
        rows = [list(r) for r in ws.iter_rows()]
        if not rows:
            said = Msg("the sheet is empty; fill in the targets")
            problems.append(problem(file, 1, 1, "", said))
            return []
        header = _header([cell_text(c.value) for c in rows[0]], file, problems)
        if header is None:
            return []
        for i, cells in enumerate(rows[1:], start=2):
            record: dict[str, Any] = {}
            where: dict[str, Place] = {}
            sheet = f"{display_path(file)}:{ws.title}"
            for j, (h, c) in enumerate(zip(header, cells, strict=False)):
                value = getattr(c, "value", None)
                if value is None or value == "":
                    continue
                if h == "target" and isinstance(value, int | float) and not isinstance(value, bool):
                    record[h] = number_literal(value, getattr(c, "number_format", None))
                else:
                    record[h] = cell_text(value)
                where[h] = (f"{sheet}!{cell_name(j + 1, i)}", 0, 0)
            if record:
                out.append(Row(record, sheet, i, (f"{sheet}!{cell_name(1, i)}", 0, 0), where))
    finally:
        book.close()
    return out


def _targets(
    rows: list[Row],
    catalog: Catalog,
    hierarchy: RegionHierarchy | None,
    problems: list[Problem],
) -> list[AssignedTarget]:
    found: list[AssignedTarget] = []
    seen: dict[tuple[str, str, int, str], str] = {}
    known = _known(hierarchy) if hierarchy is not None else set()
    for r in rows:
        record, file, line = r.cells, r.file, r.line
        say = _Say(problems, r)

        row: _Plain | TargetRow | None = _plain(record)
        if row is None:
            try:
                row = TargetRow.model_validate(record)
            except ValidationError as exc:
                for err in exc.errors():
                    # (an empty cell is a missing key to the model, whose input is the row)
                    said = _EMPTY if err["type"] == "missing" else pydantic_message(err)
                    say(str(err["loc"][0]) if err["loc"] else "", said)
                continue
        ind = catalog.indicators.get(row.indicator)
        if ind is None:
            p = unknown_indicator(Path(file), (line, 1), "indicator", row.indicator, catalog)
            say("indicator", p.message)
            continue
        if row.year is None:
            say("year", Msg("the year is missing; give the year the target is for (2021)"))
            continue
        if hierarchy is not None and row.region not in known:
            regions = verbatim(hierarchy.file) if hierarchy.file else Msg("the regions file")
            say(
                "region",
                Msg(
                    "region {region!r} is not in {regions}; add it there or fix the name",
                    region=row.region,
                    regions=regions,
                ),
            )
            continue
        if ind.direction is Direction.LOWER:
            say(
                "indicator",
                Msg("{id} is lower-is-better: give it a ceiling, not a target", id=ind.id),
            )
            continue
        value = row.target
        if value.value <= 0:
            say("target", Msg("target {target!r} must be greater than zero", target=value.literal))
            continue
        if row.unit:
            try:
                unit = get_unit(row.unit)
            except ValueError as exc:
                say("unit", reason(exc))
                continue
            if unit.base != ind.unit.base:
                say(
                    "unit",
                    Msg(
                        "unit {unit!r} cannot be converted to {own!r}",
                        unit=unit.symbol,
                        own=ind.unit.symbol,
                    ),
                )
                continue
            value = figure_in(value, unit, ind.unit)
        key = (row.indicator, row.region, row.year, row.name)
        place = _text(r.place("target"))
        if key in seen:
            say(
                "target",
                Msg(
                    "{region} already has a {name} target for {indicator} in {year} (at {first}); "
                    "keep one, or name them apart (name: 力争)",
                    region=row.region,
                    name=row.name,
                    indicator=row.indicator,
                    year=row.year,
                    first=seen[key],
                )
                if row.name
                else Msg(
                    "{region} already has a 目标 target for {indicator} in {year} (at {first}); "
                    "keep one, or name them apart (name: 力争)",
                    region=row.region,
                    indicator=row.indicator,
                    year=row.year,
                    first=seen[key],
                ),
            )
            continue
        seen[key] = place
        found.append(
            AssignedTarget(
                row.indicator,
                row.region,
                row.year,
                value,
                name=row.name,
                primary=row.primary,
                file=file,
                line=line,
                where=place,
            )
        )
    return found


class _Plain(NamedTuple):
    """A row read without the model: the fields `_targets` reads of a TargetRow."""

    indicator: str
    region: str
    year: int
    target: Figure
    name: str = ""
    unit: str | None = None
    primary: bool = False


_EMPTY = Msg("the cell is empty; fill it in: every target needs its indicator, region and target")
_REQUIRED = frozenset({"indicator", "region", "year", "target"})
_PLAIN_CELLS = _REQUIRED | {"name"}
_PLAIN_YEAR = re.compile(r"(?:19|2\d)\d\d")  # 1900 to 2999, as TargetRow.year
_PLAIN_FIGURE = re.compile(r"(?:0|[1-9]\d{0,17})(?:\.\d{1,12})?")  # "4", "1.10", "0.5"


def _plain(record: dict[str, Any]) -> _Plain | None:
    """The row as TargetRow would read it, when every cell is plain text the model
    takes as it is (a figure without words, a year of four digits, printable names);
    None for anything else, which the model reads and words. Half a million targets
    are read in seconds this way, not minutes."""
    if not record.keys() <= _PLAIN_CELLS or not record.keys() >= _REQUIRED:
        return None
    indicator, region, year, target = (record[k] for k in ("indicator", "region", "year", "target"))
    name = record.get("name", "")
    if not all(isinstance(v, str) for v in (indicator, region, year, target, name)):
        return None
    if not (_PLAIN_YEAR.fullmatch(year) and _PLAIN_FIGURE.fullmatch(target)):
        return None
    if not region.strip() or text_problem(region) is not None or text_problem(name) is not None:
        return None
    decimals = len(target) - target.index(".") - 1 if "." in target else 0
    figure = Figure(target, Decimal(target), decimals)
    return _Plain(indicator, region, int(year), figure, name)


class _Say:
    """Append a problem at a row's cell (or the row)."""

    def __init__(self, problems: list[Problem], row: Row) -> None:
        self.problems, self.row = problems, row

    def __call__(self, key: str, message: Msg) -> None:
        self.problems.append(Problem(*self.row.place(key), key, message))


def _text(place: Place) -> str:
    """file:line:column, or file:sheet!B7."""
    file, line, column = place
    return f"{file}:{line}:{column}" if line else file


def _known(hierarchy: RegionHierarchy) -> set[str]:
    return set(hierarchy.lines) | set(hierarchy.parent.values())
