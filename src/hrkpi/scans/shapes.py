"""The pieces a sentence is read with: clause shapes, pending claims, the sentence's reading."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from hrkpi.core.models import Base
from hrkpi.scans.model import Entry, Span, Why
from hrkpi.scans.numerals import FigureClass, Token
from hrkpi.scans.rules import BASES, Rule
from hrkpi.scans.text import Clause

LEAD = re.compile(
    r"^(?:[\s,;:、]|其中|并且|并|且|同时|全市|全省|全区|全县|全州|全国|共计|共|累计|合计|总计|"
    r"截至目前|目前|现有|已有|已|上半年|今年以来|年内)+"
)
TRAIL = re.compile(r"(?:[\s,;:、]|为|达到|达|是|共计|共|累计|约|有|实现|完成|的)+$")


BaseT = Base | dt.date | None  # a change's base: named, a date, or not known


@dataclass
class Context:
    """What a sentence is read against: the report's year, and its as-of date if known."""

    year: int | None
    as_of: dt.date | None
    pace_known: bool = False  # the as-of date is a period's: schedule pace can be placed


@dataclass
class Shape:
    """A clause with each figure replaced by its class's placeholder."""

    text: str
    origin: list[int]  # folded offset of each shape character
    tokens: dict[int, Token]  # shape index -> figure


@dataclass
class Pending:
    """A rule's match in a clause, waiting to be attached to its figure."""

    rule: Rule
    match: re.Match[str]
    shape: Shape
    subject: str  # the words before the claim (返岗人数 in 返岗人数增加208.52万人)
    clause: Clause
    floor: int  # where the clause before this one starts: how far back a claim may reach
    paragraph: int
    sentence: Span
    comparable: bool = False  # the sentence says 按可比价格, 实际 … up to this clause


@dataclass
class SentenceReading:
    """The entries of one sentence and the stretches of it that were not understood."""

    entries: list[Entry] = field(default_factory=list)
    not_understood: list[tuple[Span, Why]] = field(default_factory=list)
    base: Base | dt.date | None = None  # the base in force at the sentence's end
    cuts: list[int] = field(default_factory=list)  # where the sentence's ；fall


def resolve_base(text: str, ctx: Context) -> Base | dt.date | None:
    """同比 -> same period last year; 较2019年底 -> end of last year in a 2020 report; …"""
    for pattern, what in BASES:
        m = re.search(pattern, text)
        if not m:
            continue
        if what == "same_period_last_year":
            return Base.SAME_PERIOD_LAST_YEAR
        if what == "end_of_last_year":
            return Base.END_OF_LAST_YEAR
        year = ctx.as_of.year if ctx.as_of else ctx.year
        if what == "year_end":
            y = int(m["year"])
            if year is not None and y == year - 1:
                return Base.END_OF_LAST_YEAR
            return dt.date(y, 12, 31)
        if year is None:
            return None
        try:
            if what == "date":
                return dt.date(year, int(m["month"]), int(m["day"]))
            if what == "month_end":
                return month_end(year, int(m["month"]))
            if what == "quarter_end":
                return month_end(year, 3 * "一二三".index(m["quarter"]) + 3)
        except ValueError:
            return None
        if what == "previous_month" and ctx.as_of is not None:
            return ctx.as_of.replace(day=1) - dt.timedelta(days=1)
        return None
    return None


def month_end(year: int, month: int) -> dt.date:
    """The last day of a month (ValueError for a month that is not one)."""
    if not 1 <= month <= 12:
        raise ValueError(f"no month {month}")
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def clean(text: str) -> str:
    text = LEAD.sub("", text)
    text = TRAIL.sub("", text)
    return "".join(ch for ch in text if not "\ue000" <= ch <= "\ue0ff").strip()


def group_token(p: Pending, group: str) -> Token | None:
    if group not in p.match.groupdict() or p.match.group(group) is None:
        return None
    start = p.match.start(group)
    for i in range(start, p.match.end(group)):
        if i in p.shape.tokens:
            return p.shape.tokens[i]
    return None


def group_tokens(p: Pending, group: str) -> list[Token]:
    return [
        p.shape.tokens[i]
        for i in range(p.match.start(group), p.match.end(group))
        if i in p.shape.tokens
    ]


def candidates(out: SentenceReading, before: int, clause_floor: int | None = None) -> list[Entry]:
    """Entries with a figure before `before`, nearest first (from `clause_floor` on)."""
    found = [
        e
        for e in out.entries
        if e.token is not None
        and e.token.start < before
        and (clause_floor is None or e.span[0] >= clause_floor)
    ]
    return sorted(found, key=lambda e: -e.token.start if e.token else 0)


def span_of(p: Pending) -> Span:
    """The clause a pending claim stands in."""
    return p.clause.start, p.clause.end


def not_understood(p: Pending, out: SentenceReading, why: Why) -> None:
    """List the claim's clause as not understood, with its reason."""
    out.not_understood.append((span_of(p), why))


_GENERIC = re.compile(r"(?:人数|数量|总数|总量|规模|金额|总额|数|量)$")


def subject_matches(subject: str, name: str) -> bool:
    """返岗人数 speaks of 累计返岗; 第三产业的职工 does not speak of 职工 (it is a part)."""
    core = _GENERIC.sub("", subject)
    return not core or core in name


def same_base(token: Token | None, other: Token) -> bool:
    """Both amounts in units of one base (万人 and 人), so they compare."""
    return (
        token is not None
        and token.cls is FigureClass.AMOUNT
        and token.unit is not None
        and other.unit is not None
        and token.unit.base == other.unit.base
    )


def wholes(out: SentenceReading, before: int) -> list[Entry]:
    """Entries of the sentence before `before`, nearest first, leaving out the parts
    named after 其中 (a completion or a limit speaks of the whole)."""
    return [e for e in candidates(out, before) if not e.consumed and not e.part]
