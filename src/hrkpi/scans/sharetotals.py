"""The total each share is of, found across the text.

占总人口比重为60.60% names its total: the nearest figure before it whose
name is the same once scope words are set aside (年末全国内地总人口 is
总人口). 占28.8% after a 其中 part is a share of the 其中 total; in a
sentence opening 全省城镇新增就业中，…, of that. 第二产业增加值比重为39.0%
takes the total named by the paragraph's share before it. A share printed
apart from its figure (第一产业增加值…占…7.1% after 第一产业增加值70467亿元)
moves onto that figure. Shares of the members of a set of PARTITIONS that
print no figure (第一、二、三产业就业人员分别占23.6%、28.7%和47.7%) are a
partition: they must add up to 100. A share whose total is not printed is
listed as not understood: nothing is guessed.
"""

from __future__ import annotations

import functools
import re

from hrkpi.core.units import get_unit
from hrkpi.scans.model import Composition, Entry, Reading, ShareClaim, Why
from hrkpi.scans.numerals import FigureClass
from hrkpi.scans.rules import PARTITIONS

_QUOTES = re.compile(r"[“”\"'‘’「」]")
_SCOPE = re.compile(
    r"^(?:\d{4}年|年末|年底|全年|全国|全省|全市|全区|全县|全州|内地|全部|所有|各类|累计|共|总)+"
)
_TAIL = re.compile(r"(?:总量|总数|总额|总计|合计|总体|总和)$")


# Names reports use for one figure (城镇新增就业 is the 新增就业 of HRSS reports).
_SYNONYMS = {"城镇新增就业": "新增就业", "新增城镇就业": "新增就业"}


@functools.lru_cache(maxsize=65536)
def core_name(name: str) -> str:
    """A name without quotes, 的, scope words before it and sum words after it."""
    n = _TAIL.sub("", _SCOPE.sub("", _QUOTES.sub("", name).replace("的", "")))
    for word, same in _SYNONYMS.items():
        n = n.replace(word, same)
    return n


_AMONG = re.compile(r"\s*(?:在)?(?P<name>[^,;:。\d\ue000-\ue0ff]{2,24}?)(?:中|当中),")


def same_name(name: str, core: str) -> bool:
    """Whether a figure's core name is `core`, or ends with it (城镇新增就业 for 新增就业),
    or holds its characters in another order (新增城镇就业 for 城镇新增就业)."""
    if name == core or (len(core) >= 4 and sorted(name) == sorted(core)):
        return True
    return len(core) >= 2 and name.endswith(core) and len(name) - len(core) <= 2


def resolve_shares(reading: Reading, folded: str) -> None:
    """Give every share its total, or list it as not understood."""
    part_of = {
        id(p): c.total
        for c in reading.compositions
        if not (c.growth or c.increments or c.shares) and c.rule != "restatement"
        for p in c.parts
    }
    entries = sorted(reading.entries, key=lambda e: e.span[0])
    names = _Names(entries)
    named: dict[int, str] = {}  # the paragraph's last named total
    for e in entries:
        for claim in list(e.shares):
            name = claim.total_name
            if not name and id(e) in part_of:
                claim.total = part_of[id(e)]
                continue
            if name:
                named[e.paragraph] = name
            elif among := _AMONG.match(folded, e.sentence[0], e.sentence[1]):
                name = among["name"]  # 全省城镇新增就业中，高校毕业生…占36.6%
            elif claim.rule == "share.weight":
                name = named.get(e.paragraph, "")
            if not name:
                continue
            owner = names.twin(e) if e.token is None else e
            if owner is not e and owner is not None:
                e.shares.remove(claim)
                owner.shares.append(claim)
            claim.total = names.total(core_name(name), owner or e, claim)
    reading.compositions.extend(_partitions(entries))
    for e in entries:
        for claim in list(e.shares):
            if claim.total is None:
                e.shares.remove(claim)
                reading.not_understood.append((claim.span, Why.NO_TOTAL))


class _Names:
    """The text's figures by core name, each name's figures in text order (worked out
    once: a long report has thousands of figures and hundreds of shares)."""

    def __init__(self, entries: list[Entry]) -> None:
        self.by_core: dict[str, list[Entry]] = {}
        self.by_chars: dict[str, list[Entry]] = {}
        for x in entries:
            if x.token is None or x.token.cls is not FigureClass.AMOUNT or x.consumed:
                continue
            core = core_name(x.name)
            self.by_core.setdefault(core, []).append(x)
            self.by_chars.setdefault("".join(sorted(core)), []).append(x)

    def twin(self, e: Entry) -> Entry | None:
        """The figure a share printed apart from it speaks of: the nearest before in its
        paragraph with the same name (of four characters at least: 女性 alone may be
        another count), a figure and no share yet."""
        core = core_name(e.name)
        if len(core) < 4:
            return None
        found = [
            x
            for x in self.by_core.get(core, [])
            if x.span[0] < e.span[0] and x.paragraph == e.paragraph and not x.shares
        ]
        if not found:
            # 城镇人口占全国人口比重 after 城镇常住人口91425万人: its name with a qualifier.
            found = [
                x
                for name, xs in self.by_core.items()
                if name[:2] == core[:2] and set(core) <= set(name) and len(name) - len(core) <= 2
                for x in xs
                if x.span[0] < e.span[0] and x.paragraph == e.paragraph and not x.shares
            ]
            found.sort(key=lambda x: x.span[0])
        return found[-1] if found else None

    def total(self, core: str, part: Entry, claim: ShareClaim) -> Entry | None:
        """The share's total: the nearest figure before it named `core` (or with its
        characters in another order, or ending with it after a short qualifier)."""
        if not core:
            return None  # 占全省的12.3%: a region, not a figure of this text

        def fits(x: Entry) -> bool:
            return (
                x is not part
                and x.token is not None
                and x.token.start < claim.token.start
                and (part.token is None or _same_base(part, x))
            )

        exact = [x for x in self.by_core.get(core, []) if fits(x)]
        if not exact and len(core) >= 4:
            exact = [x for x in self.by_chars.get("".join(sorted(core)), []) if fits(x)]
        if exact:
            return exact[-1]
        if len(core) < 3:
            return None  # 占全部企业的…: 企业 alone is too wide a name to be sure of
        labels = {label for group in PARTITIONS for label in group}
        near = [
            x
            for rest, found in self.by_core.items()
            if rest.endswith(core)
            and len(rest) - len(core) <= 2
            and rest[: len(rest) - len(core)] not in labels
            for x in found
            if fits(x) and not x.part
        ]
        return max(near, key=lambda x: x.span[0]) if near else None


def _same_base(a: Entry, b: Entry) -> bool:
    return (
        a.token is not None
        and b.token is not None
        and a.token.unit is not None
        and b.token.unit is not None
        and a.token.unit.base == b.token.unit.base
    )


def _partitions(entries: list[Entry]) -> list[Composition]:
    """Members of a set of PARTITIONS stating only their shares, in one paragraph."""
    found: list[Composition] = []
    by_paragraph: dict[int, list[Entry]] = {}
    for e in entries:
        if e.token is None and len(e.shares) == 1:
            by_paragraph.setdefault(e.paragraph, []).append(e)
    for members_all in by_paragraph.values():
        for labels in PARTITIONS:
            members: list[Entry] = []
            rests: set[str] = set()
            for label in labels:
                hits = [e for e in members_all if core_name(e.name).startswith(label)]
                if len(hits) != 1:
                    break
                members.append(hits[0])
                rests.add(core_name(hits[0].name)[len(label) :])
            if len(members) != len(labels) or len(rests) != 1:
                continue
            totals = {id(m.shares[0].total) for m in members}
            if len(totals) != 1:
                continue  # shares of different totals
            given = members[0].shares[0].total
            (rest,) = rests
            total = Entry(
                None,
                given.name if given is not None else (rest or "合计"),
                members[0].paragraph,
                members[0].span,
                members[0].sentence,
            )
            for m in members:
                m.shares[0].total = total
            unit = given.token.unit if given is not None and given.token else get_unit("%")
            span = (min(m.span[0] for m in members), max(m.span[1] for m in members))
            found.append(
                Composition(total, members, "parts.share_partition", span, shares=True, unit=unit)
            )
    return found
