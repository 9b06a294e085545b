"""The regional completion table (各地区目标任务完成情况表): headers, words and cells.

Wide, as bureaus send it up: one row per region, and for each indicator five
columns under its name: 目标, 完成, 完成率, 进度, 排名 (target, actual,
completion, pace status, rank). Laggards (欠进度) are marked; the last row is
the parent (合计) with its own figures, and a note says whether the children's
figures add up to it. `--layout each` gives one such table per indicator.
Every renderer (terminal, CSV, Markdown, Excel, Word, HTML) draws from this
model, so a figure reads the same everywhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from hrkpi.core.models import Indicator
from hrkpi.core.numbers import format_decimal
from hrkpi.engine.indicator import IndicatorResult
from hrkpi.engine.regional import RegionalCell, RegionalReport, TotalCheck
from hrkpi.output.figures import figure_words
from hrkpi.output.table import PCT_DECIMALS, Cell, Style, number_cell
from hrkpi.output.words import (
    NO_OWN_TARGET,
    NOT_REACHED,
    PACE_STATUS,
    REACHED,
    Lang,
    borrowed_note,
    say,
)

SUB_COLUMNS = (
    ("target", ("目标", "Target")),
    ("value", ("完成", "Actual")),
    ("completion", ("完成率", "Completion")),
    ("pace_status", ("进度", "Pace")),
    ("rank", ("排名", "Rank")),
    ("other_targets", ("其他目标", "Other targets")),
)
TOTAL = ("合计", "Total")
BEHIND_MARK = "▲"


@dataclass(frozen=True)
class Group:
    """An indicator's columns: its header (name and unit) and sub-columns."""

    indicator: str
    header: str
    unit: str
    keys: tuple[str, ...]

    def sub_headers(self, lang: Lang) -> list[str]:
        """The sub-columns' headers."""
        words = dict(SUB_COLUMNS)
        return [say(words[k], lang) for k in self.keys]


@dataclass(frozen=True)
class RegionalTable:
    """One regional table ready to render."""

    title: str
    unit_line: str  # 单位：万人 (when every indicator shares a unit; else units in headers)
    date_line: str  # 截至2021年6月30日 · 序时进度49.59%
    region_header: str
    groups: list[Group]
    rows: list[list[Cell]]  # the region's name, then each group's cells
    total_row: int | None  # index of the parent's row
    notes: list[str] = field(default_factory=list)
    lang: Lang = Lang.ZH

    def flat_headers(self) -> list[str]:
        """One header per column: 地区, 失业人员再就业·目标, ..."""
        out = [self.region_header]
        for g in self.groups:
            out += [f"{g.header}·{s}" for s in g.sub_headers(self.lang)]
        return out

    def column(self, indicator: str, key: str) -> list[Cell]:
        """Every row's cell of one indicator's sub-column (for tests and scripts)."""
        at = 1
        for g in self.groups:
            if g.indicator == indicator:
                return [row[at + g.keys.index(key)] for row in self.rows]
            at += len(g.keys)
        raise KeyError(indicator)

    @property
    def width(self) -> int:
        """How many columns the table has."""
        return 1 + sum(len(g.keys) for g in self.groups)


def build_regional_tables(
    regional: RegionalReport, *, lang: Lang = Lang.ZH, each: bool = False
) -> list[RegionalTable]:
    """The regional table, wide (every indicator side by side) or one per indicator."""
    if each:
        return [_table(regional, [i], lang) for i in range(len(regional.indicators))]
    return [_table(regional, list(range(len(regional.indicators))), lang)]


def stated_pace(regional: RegionalReport, inds: Sequence[Indicator]) -> Fraction | None:
    """The schedule pace a table of `inds` states: the report's where a figure shown has a
    pace (a flow against an annual target, as the completion table's pace column), else
    None: a stock's level at a date has no pace (text and JSON alike)."""
    paced = any(
        c.result.pace is not None for r in regional.rows for i in inds if (c := r.cells.get(i.id))
    )
    return regional.report.pace if paced else None


def _table(regional: RegionalReport, which: list[int], lang: Lang) -> RegionalTable:
    report = regional.report
    inds = [regional.indicators[i] for i in which]
    units = {i.unit.symbol for i in inds}
    shared = len(units) == 1
    groups = []
    for ind in inds:
        name = ind.name if lang is Lang.ZH else (ind.name_en or ind.name)
        unit = ind.unit.symbol if lang is Lang.ZH else ind.unit.english
        header = name if shared else f"{name}（{unit}）" if lang is Lang.ZH else f"{name} ({unit})"
        several = any(
            len(c.result.targets) > 1 for r in regional.rows if (c := r.cells.get(ind.id))
        )
        keys = tuple(k for k, _ in SUB_COLUMNS if k != "other_targets" or several)
        groups.append(Group(ind.id, header, unit, keys))
    rows: list[list[Cell]] = []
    total_row = None
    for row in regional.rows:
        name = row.region or say(TOTAL, lang)
        if row.total:
            total_row = len(rows)
            name = (
                f"{row.region}（{say(TOTAL, lang)}）"
                if lang is Lang.ZH
                else f"{row.region} (total)"
            )
        cells: list[Cell] = [Cell(name)]
        for g in groups:
            cells += _cells(row.cells.get(g.indicator), g.keys, lang, row.total)
        rows.append(cells)
    as_of = report.as_of
    title = say(("各地区目标任务完成情况表", "Completion by region"), lang)
    if len(inds) == 1 and len(regional.indicators) > 1:  # one table per indicator
        title = f"{groups[0].header} · {title}"
    unit_line = ""
    if shared and inds:
        unit_line = (
            f"单位：{next(iter(units))}" if lang is Lang.ZH else f"Unit: {inds[0].unit.english}"
        )
    date_line = ""
    if as_of is not None:
        date_line = (
            f"截至{as_of.year}年{as_of.month}月{as_of.day}日"
            if lang is Lang.ZH
            else f"As of {as_of.isoformat()}"
        )
        shown = stated_pace(regional, inds)
        if shown is not None:
            pace = format_decimal(shown, PCT_DECIMALS)
            date_line += f"，序时进度{pace}%" if lang is Lang.ZH else f"; schedule pace {pace}%"
    notes = _notes(regional, inds, lang)
    return RegionalTable(
        title,
        unit_line,
        date_line,
        say(("地区", "Region"), lang),
        groups,
        rows,
        total_row,
        notes,
        lang,
    )


def _cells(cell: RegionalCell | None, keys: tuple[str, ...], lang: Lang, total: bool) -> list[Cell]:
    if cell is None:
        return [Cell("") for _ in keys]
    result = cell.result
    out: dict[str, Cell] = {}
    primary = result.targets[0].target.value if result.targets else None
    if primary is not None:
        out["target"] = Cell(primary.literal, primary.value, max(primary.decimals, 0))
    elif result.target_source is not None and result.target_source.value == "none":
        out["target"] = Cell(say(NO_OWN_TARGET, lang), style=Style.WARN)
    if result.value is not None:
        stated = result.observation.stated.value if result.observation else None
        number = number_cell(result.value, result.value_decimals)
        if (
            stated is not None
            and stated.word
            and result.observation
            and not result.observation.stated.unit
        ):
            number = Cell(figure_words(stated.literal, lang), number.number, number.decimals)
        out["value"] = number
    else:
        out["value"] = Cell("—")
    out["completion"] = number_cell(result.completion, PCT_DECIMALS, percent=True, suffix="%")
    if result.pace_status is not None:
        status = say(PACE_STATUS[result.pace_status], lang)
        style = {"behind": Style.BAD, "on_pace": Style.WARN}.get(
            result.pace_status.value, Style.GOOD
        )
        if cell.behind:
            status = f"{BEHIND_MARK}{status}"
        out["pace_status"] = Cell(status, style=style)
    elif result.targets:  # a stock's or rate's target: reached or not, no schedule pace
        reached = result.targets[0].reached
        words = REACHED if reached else NOT_REACHED
        out["pace_status"] = Cell(say(words, lang), style=Style.GOOD if reached else Style.BAD)
    if cell.rank is not None and not total:
        out["rank"] = Cell(str(cell.rank), Decimal(cell.rank), 0)
    out["other_targets"] = Cell(other_targets_text(result, lang))
    return [out.get(k, Cell("")) for k in keys]


def other_targets_text(result: IndicatorResult, lang: Lang) -> str:
    """The targets beside the primary one and the value against each:
    力争4200，完成51.19% (a rate's: 力争95%，差0.50个百分点)."""
    parts = []
    for t in result.targets[1:]:
        name = t.target.name if lang is Lang.ZH else (t.target.name_en or t.target.name)
        text = (
            f"{name}{t.target.value.literal}"
            if lang is Lang.ZH
            else f"{name} {t.target.value.literal}"
        )
        if t.completion is not None:
            rate = format_decimal(t.completion, PCT_DECIMALS)
            text += f"，完成{rate}%" if lang is Lang.ZH else f": {rate}%"
        else:
            places = max(result.value_decimals, t.target.value.decimals)
            gap = format_decimal(abs(t.gap), places)
            if lang is Lang.ZH:
                word = "超" if t.gap > 0 else "差" if t.gap < 0 else "达到"
                text += f"，{word}{gap if t.gap else ''}"
            else:
                text += f": {'+' if t.gap > 0 else '-' if t.gap < 0 else ''}{gap}"
        parts.append(text)
    return "；".join(parts) if lang is Lang.ZH else "; ".join(parts)


def _notes(regional: RegionalReport, inds: list, lang: Lang) -> list[str]:  # type: ignore[type-arg]
    notes = [borrowed_note(regional.borrowed, lang)] if regional.borrowed else []
    for ind in inds:
        check = regional.totals.get(ind.id)
        if check is None or regional.parent is None:
            continue
        notes.append(
            _total_note(
                ind.name if lang is Lang.ZH else (ind.name_en or ind.name),
                regional.parent,
                check,
                lang,
            )
        )
    for ind in inds:
        behind = [
            r.region for r in regional.child_rows() if (c := r.cells.get(ind.id)) and c.behind
        ]
        if behind:
            name = ind.name if lang is Lang.ZH else (ind.name_en or ind.name)
            notes.append(
                f"{BEHIND_MARK}欠进度（{name}）：{'、'.join(behind)}"
                if lang is Lang.ZH
                else f"{BEHIND_MARK} behind pace ({name}): {', '.join(behind)}"
            )
    return notes


def _total_note(name: str, parent: str, check: TotalCheck, lang: Lang) -> str:
    if check.children_sum is None:
        missing = "、".join(check.missing) if lang is Lang.ZH else ", ".join(check.missing)
        return (
            f"{name}：缺{missing}的数据，未核对合计"
            if lang is Lang.ZH
            else f"{name}: no figure for {missing}; the total is not checked"
        )
    total = format_decimal(check.children_sum, check.decimals)
    if check.consistent is None:
        return (
            f"{name}：各地区合计{total}"
            if lang is Lang.ZH
            else f"{name}: the regions add up to {total}"
        )
    if lang is Lang.ZH:
        verdict = "与合计一致" if check.consistent else "与合计不一致"
        return f"{name}：各地区合计{total}，{verdict}（{parent}）"
    verdict = "agrees with" if check.consistent else "does NOT agree with"
    return f"{name}: the regions add up to {total}, which {verdict} {parent}'s figure"


def split_groups(table: RegionalTable) -> list[RegionalTable]:
    """The table cut into one table per indicator (for a narrow screen)."""
    parts = []
    at = 1
    for g in table.groups:
        rows = [[row[0], *row[at : at + len(g.keys)]] for row in table.rows]
        title = f"{g.header} · {table.title}"
        unit_line = table.unit_line
        parts.append(
            RegionalTable(
                title,
                unit_line,
                table.date_line,
                table.region_header,
                [g],
                rows,
                table.total_row,
                [],
                table.lang,
            )
        )
        at += len(g.keys)
    return parts
