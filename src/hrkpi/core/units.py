"""Units and their multipliers (SDMX's UNIT_MULT).

A unit is a base ("人", "件", "元", "%") times a power of ten ("万人" = 10^4 人).
Figures in units of the same base compare and add after conversion; figures
of different bases (人 and 人次, 人 and 家) never mix.

Besides the built-in units, an indicators folder may declare its own
(`units:` in a definitions file, see docs/format.md). Declared units are in
force inside `declared_units(...)`, which the loader opens while it reads the
folder's files: `UNITS` and `get_unit` then know them too.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from fractions import Fraction
from functools import cache
from types import MappingProxyType

from hrkpi.core.messages import Msg, doc_page, either
from hrkpi.core.text import nearest


@cache
def _power_of_ten(power: int) -> Fraction:
    # Fractions are immutable: one per power serves every figure (a check of a million
    # figures asks for a multiplier several times per figure).
    return Fraction(10) ** power


@dataclass(frozen=True)
class Unit:
    """A unit of measure: `base` times 10**`power`."""

    symbol: str
    base: str
    power: int
    english: str
    count: bool = False  # whole numbers of the base unit (persons, cases, firms)

    @property
    def multiplier(self) -> Fraction:
        """How many base units one of this unit holds (10^4 for 万人)."""
        return _power_of_ten(self.power)

    @property
    def is_percent(self) -> bool:
        """True for % and 个百分点: their changes are in percentage points."""
        return self.base in (PERCENT, POINT)

    @property
    def is_ratio(self) -> bool:
        """True for the units of a rate or ratio: %, 个百分点, ‰, 个千分点, 倍.

        Such figures do not add up across regions, and their changes are
        differences (points), not growth rates of a count.
        """
        return self.base in RATIO_BASES

    @property
    def is_count(self) -> bool:
        """True where the base unit is counted in whole numbers (persons, cases, firms)."""
        return self.count

    def to_base(self, value: Fraction) -> Fraction:
        """Convert a value in this unit to the base unit."""
        return value * self.multiplier

    def from_base(self, value: Fraction) -> Fraction:
        """Convert a value in the base unit to this unit."""
        return value / self.multiplier


PERCENT = "%"
POINT = "个百分点"
PERMILLE = "‰"
PERMILLE_POINT = "个千分点"
TIMES = "倍"
RATIO_BASES = frozenset({PERCENT, POINT, PERMILLE, PERMILLE_POINT, TIMES})

# Base units: symbol -> English name. Counts are whole numbers of the base unit.
_COUNTS = {
    "人": "persons",
    "人次": "person-times",
    "人月": "person-months",
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
_OTHER = {"元": "yuan", "元/人": "yuan per person"}
_RATIOS = {
    PERCENT: "%",
    POINT: "percentage points",
    PERMILLE: "‰",
    PERMILLE_POINT: "per-mille points",
    TIMES: "times",
}
_PREFIXES = {"": (0, ""), "万": (4, "10k "), "亿": (8, "100m ")}
# Money is written 万元 and 亿元; counts take 万 (万人, 万件, 万人次, 万人月).
_BUILTIN: dict[str, Unit] = {}
for _base, _en in {**_COUNTS, **_OTHER}.items():
    for _prefix, (_power, _en_prefix) in _PREFIXES.items():
        _symbol = _prefix + _base
        _BUILTIN[_symbol] = Unit(_symbol, _base, _power, _en_prefix + _en, _base in COUNT_BASES)
for _base, _en in _RATIOS.items():
    _BUILTIN[_base] = Unit(_base, _base, 0, _en)
_BUILTIN["千元"] = Unit("千元", "元", 3, "thousand yuan")
# 名 counts persons as 人 does (招聘100名): the same base, so the two add up.
_BUILTIN["名"] = Unit("名", "人", 0, "persons", True)
_BUILTIN["万名"] = Unit("万名", "人", 4, "10k persons", True)
BUILTIN_UNITS: Mapping[str, Unit] = MappingProxyType(_BUILTIN)

# Units declared by the indicators folder being read (see `declared_units`).
_NONE: Mapping[str, Unit] = MappingProxyType({})
_DECLARED: ContextVar[Mapping[str, Unit]] = ContextVar("hrkpi_declared_units", default=_NONE)


class _Units(Mapping[str, Unit]):
    """The built-in units and, inside `declared_units`, the declared ones."""

    def __getitem__(self, key: str) -> Unit:
        declared = _DECLARED.get()
        if key in declared:
            return declared[key]
        return _BUILTIN[key]

    def __iter__(self) -> Iterator[str]:
        yield from _BUILTIN
        yield from (k for k in _DECLARED.get() if k not in _BUILTIN)

    def __len__(self) -> int:
        return len(_BUILTIN) + sum(1 for k in _DECLARED.get() if k not in _BUILTIN)


UNITS: Mapping[str, Unit] = _Units()


@contextmanager
def declared_units(units: Mapping[str, Unit]) -> Iterator[None]:
    """Make `units` (declared by an indicators folder) known while the block runs."""
    token = _DECLARED.set(units)
    try:
        yield
    finally:
        _DECLARED.reset(token)


def declared() -> Mapping[str, Unit]:
    """The units `declared_units` makes known where this runs (the same object for as
    long as it does: a cache of words made from UNITS may be keyed by it)."""
    return _DECLARED.get()


def declare_unit(
    name: str,
    base: str,
    power: int,
    *,
    english: str | None = None,
    integer: bool | None = None,
    known: Mapping[str, Unit],
) -> Unit:
    """A declared unit: `name` = 10**`power` `base`.

    `base` is a built-in or already declared unit's base, or `name` itself for a
    new base (with power 0). `known` holds the units declared before it. Raises
    ValueError with a message a user can act on.
    """
    key = "".join(name.split())
    if not key:
        raise ValueError(Msg("a unit needs a name, such as 千人"))
    if key in _BUILTIN or key in ALIASES:
        raise ValueError(Msg("unit {name!r} is built in; use it without declaring it", name=name))
    bases = {u.base: u for u in (*_BUILTIN.values(), *known.values())}
    if base == key:
        if power != 0:
            raise ValueError(
                Msg(
                    "a new base unit {name!r} has multiplier 1; declare {name!r} first, "
                    "then units of it with their multipliers",
                    name=name,
                )
            )
        count = bool(integer)
    elif base in bases:
        count = bases[base].count if integer is None else integer
    else:
        raise ValueError(
            Msg(
                "unknown base unit {base!r}; use a base such as 人, 件, 元 or a unit declared "
                "above, or {name!r} itself to declare a new base",
                base=base,
                name=key,
            )
        )
    return Unit(key, base, power, english or key, count)


# Other spellings users write for the same unit.
ALIASES = {
    "pp": POINT,
    "百分点": POINT,
    "percent": PERCENT,
    "％": PERCENT,
    "千分点": PERMILLE_POINT,
    "permille": PERMILLE,
    "人/月": "人月",
    "元每人": "元/人",
    "元／人": "元/人",
}


def get_unit(symbol: str) -> Unit:
    """Look up a unit by its symbol; raise ValueError naming the nearest known ones."""
    key = "".join(symbol.split()).replace("萬", "万").replace("億", "亿")
    try:
        return UNITS[ALIASES.get(key, key)]
    except KeyError:
        close = _suggest(key)
        if close:
            raise ValueError(
                Msg(
                    "unknown unit {unit!r} (did you mean {close}?); use one of the units "
                    "listed in {doc} (人, 万人, 人次, 件, 家, 元, 万元, 亿元, %, "
                    "个百分点, ...) or declare it under units:",
                    unit=symbol,
                    doc=doc_page("format.md#units"),
                    close=either([repr(c) for c in close]),
                )
            ) from None
        raise ValueError(
            Msg(
                "unknown unit {unit!r}; use one of the units listed in {doc} "
                "(人, 万人, 人次, 件, 家, 元, 万元, 亿元, %, 个百分点, ...) "
                "or declare it under units:",
                unit=symbol,
                doc=doc_page("format.md#units"),
            )
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
    return nearest(key, UNITS, n=3, cutoff=0.3, prefer=_COMMON)


def compatible(a: Unit, b: Unit) -> bool:
    """True when values in `a` and `b` can be compared after conversion."""
    return a.base == b.base


def points_unit(unit: Unit) -> str:
    """The unit of a rate's change: 个百分点 for %, 个千分点 for ‰, else the rate's own."""
    if unit.base in (PERCENT, POINT):
        return POINT
    if unit.base in (PERMILLE, PERMILLE_POINT):
        return PERMILLE_POINT
    return unit.symbol
