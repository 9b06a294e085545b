"""What each kind of claim means, and the figure it attaches to (one handler per kind)."""

from __future__ import annotations

import re
from collections.abc import Callable

from hrkpi.core.models import PaceStatus
from hrkpi.scans.lists import attach_each, attach_list
from hrkpi.scans.marginclaims import attach_margin
from hrkpi.scans.model import (
    ChangeClaim,
    CompletionClaim,
    Entry,
    LimitClaim,
    PaceClaim,
    Why,
)
from hrkpi.scans.numerals import FigureClass, Token
from hrkpi.scans.ratios import attach_ratio
from hrkpi.scans.rules import COMPARABLE_SUBJECT, Kind
from hrkpi.scans.shapes import (
    BaseT,
    Context,
    Pending,
    SentenceReading,
    candidates,
    clean,
    group_token,
    not_understood,
    resolve_base,
    same_base,
    span_of,
    subject_matches,
    wholes,
)
from hrkpi.scans.shareclaims import attach_share

_LIMIT_VERBS = re.compile(
    r"(?:年度|全年|当年|本年|上半年|累计|目标|任务|计划|的|均|都|已|继续|仍|始终|一直|全面|顺利|超额|提前)+$"
)
_UNREAD_BASE = re.compile(r"^(?:比|较|与|同|和).*(?:年|月|季度|期|末|底|初|日)(?:相比)?$")
_LIMIT_WORDS = {"未超过": "不超过"}


def attach(
    p: Pending, out: SentenceReading, ctx: Context, base: BaseT, each_prev: list[Entry]
) -> tuple[BaseT, list[Entry]]:
    """Attach one pending claim; return the base for the claims after it and the
    entries a 分别 list made (for a 分别 list of changes that follows)."""
    return _HANDLERS[p.rule.kind](p, out, ctx, base, each_prev)


def _change(
    p: Pending, out: SentenceReading, ctx: Context, base: BaseT, each_prev: list[Entry]
) -> tuple[BaseT, list[Entry]]:
    if "value" in p.match.groupdict():
        return _from_to(p, out, ctx, base)
    if "previous" in p.match.groupdict():
        return _stated_base(p, out, ctx, base)
    delta = group_token(p, "delta")
    assert delta is not None and delta.figure is not None
    own = p.match.group("base")
    b = resolve_base(own, ctx) if own else base
    if own and b is None:
        not_understood(p, out, Why.UNDATED_BASE)
        return base, []
    sign = -1 if p.rule.params.get("sign") == "-" else 1
    kind = {FigureClass.AMOUNT: "abs", FigureClass.PERCENT: "pct", FigureClass.POINTS: "pp"}[
        delta.cls
    ]
    # 按可比价格计算…增长6.1%, 实际增长5.8%: a rate from figures not printed (constant
    # prices, revised bases), never checked against the printed change or values.
    comparable = kind == "pct" and p.comparable
    subject = COMPARABLE_SUBJECT.sub("", p.subject)
    claim = ChangeClaim(delta, kind, sign, b, p.rule.id, span_of(p), comparable)
    found = candidates(out, delta.start)
    if kind == "abs":
        found = [e for e in found if same_base(e.token, delta)]
    elif kind == "pp":
        found = [e for e in found if e.token is not None and e.token.cls is FigureClass.PERCENT]
        if not subject:
            # Points with no subject speak of a rate in their clause or the one before
            # (or one the clause before spoke of: 5.3%，上年同期为4.9%，上升0.4个百分点),
            # never of one further back (a share's points between would be misread).
            found = [
                e
                for e in found
                if e.span[0] >= p.floor or any(c.span[0] >= p.floor for c in e.changes)
            ]
    else:
        found = found[:1]
        if found and found[0].token is not None and found[0].token.cls is FigureClass.PERCENT:
            not_understood(p, out, Why.RATE_PERCENT_CHANGE)
            return b, []
    found = [e for e in found if not e.consumed]
    if not subject and kind in ("abs", "pct") and _which(out, found, delta.start, kind, delta):
        # 受理案件238件，涉及劳动者1200人，同比下降11.19%: of 238, or of 1200?
        not_understood(p, out, Why.WHICH_FIGURE)
        return b, []
    if _UNREAD_BASE.match(subject):
        # 比一季度末下降…: a base the table does not read is no subject's name.
        not_understood(p, out, Why.NO_BASE)
        return base, []
    if subject and (not found or not subject_matches(subject, found[0].name)):
        # A change of a subject whose figure is not printed (第二产业…增长2.18%).
        entry = Entry(None, subject, p.paragraph, span_of(p), p.sentence)
        entry.changes.append(claim)
        out.entries.append(entry)
        return b, []
    if not found or b is None:
        not_understood(p, out, Why.NO_BASE if found else Why.NO_FIGURE)
        return b, []
    target = found[0]
    if any(c.kind == kind and c.base == b and c.comparable == comparable for c in target.changes):
        not_understood(p, out, Why.SECOND_CHANGE)
        return b, []
    target.changes.append(claim)
    return b, []


def _from_to(
    p: Pending, out: SentenceReading, ctx: Context, base: BaseT
) -> tuple[BaseT, list[Entry]]:
    """由年初的3.8%下降到3.6%: the previous value printed beside the current one."""
    previous = group_token(p, "previous")
    value = group_token(p, "value")
    own = p.match.group("base")
    b = resolve_base("比" + own, ctx) if own else base
    entry = next((e for e in out.entries if e.token is value), None)
    if previous is None or value is None or entry is None or b is None:
        not_understood(p, out, Why.NO_BASE)
        return base, []
    if previous.cls is not value.cls or (
        previous.cls is FigureClass.AMOUNT and not same_base(entry.token, previous)
    ):
        not_understood(p, out, Why.UNITS_DIFFER)
        return base, []
    entry.changes.append(ChangeClaim(previous, "previous", 1, b, p.rule.id, span_of(p)))
    return b, []


def _which(out: SentenceReading, found: list[Entry], before: int, kind: str, delta: Token) -> bool:
    """Whether a change naming no subject could be of more than one figure: two figures
    it could be a change of stand in two clauses since the sentence's last change or ；,
    and the nearest has no change of its own yet (增加3.6万人，增长18.2% is one figure's)."""
    if not found or found[0].changes:
        return False
    since = max(
        [c.span[1] for e in out.entries for c in e.changes if c.span[1] <= before]
        + [cut for cut in out.cuts if cut < before],  # a ；closes an item
        default=-1,
    )
    rivals = [
        e
        for e in out.entries
        if e.token is not None
        and e.span[0] > since
        and e.token.start < before
        and not e.consumed
        and e.completion is None
        and e.token.cls is FigureClass.AMOUNT
        and (kind == "pct" or same_base(e.token, delta))
    ]
    return len({e.span for e in rivals}) >= 2


def _stated_base(
    p: Pending, out: SentenceReading, ctx: Context, base: BaseT
) -> tuple[BaseT, list[Entry]]:
    """受理案件238件，上年同期为268件: the base value printed after the figure, in a
    clause of its own (so the change that follows speaks of 238, not of 268)."""
    previous = group_token(p, "previous")
    assert previous is not None
    b = resolve_base("比" + p.match.group("base"), ctx)
    before = p.shape.origin[p.match.start()]
    found = [
        e
        for e in candidates(out, before, p.floor)
        if not e.consumed
        and e.token is not None
        and e.token.cls is previous.cls
        and (previous.cls is not FigureClass.AMOUNT or same_base(e.token, previous))
    ][:1]
    if not found or b is None:
        not_understood(p, out, Why.NO_FIGURE if b is not None else Why.UNDATED_BASE)
        return base, []
    if any(c.kind == "previous" and c.base == b for c in found[0].changes):
        not_understood(p, out, Why.SECOND_CHANGE)
        return b, []
    found[0].changes.append(ChangeClaim(previous, "previous", 1, b, p.rule.id, span_of(p)))
    return b, []


def _about(p: Pending, e: Entry) -> bool:
    """A claim naming its subject (城镇登记失业率控制在3.5%以内) speaks of the figure before
    it only if that figure bears the name; one naming none speaks of it."""
    subject = _LIMIT_VERBS.sub("", p.subject)
    return not subject or subject_matches(subject, e.name) or subject_matches(e.name, subject)


def _completion(
    p: Pending, out: SentenceReading, ctx: Context, base: BaseT, each_prev: list[Entry]
) -> tuple[BaseT, list[Entry]]:
    rate = group_token(p, "rate")
    target = group_token(p, "target") if "target" in p.match.groupdict() else None
    assert rate is not None
    if target is not None and (target.figure is None or target.figure.approx is not None):
        not_understood(p, out, Why.APPROXIMATE_TARGET)
        return base, []
    found = [
        e
        for e in wholes(out, p.shape.origin[p.match.start()])
        if e.token is not None and e.token.cls is FigureClass.AMOUNT
    ]
    if target is not None:
        found = [e for e in found if same_base(e.token, target)]
    found = [e for e in found[:1] if e.completion is None and _about(p, e)]
    if not found:
        not_understood(p, out, Why.NO_FIGURE)
        return base, []
    found[0].completion = CompletionClaim(rate, target, p.rule.id, span_of(p))
    return base, []


def _limit(
    p: Pending, out: SentenceReading, ctx: Context, base: BaseT, each_prev: list[Entry]
) -> tuple[BaseT, list[Entry]]:
    limit = group_token(p, "limit")
    assert limit is not None and limit.figure is not None
    word = p.rule.params.get("word") or p.match.group("word")
    word = _LIMIT_WORDS.get(word, word)
    if p.rule.params.get("word") and limit.figure.word != word:
        not_understood(p, out, Why.NO_LIMIT_WORD)
        return base, []
    if p.rule.params.get("word") is None and limit.figure.approx is not None:
        not_understood(p, out, Why.APPROXIMATE_LIMIT)
        return base, []
    groups = p.match.groupdict()
    label = clean(groups.get("label") or "") or clean(groups.get("label2") or "") or "目标"
    # The nearest figure of the limit's class in the sentence: a rate's limit follows
    # the rate, perhaps after its change (5.1%，比上月下降0.2个百分点，低于5.5%的目标).
    found = [
        e
        for e in wholes(out, p.shape.origin[p.match.start()])
        if e.token is not None and e.token.cls is limit.cls
    ][:1]
    if not found or found[0].limit is not None or not _about(p, found[0]):
        not_understood(p, out, Why.NO_FIGURE)
        return base, []
    found[0].limit = LimitClaim(limit, word, label, p.rule.id, span_of(p))
    return base, []


def _pace(
    p: Pending, out: SentenceReading, ctx: Context, base: BaseT, each_prev: list[Entry]
) -> tuple[BaseT, list[Entry]]:
    before = p.shape.origin[p.match.start()]
    found = [e for e in candidates(out, before) if e.completion is not None and e.pace is None]
    if not found:
        not_understood(p, out, Why.NO_COMPLETION)
        return base, []
    status = p.rule.params["status"]
    found[0].pace = PaceClaim(
        status if status == "half" else PaceStatus(status), p.rule.id, span_of(p)
    )
    return base, []


def _base(
    p: Pending, out: SentenceReading, ctx: Context, base: BaseT, each_prev: list[Entry]
) -> tuple[BaseT, list[Entry]]:
    return base, []


_HANDLERS: dict[
    Kind,
    Callable[[Pending, SentenceReading, Context, BaseT, list[Entry]], tuple[BaseT, list[Entry]]],
] = {
    Kind.CHANGE: _change,
    Kind.COMPLETION: _completion,
    Kind.LIMIT: _limit,
    Kind.PACE: _pace,
    Kind.EACH: attach_each,
    Kind.SHARE: attach_share,
    Kind.MARGIN: attach_margin,
    Kind.RATIO: attach_ratio,
    Kind.LIST: attach_list,
    Kind.BASE: _base,
    Kind.EXCEPT: _base,
}
