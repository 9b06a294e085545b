"""Shares as a report states them: 占总人口比重为60.60%, 占比28.8%, 第二产业增加值比重为
39.0%, 分别占23.6%、28.7%和47.7%. A share attaches to the figure it is a share of (the
nearest amount before it, in its clause or the one before, or the subject it names);
the total it is a share of is found later, across the text (hrkpi.scans.sharetotals)."""

from __future__ import annotations

import re

from hrkpi.scans.model import Entry, ShareClaim, Why
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
    subject_matches,
)


def attach_share(
    p: Pending, out: SentenceReading, ctx: Context, base: BaseT, each_prev: list[Entry]
) -> tuple[BaseT, list[Entry]]:
    """占…的X%: the share of the figure before it (or of the subject it names)."""
    token = group_token(p, "share")
    assert token is not None
    total = total_name(p.match.groupdict().get("total") or "")
    claim = ShareClaim(token, total, p.rule.id, span_of(p))
    before = p.shape.origin[p.match.start()]
    found = [e for e in candidates(out, before, p.floor) if not e.consumed]
    if p.subject and (not found or not subject_matches(p.subject, found[0].name)):
        # 第二产业增加值比重为39.0%: a share of a subject whose figure is not printed here.
        entry = Entry(None, p.subject, p.paragraph, span_of(p), p.sentence, rule=p.rule.id)
        entry.shares.append(claim)
        out.entries.append(entry)
        return base, []
    if not found:
        not_understood(p, out, Why.NO_FIGURE)
        return base, []
    part = found[0]
    if part.token is None or part.token.cls is not FigureClass.AMOUNT or part.shares:
        # A share of a rate, or a second share of one figure: what is it a share of?
        not_understood(p, out, Why.NO_FIGURE)
        return base, []
    part.shares.append(claim)
    return base, []


_ASIDE = re.compile(r"\([^)]*\)")
_OF = re.compile(r"(?:的)?(?:比重|比例|份额)$")


def total_name(text: str) -> str:
    """The total a share names: 常住人口 in 占常住人口的比重（常住人口城镇化率）为72.17%."""
    return _OF.sub("", clean(_ASIDE.sub("", text)))


_ORDINALS = re.compile(r"第?([一二三])[、,]第?([一二三])(?:[、,和及与]|以及)第?([一二三])(产业)")


def expand_ordinals(text: str) -> str:
    """第一、二、三产业 (or 三次产业) -> 第一产业、第二产业、第三产业 (a name to a figure)."""
    text = text.replace("三次产业", "第一、二、三产业")
    return _ORDINALS.sub(lambda m: "、".join(f"第{m[i]}{m[4]}" for i in (1, 2, 3)), text)
