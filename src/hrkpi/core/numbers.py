"""Stated figures; GB/T 8170-2008 rounding is hrkpi.core.rounding's (re-exported here).

A figure as a report states it ("236.60", "近84", "1400多") carries its
precision in its literal: the number of decimals, and any approximation word.
`Figure` keeps the literal, and `Figure.interval` gives every true value the
literal could stand for. Rounding is exact (on `Fraction`), half to even by
default ("四舍六入五成双").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from typing import Any, Generic, TypeVar, overload

from hrkpi.core.intervals import Interval
from hrkpi.core.limits import MAX_FIGURE_DIGITS
from hrkpi.core.messages import Msg, reason
from hrkpi.core.rounding import (
    RoundingMode,
    format_decimal,
    round_gb,
    rounding_interval,
    steps_interval,
)
from hrkpi.core.text import shown
from hrkpi.core.units import Unit, get_unit


class Approx(StrEnum):
    """The side an approximation word leaves open."""

    BELOW = "below"  # 近, 将近, 不到, 不足: just under the number
    ABOVE = "above"  # 超, 逾, 多, 余, 以上: just over the number
    ABOUT = "about"  # 约, 左右: about the number


APPROX_PREFIXES: dict[str, Approx] = {
    "将近": Approx.BELOW,
    "近": Approx.BELOW,
    "不到": Approx.BELOW,
    "不足": Approx.BELOW,
    "超过": Approx.ABOVE,
    "超": Approx.ABOVE,
    "逾": Approx.ABOVE,
    "约": Approx.ABOUT,
}
APPROX_SUFFIXES: dict[str, Approx] = {
    "多": Approx.ABOVE,
    "余": Approx.ABOVE,
    "以上": Approx.ABOVE,
    "左右": Approx.ABOUT,
}

# Thousands are grouped by three before the point ("421,749", "1,234.5"), or not at all.
_NUMBER = r"[+-]?(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)"
_PREFIX = "|".join(sorted(APPROX_PREFIXES, key=len, reverse=True))
_SUFFIX = "|".join(sorted(APPROX_SUFFIXES, key=len, reverse=True))
# A unit written after the number, as an analyst types it: 0.68万人, 56.7%, 1400多人.
# Any word there is looked up as a unit (built-in, or declared by the indicators
# folder being read), so an unknown one is named as such.
# A decrease described by its size puts the sign before the word: 下降近3 is "-近3"
# (Figure.interval: [-3, -2]), as "近-3" is; one sign only.
_FIGURE_RE = re.compile(
    rf"^(?:(?P<sign>[+-])(?=(?:{_PREFIX})))?(?P<pre>{_PREFIX})?\s*(?P<num>{_NUMBER})\s*"
    rf"(?P<suf>{_SUFFIX})?\s*"
    rf"(?P<unit>[^\d\s.,+\-]+?)?\s*(?P<suf2>{_SUFFIX})?$"
)
_MULTIPLIERS = ("万", "亿", "萬", "億")
# Anything longer cannot be a figure within the digit limit: refused before any parsing.
_MAX_CHARS = 2 * MAX_FIGURE_DIGITS + 40


_T = TypeVar("_T")


class _once(Generic[_T]):  # named as the decorator it replaces
    """functools.cached_property without its lock (Python 3.11 takes one on every first
    read, a few million times in a check of a million figures): the value is made on
    the first read and kept in the instance's __dict__, where later reads find it.
    Two threads reading it first at once make it twice, the same value."""

    def __init__(self, make: Callable[[Any], _T]) -> None:
        self.make = make
        self.name = make.__name__
        self.__doc__ = make.__doc__

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> _once[_T]: ...

    @overload
    def __get__(self, obj: object, owner: type | None = None) -> _T: ...

    def __get__(self, obj: object, owner: type | None = None) -> _T | _once[_T]:
        if obj is None:
            return self
        value: _T = self.make(obj)
        obj.__dict__[self.name] = value
        return value


@dataclass(frozen=True)
class Figure:
    """A number as stated, with the precision its literal carries."""

    literal: str
    value: Decimal
    decimals: int
    approx: Approx | None = None
    word: str = ""
    # A unit written after the number ("0.68万人": 万人), as its symbol; "" when none.
    # Whether it may stand there depends on the field and the indicator (core.figurerules).
    unit_word: str = ""

    @_once
    def exact(self) -> Fraction:
        """The stated number itself as an exact rational (made once: a province's
        targets are summed for every split they take part in)."""
        return Fraction(self.value)

    @_once
    def step(self) -> Fraction:
        """One unit in the last stated decimal place (0.01 for "236.60")."""
        return (
            Fraction(1, 10**self.decimals) if self.decimals >= 0 else Fraction(10**-self.decimals)
        )

    @_once
    def _intervals(self) -> dict[RoundingMode, Interval]:
        # A figure's interval is asked for by every relation it takes part in (its
        # completion, its change, its limits, its region's sum): made once per mode.
        return {}

    @property
    def is_integer_literal(self) -> bool:
        """True for a literal with no decimals, such as "29"."""
        return self.decimals == 0

    def interval(self, mode: RoundingMode = RoundingMode.HALF_EVEN) -> Interval:
        """Every true value this literal can stand for, under `mode` rounding."""
        known = self._intervals
        iv = known.get(mode)
        if iv is None:
            iv = known[mode] = self._interval(mode)
        return iv

    def _interval(self, mode: RoundingMode) -> Interval:
        if self.approx is None and self.decimals >= 0 and mode is not RoundingMode.EITHER:
            # In integers, as rounding_interval has it: the literal is m steps of
            # 1/10**decimals (a whole number of them, as its digits say), its ends made
            # from m alone, without the exact value and the step as Fractions.
            n, d = self.value.as_integer_ratio()
            scale = 10**self.decimals
            m, rest = divmod(n * scale, d)
            if rest == 0:
                return steps_interval(m, 1, scale, mode)
        x = self.exact
        if self.approx is None:
            return rounding_interval(x, self.step, self.value, mode)
        # The step is the last non-zero digit's place: "1400多" lies in [1400, 1500),
        # "近84" in [83, 84], "近1000" in [900, 1000].
        step = _significant_step(self.value)
        if self.approx is Approx.ABOUT:
            return Interval(x - step / 2, x + step / 2, True, True)
        # The words speak of the size: a change of "-近3" (下降近3) lies in [-3, -2],
        # as 近3 lies in [2, 3]; "-3多" in (-4, -3].
        below = self.approx is Approx.BELOW
        if x < 0:
            return (
                Interval(x, x + step, True, True) if below else Interval(x - step, x, False, True)
            )
        return Interval(x - step, x, True, True) if below else Interval(x, x + step, True, False)

    def __str__(self) -> str:
        return self.literal


def _significant_step(value: Decimal) -> Fraction:
    """The place of the last non-zero digit: 100 for 1400, 0.01 for 0.45, 1 for 0."""
    if value == 0:
        return Fraction(1)
    # Exactly, whatever the length (Decimal.normalize would round at 28 digits).
    _, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)
    zeros = len(digits) - len("".join(map(str, digits)).rstrip("0"))
    return Fraction(10) ** (exponent + zeros)


def parse_figure(text: str | int | Decimal) -> Figure:
    """Parse a stated figure such as "236.60", "-12.44", "近84", "1400多" or "0.68万人".

    A unit written after the number is kept apart (`Figure.unit_word`), out of the
    literal. Raises ValueError with a message a user can act on.
    """
    if isinstance(text, bool):
        raise ValueError(Msg('expected a number written as text, such as "4.22", not true/false'))
    if isinstance(text, float):
        # A float has already lost the literal's trailing zeros: refuse rather than guess.
        raise ValueError(
            Msg(
                'the number {number} reached hrkpi as a float; write it as text ("{number}") '
                "so its stated precision is kept",
                number=repr(text),
            )
        )
    literal = str(text).strip()
    if len(literal) > _MAX_CHARS:
        raise ValueError(
            Msg(
                "{text} is {length:,} characters long; a stated figure has at most {limit} "
                "digits (limit MAX_FIGURE_DIGITS)",
                text=shown(literal),
                length=len(literal),
                limit=MAX_FIGURE_DIGITS,
            )
        )
    if "，" in literal:
        raise ValueError(
            Msg(
                "{text} has a full-width comma (，), which is not a thousands separator; "
                'write decimals with a point ("4.22") and group thousands by three with "," '
                '("421,749") or not at all',
                text=shown(literal),
            )
        )
    match = _FIGURE_RE.match(literal)
    if not match:
        raise ValueError(_not_a_figure(literal))
    number = match["num"]
    if match["sign"]:
        if number[0] in "+-":
            raise ValueError(Msg("{text} has two signs; keep one", text=shown(literal)))
        number = match["sign"] + number
    digits = len(number) - sum(number.count(c) for c in "+-.,")
    if digits > MAX_FIGURE_DIGITS:
        raise ValueError(
            Msg(
                "{text} has {digits} digits; a stated figure has at most {limit} "
                "(limit MAX_FIGURE_DIGITS)",
                text=shown(literal),
                digits=digits,
                limit=MAX_FIGURE_DIGITS,
            )
        )
    words = [w for w in (match["pre"], match["suf"], match["suf2"]) if w]
    if len(words) > 1:
        raise ValueError(Msg("{text} has two approximation words; keep one", text=shown(literal)))
    word = words[0] if words else ""
    approx = APPROX_PREFIXES.get(word) or APPROX_SUFFIXES.get(word)
    plain = number.replace(",", "")
    value = Decimal(plain)
    if approx is not None and value == 0:
        raise ValueError(
            Msg(
                "{text}: an approximation word needs a number other than zero; "
                "write the figure the report states",
                text=shown(literal),
            )
        )
    unit_word = ""
    if match["unit"] in _MULTIPLIERS:
        # 1.2万 is 12000 in 人 and 1.2 in 万人: say both, the analyst knows the unit.
        power = 4 if match["unit"] in ("万", "萬") else 8
        places = len(plain.partition(".")[2])
        scaled = format_decimal(Fraction(value) * 10**power, max(places - power, 0))
        raise ValueError(
            Msg(
                "{text} ends in a multiplier without its unit; write the number alone in "
                "the indicator's unit (or the figure's unit:): \"{scaled}\" if that is 人 "
                'or 元, "{number}" if it is {word}人 or {word}元',
                text=shown(literal),
                scaled=scaled,
                number=plain,
                word=match["unit"],
            )
        )
    if match["unit"]:
        try:
            unit_word = get_unit(match["unit"]).symbol
        except ValueError as exc:
            if match["unit"].isascii():  # "4.2x": a slip of the keyboard, not a unit
                raise ValueError(_not_a_figure(literal)) from None
            raise ValueError(
                Msg(
                    "{text} ends in a word that is not a unit: {why}",
                    text=shown(literal),
                    why=reason(exc),
                )
            ) from None
        start, end = match.span("unit")
        literal = (literal[:start] + literal[end:]).strip()
    decimals = len(plain.split(".", 1)[1]) if "." in plain else 0
    return Figure(
        literal=literal,
        value=value,
        decimals=decimals,
        approx=approx,
        word=word,
        unit_word=unit_word,
    )


def _not_a_figure(literal: str) -> Msg:
    if "," in literal:
        return Msg(
            "{text} has a comma that is not a thousands separator; write decimals "
            'with a point ("4.22") and group thousands by three before it ("421,749", '
            '"1,234.5") or not at all',
            text=shown(literal),
        )
    if re.match(rf"^{_NUMBER}[eE][+-]?\d+$", literal):
        return Msg(
            "{text} is in exponent notation; write the figure as the report "
            'prints it, such as "4.22"',
            text=shown(literal),
        )
    return Msg(
        '{text} is not a stated figure; write a number such as "4.22", "-12.44", '
        'optionally with one approximation word such as "近84" or "1400多"',
        text=shown(literal),
    )


def figure_in(figure: Figure, source: Unit, target: Unit) -> Figure:
    """A stated figure moved to another unit of the same base (11000人 is 1.1万人), exactly.

    The figure keeps the digits it stated and its approximation word (1400多人 is
    0.14多万人). Zeros an integer literal ends with only hold the place, so 12300人 is
    1.23万人, not 1.2300; a decimal's own zeros are stated and stay (1.20元 is
    0.000120万元). A shift of a Fraction: every digit of a 40-digit figure is kept.
    """
    shift = source.power - target.power
    value = figure.exact * Fraction(10) ** shift
    places = max(figure.decimals - shift, 0)
    if shift < 0 and figure.decimals == 0:
        while places > 0 and (value * 10 ** (places - 1)).denominator == 1:
            places -= 1
    number = format_decimal(value, places)
    literal = number
    if figure.word in APPROX_PREFIXES:
        sign, digits = ("-", number[1:]) if number.startswith("-") else ("", number)
        literal = f"{sign}{figure.word}{digits}"
    elif figure.word:
        literal = number + figure.word
    return Figure(literal, Decimal(number), places, figure.approx, figure.word)


__all__ = [
    "APPROX_PREFIXES",
    "APPROX_SUFFIXES",
    "Approx",
    "Figure",
    "RoundingMode",
    "figure_in",
    "format_decimal",
    "parse_figure",
    "round_gb",
    "rounding_interval",
]
