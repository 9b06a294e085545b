"""A targets file's rows as written: CSV (UTF-8 or GBK), the first sheet of an .xlsx,
or YAML, each cell with where it is; the columns a targets file has, and its schema.
What the rows mean (known indicators and regions, units, one target each) is
`hrkpi.sources.targetfile`'s.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from pydantic import Field

from hrkpi.core.errors import Problem, display_path, problem, sheet_place
from hrkpi.core.fields import FigureField, Flag, RequiredText, StrictModel, Text
from hrkpi.core.messages import Msg
from hrkpi.sources.csvheader import shown_header, unknown_column
from hrkpi.sources.xlsxcells import cell_name

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
ACCEPTED = (*TARGET_COLUMNS, *ALIASES)  # every header a targets CSV or sheet takes


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


class Place(NamedTuple):
    """Where a problem goes: file, line, column; in a workbook the sheet and the cell
    (B7) with line and column 0, so problems sort by their numbers and an annotation
    gets its line."""

    file: str
    line: int
    column: int
    sheet: str = ""
    cell: str = ""

    def problem(self, field: str, message: Msg) -> Problem:
        """A problem of `field` here."""
        return Problem(
            self.file, self.line, self.column, field, message, sheet=self.sheet, cell=self.cell
        )

    @property
    def text(self) -> str:
        """file:line:column, or file:sheet!B7, as messages name it."""
        shown = sheet_place(self.file, self.sheet)
        shown = f"{shown}!{self.cell}" if self.cell else shown
        return f"{shown}:{self.line}:{self.column}" if self.line else shown


@dataclass(frozen=True)
class Row:
    """One row of a targets file: its cells, where it is, and where each cell is."""

    cells: dict[str, Any]
    file: str  # the file, as findings name it (a workbook's path alone)
    line: int
    at: Place  # the row's own problems
    cells_at: Mapping[str, Place]
    sheet: str = ""  # in a workbook, the sheet

    def place(self, key: str) -> Place:
        """Where the cell `key` is (the row, when it has no such cell)."""
        return self.cells_at.get(key, self.at)


class _Places(Mapping[str, Place]):
    """Where each cell of a CSV row stands, worked out when asked: a targets file of
    half a million rows names only the cells it has to."""

    def __init__(self, file: str, line: int, columns: dict[str, int]) -> None:
        self.file, self.line, self.columns = file, line, columns

    def __getitem__(self, key: str) -> Place:
        return Place(self.file, self.line, self.columns[key])

    def __iter__(self) -> Any:
        return iter(self.columns)

    def __len__(self) -> int:
        return len(self.columns)


def read_rows(file: Path, problems: list[Problem]) -> list[Row]:
    """The rows of a targets file (by its suffix), its problems appended to `problems`."""
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
            if any(c.strip() for c in cells[len(header) :]):
                # A cell beyond the header (1,800 unquoted is two cells): its row refused,
                # never read with the last cell dropped.
                said = Msg(
                    "{cells} cells where the header has {width}; a number with a thousands "
                    'separator must be quoted ("1,800") or written without it (1800)',
                    cells=len(cells),
                    width=len(header),
                )
                problems.append(problem(file, line, len(header) + 1, "", said))
                continue
            if any(c.strip() for c in cells):
                record = {
                    h: c.strip() for h, c in zip(header, cells, strict=False) if h and c.strip()
                }
                where = _Places(name, line, columns)
                out.append(Row(record, name, line, Place(name, line, 1), where))
    except csv.Error as exc:
        problems.append(problem(file, starts, 1, "", malformed(exc, starts, reader.line_num)))
    return out


def _header(
    header: list[str], file: Path | str, problems: list[Problem], sheet: str = ""
) -> list[str] | None:
    """The header's column names (aliases read), or None after its problems are added,
    each at its header cell: line 1 of a CSV, the first row of a workbook's `sheet`
    (`目标!D1`, as its rows' problems are placed)."""
    shown = display_path(file)

    def at(j: int) -> Place:  # (column j, from 0)
        return Place(shown, 0, 0, sheet, cell_name(j + 1, 1)) if sheet else Place(shown, 1, j + 1)

    names = [ALIASES.get(h, h) for h in header]
    bad = False
    seen: dict[str, str] = {}  # each column, as first written
    for j, (written, name) in enumerate(zip(header, names, strict=True)):
        if not name:
            continue
        # (the field is the header as written, as the user finds it in the file)
        head = shown_header(written)
        if name in seen:
            # Two headers for one column (target and its alias 目标): a row's last cell
            # silently won. Said once: a repeated unknown header is not unknown again.
            first = shown_header(seen[name])
            said = (
                Msg("column {name!r} appears twice; keep one", name=head)
                if written == seen[name]
                else Msg(
                    "column {name!r} is another name for {first!r}; keep one",
                    name=head,
                    first=first,
                )
            )
            problems.append(at(j).problem(head, said))
            bad = True
            continue
        seen[name] = written
        if name not in TARGET_COLUMNS:
            # Matched against every header a targets file takes, its Chinese ones too
            # (目标值 is nearest 目标, which no English column name is), and listed so.
            problems.append(at(j).problem(head, unknown_column(written, head, ACCEPTED)))
            bad = True
    # A header written in Chinese is told the missing column's Chinese name (目标), not
    # only the English one.
    chinese = any(h in ALIASES and not h.isascii() for h in header)
    for required in ("indicator", "region", "year", "target"):
        if required not in names:
            alias = next((a for a, n in ALIASES.items() if n == required and not a.isascii()), "")
            said = (
                Msg(
                    "missing column {name!r} (or {alias!r}); add it to the header",
                    name=alias,
                    alias=required,
                )
                if chinese and alias
                else Msg("missing column {name!r}; add it to the header", name=required)
            )
            problems.append(at(0).problem(required, said))
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
        where = {key: Place(name, *doc.mark(("targets", i, key))) for key in TARGET_COLUMNS}
        out.append(Row(record, name, line, Place(name, line, col), where))
    return out


def _xlsx_rows(file: Path, problems: list[Problem]) -> list[Row]:
    from hrkpi.sources.xlsxcells import cell_text, number_literal, open_workbook

    book = open_workbook(file)
    out: list[Row] = []
    try:
        ws = book.worksheets[0]
        rows = [list(r) for r in ws.iter_rows()]
        if not rows:
            said = Msg("the sheet is empty; fill in the targets")
            problems.append(Place(display_path(file), 0, 0, ws.title, "A1").problem("", said))
            return []
        header = _header([cell_text(c.value) for c in rows[0]], file, problems, ws.title)
        if header is None:
            return []
        name, sheet = display_path(file), ws.title
        for i, cells in enumerate(rows[1:], start=2):
            record: dict[str, Any] = {}
            where: dict[str, Place] = {}
            for j, (h, c) in enumerate(zip(header, cells, strict=False)):
                value = getattr(c, "value", None)
                if value is None or value == "":
                    continue
                if h == "target" and isinstance(value, int | float) and not isinstance(value, bool):
                    record[h] = number_literal(value, getattr(c, "number_format", None))
                else:
                    record[h] = cell_text(value)
                where[h] = Place(name, 0, 0, sheet, cell_name(j + 1, i))
            if record:
                at = Place(name, 0, 0, sheet, cell_name(1, i))
                out.append(Row(record, name, i, at, where, sheet))
    finally:
        book.close()
    return out
