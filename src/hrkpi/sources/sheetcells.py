"""A worksheet's cells as hrkpi reads them: a figure's text as the cell shows it (its
number format's decimals), units and periods, each row's figure made an observation,
and every problem at its cell (file:sheet!B7). The layouts (long, wide) are
`hrkpi.sources.workbook`'s."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hrkpi.core.catalog import Catalog
from hrkpi.core.errors import Problem, display_path
from hrkpi.core.messages import Msg, reason
from hrkpi.core.observations import Observation
from hrkpi.core.periods import Period, parse_period
from hrkpi.core.regions import RegionHierarchy
from hrkpi.core.targets import AssignedTarget
from hrkpi.core.units import Unit, get_unit
from hrkpi.sources.csvfile import row_observation
from hrkpi.sources.xlsxcells import cell_problem, is_date_format, number_literal, text_problem


@dataclass
class WorkbookData:
    """What a workbook states: figures, and the targets written beside them."""

    observations: list[Observation] = field(default_factory=list)
    targets: list[AssignedTarget] = field(default_factory=list)


def cell_value(cell: Any) -> Any:
    """A cell's value (None for a cell that has none)."""
    return getattr(cell, "value", None)


class SheetCells:
    """One sheet's rows, read a cell at a time; what it finds goes to `out`, its
    problems to `problems`."""

    def __init__(
        self,
        file: Path,
        name: str,
        rows: list[list[Any]],
        catalog: Catalog,
        problems: list[Problem],
        hierarchy: RegionHierarchy | None,
        out: WorkbookData,
    ) -> None:
        self.file, self.name, self.rows, self.catalog = file, name, rows, catalog
        self.problems, self.hierarchy, self.out = problems, hierarchy, out
        self.shown = display_path(file)  # the workbook's path; its sheet is `name`

    def problem(self, column: int, row: int, message: Msg) -> None:
        self.problems.append(cell_problem(self.file, self.name, column, row, message))

    def _figure_text(self, i: int, j: int) -> str:
        row = self.rows[i]
        if j >= len(row):
            return ""
        value = cell_value(row[j])
        if value is None or value == "":
            return ""
        number_format = getattr(row[j], "number_format", None)
        if isinstance(value, bool) or (
            isinstance(value, int | float) and is_date_format(number_format)
        ):
            self.problem(j + 1, i + 1, _not_a_figure(value))
            return ""
        if isinstance(value, int | float):
            return number_literal(value, number_format)
        if not isinstance(value, str):
            self.problem(j + 1, i + 1, _not_a_figure(value))
            return ""
        why = text_problem(value)
        if why is not None:
            self.problem(j + 1, i + 1, why)
            return ""
        return value

    def _observe(self, line: int, cells: dict[str, str], col: dict[str, int]) -> None:
        local: list[Problem] = []
        obs = row_observation(self.file, line, cells, col, self.catalog, local)
        for p in local:
            self.problem(p.column, line, p.message)
        if obs is not None:
            self.out.observations.append(
                Observation(
                    indicator=obs.indicator,
                    region=obs.region,
                    as_of=obs.as_of,
                    stated=obs.stated,
                    rounding=obs.rounding,
                    source=cells.get("source", self.file.name),
                    file=self.shown,
                    line=line,
                    marks=obs.marks,
                    period=obs.period,
                    row=obs.row,
                    sheet=self.name,
                )
            )

    def _unit(self, text: str, column: int, row: int) -> Unit | None:
        try:
            return get_unit(text.strip())
        except ValueError as exc:
            self.problem(column, row, reason(exc))
            return None

    def _period(self, text: str, column: int, row: int) -> Period | None:
        try:
            return parse_period(text)
        except ValueError as exc:
            self.problem(column, row, reason(exc))
            return None


def _not_a_figure(value: Any) -> Msg:
    return Msg("{value!r} is not a figure; enter the number", value=value)
