"""Stated figures and GB/T 8170-2008 rounding.

A figure as a report states it ("236.60", "近84", "1400多") carries its
precision in its literal: the number of decimals, and any approximation word.
`Figure` keeps the literal, and `Figure.interval` gives every true value the
literal could stand for. Rounding is exact (on `Fraction`), half to even by
default ("四舍六入五成双").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from hrkpi.core.intervals import Interval


class RoundingMode(StrEnum):
    """How the source rounded its figures (selectable per data file)."""

    HALF_EVEN = "half_even"  # GB/T 8170: 四舍六入五成双 (the default)
    HALF_UP = "half_up"  # 四舍五入, halves away from zero
    TRUNCATE = "truncate"  # digits cut off, towards zero
    EITHER = "either"  # half-up or truncation: accept both
    # Rounded to the nearest, a tie either way (GB/T 8170's half-even or 四舍五入): what
    # a reader of a printed report can assume when it does not say how it rounds.
    NEAREST = "nearest"


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

_NUMBER = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)"
_PREFIX = "|".join(sorted(APPROX_PREFIXES, key=len, reverse=True))
_SUFFIX = "|".join(sorted(APPROX_SUFFIXES, key=len, reverse=True))
# Thousands grouped by three, as in "421,749" or "1,234.5"; "4,22" is not.
_GROUPED = re.compile(r"(?<![\d,])\d{1,3}(,\d{3})+(?![\d,])")
_FIGURE_RE = re.compile(rf"^\s*(?P<pre>{_PREFIX})?\s*(?P<num>{_NUMBER})\s*(?P<suf>{_SUFFIX})?\s*$")


@dataclass(frozen=True)
class Figure:
    """A number as stated, with the precision its literal carries."""

    literal: str
    value: Decimal
    decimals: int
    approx: Approx | None = None
    word: str = ""

    @property
    def exact(self) -> Fraction:
        """The stated number itself as an exact rational."""
        return Fraction(self.value)

    @property
    def step(self) -> Fraction:
        """One unit in the last stated decimal place (0.01 for "236.60")."""
        return (
            Fraction(1, 10**self.decimals) if self.decimals >= 0 else Fraction(10**-self.decimals)
        )

    @property
    def is_integer_literal(self) -> bool:
        """True for a literal with no decimals, such as "29"."""
        return self.decimals == 0

    def interval(self, mode: RoundingMode = RoundingMode.HALF_EVEN) -> Interval:
        """Every true value this literal can stand for, under `mode` rounding."""
        x = self.exact
        if self.approx is Approx.BELOW:
            # "近84" is under 84 by less than a unit; "近1000" under 1000 by less than
            # a hundred: the last non-zero digit's place, as for 多.
            return Interval(x - _significant_step(self.value), x, True, True)
        if self.approx is Approx.ABOVE:
            # "1400多" lies in [1400, 1500): the step is the last non-zero digit's place.
            return Interval(x, x + _significant_step(self.value), True, False)
        if self.approx is Approx.ABOUT:
            half = _significant_step(self.value) / 2
            return Interval(x - half, x + half, True, True)
        return rounding_interval(x, self.step, self.value, mode)

    def __str__(self) -> str:
        return self.literal


def rounding_interval(x: Fraction, step: Fraction, value: Decimal, mode: RoundingMode) -> Interval:
    """The values that round to `x` at `step`, with exact open/closed ends."""
    half = step / 2
    negative = x < 0
    if mode is RoundingMode.HALF_EVEN:
        # A tie rounds to the even neighbour, so both ends belong to x exactly
        # when x's last digit is even (0.35 and 0.45 both round to 0.4).
        even = (x / step).numerator % 2 == 0
        return Interval(x - half, x + half, even, even)
    if mode is RoundingMode.NEAREST:
        return Interval(x - half, x + half, True, True)
    if mode is RoundingMode.HALF_UP:
        # Halves go away from zero: the end nearer zero is closed.
        if x == 0:
            return Interval(-half, half, False, False)
        return Interval(x - half, x + half, not negative, negative)
    if mode is RoundingMode.TRUNCATE:
        if x == 0:
            return Interval(-step, step, False, False)
        if negative:
            return Interval(x - step, x, False, True)
        return Interval(x, x + step, True, False)
    up = rounding_interval(x, step, value, RoundingMode.HALF_UP)
    cut = rounding_interval(x, step, value, RoundingMode.TRUNCATE)
    return up.hull(cut)


def _significant_step(value: Decimal) -> Fraction:
    """The place of the last non-zero digit: 100 for 1400, 0.01 for 0.45, 1 for 0."""
    if value == 0:
        return Fraction(1)
    exponent = value.normalize().as_tuple().exponent
    assert isinstance(exponent, int)
    return Fraction(10) ** exponent


def parse_figure(text: str | int | Decimal) -> Figure:
    """Parse a stated figure such as "236.60", "-12.44", "近84" or "1400多".

    Raises ValueError with a message a user can act on.
    """
    if isinstance(text, bool):
        raise ValueError('expected a number written as text, such as "4.22", not true/false')
    if isinstance(text, float):
        # A float has already lost the literal's trailing zeros: refuse rather than guess.
        raise ValueError(
            f'the number {text!r} reached hrkpi as a float; write it as text ("{text}") '
            "so its stated precision is kept"
        )
    literal = str(text).strip()
    if "，" in literal or ("," in literal and not _GROUPED.search(literal)):
        raise ValueError(
            f"{literal!r} has a comma that is not a thousands separator; write decimals with "
            'a point ("4.22") and group thousands by three ("421,749") or not at all'
        )
    match = _FIGURE_RE.match(literal.replace(",", ""))
    if not match:
        raise ValueError(
            f'{literal!r} is not a stated figure; write a number such as "4.22", "-12.44", '
            'optionally with one approximation word such as "近84" or "1400多"'
        )
    number = match["num"]
    if match["pre"] and match["suf"]:
        raise ValueError(f"{literal!r} has two approximation words; keep one")
    word = match["pre"] or match["suf"] or ""
    approx = APPROX_PREFIXES.get(word) or APPROX_SUFFIXES.get(word)
    decimals = len(number.split(".", 1)[1]) if "." in number else 0
    return Figure(
        literal=literal, value=Decimal(number), decimals=decimals, approx=approx, word=word
    )


def round_gb(value: Fraction | Decimal | int, places: int) -> Decimal:
    """Round to `places` decimals by GB/T 8170 (half to even), exactly, once.

    Negative `places` rounds to tens, hundreds, ...: round_gb(2500, -3) == Decimal("2E+3").
    """
    x = Fraction(value)
    scale = Fraction(10) ** places
    scaled = x * scale
    floor = scaled.numerator // scaled.denominator
    rest = scaled - floor
    if rest > Fraction(1, 2) or (rest == Fraction(1, 2) and floor % 2 == 1):
        floor += 1
    if places >= 0:
        return Decimal(floor).scaleb(-places)
    return Decimal(floor).scaleb(-places).quantize(Decimal(1).scaleb(-places))


def format_decimal(value: Fraction | Decimal | int, places: int) -> str:
    """A GB/T 8170-rounded value as plain text with exactly `places` decimals ("-0.00" avoided)."""
    rounded = round_gb(value, places)
    if rounded == 0:
        rounded = abs(rounded)
    if places < 0:
        return str(int(rounded))
    return f"{rounded:.{places}f}"
