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
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

from pydantic import ValidationError

from hrkpi.core.catalog import Catalog
from hrkpi.core.errors import InputError, Problem, display_path
from hrkpi.core.messages import Msg, reason, verbatim
from hrkpi.core.models import Direction
from hrkpi.core.numbers import Figure, figure_in
from hrkpi.core.regions import RegionHierarchy
from hrkpi.core.targets import AssignedTarget, TargetBook
from hrkpi.core.text import text_problem
from hrkpi.core.units import get_unit
from hrkpi.sources.messages import pydantic_message, unknown_indicator
from hrkpi.sources.targetrows import (
    ALIASES,
    TARGET_COLUMNS,
    Place,
    Row,
    TargetFile,
    TargetRow,
    read_rows,
)

# The columns and the rows' models are read from here too (hrkpi.fast.targetread).
__all__ = [
    "ALIASES",
    "TARGET_COLUMNS",
    "TargetFile",
    "TargetRow",
    "check_targets",
    "load_targets",
]


def load_targets(
    files: list[Path], catalog: Catalog, hierarchy: RegionHierarchy | None = None
) -> TargetBook:
    """Every target of the files; InputError listing every problem, each located."""
    problems: list[Problem] = []
    rows: list[Row] = []
    for file in files:
        try:
            rows.extend(read_rows(file, problems))
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
            # (at its cell in a workbook; else at its line, the file alone in `file`:
            # `where` is file:line:column text, for messages, no file to annotate)
            Place(t.file, 0, 0, t.sheet, t.cell) if t.cell else Place(t.file, t.line, 1, t.sheet),
            {},
            t.sheet,
        )
        for t in targets
    ]
    found = _targets(rows, catalog, hierarchy, problems)
    if problems:
        raise InputError(problems)
    return TargetBook(tuple(found), tuple(dict.fromkeys(t.file for t in targets)))


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
        record, file, line, sheet = r.cells, r.file, r.line, r.sheet
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
        target_at = r.place("target")
        place = target_at.text
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
                sheet=sheet,
                cell=target_at.cell,
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
        self.problems.append(self.row.place(key).problem(key, message))


def _known(hierarchy: RegionHierarchy) -> set[str]:
    return set(hierarchy.lines) | set(hierarchy.parent.values())
