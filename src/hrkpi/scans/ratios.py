"""Ratios a report prints: 总人口性别比为104.45（以女性为100）, 城乡居民人均收入比值为2.08,
城镇居民人均可支配收入是农村居民的2.08倍. The ratio is a figure of its own; its numerator
and denominator are figures the paragraph prints before it — the two members of a pair
(男性 and 女性, 城镇 and 农村) whose names end alike, or, for 是…的N倍, the figure
before it and the one named after 是. `hrkpi check`'s ratio rule decides; a ratio whose
figures are not both found is listed as not understood."""

from __future__ import annotations

import re

from hrkpi.scans.model import Entry, RatioClaim, Reading, Why
from hrkpi.scans.numerals import FigureClass
from hrkpi.scans.shapes import (
    BaseT,
    Context,
    Pending,
    SentenceReading,
    candidates,
    clean,
    group_token,
    not_understood,
    span_of,
)
from hrkpi.scans.sharetotals import core_name

# (numerator's name starts with, denominator's name starts with)
_PAIRS = {
    "sex": (("男",), ("女",)),
    "pair": (("城镇",), ("农村", "乡村")),
}


def attach_ratio(
    p: Pending, out: SentenceReading, ctx: Context, base: BaseT, each_prev: list[Entry]
) -> tuple[BaseT, list[Entry]]:
    """A ratio: an entry of its own, its figures found across the paragraph later."""
    token = group_token(p, "ratio")
    assert token is not None
    groups = p.match.groupdict()
    word = groups.get("word") or ""
    kind = "sex" if "性别" in word else ("times" if groups.get("den") else "pair")
    before = p.shape.origin[p.match.start()]
    near: list[Entry] = []
    if kind == "times" and not p.subject:
        near = [e for e in candidates(out, before) if not e.consumed]
        if near and near[0].span[0] < p.floor:
            near = []  # the figure before it stands in this clause or the one before
        if not near:
            not_understood(p, out, Why.NO_FIGURE)
            return base, []
        name = near[0].name
    elif kind == "times":
        # 城镇居民人均可支配收入是农村居民的2.08倍: the subject's figure, printed before
        # in the paragraph (found with the denominator).
        name = clean(p.subject)
    else:
        name = clean(p.subject + word)
    entry = Entry(token, name, p.paragraph, span_of(p), p.sentence, rule=p.rule.id)
    entry.ratio = RatioClaim(kind, clean(groups.get("den") or ""), p.rule.id, span_of(p))
    if near:
        entry.ratio.numerator = near[0]
    out.entries.append(entry)
    return base, []


def resolve_ratios(reading: Reading) -> None:
    """Find each ratio's numerator and denominator, or list it as not understood."""
    for e in reading.entries:
        claim = e.ratio
        if claim is None:
            continue
        before = [
            x
            for x in reading.entries
            if x.paragraph == e.paragraph
            and x.token is not None
            and x.token.cls is FigureClass.AMOUNT
            and not x.consumed
            and x.span[0] < e.span[1]
            and x is not e
        ]
        if claim.kind == "times":
            if claim.numerator is None:
                core = core_name(e.name)
                named = [x for x in before if core_name(x.name) == core]
                claim.numerator = named[-1] if named else None
            claim.denominator = _named(claim.denominator_name, claim.numerator, before)
        else:
            claim.numerator, claim.denominator = _pair(claim.kind, before, e.name)
        if claim.numerator is None or claim.denominator is None:
            e.ratio = None
            reading.not_understood.append((claim.span, Why.NO_FIGURE))


_PAIR_WORDS = re.compile(r"城乡|比值|之比|比$|的")


def _pair(kind: str, before: list[Entry], ratio: str) -> tuple[Entry | None, Entry | None]:
    """The nearest numerator and denominator before: names that start as the pair's and
    end alike (男性人口 and 女性人口), in units of one base; for 城乡…比值, what the ratio
    names (居民人均收入) must be what the pair's names say (居民人均可支配收入)."""
    tops, bottoms = _PAIRS[kind]
    words = set(_PAIR_WORDS.sub("", core_name(ratio)))
    for top in reversed(before):
        name = core_name(top.name)
        head = next((h for h in tops if name.startswith(h)), None)
        if head is None:
            continue
        rest = re.sub(r"^性", "", name[len(head) :])
        if kind == "pair" and not words <= set(rest):
            continue
        for bottom in reversed(before):
            other = core_name(bottom.name)
            low = next((h for h in bottoms if other.startswith(h)), None)
            if low is None or re.sub(r"^性", "", other[len(low) :]) != rest:
                continue
            if _same_base(top, bottom):
                return top, bottom
        return None, None
    return None, None


def _named(name: str, numerator: Entry | None, before: list[Entry]) -> Entry | None:
    """是农村居民的2.08倍: the figure named 农村居民… (its name starts with the one printed)."""
    core = core_name(name)
    if not core or numerator is None:
        return None
    found = [
        x
        for x in before
        if x is not numerator and core_name(x.name).startswith(core) and _same_base(numerator, x)
    ]
    return found[-1] if found else None


def _same_base(a: Entry, b: Entry) -> bool:
    return (
        a.token is not None
        and b.token is not None
        and a.token.unit is not None
        and b.token.unit is not None
        and a.token.unit.base == b.token.unit.base
    )
