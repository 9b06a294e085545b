"""Units and their multipliers (SDMX's UNIT_MULT).

A unit is a base ("人", "件", "元", "%") times a power of ten ("万人" = 10^4 人).
Figures in units of the same base compare and add after conversion; figures
of different bases (人 and 人次, 人 and 家) never mix.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from fractions import Fraction


@dataclass(frozen=True)
class Unit:
    """A unit of measure: `base` times 10**`power`."""

    symbol: str
    base: str
    power: int
    english: str

    @property
    def multiplier(self) -> Fraction:
        """How many base units one of this unit holds (10^4 for 万人)."""
        return Fraction(10) ** self.power

    @property
    def is_percent(self) -> bool:
        """True for % and 个百分点: their changes are in percentage points."""
        return self.base in (PERCENT, POINT)

    @property
    def is_count(self) -> bool:
        """True where the base unit is counted in whole numbers (persons, cases, firms)."""
        return self.base in COUNT_BASES

    def to_base(self, value: Fraction) -> Fraction:
        """Convert a value in this unit to the base unit."""
        return value * self.multiplier

    def from_base(self, value: Fraction) -> Fraction:
        """Convert a value in the base unit to this unit."""
        return value / self.multiplier


PERCENT = "%"
POINT = "个百分点"

# Base units: symbol -> English name. Counts are whole numbers of the base unit.
_COUNTS = {
    "人": "persons",
    "人次": "person-times",
    "家": "enterprises",
    "家次": "enterprise-times",
    "户": "households",
    "户次": "unit-inspections",
    "件": "cases",
    "项": "items",
    "个": "units",
    "个次": "unit-times",
    "场": "events",
    "场次": "event-times",
    "本": "certificates",
    "份": "copies",
    "车次": "vehicle trips",
    "列": "trains",
    "架次": "flights",
    "所": "institutions",
    "批": "batches",
}
COUNT_BASES = frozenset(_COUNTS)
_OTHER = {"元": "yuan", PERCENT: "%", POINT: "percentage points"}
_PREFIXES = {"": (0, ""), "万": (4, "10k "), "亿": (8, "100m ")}
# Money is written 万元 and 亿元; counts take 万 (万人, 万件, 万人次).
UNITS: dict[str, Unit] = {}
for _base, _en in {**_COUNTS, **_OTHER}.items():
    for _prefix, (_power, _en_prefix) in _PREFIXES.items():
        if _base in (PERCENT, POINT) and _prefix:
            continue
        _symbol = _prefix + _base
        UNITS[_symbol] = Unit(_symbol, _base, _power, _en_prefix + _en)
UNITS["千元"] = Unit("千元", "元", 3, "thousand yuan")


# Other spellings users write for the same unit.
ALIASES = {"pp": POINT, "百分点": POINT, "percent": PERCENT, "％": PERCENT}


def get_unit(symbol: str) -> Unit:
    """Look up a unit by its symbol; raise ValueError naming the nearest known ones."""
    key = "".join(symbol.split()).replace("萬", "万").replace("億", "亿")
    try:
        return UNITS[ALIASES.get(key, key)]
    except KeyError:
        close = _suggest(key)
        hint = f" (did you mean {' or '.join(repr(c) for c in close)}?)" if close else ""
        raise ValueError(
            f"unknown unit {symbol!r}{hint}; use one of the units listed in docs/format.md "
            "(人, 万人, 人次, 件, 家, 元, 万元, 亿元, %, 个百分点, ...)"
        ) from None


# Most used first: among equally close spellings, suggest the common unit
# ("万仁" is a slip for 万人, not for 万批).
_COMMON = [
    "人",
    "万人",
    "件",
    "家",
    "元",
    "万元",
    "亿元",
    "%",
    "个百分点",
    "人次",
    "万人次",
    "万件",
    "万家",
    "项",
    "个",
]


def _suggest(key: str) -> list[str]:
    scored = [(difflib.SequenceMatcher(None, key, unit).ratio(), unit) for unit in UNITS]
    rank = {u: i for i, u in enumerate(_COMMON)}
    best = sorted(
        (item for item in scored if item[0] >= 0.3),
        key=lambda item: (-item[0], rank.get(item[1], len(rank))),
    )
    return [unit for _, unit in best[:3]]


def compatible(a: Unit, b: Unit) -> bool:
    """True when values in `a` and `b` can be compared after conversion."""
    return a.base == b.base
