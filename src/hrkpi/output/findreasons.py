"""Why a finding has its verdict, and what to do: the lines under a finding, in
Chinese and English (the relation itself is worded in hrkpi.output.findwords)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

from hrkpi.checks.findings import CheckKind, Finding, HintCode, Reason, Role, Verdict
from hrkpi.core.intervals import Interval
from hrkpi.core.models import PaceStatus, ThresholdKind
from hrkpi.output.figures import (
    RATE_PLACES,
    about_text,
    bound_text,
    interval_places,
    interval_text,
    value_text,
    written_exactly,
)
from hrkpi.output.findhints import hint as finding_hint
from hrkpi.output.findwords import (
    MORE_KINDS,
    VERDICT_LABELS,
    WHAT,
    Words,
    previous_noun,
    rise_fall,
)
from hrkpi.output.limitphrases import limit_kind
from hrkpi.output.words import PACE_STATUS, PAST_WARNING, say


def explanation(f: Finding, w: Words) -> list[str]:
    """Why the verdict, and what to do: the lines under a finding."""
    lines: list[str] = []
    if f.verdict is Verdict.INCONSISTENT and f.consistent_values:
        # Each value with the stated figure's unit, as printed: 51.3%至53.7%.
        lo, hi = (w.fig(v) + w.unit(f.unit) for v in f.consistent_values)
        span = lo if lo == hi else (f"{lo}至{hi}" if w.zh() else f"{lo} to {hi}")
        if f.hint is not None and f.hint.code is HintCode.TOTAL_OR_PART:
            what = _TOTALS.get(f.kind, ("总数", "the total"))
            lines.append(
                f"若各分项无误，{what[0]}应为{span}"
                if w.zh()
                else f"if the parts are right, {what[1]} would be {span}"
            )
        else:
            lines.append(
                f"陈述值{f.stated}{w.unit(f.unit)}；可一致的陈述值：{span}"
                if w.zh()
                else f"stated {w.fig(f.stated or '')}{w.unit(f.unit)}; consistent: {span}"
            )
    reason = _reason(f, w)
    if reason:
        lines.append(reason)
    hint = finding_hint(f, w)
    if hint:
        lines.append(hint)
    return lines


def message(f: Finding, w: Words) -> str:
    """The explanation as one sentence (JSON, JUnit, the xlsx sheet)."""
    return ("；" if w.zh() else "; ").join(explanation(f, w))


def _spans(f: Finding, w: Words) -> str:
    """How each input figure spans its rounding: "4.22的修约区间为[4.215, 4.225]"; a count
    that can only be one whole number says so ("856为整数，精确")."""
    parts = []
    for u in f.figures[:5]:
        if u.interval is None or u.role in (Role.TARGET,):
            continue
        if u.interval.lo == u.interval.hi:
            whole = f"{u.literal}为整数，精确" if w.zh() else f"{w.fig(u.literal)} is a whole count"
            parts.append(whole)
            continue
        iv = interval_text(u.interval, interval_places(u.decimals), keep=u.decimals)
        parts.append(f"{u.literal}的修约区间为{iv}" if w.zh() else f"{w.fig(u.literal)} spans {iv}")
    return ("，" if w.zh() else ", ").join(parts)


def _range(f: Finding, w: Words) -> str:
    assert f.computed is not None
    iv = interval_text(f.computed, interval_places(f.decimals), keep=f.decimals)
    unit = w.unit(f.unit)
    what = say(WHAT.get(f.kind, ("值", "value")), w.lang)
    if f.computed.lo == f.computed.hi:  # exact: counts add up to one number
        places = interval_places(f.decimals)
        if not written_exactly(f.computed.lo, places):  # (48.888…%: about, rounded)
            about = about_text(f.computed.lo, places, keep=f.decimals)
            return f"{what}约为{about}{unit}" if w.zh() else f"the {what} is about {about}{unit}"
        return f"{what}为{iv}{unit}" if w.zh() else f"the {what} is {iv}{unit}"
    return f"{what}应在{iv}{unit}之间" if w.zh() else f"the {what} lies in {iv}{unit}"


def _reason(f: Finding, w: Words) -> str:
    zh = w.zh()
    if f.kind is CheckKind.QUOTE:
        from hrkpi.output.quotewords import quote_reason

        return quote_reason(f, w)
    if f.kind in MORE_KINDS or f.verdict is Verdict.TARGET_NOT_PRINTED:
        from hrkpi.output.relationwords import more_reason

        more = more_reason(f, w)
        if more is not None:
            return more
    if f.reason is not None:
        return _not_checkable_reason(f, w)
    if f.kind is CheckKind.WHOLE_BASE:
        return _whole_base_reason(f, w)
    if f.kind is CheckKind.THRESHOLD:
        assert f.limit is not None and f.limit.margin is not None
        margin = value_text(abs(f.limit.margin), f.limit.margin_places)
        unit = w.unit("个百分点" if f.unit == "%" else f.unit)
        method = _method(f.limit.method, w)
        if f.verdict is Verdict.PASS:
            return (
                f"达标，余{margin}{unit}（{method}）"
                if zh
                else f"met, {margin}{unit} to spare ({method})"
            )
        if f.verdict is Verdict.WARN:
            return _warned(f, w, margin + unit, method)
        word = say(VERDICT_LABELS[f.verdict], w.lang)
        if limit_kind(f.limit.word) == ThresholdKind.FLOOR.value:  # (short of a floor)
            if zh:
                return f"{word}，差{margin}{unit}（{method}）"
            return f"missed, {margin}{unit} short of the limit ({method})"
        if zh:
            return f"{word}，超出{margin}{unit}（{method}）"
        return f"missed, {margin}{unit} beyond the limit ({method})"
    if f.kind is CheckKind.THRESHOLD_CLAIM:
        assert f.limit is not None and f.computed is not None
        spans = _spans(f, w)
        method = _method(f.limit.method, w)
        return f"{spans}；按{method}判断" if zh else f"{spans}; compared by the {method}"
    if f.kind is CheckKind.PACE_CLAIM:
        assert f.pace is not None and f.computed is not None
        low = say(PACE_STATUS[PaceStatus(f.pace.lowest)], w.lang)
        high = say(PACE_STATUS[PaceStatus(f.pace.highest)], w.lang)
        span = low if low == high else (f"{low}至{high}" if zh else f"{low} to {high}")
        return (
            f"{_rate_range(f.computed, w)}，对应{span}"
            if zh
            else (f"{_rate_range(f.computed, w)}, which is {span}")
        )
    if f.kind is CheckKind.PARTS_GROWTH:
        return (
            "总数的增幅是各分项增幅按基数加权的平均，必介于其间"
            if zh
            else "a total's growth is its parts' growths weighted by their bases"
        )
    if f.computed is None:
        return ""
    spans = _spans(f, w)
    rng = _range(f, w)
    if f.kind is CheckKind.TARGET_SPLIT:
        return _split_reason(f, w, rng)
    if f.kind in (CheckKind.COMPOSITION, CheckKind.REGION_SUM):
        return rng
    return (f"{spans}，{rng}" if zh else f"{spans}, so {rng}") if spans else rng


def _rate_range(iv: Interval, w: Words) -> str:
    """A completion rate's values in words: 为52.33% for one value, 在51.25%至53.75%之间
    for a range (each end rounded outwards at two decimals)."""
    if iv.lo == iv.hi:
        point = value_text(iv.lo, RATE_PLACES)
        return f"完成率为{point}%" if w.zh() else f"completion is {point}%"
    lo = bound_text(iv.lo, RATE_PLACES, up=False, keep=RATE_PLACES)
    hi = bound_text(iv.hi, RATE_PLACES, up=True, keep=RATE_PLACES)
    return f"完成率在{lo}%至{hi}%之间" if w.zh() else f"completion lies between {lo}% and {hi}%"


def _split_reason(f: Finding, w: Words, rng: str) -> str:
    """分解下达: the children's targets against the parent's; more is allowed (加码)."""
    assert f.computed is not None
    gap = f.computed.lo - Fraction(Decimal(f.stated or "0"))
    if gap == 0:
        return rng
    places = max(f.decimals, *(u.decimals for u in f.figures), 0)
    amount = value_text(abs(gap), places) + w.unit(f.unit)
    if gap > 0:
        return (
            f"{rng}，比{f.region}目标多{amount}（加码）"
            if w.zh()
            else (f"{rng}, {amount} more than {f.region}'s (assigned above it)")
        )
    return (
        f"{rng}，比{f.region}目标少{amount}，尚未分解到位"
        if w.zh()
        else (f"{rng}, {amount} short of {f.region}'s: part of it is not assigned")
    )


def _warned(f: Finding, w: Words, by: str, method: str) -> str:
    """预警，超出预警线0.30个百分点（全数值比较法） / warning, 0.30 pp past the warning
    level (full-value comparison)."""
    assert f.limit is not None
    # (a warning is no failure: "missed ... beyond the limit" read as the fail limit's)
    past = PAST_WARNING[limit_kind(f.limit.word)]
    if w.zh():
        return f"预警，{past[0]}{by}（{method}）"
    return f"warning, {by} {past[1]} ({method})"


def _method(method: str, w: Words) -> str:
    if method == "rounded":
        return "修约值比较法" if w.zh() else "rounded-value comparison"
    return "全数值比较法" if w.zh() else "full-value comparison"


def _whole_base_reason(f: Finding, w: Words) -> str:
    """存在整数基数：上年同期为54件, or the bases near and what they give (a base of 54 cases
    gives -46.30%, of 55 cases -47.27%: ...)."""
    zh = w.zh()
    noun = previous_noun(f.base, w)
    bu = w.base_unit(f.indicator)
    if f.verdict is Verdict.CONSISTENT:
        shown = f"{f.implied}{w.unit(f.implied_unit)}"
        return f"存在整数基数：{noun}为{shown}" if zh else f"a whole-number base exists: {shown}"
    pairs = [
        (
            f"{c.base}{bu}→{rise_fall(c.value, '增长', '下降')}%"
            if zh
            else (f"a base of {c.base}{bu} gives " if i == 0 else f"of {c.base}{bu} ")
            + f"{c.value}%"
        )
        for i, c in enumerate(f.candidates)
    ]
    if zh:
        stated = rise_fall(f.stated or "", "增长", "下降")
        return f"{noun}为" + "，".join(pairs) + f"：所述{stated}%无整数基数"
    what = f" of{bu}" if bu.strip() else ""
    return ", ".join(pairs) + f": no whole number{what} gives the stated {w.fig(f.stated or '')}%"


def _not_checkable_reason(f: Finding, w: Words) -> str:
    zh = w.zh()
    r = f.reason
    noun = previous_noun(f.base, w)
    if r is Reason.NO_OWN_TARGET:
        return (
            f"{f.region}没有本级目标，无从核对完成率（不用上级的目标）：在目标文件中为其分解目标"
            if zh
            else f"{f.region} has no target of its own (its parent's is never used); "
            "assign it one in the targets file"
        )
    if r is Reason.NO_TARGET:
        return (
            "指标定义没有年度目标，无从核对完成率：在指标定义中加上 target:"
            if zh
            else "the definition has no annual target; add target: to the indicator"
        )
    if r is Reason.PREVIOUS_IMPLIED:
        implied = f"{f.implied}{w.unit(f.implied_unit)}" if f.implied else ""
        if zh:
            return (
                f"只陈述了现值和变化，{noun}推算为{implied}，无从核对"
                if implied
                else (f"只陈述了现值和变化，{noun}为推算值，无从核对")
            )
        return (
            f"only the value and the change are stated; the previous value ({implied}) is "
            "implied, not checked"
            if implied
            else "only the value and the change are stated; the previous value is implied, "
            "not checked"
        )
    if r is Reason.BASE_MAY_BE_ZERO:
        return (
            f"{noun}在修约范围内可能为零，增长率无定义"
            if zh
            else "the previous value may be zero within its rounding; growth from zero is undefined"
        )
    if r is Reason.BASE_WIDER_THAN_ONE:
        bu = w.base_unit(f.indicator)
        iv = interval_text(f.computed, 0) if f.computed is not None else ""
        implied = f"{f.implied}{w.unit(f.implied_unit)}" if f.implied else ""
        if zh:
            return (
                f"推算的{noun}{iv}{bu}跨度超过1{bu}，任何整数都可能，无从核对；{noun}约为{implied}"
            )
        return (
            f"the implied base {iv}{bu} spans more than one whole number, so any whole "
            f"number fits (about {implied})"
        )
    if r is Reason.PARTS_MISSING:
        if f.kind is CheckKind.TARGET_SPLIT:
            names = _first(f.missing, zh)
            from hrkpi.output.sumwords import period_words

            when = period_words(f, w)
            # (the region's name alone: 地区 ran into it, 地区县02)
            return f"{names}没有{when}" if zh else f"no {when} for {names}"
        if f.kind is CheckKind.REGION_SUM:
            from hrkpi.output.sumwords import period_words

            names = _first(f.missing, zh)
            when = period_words(f, w)
            return f"{names}没有{when}的数据" if zh else f"no figure for {names} in {when}"
        names = _first([w.name(p) for p in f.missing], zh)
        if f.kind is CheckKind.RATIO:
            return (
                f"比率的分子或分母{names}没有陈述值"
                if zh
                else f"no stated value for the ratio's {names}"
            )
        return f"分项{names}没有陈述值" if zh else f"no stated value for part(s) {names}"
    # NO_THRESHOLD
    return (
        "指标定义没有控制目标（thresholds），无从核对该表述"
        if zh
        else "the definition has no thresholds; add one"
    )


def _first(names: Sequence[str], zh: bool, n: int = 5) -> str:
    shown = ("、" if zh else ", ").join(names[:n])
    more = len(names) - n
    if more > 0:
        shown += f"等{len(names)}个" if zh else f" and {more} more"
    return shown


# What a total-or-part finding's consistent values are values of.
_TOTALS = {
    CheckKind.PARTS_CHANGE: ("总数增幅", "the total's growth"),
    CheckKind.INCREMENTS: ("总数增减量", "the total's change"),
}
