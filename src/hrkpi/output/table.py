"""The completion table (目标任务完成情况表): columns, headers and typed cells.

Every output (terminal, CSV, Markdown, Excel, HTML) draws from these rows, so
a figure reads the same everywhere. Numbers are rounded once, by GB/T 8170,
from the exact value, and carried as Decimal next to their text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from hrkpi.core.collector import collector_paused
from hrkpi.core.errors import UsageError
from hrkpi.core.messages import Msg
from hrkpi.core.models import Base, Level, Measure, PaceStatus, Threshold, ThresholdKind
from hrkpi.core.numbers import figure_in, round_gb
from hrkpi.core.targets import TargetSource
from hrkpi.engine.indicator import ChangeResult, IndicatorResult
from hrkpi.engine.report import Report
from hrkpi.output.figures import change_text, figure_words, value_text
from hrkpi.output.words import (
    MET,
    MISSED,
    NO_DATA,
    NO_OWN_TARGET,
    NOT_REACHED,
    PACE_STATUS,
    PAST_WARNING,
    POINTS,
    REACHED,
    Lang,
    base_label,
    say,
)

PCT_DECIMALS = 2  # completion, pace and growth rates are shown to 0.01%


class Style(StrEnum):
    """How a cell should be coloured."""

    GOOD = "good"
    WARN = "warn"
    BAD = "bad"
    NONE = "none"


@dataclass(frozen=True)
class Cell:
    """One table cell: its text, and its number when it has one."""

    text: str
    number: Decimal | None = None
    decimals: int = 0
    percent: bool = False  # number is in % (105.50 means 105.50%)
    style: Style = Style.NONE


EMPTY = Cell("")


@dataclass(frozen=True)
class Column:
    """A column of the completion table."""

    key: str
    zh: str
    en: str

    def header(self, lang: Lang) -> str:
        """The header in `lang`."""
        return self.zh if lang is Lang.ZH else self.en


COLUMNS: tuple[Column, ...] = (
    Column("no", "序号", "No."),
    Column("region", "地区", "Region"),
    Column("name", "指标名称", "Indicator"),
    Column("unit", "单位", "Unit"),
    Column("target", "年度目标", "Annual target"),
    Column("value", "累计完成", "Actual"),
    Column("completion", "完成率", "Completion"),
    Column("pace", "序时进度", "Schedule pace"),
    Column("pace_status", "进度状态", "Pace status"),
    Column("yoy", "同比", "YoY"),
    Column("yoy_previous", "上年同期", "Same period last year"),
    Column("ytd", "较上年末", "vs end of last year"),
    Column("ytd_previous", "上年末", "End of last year"),
    Column("other_change", "其他比较", "Other comparison"),
    Column("limit", "控制目标", "Limit"),
    Column("limit_status", "是否达标", "Within limit"),
    Column("parts_sum", "分项合计", "Sum of parts"),
    Column("other_targets", "其他目标", "Other targets"),
)
COLUMN_KEYS = tuple(c.key for c in COLUMNS)
# One default for every output (compute --format csv|markdown, export in any format):
# every column, the region only when there are several. The implied bases
# (上年同期, 上年末) are shown, as a report states only the current value and change.
# 其他目标 only when some indicator has several targets (省下达, 力争).
DEFAULT_COLUMNS = tuple(k for k in COLUMN_KEYS if k not in ("region", "other_targets"))


@dataclass(frozen=True)
class SectionRow:
    """A heading row: the report section the following indicators stand under."""

    code: str
    title: str


@dataclass(frozen=True)
class IndicatorRow:
    """One indicator's cells, keyed by column."""

    result: IndicatorResult
    cells: dict[str, Cell] = field(default_factory=dict)


Row = SectionRow | IndicatorRow


@dataclass(frozen=True)
class Table:
    """A completion table ready to render."""

    columns: tuple[Column, ...]
    rows: list[Row]
    lang: Lang
    title: str

    def indicator_rows(self) -> list[IndicatorRow]:
        """Only the indicator rows."""
        return [r for r in self.rows if isinstance(r, IndicatorRow)]


def pick_columns(names: Sequence[str] | None, report: Report) -> tuple[Column, ...]:
    """The columns to show: `names` in that order — each a key or a header in either
    language (completion, 完成率, Completion) — or the defaults (with 地区 when the
    report has several regions). Every output takes its columns from here.

    Raises UsageError naming the unknown column and the choices.
    """
    if not names:
        wanted = list(DEFAULT_COLUMNS)
        if len(report.regions) > 1:
            wanted.insert(1, "region")
        if has_several_targets(report):
            wanted.insert(wanted.index("target") + 1, "other_targets")
    else:
        wanted = [column_key(name) for name in names]
    by_key = {c.key: c for c in COLUMNS}
    return tuple(by_key[k] for k in wanted)


def has_several_targets(report: Report) -> bool:
    """True when some indicator is judged against more than one target (省下达, 力争)."""
    return any(len(r.targets) > 1 for r in report.results)


def column_key(name: str) -> str:
    """The key of a column named by its key or its Chinese or English header."""
    key = _ALIASES.get(name.strip().casefold())
    if key is None:
        choices = ", ".join(f"{c.key} ({c.zh})" for c in COLUMNS)
        raise UsageError(
            Msg(
                "unknown column {name!r}; choose from {choices}",
                name=name.strip(),
                choices=choices,
            )
        )
    return key


_ALIASES = {alias.casefold(): c.key for c in COLUMNS for alias in (c.key, c.zh, c.en)}


@collector_paused(kept=True)  # (a cell a figure: see hrkpi.core.collector)
def build_table(
    report: Report, *, lang: Lang = Lang.ZH, columns: Sequence[str] | None = None
) -> Table:
    """Lay a computed report out as the completion table."""
    chosen = pick_columns(columns, report)
    rows: list[Row] = []
    current: tuple[str, str | None] | None = None
    for number, result in enumerate(report.results, start=1):
        section = report.catalog.section_of(result.indicator)
        key = (result.region, section.id if section else None)
        if key != current:
            current = key
            if section is not None:
                title = section.title if lang is Lang.ZH else (section.title_en or section.title)
                rows.append(SectionRow(section.code, title))
        cells = _cells(result, number, lang, report.as_of)
        rows.append(IndicatorRow(result, {c.key: cells.get(c.key, EMPTY) for c in chosen}))
    as_of = report.as_of.isoformat() if report.as_of else ""
    title = say(("目标任务完成情况表", "Completion table"), lang) + (f" ({as_of})" if as_of else "")
    return Table(chosen, rows, lang, title)


def number_cell(
    value: Fraction | None,
    decimals: int,
    *,
    percent: bool = False,
    sign: bool = False,
    suffix: str = "",
    style: Style = Style.NONE,
) -> Cell:
    """A numeric cell rounded once by GB/T 8170."""
    if value is None:
        return EMPTY
    text = change_text(value, decimals, suffix) if sign else value_text(value, decimals) + suffix
    return Cell(text, round_gb(value, decimals), decimals, percent, style)


def _cells(
    result: IndicatorResult, number: int, lang: Lang, as_of: dt.date | None
) -> dict[str, Cell]:
    ind = result.indicator
    name = ind.name if lang is Lang.ZH else (ind.name_en or ind.name)
    obs = result.observation
    if obs is not None and as_of is not None and obs.as_of != as_of:
        # A figure standing at another date than the table's says so (返岗: 6月12日).
        when = obs.as_of
        if when.year != as_of.year:
            # Not this year's progress: the engine gives it no completion or pace.
            name += (
                f"（截至{when.year}年{when.month}月{when.day}日，不计本年进度）"
                if lang is Lang.ZH
                else f" (as of {when}; not this year's progress)"
            )
        else:
            name += f"（截至{when.month}月{when.day}日）" if lang is Lang.ZH else f" (as of {when})"
    cells: dict[str, Cell] = {
        "no": Cell(str(number), Decimal(number), 0),
        "region": Cell(result.region),
        "name": Cell(name),
        "unit": Cell(ind.unit.symbol if lang is Lang.ZH else ind.unit.english),
    }
    if ind.target is not None:
        cells["target"] = Cell(ind.target.literal, ind.target.value, max(ind.target.decimals, 0))
    elif result.target_source is TargetSource.NONE:
        # A region without a target of its own says so; its parent's is never used.
        cells["target"] = Cell(say(NO_OWN_TARGET, lang), style=Style.WARN)
    if len(result.targets) > 1:
        from hrkpi.output.regional import other_targets_text

        cells["other_targets"] = Cell(other_targets_text(result, lang))
    cells["value"] = _value_cell(result, lang)
    cells["completion"] = number_cell(result.completion, PCT_DECIMALS, percent=True, suffix="%")
    cells["pace"] = number_cell(result.pace, PCT_DECIMALS, percent=True, suffix="%")
    if result.pace_status is not None:
        style = {PaceStatus.BEHIND: Style.BAD, PaceStatus.ON_PACE: Style.WARN}.get(
            result.pace_status, Style.GOOD
        )
        cells["pace_status"] = Cell(say(PACE_STATUS[result.pace_status], lang), style=style)
    elif result.targets:  # a stock's or rate's target: reached or not, no schedule pace
        reached = result.targets[0].reached
        cells["pace_status"] = Cell(
            say(REACHED if reached else NOT_REACHED, lang),
            style=Style.GOOD if reached else Style.BAD,
        )
    others = []
    for change in result.changes:
        if change.stated.base is Base.SAME_PERIOD_LAST_YEAR:
            cells["yoy"] = _change_cell(change, result, lang)
            cells["yoy_previous"] = number_cell(change.previous, change.decimals)
        elif change.stated.base is Base.END_OF_LAST_YEAR:
            cells["ytd"] = _change_cell(change, result, lang)
            cells["ytd_previous"] = number_cell(change.previous, change.decimals)
        else:
            text = _change_cell(change, result, lang).text
            base = number_cell(change.previous, change.decimals).text
            if base:
                text += f"（基数 {base}）" if lang is Lang.ZH else f" (base {base})"
            others.append(f"{base_label(change.stated.base, lang)} {text}")
    if others:
        cells["other_change"] = Cell("; ".join(others))
    if ind.thresholds:
        cells["limit"] = Cell(
            "; ".join(_limit_text(t, ind.unit.symbol, lang) for t in ind.thresholds)
        )
    if result.thresholds:
        cells["limit_status"] = _threshold_cell(result, lang)
    cells["parts_sum"] = number_cell(result.parts_sum, result.parts_decimals)
    if result.parts_approximate and cells["parts_sum"].text:
        # 2.6万 + 1400多 + 600多 is about 2.8万, not exactly.
        about = cells["parts_sum"]
        said = say(("约", "about "), lang) + about.text
        cells["parts_sum"] = Cell(said, about.number, about.decimals)
    return cells


def _value_cell(result: IndicatorResult, lang: Lang) -> Cell:
    if result.value is None:
        return Cell(NO_DATA[0]) if result.observation is None else EMPTY
    stated = result.observation.stated.value if result.observation else None
    cell = number_cell(result.value, result.value_decimals)
    if (
        stated is not None
        and stated.word
        and result.observation
        and not result.observation.stated.unit
    ):
        # Keep the report's own words for an approximate figure: 近84, 1400多 (in English
        # as the findings say them: nearly 84, over 1400).
        return Cell(figure_words(stated.literal, lang), cell.number, cell.decimals)
    return cell


def _change_cell(change: ChangeResult, result: IndicatorResult, lang: Lang) -> Cell:
    """The stated change where the report gives one (its own figure), else the computed one."""
    stated = change.stated
    points = say(POINTS, lang)
    if result.indicator.measure is Measure.RATE:
        pp = stated.pp.exact if stated.pp else change.points
        return number_cell(
            pp, stated.pp.decimals if stated.pp else PCT_DECIMALS, sign=True, suffix=points
        )
    parts = []
    if stated.abs is not None:
        # The report's own figure, in the row's unit: 增加12300人 is +1.23 in a 万人 row.
        obs = result.observation
        source = stated.abs_unit or (obs.stated.unit if obs else None) or result.indicator.unit
        absolute = figure_in(stated.abs, source, result.indicator.unit)
        parts.append(number_cell(absolute.exact, absolute.decimals, sign=True))
    pct = stated.pct.exact if stated.pct else change.relative
    pct_cell = number_cell(
        pct,
        stated.pct.decimals if stated.pct else PCT_DECIMALS,
        percent=True,
        sign=True,
        suffix="%",
    )
    if not parts:
        return pct_cell
    if pct is None:
        return parts[0]
    return Cell(f"{parts[0].text} ({pct_cell.text})", pct_cell.number, pct_cell.decimals, True)


_SYMBOL = {
    (ThresholdKind.FLOOR, True): "≥",
    (ThresholdKind.FLOOR, False): ">",
    (ThresholdKind.CEILING, True): "≤",
    (ThresholdKind.CEILING, False): "<",
}


WARN_MARK = ("（预警）", " (warn)")  # after a warning line's limit


def _limit_text(threshold: Threshold, unit: str, lang: Lang) -> str:
    if threshold.kind is ThresholdKind.BAND:
        if threshold.tolerance is not None:
            return f"{threshold.value.literal}±{threshold.tolerance.literal}{unit}"
        upper = threshold.upper.literal if threshold.upper else ""
        return f"{threshold.value.literal}–{upper}{unit}"
    symbol = _SYMBOL[(threshold.kind, bool(threshold.inclusive))]  # type: ignore[index]
    # (a warning line: 预警 in Chinese, as the findings call it)
    warn = say(WARN_MARK, lang) if threshold.level is Level.WARN else ""
    return f"{symbol}{threshold.value.literal}{unit}{warn}"


def _threshold_cell(result: IndicatorResult, lang: Lang) -> Cell:
    worst = min(result.thresholds, key=lambda t: (t.met, t.threshold.level is Level.WARN))
    # The margin is a difference of the value and the limit: it needs the finer of
    # their decimals (3.56 within 4 leaves 0.44, not 0), and 0.01 for a rate.
    rate = result.indicator.measure is Measure.RATE
    decimals = max(
        worst.threshold.value.decimals, result.value_decimals, PCT_DECIMALS if rate else 0
    )
    # (the margin in its unit: 个百分点 for a rate, else the indicator's, 万人)
    own = result.indicator.unit
    unit = say(POINTS, lang) if rate else say((own.symbol, f" {own.english}"), lang)
    margin = value_text(abs(worst.margin), decimals) + unit
    number = round_gb(worst.margin, decimals)
    zh = lang is Lang.ZH
    if worst.met:
        text = f"{say(MET, lang)}，余{margin}" if zh else f"met, {margin} to spare"
        return Cell(text, number, decimals, style=Style.GOOD)
    word, shape = say(MISSED[worst.threshold.level], lang), worst.threshold.kind
    if worst.threshold.level is Level.WARN:  # (past the warning level, as findings say)
        past = say(PAST_WARNING[(shape or ThresholdKind.CEILING).value], lang)
        text = f"{word}，{past}{margin}" if zh else f"{word}, {margin} {past}"
        return Cell(text, number, decimals, style=Style.WARN)
    short = shape is ThresholdKind.FLOOR  # (short of a floor: 差; else 超出)
    text = (
        f"{word}，{'差' if short else '超出'}{margin}"
        if zh
        else (f"missed, {margin} {'short of' if short else 'beyond'} the limit")
    )
    return Cell(text, number, decimals, style=Style.BAD)
