"""One sentence read clause by clause: the rule table's claims, the figures they speak of.

A claim attaches to the figure it is about: a change to the nearest figure before it
that it can be a change of (the same unit for 增加1.23万人, a percentage for 提高…个百分点,
an amount for 增长6.38%), a completion rate or a limit to a figure of its own clause or
the one before, a pace claim to the completion it follows. When that reading is not
unique the clause is listed as not understood: nothing is guessed.
"""

from __future__ import annotations

import datetime as dt
import re

from hrkpi.core.models import Base
from hrkpi.scans.attach import attach
from hrkpi.scans.model import Entry, Span, Why
from hrkpi.scans.numerals import FigureClass, Token
from hrkpi.scans.rules import BASE_RULES, COMPARABLE, CUES, PLACEHOLDER, RULES, TRIGGERS, Kind
from hrkpi.scans.shapes import Context, Pending, SentenceReading, Shape, clean, resolve_base
from hrkpi.scans.text import Clause, Sentence

_RELATIONAL = (FigureClass.POINTS, FigureClass.TIMES)
_VALUES = (FigureClass.AMOUNT, FigureClass.PERCENT, FigureClass.PERMILLE)
_CONTINUE = re.compile(r"^\s*(?:为|达到|达|是)\s*[" + "".join(PLACEHOLDER.values()) + "]")


def read_sentence(
    folded: str,
    sentence: Sentence,
    tokens: list[Token],
    ctx: Context,
    base: Base | dt.date | None = None,
) -> SentenceReading:
    """Read one sentence's claims and attach them to its figures. `base` is the base of
    the paragraph's last change (比上年增长0.8%。其中…增长0.9%: the same base)."""
    out = SentenceReading()
    out.cuts = [c.end for c in sentence.clauses if c.sep == ";"]
    clauses = _merge(folded, sentence.clauses, tokens)
    each_prev: list[Entry] = []
    for index, clause in enumerate(clauses):
        ctoks = [t for t in tokens if clause.start <= t.start < clause.end]
        shape = _shape(folded, clause, ctoks)
        own_base = _base_clause(shape.text, ctx)
        if own_base is not None:
            base = own_base
            continue
        floor = clauses[index - 1].start if index else clause.start
        # 按可比价格 / 扣除价格因素 speak for their ；-item (城镇…实际增长7.1%；农村…增长10.5%).
        item = max([sentence.start, *(cut + 1 for cut in out.cuts if cut < clause.start)])
        comparable = bool(COMPARABLE.search(folded, item, clause.end))
        pending, used = _match_rules(shape, clause, floor, sentence, comparable)
        leftovers = [t for t in ctoks if t.start not in used]
        rest = _unmatched_text(shape, pending)
        cue = CUES.search(rest)
        odd = [t for t in leftovers if t.cls not in _VALUES]
        if (cue and leftovers) or any(t.cls in _RELATIONAL for t in odd):
            # A figure of a claim no rule reads: the whole clause is not understood,
            # and no claim of it is taken (a margin, a share, a ratio: see docs/scan.md).
            out.not_understood.append(((clause.start, clause.end), Why.NO_RULE))
            continue
        for t in leftovers:
            if t.cls in _VALUES and t.unit is not None:
                out.entries.append(_entry(folded, t, clause, sentence, shape, pending))
        new_each: list[Entry] = []
        for p in pending:
            base, made = attach(p, out, ctx, base, each_prev)
            new_each.extend(made)
        each_prev = new_each
    out.base = base
    return out


def _merge(folded: str, clauses: list[Clause], tokens: list[Token]) -> list[Clause]:
    """ "增幅最大,为2.54%" is one clause: a clause without figures and the "为…" after it."""
    merged: list[Clause] = []
    for clause in clauses:
        prev = merged[-1] if merged else None
        has_figures = prev is not None and any(prev.start <= t.start < prev.end for t in tokens)
        if prev is not None and not has_figures and prev.sep == ",":
            ctoks = [t for t in tokens if clause.start <= t.start < clause.end]
            if _CONTINUE.match(_shape(folded, clause, ctoks).text):
                merged[-1] = Clause(prev.start, clause.end, clause.sep)
                continue
        merged.append(clause)
    return merged


def _shape(folded: str, clause: Clause, tokens: list[Token]) -> Shape:
    text: list[str] = []
    origin: list[int] = []
    at: dict[int, Token] = {}
    i = clause.start
    for t in sorted(tokens, key=lambda t: t.start):
        text.extend(folded[i : t.start])
        origin.extend(range(i, t.start))
        at[len(text)] = t
        text.append(PLACEHOLDER[t.cls])
        origin.append(t.start)
        i = t.end
    text.extend(folded[i : clause.end])
    origin.extend(range(i, clause.end))
    return Shape("".join(text), origin, at)


def _base_clause(shape: str, ctx: Context) -> Base | dt.date | None:
    for rule in BASE_RULES:
        m = rule.regex.search(shape.strip())
        if m:
            return resolve_base(shape.strip(), ctx)
    return None


def _match_rules(
    shape: Shape, clause: Clause, floor: int, sentence: Sentence, comparable: bool
) -> tuple[list[Pending], set[int]]:
    taken: list[tuple[int, int]] = []
    pending: list[Pending] = []
    used: set[int] = set()
    for rule in RULES:
        trigger = TRIGGERS.get(rule.kind)
        if rule.kind is Kind.EXCEPT or (trigger is not None and not trigger.search(shape.text)):
            continue
        for m in rule.regex.finditer(shape.text):
            if any(m.start() < b and a < m.end() for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            left = max([b for a, b in taken if b <= m.start()] + [0])
            subject = clean(shape.text[left : m.start()])
            pending.append(
                Pending(
                    rule,
                    m,
                    shape,
                    subject,
                    clause,
                    floor,
                    sentence.paragraph,
                    _span(sentence),
                    comparable,
                )
            )
            keep = rule.params.get("value")  # a figure the rule names but leaves a value
            for i in range(m.start(), m.end()):
                if i in shape.tokens and not (keep and m.start(keep) <= i < m.end(keep)):
                    used.add(shape.tokens[i].start)
    pending.sort(key=lambda p: p.match.start())
    return pending, used


def _unmatched_text(shape: Shape, pending: list[Pending]) -> str:
    chars = list(shape.text)
    for p in pending:
        for i in range(p.match.start(), p.match.end()):
            chars[i] = " "
    return "".join(chars)


def _entry(
    folded: str,
    token: Token,
    clause: Clause,
    sentence: Sentence,
    shape: Shape,
    pending: list[Pending],
) -> Entry:
    left = clause.start
    for t in shape.tokens.values():
        if t.end <= token.start:
            left = max(left, t.end)
    for p in pending:
        end = shape.origin[p.match.end() - 1] + 1
        if end <= token.start:
            left = max(left, end)
    name = clean(folded[left : token.start])
    entry = Entry(token, name, sentence.paragraph, (clause.start, clause.end), _span(sentence))
    # A figure after 其中 in its sentence is a part: a completion or limit that follows
    # speaks of the whole (新增就业5.2万人，其中，高校毕业生1.5万人，完成全年目标6万人的86.7%).
    entry.part = "其中" in folded[sentence.start : token.start]
    return entry


def _span(sentence: Sentence) -> Span:
    return sentence.start, sentence.end
