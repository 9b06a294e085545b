"""Words shown to users, in Chinese and English."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from hrkpi.core.dates import parse_date
from hrkpi.core.models import Base, Level, PaceStatus, ThresholdKind


class Lang(StrEnum):
    """Output language."""

    ZH = "zh"
    EN = "en"


PACE_STATUS = {
    PaceStatus.COMPLETED: ("已完成", "completed"),
    PaceStatus.AHEAD: ("超进度", "ahead"),
    PaceStatus.ON_PACE: ("达进度", "on pace"),
    PaceStatus.BEHIND: ("欠进度", "behind"),
}
MET = ("达标", "met")
MISSED = {Level.FAIL: ("未达标", "failed"), Level.WARN: ("预警", "warning")}
# How far past its warning level a figure is, by the level's shape (floor, ceiling, band):
# a warning is no failure, and its margin is the warning level's own (the completion
# table's cell and a finding's reason say it alike).
PAST_WARNING = {
    ThresholdKind.FLOOR.value: ("低于预警线", "below the warning level"),
    ThresholdKind.CEILING.value: ("超出预警线", "past the warning level"),
    ThresholdKind.BAND.value: ("超出预警范围", "outside the warning band"),
}
POINTS = ("个百分点", " pp")
NO_DATA = ("—", "—")
NO_OWN_TARGET = ("无本级目标", "no own target")
REACHED = ("已达到", "reached")  # a stock's or rate's target (no schedule pace)
NOT_REACHED = ("未达到", "not reached")  # a region the level above assigned none


def say(pair: tuple[str, str], lang: Lang) -> str:
    """Pick the word for `lang` from a (zh, en) pair."""
    return pair[0] if lang is Lang.ZH else pair[1]


def base_label(base: Base | dt.date | str, lang: Lang) -> str:
    """同比 / 较上年末 / 较2月10日 (year on year / since the end of last year / since 2020-02-10):
    a stated change's base, or a finding's as data (same_period_last_year, 2020-02-10)."""
    base = as_base(base)
    if base is Base.SAME_PERIOD_LAST_YEAR:
        return say(("同比", "year on year"), lang)
    if base is Base.END_OF_LAST_YEAR:
        return say(("较上年末", "since the end of last year"), lang)
    assert isinstance(base, dt.date)
    if lang is Lang.ZH:
        return f"较{base.month}月{base.day}日"
    return f"since {base.isoformat()}"


def as_base(base: Base | dt.date | str) -> Base | dt.date:
    """A base as data (same_period_last_year, end_of_last_year, 2020-02-10) as a Base or a
    date, read by the one date parser."""
    if isinstance(base, Base | dt.date):
        return base
    try:
        return Base(base)
    except ValueError:
        return parse_date(base)


def engine_note(engine: str, exact_rows: int, lang: Lang) -> str:
    """What --verbose says about the run: which engine, and how many rows the fast path
    handed to the exact engine one by one (rows near a rounding boundary, odd rows)."""
    if engine != "fast":
        return say(
            ("引擎：精确（每个数字以分数计算）", "engine: exact (every figure in fractions)"), lang
        )
    if lang is Lang.ZH:
        return f"引擎：快速（列式计算）；由精确引擎逐行复核{exact_rows}行"
    return f"engine: fast (columns); {exact_rows} rows re-decided by the exact engine, one by one"


# The series table's (compute --series) headers: in English its column keys, as scripts
# read them; in Chinese the words of the completion table.
SERIES_HEADERS = {
    "region": "地区",
    "indicator": "指标",
    "period": "时期",
    "as_of": "截至日期",
    "unit": "单位",
    "value": "数值",
    "completion": "完成率",
    "pace_status": "进度状态",
    "yoy_previous": "上年同期",
    "yoy": "同比",
    "limit_status": "是否达标",
    "region_sum": "下级地区合计",
    "parts_sum": "分项合计",
}
# Its status cells in Chinese (English keeps the keys: completed, on_pace, pass, warn...).
SERIES_VALUES = {
    "pace_status": {status.value: PACE_STATUS[status][0] for status in PaceStatus},
    "limit_status": {"pass": MET[0], "warn": MISSED[Level.WARN][0], "fail": MISSED[Level.FAIL][0]},
}

# The stages the library reports to a progress callback (hrkpi.api), as a progress bar
# shows them; a stage not listed is shown as the library named it.
STAGES = {
    "starting": ("开始", "starting"),
    "reading data": ("读取数据", "reading data"),
    "computing": ("计算", "computing"),
    "computed": ("计算完成", "computed"),
    "computing every figure exactly": ("逐个精确计算", "computing every figure exactly"),
    "checking": ("核对", "checking"),
    "checked": ("核对完成", "checked"),
    "checking every figure exactly": ("逐个精确核对", "checking every figure exactly"),
}


def stage_label(stage: str, lang: Lang) -> str:
    """A progress stage (the library's English key) in `lang`."""
    pair = STAGES.get(stage)
    return say(pair, lang) if pair else stage


def borrowed_note(regions: list[str], lang: Lang, shown: int = 5) -> str:
    """The note under a table whose regions are measured against the indicator
    definition's target for want of a hierarchy and of their own targets."""
    more = len(regions) - shown
    one = len(regions) == 1
    if lang is Lang.ZH:
        names = "、".join(regions[:shown]) + (f"等{len(regions)}个地区" if more > 0 else "")
        # 均 ("each") only where there are several regions to speak of.
        return (
            f"注：未给出地区层级（--regions），{names}也没有本级目标（--targets）："
            f"{'' if one else '均'}按指标定义的目标（通常为上级的目标）计算"
        )
    names = ", ".join(regions[:shown]) + (f" and {more} more" if more > 0 else "")
    if one:
        return (
            f"Note: no region hierarchy (--regions), and {names} has no target of its own "
            "(--targets): it is measured against the indicator definition's target (usually "
            "the parent's)"
        )
    return (
        f"Note: no region hierarchy (--regions), and {names} have no targets of their own "
        "(--targets): each is measured against the indicator definition's target (usually "
        "the parent's)"
    )
