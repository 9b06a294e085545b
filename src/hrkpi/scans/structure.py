"""Relations across clauses: totals and their parts (其中, lists of named parts, 除…外其他…),
the growth of a whole's parts (第一、二、三产业), and a figure restated elsewhere.

A list of parts is taken as the whole's parts only when its reading is clear: the
parts share the total's unit, each part is the first figure of its group, and the
parts add up to the total or miss it by a slip of the pen (see `plausible_sum`);
a list that falls further short is a partial list (其中 often names only some parts)
and one that overshoots may count people twice (女性, 青年): neither is reported.
"""

from __future__ import annotations

import itertools
import re
from fractions import Fraction

from hrkpi.checks.figures import whole_numbers
from hrkpi.core.intervals import Interval
from hrkpi.core.numbers import RoundingMode
from hrkpi.scans.claims import read_sentence
from hrkpi.scans.model import Composition, Entry, Reading
from hrkpi.scans.numerals import FigureClass, Token, figures
from hrkpi.scans.rules import PARTITIONS, RULES, Kind
from hrkpi.scans.shapes import Context
from hrkpi.scans.text import Sentence, paragraphs, sentences

_EXCEPT = next(r for r in RULES if r.kind is Kind.EXCEPT)
_QUOTES = re.compile(r"[“”\"'‘’「」]")


def read_text(folded: str, ctx: Context) -> Reading:
    """Every entry, claim and composition of a (folded) text."""
    reading = Reading()
    for para in paragraphs(folded):
        tokens = figures(folded, para.start, para.end)
        reading.tokens.extend(tokens)
        para_entries: list[Entry] = []
        para_sums: list[Composition] = []
        prev: list[Entry] = []
        base = None
        for sentence in sentences(folded, para, [t.span for t in tokens]):
            read = read_sentence(folded, sentence, tokens, ctx, base)
            base = read.base
            reading.not_understood.extend(read.not_understood)
            para_sums.extend(_qizhong(folded, sentence, read.entries, prev))
            para_sums.extend(_named_list(folded, sentence, read.entries))
            para_sums.extend(_in_turn(para_entries, read.entries, para_sums))
            para_sums.extend(_except(folded, sentence, tokens, para_entries + read.entries))
            para_entries.extend(read.entries)
            prev = read.entries
        para_sums.extend(_partition_growth(para_entries))
        para_sums.extend(_partition_values(para_entries, para_sums))
        reading.compositions.extend(para_sums)
        reading.entries.extend(para_entries)
    reading.compositions.extend(_restatements(reading))
    return reading


def _amounts(entries: list[Entry]) -> list[Entry]:
    return [
        e
        for e in entries
        if e.token is not None and e.token.cls is FigureClass.AMOUNT and not e.consumed
    ]


def _base_of(e: Entry) -> str:
    assert e.token is not None and e.token.unit is not None
    return e.token.unit.base


def _qizhong(
    folded: str, sentence: Sentence, entries: list[Entry], prev: list[Entry]
) -> list[Composition]:
    """全市…236.60万人, 其中本市员工70.54万人, 来厦务工人员166.06万人."""
    text = folded[sentence.start : sentence.end]
    marks = [sentence.start + m.start() for m in re.finditer("其中", text)]
    found: list[Composition] = []
    for k, q in enumerate(marks):
        end = marks[k + 1] if k + 1 < len(marks) else sentence.end
        before = [e for e in _amounts(entries) if e.token and e.token.start < q]
        if not before and not folded[sentence.start : q].strip(" ,;:"):
            before = _amounts(prev)  # 其中 opens the sentence: the totals are the last one's
        after = [e for e in _amounts(entries) if e.token and q < e.token.start < end]
        totals: dict[str, Entry] = {}
        for e in before:
            totals[_base_of(e)] = e  # the nearest total of each unit
        for unit, total in totals.items():
            parts = _grouped_parts(
                folded, sentence, q + 2, end, [e for e in after if _base_of(e) == unit]
            )
            if parts and plausible_sum(total, parts):
                span = (total.span[0], parts[-1].span[1])
                found.append(Composition(total, parts, "parts.qizhong", span))
    return found


def _grouped_parts(
    folded: str, sentence: Sentence, start: int, end: int, candidates: list[Entry]
) -> list[Entry] | None:
    """The parts of a 其中 list: the first figure of each group, the groups cut at the
    highest separator that gives two or more (；, then ，, then 、)."""
    clause_cuts = {c.end: c.sep for c in sentence.clauses if start <= c.end < end}
    for level in (";", ",;", ",;、"):
        cuts = sorted(
            [pos for pos, sep in clause_cuts.items() if sep and sep in level]
            + ([i for i in range(start, end) if folded[i] in "、和及与"] if "、" in level else [])
        )
        groups: dict[int, Entry] = {}
        for e in candidates:
            assert e.token is not None
            g = sum(1 for c in cuts if c < e.token.start)
            groups.setdefault(g, e)
        if len(groups) >= 2:
            return [groups[g] for g in sorted(groups)]
    return None


_LABEL_END = re.compile(r"(级|类|档|星|型|产业|等)$")


def _named_list(folded: str, sentence: Sentence, entries: list[Entry]) -> list[Composition]:
    """686家…, 评出A级639家、B级23家、C级24家: a 、-list of parallel labels after its total."""
    found: list[Composition] = []
    for clause in sentence.clauses:
        if "其中" in folded[clause.start : clause.end]:
            continue
        items = [
            e
            for e in _amounts(entries)
            if clause.start <= (e.token.start if e.token else -1) < clause.end
        ]
        if len(items) < 2 or len({_base_of(e) for e in items}) != 1:
            continue
        joints = [
            folded[a.token.end : b.token.start]  # type: ignore[union-attr]
            for a, b in itertools.pairwise(items)
        ]
        if not all(j.startswith("、") for j in joints):
            continue
        suffixes = {m.group(1) for e in items if (m := _LABEL_END.search(e.name))}
        if len(suffixes) != 1 or not all(_LABEL_END.search(e.name) for e in items):
            continue
        totals = [
            e
            for e in _amounts(entries)
            if e.token and e.token.start < clause.start and _base_of(e) == _base_of(items[0])
        ]
        if totals and plausible_sum(totals[-1], items):
            span = (totals[-1].span[0], clause.end)
            found.append(Composition(totals[-1], items, "parts.named_list", span))
    return found


def _in_turn(
    before: list[Entry], entries: list[Entry], known: list[Composition]
) -> list[Composition]:
    """全市新增就业5.20万人, 各区依次为: 思明区1.35万人、湖里区1.21万人…: a list after its
    total, in its sentence or earlier in the paragraph (a part of another list is no total)."""
    found: list[Composition] = []
    parts = {id(p) for c in known for p in c.parts}
    groups: dict[str, list[Entry]] = {}
    for e in _amounts(entries):
        if e.group:
            groups.setdefault(e.group, []).append(e)
    for items in groups.values():
        if len(items) < 2 or len({_base_of(e) for e in items}) != 1:
            continue
        first = items[0].token.start if items[0].token else 0
        totals = [
            e
            for e in _amounts(before + entries)
            if not e.group
            and id(e) not in parts
            and e.token
            and e.token.start < first
            and _base_of(e) == _base_of(items[0])
        ]
        if totals and plausible_sum(totals[-1], items):
            span = (totals[-1].span[0], items[-1].span[1])
            found.append(Composition(totals[-1], items, "parts.in_turn", span))
    return found


def _except(
    folded: str, sentence: Sentence, tokens: list[Token], entries: list[Entry]
) -> list[Composition]:
    """105个事项…, 除72项…外, 其他…33个事项: the two parts of the total before them."""
    from hrkpi.scans.rules import PLACEHOLDER

    stoks = [t for t in tokens if sentence.start <= t.start < sentence.end]
    chars: list[str] = []
    at: dict[int, Token] = {}
    i = sentence.start
    for t in stoks:
        chars.extend(folded[i : t.start])
        at[len(chars)] = t
        chars.append(PLACEHOLDER[t.cls])
        i = t.end
    chars.extend(folded[i : sentence.end])
    m = _EXCEPT.regex.search("".join(chars))
    if not m:
        return []
    picked = [
        next(at[k] for k in range(m.start(g), m.end(g)) if k in at) for g in ("first", "rest")
    ]
    parts = [e for e in entries if e.token in picked]
    if len(parts) != 2 or _base_of(parts[0]) != _base_of(parts[1]):
        return []
    totals = [
        e
        for e in _amounts(entries)
        if e.token
        and e.token.start < parts[0].token.start  # type: ignore[union-attr]
        and _base_of(e) == _base_of(parts[0])
    ]
    if not totals or not plausible_sum(totals[-1], parts):
        return []
    return [Composition(totals[-1], parts, _EXCEPT.id, (totals[-1].span[0], sentence.end))]


def _partition_growth(entries: list[Entry]) -> list[Composition]:
    """职工增幅2.28%; 第三产业…2.54%, 第二、第一产业…分别为2.18%和1.91%: the growth of a
    whole's parts (a set of PARTITIONS) against the whole's own growth."""
    growth_only = [e for e in entries if e.token is None and len(e.changes) == 1]
    found: list[Composition] = []
    for labels in PARTITIONS:
        members: list[Entry] = []
        rests: set[str] = set()
        for label in labels:
            hits = [e for e in growth_only if e.name.startswith(label)]
            if len(hits) != 1 or hits[0].changes[0].kind != "pct":
                break
            members.append(hits[0])
            rest = _QUOTES.sub("", hits[0].name[len(label) :].lstrip("的"))
            if rest:
                rests.add(rest)
        if len(members) != len(labels) or len(rests) != 1:
            continue
        (rest,) = rests
        first = min(m.span[0] for m in members)
        totals = [
            e
            for e in entries
            if e.token is not None
            and e.token.start < first
            and _QUOTES.sub("", e.name).endswith(rest)
            and any(c.kind == "pct" for c in e.changes)
        ]
        if not totals:
            continue
        total = totals[-1]
        base = next(c.base for c in total.changes if c.kind == "pct")
        if any(m.changes[0].base not in (None, base) for m in members):
            continue
        for m in members:
            m.changes[0].base = base
        span = (total.span[0], max(m.span[1] for m in members))
        found.append(Composition(total, members, "parts.partition_growth", span, growth=True))
    return found


def _partition_values(entries: list[Entry], known: list[Composition]) -> list[Composition]:
    """总人口140005万人…男性人口71527万人, 女性人口68478万人: the members of a set of
    PARTITIONS, in one sentence, after a total whose name ends as theirs do."""
    taken = {id(p) for c in known for p in c.parts}
    amounts = [e for e in _amounts(entries) if id(e) not in taken]
    found: list[Composition] = []
    for labels in PARTITIONS:
        members = []
        for label in labels:
            hits = [e for e in amounts if e.name.startswith(label)]
            if len(hits) != 1:
                break
            members.append(hits[0])
        if len(members) != len(labels) or len({m.sentence for m in members}) != 1:
            continue
        if len({_base_of(m) for m in members}) != 1:
            continue
        rests = {
            m.name[len(label) :].lstrip("的") for m, label in zip(members, labels, strict=True)
        }
        rest = rests.pop() if len(rests) == 1 else ""
        first = min(m.token.start for m in members if m.token)
        totals = [
            e
            for e in amounts
            if e.token is not None
            and e.token.start < first
            and _base_of(e) == _base_of(members[0])
            and e not in members
            and (not rest or e.name.endswith(rest))
        ]
        if totals and rest and plausible_sum(totals[-1], members):
            span = (totals[-1].span[0], max(m.span[1] for m in members))
            found.append(Composition(totals[-1], members, "parts.partition", span))
    return found


def _restatements(reading: Reading) -> list[Composition]:
    """The same figure printed twice (a headline and the body): they must agree."""
    used: set[int] = set()
    seen: dict[tuple[str, str], Entry] = {}
    found: list[Composition] = []
    for e in _amounts(reading.entries):
        key_name = _QUOTES.sub("", e.name)
        if len(key_name) < 4:
            continue
        key = (key_name, _base_of(e))
        first = seen.get(key)
        if first is None:
            seen[key] = e
            continue
        if first.sentence == e.sentence or id(first) in used:
            continue
        if plausible_sum(first, [e], restated=True):
            found.append(Composition(first, [e], "restatement", (first.span[0], e.span[1])))
            used.add(id(first))
    return found


def plausible_sum(total: Entry, parts: list[Entry], *, restated: bool = False) -> bool:
    """Whether parts are the whole's parts: their sum meets the total, or misses it by
    no more than a slip of the pen (nine units of the coarsest figure's last digit and
    at most 1% of the total; one unit for a restatement). Rounding as GB/T 8170."""
    tokens = [total.token, *(p.token for p in parts)]
    ivs = [_base_interval(t) for t in tokens]
    raw = [_base_interval(t, whole=False) for t in tokens]
    if any(iv is None for iv in ivs):
        return False
    t, *ps = [iv for iv in ivs if iv is not None]
    s = ps[0]
    for p in ps[1:]:
        s = s + p
    gap = max(Fraction(0), s.lo - t.hi, t.lo - s.hi)
    step = max(iv.hi - iv.lo for iv in raw if iv is not None)  # the last digit's unit
    # Capped at 1% of the total even when that is less than one unit: a small list that
    # misses its total by one (7 = 5 + 1) may name only some parts; it is not judged.
    window = step if restated else min(9 * step, abs(t.lo) / 100)
    return gap <= window


def _base_interval(token: Token | None, *, whole: bool = True) -> Interval | None:
    """In the base unit; a count's whole numbers only (as check reads it) with `whole`."""
    if token is None or token.figure is None or token.unit is None:
        return None
    iv = token.figure.interval(RoundingMode.HALF_EVEN).scale(token.unit.multiplier)
    return whole_numbers(iv) if whole and token.unit.is_count else iv
