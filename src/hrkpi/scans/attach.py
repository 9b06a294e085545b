"""What each kind of claim means, and the figure it attaches to (one handler per kind)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from hrkpi.core.models import Base, PaceStatus
from hrkpi.scans.model import (
    ChangeClaim,
    CompletionClaim,
    Entry,
    LimitClaim,
    PaceClaim,
    Span,
    Why,
)
from hrkpi.scans.numerals import FigureClass, Token
from hrkpi.scans.rules import Kind
from hrkpi.scans.shapes import (
    Context,
    Pending,
    SentenceReading,
    candidates,
    clean,
    group_token,
    group_tokens,
    resolve_base,
)

BaseT = Base | dt.date | None
_GENERIC = re.compile(r"(?:人数|数量|总数|总量|规模|金额|总额|数|量)$")
_SPLIT = re.compile(r"、|和|及|与|以及")
_FALL_WORDS = ("降幅", "下降", "减少", "降低")
_LIMIT_WORDS = {"未超过": "不超过"}


def attach(
    p: Pending, out: SentenceReading, ctx: Context, base: BaseT, each_prev: list[Entry]
) -> tuple[BaseT, list[Entry]]:
    """Attach one pending claim; return the base for the claims after it and the
    entries a 分别 list made (for a 分别 list of changes that follows)."""
    return _HANDLERS[p.rule.kind](p, out, ctx, base, each_prev)


def _span(p: Pending) -> Span:
    return p.clause.start, p.clause.end


def _not_understood(p: Pending, out: SentenceReading, why: Why) -> None:
    out.not_understood.append((_span(p), why))


def _subject_matches(subject: str, name: str) -> bool:
    """返岗人数 speaks of 累计返岗; 第三产业的职工 does not speak of 职工 (it is a part)."""
    core = _GENERIC.sub("", subject)
    return not core or core in name


def _change(
    p: Pending, out: SentenceReading, ctx: Context, base: BaseT, each_prev: list[Entry]
) -> tuple[BaseT, list[Entry]]:
    if "previous" in p.match.groupdict():
        return _from_to(p, out, ctx, base)
    delta = group_token(p, "delta")
    assert delta is not None and delta.figure is not None
    own = p.match.group("base")
    b = resolve_base(own, ctx) if own else base
    if own and b is None:
        _not_understood(p, out, Why.UNDATED_BASE)
        return base, []
    sign = -1 if p.rule.params.get("sign") == "-" else 1
    if delta.figure.approx is not None and sign < 0:
        _not_understood(p, out, Why.APPROXIMATE_FALL)
        return b, []
    kind = {FigureClass.AMOUNT: "abs", FigureClass.PERCENT: "pct", FigureClass.POINTS: "pp"}[
        delta.cls
    ]
    claim = ChangeClaim(delta, kind, sign, b, p.rule.id, _span(p))
    found = candidates(out, delta.start)
    if kind == "abs":
        found = [e for e in found if _same_base(e.token, delta)]
    elif kind == "pp":
        found = [e for e in found if e.token is not None and e.token.cls is FigureClass.PERCENT]
    else:
        found = found[:1]
        if found and found[0].token is not None and found[0].token.cls is FigureClass.PERCENT:
            _not_understood(p, out, Why.RATE_PERCENT_CHANGE)
            return b, []
    found = [e for e in found if not e.consumed]
    if p.subject and (not found or not _subject_matches(p.subject, found[0].name)):
        # A change of a subject whose figure is not printed (第二产业…增长2.18%).
        entry = Entry(None, p.subject, p.paragraph, _span(p), p.sentence)
        entry.changes.append(claim)
        out.entries.append(entry)
        return b, []
    if not found or b is None:
        _not_understood(p, out, Why.NO_BASE if found else Why.NO_FIGURE)
        return b, []
    target = found[0]
    if any(c.kind == kind and c.base == b for c in target.changes):
        _not_understood(p, out, Why.SECOND_CHANGE)
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
        _not_understood(p, out, Why.NO_BASE)
        return base, []
    if previous.cls is not value.cls or (
        previous.cls is FigureClass.AMOUNT and not _same_base(entry.token, previous)
    ):
        _not_understood(p, out, Why.UNITS_DIFFER)
        return base, []
    entry.changes.append(ChangeClaim(previous, "previous", 1, b, p.rule.id, _span(p)))
    return b, []


def _same_base(token: Token | None, other: Token) -> bool:
    return (
        token is not None
        and token.cls is FigureClass.AMOUNT
        and token.unit is not None
        and other.unit is not None
        and token.unit.base == other.unit.base
    )


def _wholes(out: SentenceReading, before: int) -> list[Entry]:
    """Entries of the sentence before `before`, nearest first, leaving out the parts
    named after 其中 (a completion or a limit speaks of the whole)."""
    return [e for e in candidates(out, before) if not e.consumed and not e.part]


def _completion(
    p: Pending, out: SentenceReading, ctx: Context, base: BaseT, each_prev: list[Entry]
) -> tuple[BaseT, list[Entry]]:
    rate = group_token(p, "rate")
    target = group_token(p, "target") if "target" in p.match.groupdict() else None
    assert rate is not None
    if target is not None and (target.figure is None or target.figure.approx is not None):
        _not_understood(p, out, Why.APPROXIMATE_TARGET)
        return base, []
    found = [
        e
        for e in _wholes(out, p.shape.origin[p.match.start()])
        if e.token is not None and e.token.cls is FigureClass.AMOUNT
    ]
    if target is not None:
        found = [e for e in found if _same_base(e.token, target)]
    found = [e for e in found[:1] if e.completion is None]
    if not found:
        _not_understood(p, out, Why.NO_FIGURE)
        return base, []
    found[0].completion = CompletionClaim(rate, target, p.rule.id, _span(p))
    return base, []


def _limit(
    p: Pending, out: SentenceReading, ctx: Context, base: BaseT, each_prev: list[Entry]
) -> tuple[BaseT, list[Entry]]:
    limit = group_token(p, "limit")
    assert limit is not None and limit.figure is not None
    word = p.rule.params.get("word") or p.match.group("word")
    word = _LIMIT_WORDS.get(word, word)
    if p.rule.params.get("word") and limit.figure.word != word:
        _not_understood(p, out, Why.NO_LIMIT_WORD)
        return base, []
    if p.rule.params.get("word") is None and limit.figure.approx is not None:
        _not_understood(p, out, Why.APPROXIMATE_LIMIT)
        return base, []
    groups = p.match.groupdict()
    label = clean(groups.get("label") or "") or clean(groups.get("label2") or "") or "目标"
    # The nearest figure of the limit's class in the sentence: a rate's limit follows
    # the rate, perhaps after its change (5.1%，比上月下降0.2个百分点，低于5.5%的目标).
    found = [
        e
        for e in _wholes(out, p.shape.origin[p.match.start()])
        if e.token is not None and e.token.cls is limit.cls
    ][:1]
    if not found or found[0].limit is not None:
        _not_understood(p, out, Why.NO_FIGURE)
        return base, []
    found[0].limit = LimitClaim(limit, word, label, p.rule.id, _span(p))
    return base, []


def _pace(
    p: Pending, out: SentenceReading, ctx: Context, base: BaseT, each_prev: list[Entry]
) -> tuple[BaseT, list[Entry]]:
    before = p.shape.origin[p.match.start()]
    found = [e for e in candidates(out, before) if e.completion is not None and e.pace is None]
    if not found:
        _not_understood(p, out, Why.NO_COMPLETION)
        return base, []
    status = p.rule.params["status"]
    found[0].pace = PaceClaim(
        status if status == "half" else PaceStatus(status), p.rule.id, _span(p)
    )
    return base, []


def _names(text: str, count: int) -> list[str] | None:
    """ "第二产业、第一产业的职工" -> the names of two parts, the shared words kept on each."""
    items = [i for i in _SPLIT.split(clean(text)) if i]
    if len(items) != count:
        return None
    first = len(items[0])
    last = items[-1]
    tail = last[first:] if len(last) > first + 1 else ""
    return [i + tail for i in items[:-1]] + [last]


def _each(
    p: Pending, out: SentenceReading, ctx: Context, base: BaseT, each_prev: list[Entry]
) -> tuple[BaseT, list[Entry]]:
    figures = group_tokens(p, "list")
    groups = p.match.groupdict()
    if "verb" not in groups:  # 分别为 x、y: values, one to a name
        names = _names(groups["names"], len(figures))
        if names is None:
            _not_understood(p, out, Why.NAMES_AND_FIGURES)
            return base, []
        made = [
            Entry(t, n, p.paragraph, _span(p), p.sentence, rule=p.rule.id)
            for t, n in zip(figures, names, strict=True)
        ]
        out.entries.extend(made)
        return base, made
    own = groups.get("base")
    b = resolve_base(own, ctx) if own else base
    verb = groups.get("verb") or ""
    sign = -1 if verb in _FALL_WORDS else 1
    kind = {FigureClass.PERCENT: "pct", FigureClass.POINTS: "pp"}.get(figures[0].cls, "abs")
    if not verb or (b is None and len(each_prev) == len(figures)):
        _not_understood(p, out, Why.NO_BASE)
        return base, []
    owners: list[Entry]
    if len(each_prev) == len(figures):
        owners = each_prev
    else:
        names = _names(groups["names"], len(figures))
        if names is None:
            _not_understood(p, out, Why.NAMES_AND_FIGURES)
            return b, []
        owners = [Entry(None, n, p.paragraph, _span(p), p.sentence, rule=p.rule.id) for n in names]
        out.entries.extend(owners)
    for owner, t in zip(owners, figures, strict=True):
        owner.changes.append(ChangeClaim(t, kind, sign, b, p.rule.id, _span(p)))
    return b, owners  # a 分别 list after this one speaks of the same names


def _list(
    p: Pending, out: SentenceReading, ctx: Context, base: BaseT, each_prev: list[Entry]
) -> tuple[BaseT, list[Entry]]:
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
            Entry(token, f"{head}：{item}" if head else item, p.paragraph, _span(p), p.sentence)
        )
        made[-1].group = f"{p.rule.id}@{p.clause.start}"
        made[-1].rule = p.rule.id
    out.entries.extend(made)
    return base, made


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
    Kind.EACH: _each,
    Kind.LIST: _list,
    Kind.BASE: _base,
    Kind.EXCEPT: _base,
}
