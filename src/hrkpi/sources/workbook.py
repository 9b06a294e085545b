"""Figures from analysts' workbooks (.xlsx), in the two layouts they keep.

Wide (the usual 各地区完成情况表): regions as rows, indicators as columns.

    2021年1-6月各区就业目标任务完成情况          <- a title row (optional; may give the period)
    单位：万人                                    <- a unit line (optional)
    地区 | 失业人员再就业      | 城镇新增就业(人)    <- indicators (merged over their columns)
         | 全年目标 | 累计完成  | 累计完成           <- what each column holds (optional)
    思明区 | 1.10   | 0.58     | 6120
    合计   | 4      | 2.18     | ...                <- the parent region's figures

A column's indicator is its header's indicator name or id, or the one the
indicators' `headers:` mapping names; a unit in brackets, 失业人员再就业（人）,
is the unit its figures are in. Under an indicator, 目标 / 任务 columns are the
region's targets (named by their header: 省下达目标), 完成率 the stated
completion rate, 同比 the stated growth, and anything else its value. The
period is a 期别 column, or the sheet's name or title (2021年1-6月). A 合计
(总计, 全市) row holds the figures of the rows' common parent in the hierarchy.

Long: a header naming `indicator` and `value` (and region, period ... as in
long CSV; 指标, 地区, 期别, 数值 also do): one figure per row.

A figure's text is what the cell shows: its number format's decimals (4.20
keeps two), so the precision is the one the analyst published.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hrkpi.core.catalog import Catalog
from hrkpi.core.errors import Problem, sheet_place
from hrkpi.core.messages import Msg, reason
from hrkpi.core.models import Indicator
from hrkpi.core.numbers import figure_in, parse_figure
from hrkpi.core.periods import Period, parse_period
from hrkpi.core.regions import RegionHierarchy, unknown_total_row
from hrkpi.core.targets import AssignedTarget
from hrkpi.core.units import Unit
from hrkpi.sources.csvheader import CSV_COLUMNS, KNOWN
from hrkpi.sources.sheetcells import SheetCells, WorkbookData, cell_value
from hrkpi.sources.sheetwords import (
    LONG_ALIASES,
    PERIOD_HEADERS,
    REGION_HEADERS,
    SKIPPED_HEADERS,
    TARGET_WORDS,
    TITLE_PERIOD,
    TOTAL_ROWS,
    UNIT_IN_HEADER,
    UNIT_LINE,
    column_role,
    forward_filled,
    stands_at,
)
from hrkpi.sources.xlsxcells import (
    cell_problem,
    cell_text,
    open_workbook,
)


def load_workbook_data(
    file: Path,
    catalog: Catalog,
    problems: list[Problem],
    hierarchy: RegionHierarchy | None = None,
) -> WorkbookData:
    """Every figure (and target) of every visible sheet; problems at file:sheet!B7."""
    book = open_workbook(file)
    found = WorkbookData()
    empty: list[str] = []
    try:
        for ws in book.worksheets:
            if getattr(ws, "sheet_state", "visible") != "visible":
                continue  # scratch sheets analysts hide are not part of the table
            rows = [list(r) for r in ws.iter_rows()]
            if not _Sheet(file, ws.title, rows, catalog, problems, hierarchy, found).read():
                empty.append(ws.title)
    finally:
        book.close()
    if empty and len(empty) == len([ws for ws in book.worksheets if _visible(ws)]):
        # Excel's spare Sheet2/Sheet3 beside the figures are harmless; a workbook with
        # nothing in any sheet is not.
        problems.append(
            cell_problem(
                file, empty[0], 1, 1, Msg("the sheet is empty; delete it or fill in the figures")
            )
        )
    return found


def _visible(ws: Any) -> bool:
    return getattr(ws, "sheet_state", "visible") == "visible"


class _Sheet(SheetCells):
    """A sheet's figures in either layout."""

    def read(self) -> bool:
        """Read the sheet's figures; False when the sheet is empty."""
        texts = [[cell_text(cell_value(c)) for c in row] for row in self.rows]
        filled = [i for i, row in enumerate(texts) if any(row)]
        if not filled:
            return False
        title, unit = "", None
        start = filled[0]
        for i in filled:
            nonempty = [t for t in texts[i] if t]
            if len(nonempty) > 1:
                start = i
                break
            match = UNIT_LINE.match(nonempty[0])
            if match:
                unit = self._unit(match["unit"], 1, i + 1)
            else:
                title = title or nonempty[0]
        header = [t.strip() for t in texts[start]]
        names = {LONG_ALIASES.get(h, h) for h in header}
        if "indicator" in names and "value" in names:
            self._long(texts, start)
        else:
            self._wide(texts, start, title, unit)
        return True

    # -- long layout -------------------------------------------------------------------
    def _long(self, texts: list[list[str]], start: int) -> None:
        header = [LONG_ALIASES.get(h.strip(), h.strip()) for h in texts[start]]
        col = {h: j + 1 for j, h in enumerate(header) if h}
        for h, j in col.items():
            if h not in CSV_COLUMNS:
                self.problem(
                    j,
                    start + 1,
                    Msg("unknown column {name!r}; known: {known}", name=h, known=KNOWN),
                )
                return
        for i in range(start + 1, len(self.rows)):
            cells: dict[str, str] = {}
            for h, j in col.items():
                text = self._figure_text(i, j - 1) if h in _NUMERIC else texts[i][j - 1]
                if text:
                    cells[h] = text
            if cells:
                self._observe(i + 1, cells, col)

    # -- wide layout -------------------------------------------------------------------
    def _wide(self, texts: list[list[str]], start: int, title: str, unit: Unit | None) -> None:
        top = forward_filled(texts[start])
        data_from = start + 1
        sub = [""] * len(top)
        region_col = next((j for j, h in enumerate(top) if h in REGION_HEADERS), 0)
        if data_from < len(texts) and not texts[data_from][region_col]:
            sub = [t.strip() for t in texts[data_from]] + [""] * (len(top) - len(texts[data_from]))
            data_from += 1
        period_col = next((j for j, h in enumerate(top) if h in PERIOD_HEADERS), None)
        sheet_period = None if period_col is not None else self._sheet_period(title)
        if period_col is None and sheet_period is None:
            return
        columns = self._columns(top, sub, start, region_col, period_col, unit)
        if columns is None:
            return
        regions = [
            texts[i][region_col] for i in range(data_from, len(texts)) if texts[i][region_col]
        ]
        for i in range(data_from, len(texts)):
            label = "".join(texts[i][region_col].split()) if region_col < len(texts[i]) else ""
            if not label:
                continue
            region = self._region(label, regions, region_col, i + 1)
            if region is None:
                continue
            period = sheet_period
            if period_col is not None:
                period = self._period(texts[i][period_col], period_col + 1, i + 1)
                if period is None:
                    continue
            assert period is not None
            self._wide_row(i, region, period, columns)

    def _columns(
        self,
        top: list[str],
        sub: list[str],
        start: int,
        region_col: int,
        period_col: int | None,
        unit: Unit | None,
    ) -> list[_Column] | None:
        found: list[_Column] = []
        ok = True
        for j, head in enumerate(top):
            if j in (region_col, period_col) or not head or head in SKIPPED_HEADERS:
                continue
            what = sub[j] if j < len(sub) else ""
            if what in SKIPPED_HEADERS or "排名" in what or "进度" in what:
                continue
            name, col_unit = head, unit
            match = UNIT_IN_HEADER.match(head)
            if match:
                name = match["name"].strip()
                col_unit = self._unit(match["unit"], j + 1, start + 1) or unit
            ind = self.catalog.indicator_for(name)
            if ind is None:
                self.problem(
                    j + 1,
                    start + 1,
                    Msg(
                        "the header {head!r} names no indicator; add it to headers: in an "
                        "indicators file ({name}: indicator_id), or remove the column",
                        head=head,
                        name=name,
                    ),
                )
                ok = False
                continue
            if col_unit is not None and col_unit.base != ind.unit.base:
                col_unit = None if col_unit.is_percent else col_unit
            found.append(_Column(j, ind, column_role(what), what, col_unit))
        return found if ok else None

    def _wide_row(self, i: int, region: str, period: Period, columns: list[_Column]) -> None:
        by_indicator: dict[str, dict[str, str]] = {}
        col: dict[str, dict[str, int]] = {}
        for c in columns:
            text = self._figure_text(i, c.index)
            if not text:
                continue
            if c.role == "target":
                self._target(c, region, period, text, i)
                continue
            cells = by_indicator.setdefault(c.indicator.id, {"indicator": c.indicator.id})
            spots = col.setdefault(c.indicator.id, {"indicator": c.index + 1})
            cells[c.role] = text
            spots[c.role] = c.index + 1
            if c.role == "value" and c.unit is not None and c.unit != c.indicator.unit:
                cells["unit"], spots["unit"] = c.unit.symbol, c.index + 1
            if c.role == "change_pct":
                cells["base"], spots["base"] = "same_period_last_year", c.index + 1
        for ind_id, cells in by_indicator.items():
            if "value" not in cells:
                continue
            measure = self.catalog.indicators[ind_id].measure
            cells.update(region=region, period=_period_text(stands_at(period, measure)))
            spots = col[ind_id]
            spots.setdefault("region", 1)
            spots.setdefault("period", 1)
            self._observe(i + 1, cells, spots)

    def _target(self, c: _Column, region: str, period: Period, text: str, i: int) -> None:
        try:
            figure = parse_figure(text)
        except ValueError as exc:
            self.problem(c.index + 1, i + 1, reason(exc))
            return
        if c.unit is not None and c.unit != c.indicator.unit:
            figure = figure_in(figure, c.unit, c.indicator.unit)
        name = "" if c.header in ("", *TARGET_WORDS, "全年目标", "年度目标") else c.header
        cell = _cell(c.index + 1, i + 1)
        self.out.targets.append(
            AssignedTarget(
                c.indicator.id,
                region,
                period.year,
                figure,
                name=name,
                file=self.shown,
                line=i + 1,
                where=f"{sheet_place(self.shown, self.name)}!{cell}",
                sheet=self.name,
                cell=cell,
            )
        )

    def _sheet_period(self, title: str) -> Period | None:
        for text in (self.name, title):
            try:
                return parse_period(text.strip())
            except ValueError:
                pass
        match = TITLE_PERIOD.search(title)
        if match:
            rest = match["rest"] or self.name.strip()
            try:
                return parse_period(f"{match['y']}年{rest}")
            except ValueError:
                pass
        self.problem(
            1,
            1,
            Msg(
                "cannot tell the period of sheet {sheet!r}; name the sheet as the period "
                "(2021年1-6月), put it in the title row, or add a 期别 column",
                sheet=self.name,
            ),
        )
        return None

    def _region(self, label: str, regions: list[str], column: int, row: int) -> str | None:
        if label not in TOTAL_ROWS:
            return label
        parents = (
            {self.hierarchy.parent.get(r) for r in regions if "".join(r.split()) not in TOTAL_ROWS}
            if self.hierarchy
            else set()
        )
        parents.discard(None)
        if len(parents) == 1:
            return str(parents.pop())
        self.problem(
            column + 1,
            row,
            unknown_total_row(label),
        )
        return None


@dataclass(frozen=True)
class _Column:
    index: int  # 0-based
    indicator: Indicator
    role: str  # value, target, completion, change_pct
    header: str
    unit: Unit | None


_NUMERIC = {"value", "completion", "change_abs", "change_pct", "change_pp", "previous"}


def _period_text(period: Period) -> str:
    return str(period)


def _cell(column: int, row: int) -> str:
    from hrkpi.sources.xlsxcells import cell_name

    return cell_name(column, row)
