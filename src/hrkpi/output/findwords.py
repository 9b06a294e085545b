"""The words of check findings, in Chinese and English.

A finding is data (hrkpi.checks.findings); this module is the only place that
turns it into sentences: the relation checked, why the verdict, and what to do.
The check text, JSON, JUnit, the xlsx findings sheet and the HTML report all
read their words from here, so every format and language says the same thing.

A name a user writes (an indicator, a region, a limit's label) is never run into the
figure after it, whatever it ends in (合成指标00 and 34.84% never read 合成指标0034.84%).
In Chinese a name states its figure with 为 (城镇登记失业率为3.56%，年度控制目标为4%以内;
其中工业为11205人、建筑业为7137人); a figure named inside another clause stands in
brackets after its name (比年度控制目标（4%）低0.44个百分点, 占全市（236.60万人）的29.8%);
and in a formula each term is its name, a space and its figure (示范省 102375 = 市01 23481 +
市02 23401), as in English, where a space or a colon always parts them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import PurePath

from hrkpi.checks.findings import (
    CheckKind,
    Finding,
    Role,
    UsedFigure,
    Verdict,
)
from hrkpi.core.catalog import Catalog
from hrkpi.core.models import PaceStatus
from hrkpi.core.periods import parse_period
from hrkpi.core.units import UNITS
from hrkpi.output.figures import figure_words, value_text
from hrkpi.output.limitphrases import limit_phrase
from hrkpi.output.words import PACE_STATUS, Lang, as_base, base_label, say

VERDICT_LABELS: dict[Verdict, tuple[str, str]] = {
    Verdict.CONSISTENT: ("一致", "consistent"),
    Verdict.INCONSISTENT: ("不一致", "inconsistent"),
    Verdict.NOT_CHECKABLE: ("无法核对", "not checkable"),
    Verdict.TARGET_NOT_PRINTED: ("目标未列明", "target not printed"),
    Verdict.PASS: ("达标", "pass"),
    Verdict.WARN: ("预警", "warn"),
    Verdict.FAIL: ("未达标", "fail"),
}
# Short marks for one line per finding: the English ones read as a test runner's.
MARKS: dict[Verdict, tuple[str, str]] = {
    Verdict.CONSISTENT: ("一致", "ok"),
    Verdict.PASS: ("达标", "ok"),
    Verdict.NOT_CHECKABLE: ("无法核对", "--"),
    Verdict.TARGET_NOT_PRINTED: ("目标未列明", "--"),
    Verdict.WARN: ("预警", "WARN"),
    Verdict.FAIL: ("未达标", "FAIL"),
    Verdict.INCONSISTENT: ("不一致", "FAIL"),
}
KIND_LABELS: dict[CheckKind, tuple[str, str]] = {
    CheckKind.COMPLETION: ("完成率", "completion rate"),
    CheckKind.CHANGE_PCT: ("增长率", "growth rate"),
    CheckKind.CHANGE_ABS: ("增减量", "absolute change"),
    CheckKind.CHANGE_PP: ("百分点变化", "change in points"),
    CheckKind.WHOLE_BASE: ("整数基数", "whole-number base"),
    CheckKind.COMPOSITION: ("分项合计", "sum of parts"),
    CheckKind.REGION_SUM: ("地区合计", "sum of regions"),
    CheckKind.PARTS_GROWTH: ("分项增速", "growth of parts"),
    CheckKind.PARTS_CHANGE: ("分项推算增幅", "growth from parts"),
    CheckKind.INCREMENTS: ("分项增量合计", "sum of parts' changes"),
    CheckKind.PARTIAL_PARTS: ("其中分项", "parts of which"),
    CheckKind.SHARE: ("占比", "share"),
    CheckKind.SHARE_SUM: ("占比合计", "sum of shares"),
    CheckKind.RATIO: ("比率", "ratio"),
    CheckKind.MARGIN: ("与目标差距", "distance to limit"),
    CheckKind.RESTATEMENT: ("重复陈述", "restatement"),
    CheckKind.THRESHOLD_CLAIM: ("控制目标表述", "limit as stated"),
    CheckKind.PACE_CLAIM: ("进度表述", "pace as stated"),
    CheckKind.THRESHOLD: ("控制目标", "limit"),
    CheckKind.TARGET_SPLIT: ("目标分解", "target split"),
    CheckKind.QUOTE: ("引文数字", "quoted figure"),
}
# What the recomputed range is a range of.
WHAT: dict[CheckKind, tuple[str, str]] = {
    CheckKind.COMPLETION: ("完成率", "rate"),
    CheckKind.CHANGE_PCT: ("增长率", "rate"),
    CheckKind.CHANGE_ABS: ("增减量", "difference"),
    CheckKind.CHANGE_PP: ("变化", "difference"),
    CheckKind.PARTS_GROWTH: ("增幅", "growth"),
    CheckKind.COMPOSITION: ("分项合计", "sum of the parts"),
    CheckKind.REGION_SUM: ("下级地区合计", "sum of the regions"),
    CheckKind.PARTS_CHANGE: ("增幅", "growth"),
    CheckKind.INCREMENTS: ("各分项增减量之和", "sum of the parts' changes"),
    CheckKind.PARTIAL_PARTS: ("其中各项合计", "sum of the parts"),
    CheckKind.SHARE: ("占比", "share"),
    CheckKind.SHARE_SUM: ("占比之和", "sum of the shares"),
    CheckKind.RATIO: ("比率", "ratio"),
    CheckKind.MARGIN: ("差距", "distance"),
    CheckKind.RESTATEMENT: ("前一陈述值", "first printing"),
    CheckKind.TARGET_SPLIT: ("下级地区目标合计", "sum of the regions' targets"),
}
LISTED = 20  # name every part or region up to this many; beyond, count them
MORE_KINDS = frozenset(
    {
        CheckKind.PARTS_CHANGE,
        CheckKind.INCREMENTS,
        CheckKind.PARTIAL_PARTS,
        CheckKind.SHARE,
        CheckKind.SHARE_SUM,
        CheckKind.RATIO,
        CheckKind.MARGIN,
        CheckKind.RESTATEMENT,
    }
)


@dataclass(frozen=True)
class Words:
    """Words for findings in one language, with the indicator names of a catalog."""

    lang: Lang
    catalog: Catalog | None = None
    bare_paths: bool = False  # exports name a file by its name only (no local folders)

    def place(self, file: str, line: int) -> str:
        """file:line, the file by its name only when `bare_paths`."""
        return f"{PurePath(file).name if self.bare_paths else file}:{line}"

    def zh(self) -> bool:
        """True for Chinese."""
        return self.lang is Lang.ZH

    def name(self, indicator: str) -> str:
        """The indicator's name in the language (its id when the catalog lacks it)."""
        ind = self.catalog.indicators.get(indicator) if self.catalog else None
        if ind is None:
            return indicator
        return ind.name if self.zh() else (ind.name_en or ind.name)

    def unit(self, symbol: str) -> str:
        """A unit as written after a number: 万人 in Chinese, " 10k persons" in English."""
        if self.zh() or symbol in ("%", ""):
            return symbol
        if symbol == "个百分点":
            return " pp"
        unit = UNITS.get(symbol)
        return f" {unit.english}" if unit else f" {symbol}"

    def base_unit(self, indicator: str) -> str:
        """The indicator's base unit (件, 人): whole bases are counted in it."""
        ind = self.catalog.indicators.get(indicator) if self.catalog else None
        return self.unit(ind.unit.base) if ind else ""

    def fig(self, literal: str) -> str:
        """A stated figure as a line writes it: as stated in Chinese, its approximation
        word in English in English (`figure_words`)."""
        return figure_words(literal, self.lang)


@lru_cache(maxsize=4096)
def period_label(text: str, lang: Lang) -> str:
    """A finding's period (its code, 2021-01/06) as its words name it: the period's own
    label, 2021年1-6月 in Chinese (`Period.label_zh`), its code in English; a date (a
    region sum's, a row's that states no period: 2021-06-30) as 2021年6月30日 in Chinese,
    as it is in English; any other text as it is."""
    try:
        period = parse_period(text)
    except ValueError:
        return _date_label(text) if lang is Lang.ZH else text
    return period.label_zh if lang is Lang.ZH else period.code


def _date_label(text: str) -> str:
    """An ISO date as Chinese writes it (2021年6月30日, as 截至 does); other text as it is."""
    try:
        when = dt.date.fromisoformat(text)
    except ValueError:
        return text
    return f"{when.year}年{when.month}月{when.day}日"


def place_words(f: Finding, w: Words) -> str:
    """The region and period of the table's row a finding's figure stands on, as its line
    names them before the relation: 临江县 2021年1-3月 (临江县 2021-01/03 in English); ""
    for the report's own figures (YAML, a report's text), whose region is the document's."""
    if not f.row:
        return ""
    period = period_label(f.period, w.lang) if f.period else ""
    return " ".join(p for p in (f.region, period) if p)


def placed_relation(f: Finding, w: Words) -> str:
    """The relation as a finding's line states it: after its row's region and period
    (`place_words`) where it stands on a table's row: 临江县 2021年1-3月：城镇新增就业完成率
    26.88% = 1075 ÷ 4000 × 100% (临江县 2021-01/03: New urban jobs: completion ...)."""
    place = place_words(f, w)
    if not place:
        return relation(f, w)
    return place + ("：" if w.zh() else ": ") + relation(f, w)


def kind_label(kind: CheckKind, lang: Lang) -> str:
    """The rule's name: 完成率 / completion rate."""
    return say(KIND_LABELS[kind], lang)


def verdict_label(verdict: Verdict, lang: Lang) -> str:
    """The verdict in words: 一致 / consistent."""
    return say(VERDICT_LABELS[verdict], lang)


def mark(verdict: Verdict, lang: Lang) -> str:
    """The short mark of a finding's line: 一致, 不一致 / ok, FAIL."""
    return say(MARKS[verdict], lang)


def previous_noun(base: str, w: Words) -> str:
    """What the base value is called: 上年同期 / 上年末 / 2月10日 / 上期."""
    if base == "same_period_last_year":
        return "上年同期" if w.zh() else "the same period last year"
    if base == "end_of_last_year":
        return "上年末" if w.zh() else "the end of last year"
    if base:
        when = as_base(base)
        assert isinstance(when, dt.date)
        return f"{when.month}月{when.day}日" if w.zh() else base
    return "上期" if w.zh() else "the previous value"


def rise_fall(literal: str, rise: str, fall: str) -> str:
    """增长2.28 / 下降46.30 (up 2.28 / down 46.30): a signed literal as a word and its
    magnitude; an English word (up, down) is followed by the magnitude in English (down
    nearly 3 for -近3: `figure_words`)."""
    text = literal.strip()
    lang = Lang.EN if rise.isascii() else Lang.ZH
    if text.startswith("-"):
        return f"{fall}{figure_words(text[1:], lang)}"
    return f"{rise}{figure_words(text.lstrip('+'), lang)}"


def used_figure(f: Finding, role: Role) -> UsedFigure | None:
    return next((u for u in f.figures if u.role is role), None)


def _lit(f: Finding, role: Role, w: Words) -> str:
    used = used_figure(f, role)
    return w.fig(used.literal) if used else "?"


def relation(f: Finding, w: Words) -> str:
    """The relation checked, with the stated figures: what a reader looks up in the report."""
    name = w.name(f.indicator)
    base = base_label(f.base, w.lang) if f.base else ""
    value = _lit(f, Role.VALUE, w)
    unit = w.unit(f.unit)
    k = f.kind
    if k in MORE_KINDS or f.verdict is Verdict.TARGET_NOT_PRINTED:
        # Relations added with shares, margins and restatements are worded beside.
        from hrkpi.output.relationwords import more_relation

        return more_relation(f, w)
    if k is CheckKind.QUOTE:
        from hrkpi.output.quotewords import quote_relation

        return quote_relation(f, w)
    if k is CheckKind.COMPLETION:
        target = _lit(f, Role.TARGET, w) if used_figure(f, Role.TARGET) else "?"
        v_fig, t_fig = used_figure(f, Role.VALUE), used_figure(f, Role.TARGET)
        if v_fig and t_fig and v_fig.unit != t_fig.unit:
            # 4215人 against 0.8万人: name both units, or the ratio reads wrong.
            value, target = f"{value}{w.unit(v_fig.unit)}", f"{target}{w.unit(t_fig.unit)}"
        if w.zh():
            return f"{name}完成率{f.stated}% = {value} ÷ {target} × 100%"
        return f"{name}: completion {w.fig(f.stated or '')}% = {value} / {target} x 100%"
    if k in (CheckKind.CHANGE_ABS, CheckKind.CHANGE_PP, CheckKind.CHANGE_PCT):
        return _change_relation(f, w, name, base, value)
    if k is CheckKind.WHOLE_BASE:
        own = w.unit(used_figure(f, Role.VALUE).unit if used_figure(f, Role.VALUE) else "")  # type: ignore[union-attr]
        if w.zh():
            return f"{name}为{value}{own}，{base}{rise_fall(f.stated or '', '增长', '下降')}%"
        return f"{name}: {value}{own}, {rise_fall(f.stated or '', 'up ', 'down ')}% {base}"
    if k in (CheckKind.COMPOSITION, CheckKind.REGION_SUM, CheckKind.TARGET_SPLIT):
        from hrkpi.output.sumwords import sum_relation

        return sum_relation(f, w, name)
    if k is CheckKind.PARTS_GROWTH:
        rates = [w.fig(u.literal) + "%" for u in f.figures if u.role is Role.PART_PCT]
        if w.zh():
            growth = rise_fall(f.stated or "", "增长", "下降")
            return f"{name}{base}{growth}%，应介于各分项增幅之间（{'、'.join(rates)}）"
        growth = rise_fall(f.stated or "", "up ", "down ")
        return f"{name}: {growth}% {base}, which must lie between its parts' growths " + (
            f"({', '.join(rates)})"
        )
    if k is CheckKind.THRESHOLD_CLAIM:
        if f.limit is None:
            return (
                f"{name}为{value}{unit}，表述为在控制目标以内"
                if w.zh()
                else f"{name}: {value}{unit}, stated as within its limit"
            )
        within = f.limit.claim_within
        if w.zh():
            claim = "在目标以内" if within else "超出目标"
            return f"{name}为{value}{unit}，{limit_phrase(f, w)}，表述为{claim}"
        claim = "within" if within else "outside"
        return f"{name}: {value}{unit}; {limit_phrase(f, w)}; stated as {claim} the limit"
    if k is CheckKind.PACE_CLAIM:
        assert f.pace is not None
        status = say(PACE_STATUS[PaceStatus(f.pace.stated)], w.lang)
        pace = value_text(f.pace.pace, 2)
        if w.zh():
            return f"{name}表述为{status}（序时进度{pace}%）"
        return f"{name}: stated as {status} (schedule pace {pace}%)"
    # THRESHOLD
    if w.zh():
        return f"{name}为{value}{unit}，{limit_phrase(f, w)}"
    return f"{name}: {value}{unit}; {limit_phrase(f, w)}"


def _change_relation(f: Finding, w: Words, name: str, base: str, value: str) -> str:
    previous = used_figure(f, Role.PREVIOUS)
    absolute = used_figure(f, Role.ABS)
    unit = w.unit(f.unit)
    zh = w.zh()
    minus = "−" if zh else "-"
    if f.kind is CheckKind.CHANGE_ABS:
        head = (
            f"{name}{base}{rise_fall(f.stated or '', '增加', '减少')}{unit}"
            if zh
            else f"{name}: {rise_fall(f.stated or '', 'up ', 'down ')}{unit} {base}"
        )
        return head + (f" = {value} {minus} {_previous(f, w)}" if previous else "")
    if f.kind is CheckKind.CHANGE_PP:
        head = (
            f"{name}{base}{rise_fall(f.stated or '', '提高', '降低')}个百分点"
            if zh
            else f"{name}: {rise_fall(f.stated or '', 'up ', 'down ')} percentage points {base}"
        )
        return head + (f" = {value} {minus} {_previous(f, w)}" if previous else "")
    head = (
        f"{name}{base}{rise_fall(f.stated or '', '增长', '下降')}%"
        if zh
        else f"{name}: {rise_fall(f.stated or '', 'up ', 'down ')}% {base}"
    )
    if previous is None and absolute is None:
        return head
    noun = previous_noun(f.base, w)
    how = _previous(f, w) if previous else _minus(value, w.fig(absolute.literal), zh)  # type: ignore[union-attr]
    if zh:
        return f"{head} = ({value} − {noun}) ÷ {noun} × 100%，{noun} = {how}"
    return f"{head} = ({value} - previous) / previous x 100%, previous = {how}"


def _previous(f: Finding, w: Words) -> str:
    """The base value as used: its unit when not the value's, its place when it is
    last year's figure from another file (上年末 = 3.2亿人（data/2024.yaml:8）)."""
    previous, value = used_figure(f, Role.PREVIOUS), used_figure(f, Role.VALUE)
    assert previous is not None
    text = w.fig(previous.literal)
    if value is not None and previous.unit != value.unit:
        text += w.unit(previous.unit)
    if previous.shown_file != f.shown_file:
        where = w.place(previous.shown_file, previous.line)
        text += f"（{where}）" if w.zh() else f" ({where})"
    return text


def _minus(value: str, change: str, zh: bool) -> str:
    """value − change, a negative change written as an addition: 50.31 + 7.12."""
    if change.startswith("-"):
        return f"{value} + {change[1:]}"
    return f"{value} {'−' if zh else '-'} {change.lstrip('+')}"


def summary_counts(findings_count: dict[Verdict, int], lang: Lang) -> str:
    """一致 17，无法核对 5 ... (only verdicts that occur), or a note when there are none."""
    parts = [f"{say(VERDICT_LABELS[v], lang)} {n}" for v, n in findings_count.items() if n]
    sep = "，" if lang is Lang.ZH else ", "
    return (
        sep.join(parts)
        if parts
        else say(("核对未产生任何结果。", "The check produced no findings."), lang)
    )
