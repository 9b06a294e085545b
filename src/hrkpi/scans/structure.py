"""Relations across clauses: totals and their parts (其中 in hrkpi.scans.ofwhich, lists of
named parts, 除…外其他…), the growth of a whole's parts (第一、二、三产业), a figure
restated elsewhere, and the totals of shares (hrkpi.scans.sharetotals).

A list of parts is taken as the whole's parts only when its reading is clear: the
parts share the total's unit, each part is the first figure of its group, and the
parts add up to the total or miss it by a slip of the pen (see `plausible_sum`).
"""

from __future__ import annotations

import itertools
import re

from hrkpi.scans.claims import read_sentence
from hrkpi.scans.model import Composition, Entry, Reading, Span, Why
from hrkpi.scans.numerals import FigureClass, Token, figures
from hrkpi.scans.ofwhich import qizhong
from hrkpi.scans.ratios import resolve_ratios
from hrkpi.scans.rules import PARTITIONS, RULES, Kind
from hrkpi.scans.shapes import Context
from hrkpi.scans.sharetotals import core_name, resolve_shares, same_name
from hrkpi.scans.sums import amounts, base_of, plausible_sum
from hrkpi.scans.text import Sentence, paragraphs, sentences

_EXCEPT = next(r for r in RULES if r.kind is Kind.EXCEPT)
_QUOTES = re.compile(r"[“”\"'‘’「」]")
_ASIDE = re.compile(r"\([^)]*\)|【[^】]*】")


def clean_name(name: str) -> str:
    """A name without labels in brackets, quotes and scope words (synonyms kept)."""
    return _SCOPE_WORDS.sub("", _QUOTES.sub("", _ASIDE.sub("", name)))


_SCOPE_WORDS = re.compile(
    r"^(?:\d{4}年|年末|年底|全年|上半年|全国|全省|全市|全区|全县|全州|累计|共)+"
)


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
            para_sums.extend(qizhong(folded, sentence, read.entries, prev))
            para_sums.extend(_named_list(folded, sentence, read.entries))
            para_sums.extend(_in_turn(para_entries, read.entries, para_sums, reading.entries))
            para_sums.extend(_except(folded, sentence, tokens, para_entries + read.entries))
            para_entries.extend(read.entries)
            prev = read.entries
        para_sums.extend(_partition_growth(para_entries))
        para_sums.extend(_partition_values(para_entries, para_sums))
        para_sums.extend(_natural_growth(para_entries))
        reading.compositions.extend(para_sums)
        reading.entries.extend(para_entries)
    reading.compositions.extend(_restatements(folded, reading))
    resolve_shares(reading, folded)
    resolve_ratios(reading)
    reading.not_understood.extend(_unrelated_lists(reading))
    return reading


def _unrelated_lists(reading: Reading) -> list[tuple[Span, Why]]:
    """城镇新增就业、失业人员再就业分别为3.2万人、1.1万人: a 分别 list gives each name its
    figure, but when no total, change, share or ratio of them is printed, nothing of it is
    checked: it is listed (as not understood), never dropped without a word. So is a list
    of changes alone (甲区、乙区新增就业分别比上年同期增加0.3万人、0.2万人) that is not the
    parts of a total's change: no figure is printed that they are changes of."""
    related: set[int] = set()
    for c in reading.compositions:
        related.update(id(e) for e in (c.total, *c.parts))
    for e in reading.entries:
        # A change is checked against its figure: one without a figure relates nothing.
        changes = bool(e.changes) and e.token is not None
        if changes or e.shares or e.completion or e.limit or e.pace or e.margins or e.ratio:
            related.add(id(e))
        for share in e.shares:
            related.add(id(share.total))
        if e.ratio is not None:
            related.update((id(e.ratio.numerator), id(e.ratio.denominator)))
    lists: dict[tuple[str, Span], list[Entry]] = {}
    for e in reading.entries:
        if (e.rule == "each.values" and e.token is not None) or (
            e.rule == "each.changes" and e.token is None and e.changes
        ):
            lists.setdefault((e.rule, e.span), []).append(e)
    return [
        (span, Why.UNRELATED_LIST if rule == "each.values" else Why.CHANGES_ONLY)
        for (rule, span), members in lists.items()
        if not any(id(m) in related for m in members)
    ]


_LABEL_END = re.compile(r"(级|类|档|星|型|产业|等)$")


def _named_list(folded: str, sentence: Sentence, entries: list[Entry]) -> list[Composition]:
    """686家…, 评出A级639家、B级23家、C级24家: a 、-list of parallel labels after its total."""
    found: list[Composition] = []
    for clause in sentence.clauses:
        if "其中" in folded[clause.start : clause.end]:
            continue
        items = [
            e
            for e in amounts(entries)
            if clause.start <= (e.token.start if e.token else -1) < clause.end
        ]
        if len(items) < 2 or len({base_of(e) for e in items}) != 1:
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
            for e in amounts(entries)
            if e.token and e.token.start < clause.start and base_of(e) == base_of(items[0])
        ]
        if totals and plausible_sum(totals[-1], items):
            span = (totals[-1].span[0], clause.end)
            found.append(Composition(totals[-1], items, "parts.named_list", span))
    return found


def _in_turn(
    before: list[Entry], entries: list[Entry], known: list[Composition], earlier: list[Entry]
) -> list[Composition]:
    """全市新增就业5.20万人, 各区依次为: 思明区1.35万人、湖里区1.21万人…: a list after its
    total, in its sentence or earlier in the paragraph (a part of another list is no total)."""
    found: list[Composition] = []
    parts = {id(p) for c in known for p in c.parts}
    groups: dict[str, list[Entry]] = {}
    for e in amounts(entries):
        if e.group:
            groups.setdefault(e.group, []).append(e)
    for items in groups.values():
        if len(items) < 2 or len({base_of(e) for e in items}) != 1:
            continue
        first = items[0].token.start if items[0].token else 0
        totals = [
            e
            for e in amounts(before + entries)
            if not e.group
            and id(e) not in parts
            and e.token
            and e.token.start < first
            and base_of(e) == base_of(items[0])
        ]
        if not (totals and plausible_sum(totals[-1], items)):
            totals = _named_total(items, earlier)
        if totals and plausible_sum(totals[-1], items):
            span = (totals[-1].span[0], items[-1].span[1])
            found.append(Composition(totals[-1], items, "parts.in_turn", span))
    return found


_EACH_PLACE = re.compile(r"^各(?:县市区|区县|设区市|地市|乡镇|街道|地区|区|县|市|镇|地)?")


_NEAR = 12  # paragraphs back a list's total may stand (a section's heading and summary)


def _named_total(items: list[Entry], earlier: list[Entry]) -> list[Entry]:
    """各乡镇新增就业依次为…: the total printed in an earlier paragraph under the list's
    name (全县城镇新增就业6215人), nearest first, no more than _NEAR paragraphs back."""
    head = items[0].name.split("：", 1)[0] if "：" in items[0].name else ""
    core = core_name(_EACH_PLACE.sub("", head))
    if len(core) < 2:
        return []
    near = []
    for e in reversed(earlier):
        if e.paragraph < items[0].paragraph - _NEAR:
            break
        near.append(e)
    return [
        e
        for e in amounts(near[::-1])
        if not e.group and base_of(e) == base_of(items[0]) and same_name(core_name(e.name), core)
    ]


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
    if len(parts) != 2 or base_of(parts[0]) != base_of(parts[1]):
        return []
    totals = [
        e
        for e in amounts(entries)
        if e.token
        and e.token.start < parts[0].token.start  # type: ignore[union-attr]
        and base_of(e) == base_of(parts[0])
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
    PARTITIONS, in one sentence, after a total whose name ends as theirs do (or is theirs
    less a qualifier: 全国人口 for 城镇常住人口 and 乡村常住人口)."""
    taken = {id(p) for c in known for p in c.parts}
    free = [e for e in amounts(entries) if id(e) not in taken]
    found: list[Composition] = []
    for labels in PARTITIONS:
        members = []
        for label in labels:
            hits = [e for e in free if e.name.startswith(label)]
            if len(hits) != 1:
                break
            members.append(hits[0])
        if len(members) != len(labels) or len({m.sentence for m in members}) != 1:
            continue
        if len({base_of(m) for m in members}) != 1:
            continue
        rests = {
            m.name[len(label) :].lstrip("的") for m, label in zip(members, labels, strict=True)
        }
        rest = rests.pop() if len(rests) == 1 else ""
        first = min(m.token.start for m in members if m.token)
        totals = [
            e
            for e in free
            if e.token is not None
            and e.token.start < first
            and base_of(e) == base_of(members[0])
            and e not in members
            and (not rest or e.name.endswith(rest) or _wider(core_name(e.name), rest))
        ]
        if totals and rest and plausible_sum(totals[-1], members):
            span = (totals[-1].span[0], max(m.span[1] for m in members))
            found.append(Composition(totals[-1], members, "parts.partition", span))
    return found


def _wider(total: str, rest: str) -> bool:
    """全国人口 is the whole of 城镇常住人口 and 乡村常住人口: the parts' common name ends
    with the total's (人口), a qualifier (常住) before it."""
    return len(total) >= 2 and rest.endswith(total) and len(rest) - len(total) <= 2


_VITAL = ("出生率", "死亡率", "自然增长率")


def _natural_growth(entries: list[Entry]) -> list[Composition]:
    """出生率7.99‰，死亡率6.27‰，自然增长率1.72‰: by definition the birth rate is the
    death rate and the natural growth rate together (one of each in the paragraph)."""
    found = []
    for word in _VITAL:
        hits = [
            e
            for e in entries
            if e.token is not None and e.token.cls is FigureClass.PERMILLE and e.name.endswith(word)
        ]
        if len(hits) != 1:
            return []
        found.append(hits[0])
    birth, death, natural = found
    span = (min(e.span[0] for e in found), max(e.span[1] for e in found))
    return [Composition(birth, [death, natural], "parts.natural_growth", span)]


# When a figure stands: two printings of one name at different dates are two figures.
_DATES = re.compile(
    r"截至\s*(?:\d{4}\s*年)?\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日|末|底)?|\d{1,2}\s*月(?:末|底|份)|"
    r"1\s*[-~—至到]\s*\d{1,2}\s*月|上半年|前三季度|一季度|全年|年末|年底"
)


def _restatements(folded: str, reading: Reading) -> list[Composition]:
    """The same figure printed twice (a headline and the body): they must agree. Two
    printings whose sentences name different dates (5月末, 6月末) are not compared."""
    used: set[int] = set()
    seen: dict[tuple[str, str], Entry] = {}
    found: list[Composition] = []
    for e in amounts(reading.entries):
        if e.unnamed:  # 两个区（第1个）here may be another district than there
            continue
        # （摘要）and（正文）are labels, 全市 and 年末 scope words: the same name without them.
        key_name = core_name(_ASIDE.sub("", e.name))
        if len(key_name) < 4 or len(clean_name(e.name)) < 5:
            # 参保人数 alone may be any insurance's: too short a name to be the same figure.
            continue
        key = (key_name, base_of(e))
        first = seen.get(key)
        if first is None:
            seen[key] = e
            continue
        if first.sentence == e.sentence or id(first) in used:
            continue
        dates = [
            {re.sub(r"\s", "", d) for d in _DATES.findall(folded, *x.sentence)} for x in (first, e)
        ]
        if dates[0] and dates[1] and not dates[0] & dates[1]:
            continue
        if plausible_sum(first, [e], restated=True):
            found.append(Composition(first, [e], "restatement", (first.span[0], e.span[1])))
            used.add(id(first))
    return found
