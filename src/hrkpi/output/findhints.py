"""The hint under a finding: the other reading that would pass (a sign, a unit, a
margin's side), or which of a total and its parts to check, in Chinese and English
(hrkpi.output.findreasons puts it under the reason)."""

from __future__ import annotations

from hrkpi.checks.findings import CheckKind, Finding, HintCode, Role, UsedFigure
from hrkpi.output.findwords import LISTED, Words, rise_fall, used_figure


def hint(f: Finding, w: Words) -> str:
    """A finding's hint, or "" when it has none."""
    if f.hint is None:
        return ""
    zh = w.zh()
    if f.hint.code in (HintCode.OTHER_SIDE, HintCode.POINTS, HintCode.PERCENT):
        return _unit_hint(f, w)
    if f.hint.code is HintCode.SIGN_SLIP:
        fall = f.hint.figure.startswith("-")
        word = ("下降/减少" if fall else "增长/增加") if zh else ("a fall" if fall else "a rise")
        if zh:
            return f"提示：若为{f.hint.figure}（{word}），则一致；请核对符号"
        return f"hint: {f.hint.figure} ({word}) would be consistent; check the sign"
    # TOTAL_OR_PART: name every figure's place, the total first (the checked figure
    # itself when it is the total's change).
    total = used_figure(f, Role.TOTAL)
    # Every figure with its unit, as printed: 总数18342人（d.yaml:6）；工业11205人（d.yaml:8）.
    literal, file, line = (
        (w.fig(total.literal) + w.unit(total.unit), total.shown_file, total.line)
        if total
        else (f"{w.fig(f.stated or '')}{w.unit(f.unit)}", f.shown_file, f.line)
    )
    roles = (Role.CHILD,) if f.kind is CheckKind.REGION_SUM else _PART_ROLES
    parts = [u for u in f.figures if u.role in roles][:LISTED]
    if zh:
        items = [f"{_part_figure(u, w)}（{w.place(u.shown_file, u.line)}）" for u in parts]
        head = f"总数{literal}（{w.place(file, line)}）"
        return f"总数或其中一个分项有误，请逐一核对：{head}；" + "、".join(items)
    items = [f"{_part_figure(u, w)} ({w.place(u.shown_file, u.line)})" for u in parts]
    head = f"the total {literal} ({w.place(file, line)})"
    return f"the total or one of its parts is wrong; check {head} and " + ", ".join(items)


_PART_ROLES = (Role.PART, Role.PART_ABS, Role.PART_PCT)


def _unit_hint(f: Finding, w: Words) -> str:
    """The other reading of a margin's side or of a rate's change that would pass."""
    assert f.hint is not None
    zh = w.zh()
    figure = f.hint.figure
    if f.hint.code is HintCode.OTHER_SIDE:
        below = f.limit is not None and f.limit.word == "below"
        side = ("高于" if below else "低于") if zh else ("above" if below else "below")
        if zh:
            return f"提示：若为{side}{figure}，则一致；请核对方向（低于/高于）"
        return f"hint: {figure} {side} the limit would be consistent; check the direction"
    if f.hint.code is HintCode.POINTS:
        if zh:
            return f"提示：若为{figure}个百分点，则一致；率的变化以个百分点计，是否误写为%？"
        return (
            f"hint: {figure} percentage points would be consistent; a rate changes in "
            "points: did you mean 个百分点?"
        )
    if zh:
        return f"提示：若为相对变化{figure}%，则一致；请核对单位（%与个百分点）"
    return f"hint: a relative change of {figure}% would be consistent; check the unit (% or points)"


def _part_name(u: UsedFigure, w: Words) -> str:
    return u.region if u.role is Role.CHILD else w.name(u.indicator)


# A part's change as the report words it: 职工增加3.1万人, 职工增长3.0% (up 3.0%).
_CHANGE_WORDS = {Role.PART_ABS: ("增加", "减少"), Role.PART_PCT: ("增长", "下降")}


def _part_figure(u: UsedFigure, w: Words) -> str:
    """A part (or a region) and its figure, never run together: 工业为11205人, 市01为23481,
    职工增加3.1万人 (工业 11205 persons, 职工 up 3.1 10k persons)."""
    name, unit = _part_name(u, w), w.unit(u.unit)
    words = _CHANGE_WORDS.get(u.role)
    if words is None:
        return f"{name}为{u.literal}{unit}" if w.zh() else f"{name} {w.fig(u.literal)}{unit}"
    if w.zh():
        return f"{name}{rise_fall(u.literal, *words)}{unit}"
    return f"{name} {rise_fall(u.literal, 'up ', 'down ')}{unit}"
