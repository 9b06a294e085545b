"""Distances a report states: to a limit (低于4%的控制目标0.44个百分点, 比年度控制目标低
0.44个百分点), to the annual target (超额完成0.22万人), to schedule pace (超序时进度12.3个
百分点). Each attaches to the figure it is a distance of, in units that fit it; `hrkpi
check` finds the limit (printed, a threshold or the target read elsewhere in the text)."""

from __future__ import annotations

from hrkpi.scans.model import Entry, LimitClaim, MarginClaim, Why
from hrkpi.scans.numerals import FigureClass, Token
from hrkpi.scans.shapes import (
    BaseT,
    Context,
    Pending,
    SentenceReading,
    candidates,
    clean,
    group_token,
    not_understood,
    same_base,
    span_of,
    wholes,
)

BELOW = {"低于", "少于", "慢于", "落后", "落后于", "滞后", "滞后于", "低", "少", "慢"}


def attach_margin(
    p: Pending, out: SentenceReading, ctx: Context, base: BaseT, each_prev: list[Entry]
) -> tuple[BaseT, list[Entry]]:
    """A stated distance, attached to the figure it is a distance of."""
    by = group_token(p, "by")
    assert by is not None and by.figure is not None
    groups = p.match.groupdict()
    word = groups.get("word") or groups.get("dir") or ""
    side = "below" if word in BELOW else "above"
    before = p.shape.origin[p.match.start()]
    if p.rule.params.get("against") == "pace":
        # 超序时进度12.3个百分点: the completion rate's distance to schedule pace.
        found = [e for e in candidates(out, before) if e.completion is not None]
        if not found or any(m.against == "pace" for m in found[0].margins):
            not_understood(p, out, Why.NO_COMPLETION)
        elif not ctx.pace_known:
            not_understood(p, out, Why.NO_PACE_DATE)
        else:
            found[0].margins.append(MarginClaim(by, side, "pace", None, p.rule.id, span_of(p)))
        return base, []
    limit = group_token(p, "limit")
    near = wholes(out, before)
    if limit is not None:
        near = [e for e in near if e.token is not None and e.token.cls is limit.cls]
    if not near or near[0].token is None or near[0].margins:
        not_understood(p, out, Why.NO_FIGURE)
        return base, []
    entry = near[0]
    why = _fits(entry, by, limit)
    if why is not None:
        not_understood(p, out, why)
        return base, []
    entry.margins.append(MarginClaim(by, side, "limit", limit, p.rule.id, span_of(p)))
    if limit is not None and entry.limit is None and groups.get("word"):
        # 低于4%的控制目标…: the limit claim is stated too.
        label = clean(groups.get("label") or "") or clean(groups.get("label2") or "") or "目标"
        entry.limit = LimitClaim(limit, groups["word"], label, p.rule.id, span_of(p))
    return base, []


def _fits(entry: Entry, by: Token, limit: Token | None) -> Why | None:
    """Why a distance cannot be read against this figure, if it cannot."""
    assert entry.token is not None
    value = entry.token
    if limit is not None and limit.figure is not None and limit.figure.approx is not None:
        return Why.APPROXIMATE_LIMIT
    if value.cls is FigureClass.PERCENT:
        if by.cls is FigureClass.PERCENT:
            return Why.RATE_PERCENT_MARGIN  # 低于目标0.6%: relative, or points?
        return None if by.cls is FigureClass.POINTS else Why.UNITS_DIFFER
    if value.cls is FigureClass.AMOUNT and (
        (by.cls is FigureClass.AMOUNT and same_base(value, by)) or by.cls is FigureClass.PERCENT
    ):
        if limit is not None and not same_base(value, limit):
            return Why.UNITS_DIFFER
        return None
    return Why.UNITS_DIFFER
