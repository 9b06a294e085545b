"""Lists a sentence states: 分别为 x、y (a value, a change or a share to each name) and
依次为：甲区…、乙县… (a figure to each name, one list)."""

from __future__ import annotations

import re

from hrkpi.scans.model import ChangeClaim, CompletionClaim, Entry, ShareClaim, Why
from hrkpi.scans.numerals import FigureClass, Token
from hrkpi.scans.shapes import (
    BaseT,
    Context,
    Pending,
    SentenceReading,
    clean,
    group_tokens,
    not_understood,
    resolve_base,
    same_base,
    span_of,
)
from hrkpi.scans.shareclaims import expand_ordinals, total_name

_SPLIT = re.compile(r"、|和|及|与|以及")
_FALL_WORDS = ("降幅", "下降", "减少", "降低")
_SHARES = re.compile(r"(?:比重|占比|比例|构成)$")


# 两个区, 三家企业: members counted, not named (a count in digits would be a figure).
_COUNTED = re.compile(r"(?P<count>[两二三四五六七八九])(?:个|家|项|类|场|批|所|支|座|条)\w{1,8}$")
_COUNTS = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def _names(text: str, count: int) -> list[str] | None:
    """ "第二产业、第一产业的职工" -> the names of two parts, the shared words kept on each."""
    items = [i for i in _SPLIT.split(expand_ordinals(clean(text))) if i]
    if len(items) != count:
        return None
    first = len(items[0])
    last = items[-1]
    tail = last[first:] if len(last) > first + 1 else ""
    return [i + tail for i in items[:-1]] + [last]


def _counted(text: str, count: int) -> list[str] | None:
    """ "两个区" -> 两个区（第1个）, 两个区（第2个）: as many members as it counts, unnamed."""
    said = clean(text)
    number = _COUNTED.search(said)
    if number is None or _COUNTS[number["count"]] != count:
        return None
    return [f"{said}（第{i}个）" for i in range(1, count + 1)]


def _last_figures(out: SentenceReading, count: int) -> list[Entry] | None:
    """参保职工32859万人，离退休人员12762万人，分别比上年末增加…: a 分别 list naming no one
    speaks of the last `count` figures of its sentence, each standing in a clause of its own."""
    found = [e for e in out.entries if e.token is not None and not e.consumed]
    last = found[-count:]
    if len(last) != count or len({e.span for e in last}) != count:
        return None
    if any(e.token is None or e.token.cls is not FigureClass.AMOUNT for e in last):
        return None
    return last


def attach_each(
    p: Pending, out: SentenceReading, ctx: Context, base: BaseT, each_prev: list[Entry]
) -> tuple[BaseT, list[Entry]]:
    """分别为/分别增长/分别占: a value, a change or a share to each name (or to each figure of
    the 分别 list before, or to the sentence's last figures when it names none)."""
    figures = group_tokens(p, "list")
    groups = p.match.groupdict()
    if p.rule.params.get("verb") == "share":  # 分别占 x%、y%: shares, one to a name
        return _each_share(p, out, base, figures)
    if p.rule.params.get("verb") == "completion":
        return _each_completion(p, out, base, figures, each_prev)
    if figures[0].cls is FigureClass.PERCENT and _SHARES.search(clean(groups.get("names") or "")):
        # 三次产业就业人员比重分别为22.9%、29.1%、48.0%: shares, one to a name.
        return _each_share(p, out, base, figures)
    if "verb" not in groups:  # 分别为 x、y: values, one to a name
        names = _names(groups["names"], len(figures))
        # 两个区分别为…: each its figure, but a list that nothing relates to is still listed
        # (unrelated_list), so only values, never a change, go to unnamed members.
        counted = None if names is not None else _counted(groups["names"], len(figures))
        names = names or counted
        if names is None:
            not_understood(p, out, Why.NAMES_AND_FIGURES)
            return base, []
        what = clean(groups.get("what") or "")
        if what:  # 甲区、乙区分别新增就业…: 甲区新增就业, 乙区新增就业
            names = [f"{n}{groups['did']}{what}" for n in names]
        nameless = counted is not None
        made = [
            Entry(t, n, p.paragraph, span_of(p), p.sentence, rule=p.rule.id, unnamed=nameless)
            for t, n in zip(figures, names, strict=True)
        ]
        out.entries.extend(made)
        return base, made
    own = groups.get("base") or groups.get("base_first")
    b = resolve_base(own, ctx) if own else base
    verb = groups.get("verb") or ""
    sign = -1 if verb in _FALL_WORDS else 1
    kind = {FigureClass.PERCENT: "pct", FigureClass.POINTS: "pp"}.get(figures[0].cls, "abs")
    if not verb or (b is None and len(each_prev) == len(figures)):
        not_understood(p, out, Why.NO_BASE)
        return base, []
    owners: list[Entry]
    unnamed = None if clean(groups["names"] or "") else _last_figures(out, len(figures))
    if len(each_prev) == len(figures):
        owners = each_prev
    elif (
        unnamed is not None
        and kind != "pp"
        and all(
            kind == "pct" or same_base(e.token, t) for e, t in zip(unnamed, figures, strict=True)
        )
    ):
        owners = unnamed
    else:
        names = _names(groups["names"], len(figures))
        if names is None:
            not_understood(p, out, Why.NAMES_AND_FIGURES)
            return b, []
        owners = [
            Entry(None, n, p.paragraph, span_of(p), p.sentence, rule=p.rule.id) for n in names
        ]
        out.entries.extend(owners)
    for owner, t in zip(owners, figures, strict=True):
        owner.changes.append(ChangeClaim(t, kind, sign, b, p.rule.id, span_of(p)))
    return b, owners  # a 分别 list after this one speaks of the same names


def _each_completion(
    p: Pending, out: SentenceReading, base: BaseT, figures: list[Token], each_prev: list[Entry]
) -> tuple[BaseT, list[Entry]]:
    """A、B分别为x、y，分别完成年度目标任务的a%、b%: a completion rate (its target not
    printed) to each figure of the 分别 list before, one for one."""
    owners = each_prev
    if len(owners) != len(figures) or any(
        e.token is None or e.token.cls is not FigureClass.AMOUNT or e.completion is not None
        for e in owners
    ):
        not_understood(p, out, Why.NAMES_AND_FIGURES)
        return base, []
    for owner, t in zip(owners, figures, strict=True):
        owner.completion = CompletionClaim(t, None, p.rule.id, span_of(p))
    return base, owners


def _each_share(
    p: Pending, out: SentenceReading, base: BaseT, figures: list[Token]
) -> tuple[BaseT, list[Entry]]:
    names = _names(_SHARES.sub("", clean(p.match.group("names"))), len(figures))
    if names is None:
        not_understood(p, out, Why.NAMES_AND_FIGURES)
        return base, []
    total = total_name(p.match.groupdict().get("total") or "")
    made = []
    for t, n in zip(figures, names, strict=True):
        entry = Entry(None, n, p.paragraph, span_of(p), p.sentence, rule=p.rule.id)
        entry.shares.append(ShareClaim(t, total, p.rule.id, span_of(p)))
        made.append(entry)
    out.entries.extend(made)
    return base, made


def attach_list(
    p: Pending, out: SentenceReading, ctx: Context, base: BaseT, each_prev: list[Entry]
) -> tuple[BaseT, list[Entry]]:
    """依次为：甲区152.30%、乙县138.05%…: a figure to each name, one list."""
    head = clean(p.match.group("names") or "")
    made: list[Entry] = []
    start = p.match.start("list")
    for i in range(start, p.match.end("list")):
        token = p.shape.tokens.get(i)
        if token is None:
            continue
        item = clean(p.shape.text[start:i])
        start = i + 1
        made.append(
            Entry(token, f"{head}：{item}" if head else item, p.paragraph, span_of(p), p.sentence)
        )
        made[-1].group = f"{p.rule.id}@{p.clause.start}"
        made[-1].rule = p.rule.id
    out.entries.extend(made)
    return base, made
