"""其中 lists: a total and the parts named after it.

A list that adds up to its total (or misses it by a slip of the pen: `plausible_sum`)
is the total's parts (`composition`). A list further short names only some parts, and
one further over may count people twice (女性, 青年): both are 其中 parts that must not
exceed the total (`partial_parts`; each on its own when they overshoot), read only when
the total is unambiguous: in the clause before 其中 (or its own), or, when 其中 opens a
sentence, the only figure of its unit in the sentence before. Parts that state only
their changes (其中职工增加3.1万人) are the total's change's parts when they add up.
"""

from __future__ import annotations

import re

from hrkpi.scans.model import Composition, Entry
from hrkpi.scans.rules import PARTITIONS
from hrkpi.scans.sums import amounts, base_interval, base_of, plausible, plausible_sum
from hrkpi.scans.text import Sentence

_JOINS = "、和及与"
_AMONG = re.compile(r"\s*[^,;:。]{2,24}?(?:中|当中),")


def qizhong(
    folded: str, sentence: Sentence, entries: list[Entry], prev: list[Entry]
) -> list[Composition]:
    """全市…236.60万人, 其中本市员工70.54万人, 来厦务工人员166.06万人."""
    text = folded[sentence.start : sentence.end]
    marks = [sentence.start + m.start() for m in re.finditer("其中", text)]
    found: list[Composition] = []
    for k, q in enumerate(marks):
        end = marks[k + 1] if k + 1 < len(marks) else sentence.end
        before = [e for e in amounts(entries) if e.token and e.token.start < q]
        opens = not before and not folded[sentence.start : q].strip(" ,;:")
        if opens:
            before = amounts(prev)  # 其中 opens the sentence: the totals are the last one's
        after = [e for e in amounts(entries) if e.token and q < e.token.start < end]
        totals: dict[str, Entry] = {}
        for e in before:
            totals[base_of(e)] = e  # the nearest total of each unit
        for unit, total in totals.items():
            mine = [e for e in after if base_of(e) == unit]
            parts = _grouped_parts(folded, sentence, q + 2, end, mine)
            same = [e for e in before if base_of(e) == unit]
            if parts and (
                plausible_sum(total, parts)
                # 其中男性、女性分别为…: the members of a partition make the whole, so
                # they must add up however far they miss.
                or (_partition(total, parts) and _clear_total(sentence, q, total, same, opens))
            ):
                span = (total.span[0], parts[-1].span[1])
                found.append(Composition(total, parts, "parts.qizhong", span))
                continue
            # Not the whole: the list runs to a ；that opens another frame (…；新增就业
            # 人员中，女性…): there the parts of another breakdown begin.
            run = next(
                (
                    c.end
                    for c in sentence.clauses
                    if c.end > q and c.sep == ";" and _AMONG.match(folded, c.end + 1, end)
                ),
                end,
            )
            mine = [e for e in mine if e.token is not None and e.token.start < run]
            parts = _grouped_parts(folded, sentence, q + 2, run, mine) or mine[:1]
            if parts and _clear_total(sentence, q, total, same, opens):
                found.append(_partial(total, parts))
        found.extend(_increments(folded, sentence, q, end, entries, prev, opens))
    return found


def _partition(total: Entry, parts: list[Entry]) -> bool:
    """Whether the parts are named as every member of a set of PARTITIONS and nothing
    more (男性, 女性), or so with a common rest the total's name ends with (男性职工,
    女性职工 of 在岗职工); 男性高校毕业生 of 新增就业 is a part of a part."""
    for labels in PARTITIONS:
        if len(labels) != len(parts):
            continue
        names = {p.name.removeprefix("其中"): p for p in parts}
        rests = set()
        for label in labels:
            hit = [n for n in names if n.startswith(label)]
            if len(hit) != 1:
                break
            rests.add(hit[0][len(label) :].lstrip("的"))
        else:
            if len(rests) == 1:
                rest = rests.pop()
                return not rest or total.name.endswith(rest)
    return False


def _clear_total(sentence: Sentence, q: int, total: Entry, same: list[Entry], opens: bool) -> bool:
    """Whether the total of a 其中 list that does not add up is beyond doubt: the only
    figure of its unit in the sentence before (其中 opening a sentence), else a figure of
    the clause before 其中 (or of 其中's own) that is not one of a list."""
    if opens:
        return len(same) == 1
    assert total.token is not None
    at = next((i for i, c in enumerate(sentence.clauses) if c.start <= q < c.end), None)
    if at is None:
        return False
    near = sentence.clauses[max(0, at - 1) : at + 1]
    clause = next((c for c in near if c.start <= total.token.start < c.end), None)
    if clause is None:
        return False
    # A figure of a list (评出A级639家、B级23家、C级24家，其中6家…) is no total.
    return not any(
        e is not total and e.token is not None and clause.start <= e.token.start < clause.end
        for e in same
    )


def _partial(total: Entry, parts: list[Entry]) -> Composition:
    """Parts that do not cover the total: together at most it, or each when they overshoot."""
    ivs = [base_interval(e.token) for e in (total, *parts)]
    over = False
    if all(iv is not None for iv in ivs):
        t, *ps = [iv for iv in ivs if iv is not None]
        lo = sum((p.lo for p in ps), start=ps[0].lo * 0)
        over = lo > t.hi
    span = (total.span[0], parts[-1].span[1])
    return Composition(total, parts, "parts.partial", span, partial=True, overlap=over)


def _grouped_parts(
    folded: str, sentence: Sentence, start: int, end: int, candidates: list[Entry]
) -> list[Entry] | None:
    """The parts of a 其中 list: the first figure of each group, the groups cut at the
    highest separator that gives two or more (；, then ，, then 、)."""
    clause_cuts = {c.end: c.sep for c in sentence.clauses if start <= c.end < end}
    for level in (";", ",;", ",;、"):
        cuts = sorted(
            [pos for pos, sep in clause_cuts.items() if sep and sep in level]
            + ([i for i in range(start, end) if folded[i] in _JOINS] if "、" in level else [])
        )
        groups: dict[int, Entry] = {}
        for e in candidates:
            assert e.token is not None
            g = sum(1 for c in cuts if c < e.token.start)
            groups.setdefault(g, e)
        if len(groups) >= 2:
            return [groups[g] for g in sorted(groups)]
    return None


def _increments(
    folded: str,
    sentence: Sentence,
    q: int,
    end: int,
    entries: list[Entry],
    prev: list[Entry],
    opens: bool,
) -> list[Composition]:
    """比上年末增加5.2万人，其中职工增加3.1万人、居民增加2.1万人: parts stating only their
    change against the total's base, adding up to the total's change."""
    parts = [
        e
        for e in entries
        if e.token is None
        and len(e.changes) == 1
        and e.changes[0].kind == "abs"
        and q < e.changes[0].token.start < end
    ]
    if len(parts) < 2:
        return []
    pool = prev if opens else [e for e in entries if e.token and e.token.start < q]
    totals = [e for e in pool if e.token is not None and any(c.kind == "abs" for c in e.changes)]
    if not totals:
        return []
    total = totals[-1]
    change = next(c for c in total.changes if c.kind == "abs")
    if change.base is None or any(p.changes[0].base not in (None, change.base) for p in parts):
        return []
    unit = change.token.unit
    if unit is None or any(
        p.changes[0].token.unit is None or p.changes[0].token.unit.base != unit.base for p in parts
    ):
        return []
    if not plausible(change.token, [p.changes[0].token for p in parts]):
        return []
    for p in parts:
        p.changes[0].base = change.base
    span = (total.span[0], parts[-1].span[1])
    return [Composition(total, parts, "parts.increments", span, increments=True)]
