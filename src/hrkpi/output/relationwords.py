"""The words of the relations between figures beyond a figure's own changes: shares,
ratios, margins to a limit, 其中 lists, a total's change from its parts, restatements
and completion rates whose target is not printed, in Chinese and English.

hrkpi.output.findwords words the relation of every finding and hands these kinds
here; hrkpi.output.findreasons asks `more_reason` for the lines under them.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from hrkpi.checks.findings import CheckKind, Finding, Reason, Role, UsedFigure, Verdict
from hrkpi.core.numbers import parse_figure
from hrkpi.engine.relations import ROUND_DIGITS, significant_digits
from hrkpi.output.figures import interval_places, interval_text, value_text
from hrkpi.output.findwords import Words, previous_noun, rise_fall, used_figure
from hrkpi.output.words import base_label


def _lit(f: Finding, role: Role, w: Words) -> str:
    u = used_figure(f, role)
    return w.fig(u.literal) if u else "?"


def _with_unit(u: UsedFigure | None, w: Words) -> str:
    return f"{w.fig(u.literal)}{w.unit(u.unit)}" if u else "?"


def _field(field: str, w: Words) -> str:
    """A figure's field as the report would name it."""
    zh = w.zh()
    if field == "value" or not field:
        return ""
    if field == "completion":
        return "完成率" if zh else "completion rate "
    key = field.rsplit(".", 1)[-1]
    names = {
        "abs": ("增减量", "absolute change "),
        "pct": ("增幅", "growth rate "),
        "pp": ("百分点变化", "change in points "),
        "previous": ("上期值", "base value "),
    }
    return names.get(key, (field, field + " "))[0 if zh else 1]


def more_relation(f: Finding, w: Words) -> str:
    """The relation checked, with the stated figures, for the kinds worded here."""
    name = w.name(f.indicator)
    zh = w.zh()
    k = f.kind
    if f.verdict is Verdict.TARGET_NOT_PRINTED:
        value = _with_unit(used_figure(f, Role.VALUE), w)
        if zh:
            return f"{name}为{value}，完成全年目标的{f.stated}%（目标未列明）"
        rate = w.fig(f.stated or "")
        return f"{name}: {value} is {rate}% of an annual target that is not printed"
    if k is CheckKind.SHARE:
        part, total = used_figure(f, Role.PART), used_figure(f, Role.TOTAL)
        whole = w.name(total.indicator) if total else "?"
        if total is not None and total.region != f.region:
            whole = f"{total.region}{'' if zh else ' '}{whole}"
        if zh:
            part_text, total_text = _with_unit(part, w), _with_unit(total, w)
            return f"{name}为{part_text}，占{whole}（{total_text}）的{f.stated}%"
        share = w.fig(f.stated or "")
        return f"{name}: {_with_unit(part, w)} is {share}% of {whole} ({_with_unit(total, w)})"
    if k is CheckKind.SHARE_SUM:
        shares = [f"{w.name(u.indicator)} {w.fig(u.literal)}%" for u in f.figures]
        exact = f.stated == "100"
        if zh:
            return f"{name}各分项占比之和{'应为' if exact else '不超过'}100%：" + " + ".join(shares)
        return f"{name}: shares {'add up to' if exact else 'add up to at most'} 100%: " + (
            " + ".join(shares)
        )
    if k is CheckKind.RATIO:
        value = _lit(f, Role.VALUE, w)
        num, den = used_figure(f, Role.NUMERATOR), used_figure(f, Role.DENOMINATOR)
        if num is None or den is None:
            return f"{name}为{value}{w.unit(f.unit)}" if zh else f"{name}: {value}{w.unit(f.unit)}"
        sep = " ÷ " if zh else " / "
        return f"{name}{' ' if zh else ': '}{value}{w.unit(f.unit)} = " + sep.join(
            [_with_unit(num, w), _with_unit(den, w)]
        )
    if k is CheckKind.MARGIN:
        return _margin(f, w, name)
    if k is CheckKind.PARTIAL_PARTS:
        head = _with_unit(used_figure(f, Role.TOTAL), w)
        parts = [u for u in f.figures if u.role is Role.PART]
        ind = w.catalog.indicators.get(f.indicator) if w.catalog else None
        each = ind is not None and ind.of_which_overlap
        if zh:
            listed = "、".join(f"{w.name(u.indicator)}为{_with_unit(u, w)}" for u in parts)
            return f"{name}为{head}，其中{listed}（{'各项均' if each else '合计'}不超过总数）"
        listed = ", ".join(f"{w.name(u.indicator)} {_with_unit(u, w)}" for u in parts)
        how = "each at most the total" if each else "together at most the total"
        return f"{name}: {head}, of which {listed} ({how})"
    if k in (CheckKind.INCREMENTS, CheckKind.PARTS_CHANGE):
        return _parts_change(f, w, name)
    return _restatement(f, w, name)


def _margin(f: Finding, w: Words, name: str) -> str:
    zh = w.zh()
    value = _with_unit(used_figure(f, Role.VALUE), w)
    limit = used_figure(f, Role.LIMIT)
    below = f.limit.word == "below" if f.limit else True
    by = f"{w.fig(f.stated or '')}{w.unit(f.unit)}"
    label = f.limit.label if f.limit and f.limit.label else ""
    if f.limit is not None and f.limit.method in ("days", "months"):
        return _pace_margin(f, w, name, below, by)
    if zh:
        side = "低" if below else "高"
        target = f"{label or '目标'}（{_with_unit(limit, w)}）" if limit else (label or "目标")
        return f"{name}为{value}，比{target}{side}{by}"
    side = "below" if below else "above"
    target = f"the limit {_with_unit(limit, w)}" if limit else "its limit"
    return f"{name}: {value}, {by} {side} {target}"


def _pace_margin(f: Finding, w: Words, name: str, below: bool, by: str) -> str:
    """完成率62.3%，比序时进度50.00%（按月）高12.3个百分点."""
    assert f.limit is not None
    rate = used_figure(f, Role.COMPLETION)
    months = f.limit.method == "months"
    if w.zh():
        what = f"完成率{rate.literal}%" if rate else "完成率"
        how = "按月" if months else "按天"
        side = "低" if below else "高"
        return f"{name}{what}，比序时进度{f.limit.value}%（{how}）{side}{by}"
    what = f"completion {w.fig(rate.literal)}%" if rate else "completion"
    how = "by months" if months else "by days"
    side = "below" if below else "above"
    return f"{name}: {what}, {by} {side} schedule pace {f.limit.value}% ({how})"


def _parts_change(f: Finding, w: Words, name: str) -> str:
    zh = w.zh()
    base = base_label(f.base, w.lang) if f.base else ""
    if f.kind is CheckKind.INCREMENTS:
        stated = rise_fall(f.stated or "", "增加", "减少")
        # (each part's change as the report words it: 职工增加3.1、居民减少2.1)
        parts = [
            f"{w.name(u.indicator)}{rise_fall(u.literal, '增加', '减少')}"
            if zh
            else f"{w.name(u.indicator)} {w.fig(u.literal)}"
            for u in f.figures
            if u.role is Role.PART_ABS
        ]
        listed = ("、" if zh else ", ").join(parts)
        if zh:
            tail = f"（{listed}）" if listed else ""
            return f"{name}{base}{stated}{w.unit(f.unit)} = 各分项增减量之和{tail}"
        tail = f" ({listed})" if listed else ""
        change = rise_fall(f.stated or "", "up ", "down ")
        return f"{name}: {change}{w.unit(f.unit)} {base} = the sum of its parts' changes{tail}"
    noun = previous_noun(f.base, w)
    if zh:
        growth = rise_fall(f.stated or "", "增长", "下降")
        return f"{name}{base}{growth}% = 各分项现值之和 ÷ 各分项{noun}之和 − 1"
    growth = rise_fall(f.stated or "", "up ", "down ")
    return (
        f"{name}: {growth}% {base} = the sum of its parts' values / the sum of their previous - 1"
    )


def _restatement(f: Finding, w: Words, name: str) -> str:
    first, again = used_figure(f, Role.VALUE), used_figure(f, Role.RESTATED)
    what = _field(f.field, w)
    a = f"{_with_unit(first, w)}（{w.place(first.shown_file, first.line)}）" if first else "?"
    b = f"{_with_unit(again, w)}（{w.place(again.shown_file, again.line)}）" if again else "?"
    if w.zh():
        return f"{name}{what}两处陈述：{a}与{b}"
    a, b = a.replace("（", " (").replace("）", ")"), b.replace("（", " (").replace("）", ")")
    return f"{name}: {what}stated as {a} and as {b}"


def more_reason(f: Finding, w: Words) -> str | None:
    """The reason line for a finding worded here, where the general one does not fit."""
    zh = w.zh()
    if f.verdict is Verdict.TARGET_NOT_PRINTED:
        return _target_reason(f, w)
    if f.reason is Reason.REVISED:
        first, again = used_figure(f, Role.VALUE), used_figure(f, Role.RESTATED)
        a, b = _with_unit(first, w), _with_unit(again, w)
        if zh:
            return f"{a}为初步或估计数，后修订为{b}，以修订数为准"
        return f"{a} was provisional or estimated and is revised to {b}; the revision is used"
    if f.reason is Reason.NO_LIMIT:
        implied = f"{f.implied}{w.unit(f.implied_unit)}"
        if zh:
            return f"未列明目标值，指标定义也没有控制目标或年度目标；推算目标值为{implied}"
        return (
            "no limit is printed, and the definition has no threshold or target; "
            f"the limit implied is {implied}"
        )
    if f.computed is None:
        return None
    keep = 2 if f.kind is CheckKind.SHARE_SUM else f.decimals
    iv = interval_text(f.computed, interval_places(keep), keep=keep)
    unit = w.unit(f.unit)
    if f.kind is CheckKind.SHARE_SUM:
        exact = f.stated == "100"
        if zh:
            need = "100%为精确值，须在其中" if exact else "不得超过100%"
            return f"各分项占比的修约区间相加为{iv}%，{need}"
        need = "100% (exact) must lie in it" if exact else "it must not exceed 100%"
        return f"the shares' rounding intervals add up to {iv}%; {need}"
    if f.kind is CheckKind.PARTIAL_PARTS:
        if f.verdict is Verdict.CONSISTENT and f.implied:
            return _unlisted(f, w)
        total = _lit(f, Role.TOTAL, w)
        ind = w.catalog.indicators.get(f.indicator) if w.catalog else None
        if ind is not None and ind.of_which_overlap:
            if zh:
                return f"最大的一项在{iv}{unit}之间，总数{total}{unit}不应小于它"
            return f"the largest part lies in {iv}{unit}; the total {total}{unit} cannot be less"
        if zh:
            return f"其中各项合计在{iv}{unit}之间，总数{total}{unit}不应小于合计"
        return f"the parts add up to {iv}{unit}; the total {total}{unit} cannot be less"
    return None


def _unlisted(f: Finding, w: Words) -> str:
    """A partial list's gap: 其中各项合计90万元，未列明10万元 (the parts as printed)."""
    assert f.implied is not None
    total = used_figure(f, Role.TOTAL)
    gap = Fraction(Decimal(f.implied))
    places = len(f.implied.partition(".")[2])
    listed = value_text(parse_figure(total.literal).exact - gap, places) if total else "?"
    unit = w.unit(f.implied_unit)
    if w.zh():
        return f"其中各项合计{listed}{unit}，未列明{f.implied}{unit}"
    return f"the parts add up to {listed}{unit}; {f.implied}{unit} is not itemised"


def _target_reason(f: Finding, w: Words) -> str:
    zh = w.zh()
    value = _lit(f, Role.VALUE, w)
    unit = w.unit(f.unit)
    if f.computed is None:
        return (
            f"完成率{f.stated}%无从推算目标"
            if zh
            else f"a completion of {w.fig(f.stated or '')}% implies no target"
        )
    used_value = used_figure(f, Role.VALUE)
    keep = max(used_value.decimals if used_value else 0, 0)
    iv = interval_text(f.computed, interval_places(keep), keep=keep)
    head = (
        f"报告未列明全年目标，由{value}与{f.stated}%推算目标在{iv}{unit}之间"
        if zh
        else f"the report prints no annual target; {value} and {w.fig(f.stated or '')}% put it "
        f"in {iv}{unit}"
    )
    if f.implied is None:
        return head
    digits = significant_digits(Fraction(f.implied))
    round_target = f"{f.implied}{unit}"
    if digits <= ROUND_DIGITS:
        # 整数 only of a whole number: 含整数目标20000人, but 含目标7.8%.
        noun = "整数目标" if Fraction(f.implied).denominator == 1 else "目标"
        tail = f"，含{noun}{round_target}" if zh else f", which holds the target {round_target}"
    elif zh:
        tail = f"，其中没有两位有效数字以内的目标（最简为{round_target}）"
    else:
        tail = (
            f", which holds no round target of {ROUND_DIGITS} significant digits "
            f"(the roundest is {round_target})"
        )
    hint = (
        "；在指标定义中加上 target: 即可核对完成率"
        if zh
        else "; add target: to the definition to check the rate"
    )
    return head + tail + hint
