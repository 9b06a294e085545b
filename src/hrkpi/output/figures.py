"""One formatter per kind of figure: a value, a rate, a change, an interval.

Every output (terminal, CSV, Markdown, Excel, HTML, check text) writes its
figures through these, so the same number reads the same way everywhere.
Values are rounded once, from the exact value, by GB/T 8170.
"""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache

from hrkpi.core.intervals import Interval
from hrkpi.core.numbers import APPROX_PREFIXES, APPROX_SUFFIXES, format_decimal, round_gb
from hrkpi.output.words import Lang

RATE_PLACES = 2  # completion, pace and growth rates are shown to 0.01%


def value_text(x: Fraction | Decimal | int, places: int) -> str:
    """A value at `places` decimals (GB/T 8170 half to even), never "-0.00"."""
    return format_decimal(x, places)


def rate_text(x: Fraction | Decimal | int, places: int = RATE_PLACES) -> str:
    """A rate in %: "105.50%"."""
    return format_decimal(x, places) + "%"


def change_text(x: Fraction | Decimal | int, places: int, suffix: str = "") -> str:
    """A signed change: "+1.23", "-12.44%", "+92.52个百分点" (zero unsigned)."""
    text = format_decimal(x, places)
    if round_gb(x, places) > 0:
        text = "+" + text
    return text + suffix


def interval_places(stated_decimals: int) -> int:
    """How many decimals an interval is shown with: two more than the stated figure's,
    so the range reads against it (4.22 spans [4.215, 4.225])."""
    return max(stated_decimals, 0) + 2


def interval_text(iv: Interval, places: int, *, keep: int = 0) -> str:
    """An interval for people: "[4.215, 4.225]", open ends as ( ).

    Each end is rounded outwards at `places` decimals, so the shown interval still
    holds the true one; trailing zeros beyond `keep` decimals are dropped
    ([4.2150, 4.2250] reads [4.215, 4.225]). A single value is shown alone.
    """
    if iv.lo == iv.hi and iv.lo_closed and iv.hi_closed:
        lo = bound_text(iv.lo, places, up=False, keep=keep)
        # Alone only when `places` decimals write it exactly: 880 / 1800 = 48.888…%
        # reads [48.8888, 48.8889], which holds it, never 48.8888.
        if written_exactly(iv.lo, places):
            return lo
        return f"[{lo}, {bound_text(iv.hi, places, up=True, keep=keep)}]"
    left = "[" if iv.lo_closed else "("
    right = "]" if iv.hi_closed else ")"
    lo = bound_text(iv.lo, places, up=False, keep=keep)
    hi = bound_text(iv.hi, places, up=True, keep=keep)
    return f"{left}{lo}, {hi}{right}"


def bound_text(x: Fraction, places: int, *, up: bool, keep: int = 0) -> str:
    """One end of an interval, rounded outwards (up for a high end) at `places`
    decimals, trailing zeros beyond `keep` dropped: the JSON of check uses it too."""
    return _trim(_outward(x, places, up=up), keep)


def _outward(x: Fraction, places: int, *, up: bool) -> str:
    """x rounded outwards at `places` decimals (up: the ceiling, else the floor), as
    format_decimal writes it: in integers, as every end of every interval a JSON
    report holds passes here."""
    num, den = x.numerator, x.denominator
    if places >= 0:
        num *= 10**places
    else:
        den *= 10**-places
    q = -(-num // den) if up else num // den
    if places <= 0:
        return str(q * 10**-places)
    digits = str(abs(q)).rjust(places + 1, "0")
    return f"{'-' if q < 0 else ''}{digits[:-places]}.{digits[-places:]}"


def written_exactly(x: Fraction, places: int) -> bool:
    """Whether `places` decimals write `x` exactly (105.5 at four; not 48.888…)."""
    if places >= 0:
        return bool(x.numerator * 10**places % x.denominator == 0)
    return bool(x.denominator == 1 and x.numerator % 10**-places == 0)


def about_text(x: Fraction, places: int, *, keep: int = 0) -> str:
    """A value rounded half to even at `places` decimals (GB/T 8170), trailing zeros
    beyond `keep` dropped: what a value no such decimals write exactly is about."""
    return _trim(format_decimal(x, places), keep)


def _trim(text: str, keep: int) -> str:
    if "." not in text:
        return text
    whole, frac = text.split(".", 1)
    frac = frac.rstrip("0")
    if len(frac) < keep:
        frac = frac.ljust(keep, "0")
    return f"{whole}.{frac}" if frac else whole


# A stated figure's approximation word in English, before the number as English puts it:
# 近12400 is nearly 12400, 12300多 over 12300 ([12300, 12400) either way: core.numbers).
APPROX_EN = {
    "将近": "nearly",
    "近": "nearly",
    "不到": "under",
    "不足": "under",
    "超过": "more than",
    "超": "more than",
    "逾": "more than",
    "多": "over",
    "余": "over",
    "以上": "at least",
    "约": "about",
    "左右": "about",
}
_PRE = "|".join(sorted(APPROX_PREFIXES, key=len, reverse=True))  # (将近 before 近)
_SUF = "|".join(sorted(APPROX_SUFFIXES, key=len, reverse=True))
_APPROX_RE = re.compile(
    rf"^(?P<sign>[+-]?)(?P<pre>{_PRE})?\s*(?P<num>[+-]?[0-9.,]+)\s*(?P<suf>{_SUF})?$"
)


@lru_cache(maxsize=4096)
def figure_words(literal: str, lang: Lang) -> str:
    """A stated figure's literal as a line in `lang` writes it: as stated in Chinese
    (近12400, 12300多); in English its approximation word in English before the number
    (nearly 12400, over 12300, -nearly 3 for a fall of 近3), the digits as stated."""
    if lang is Lang.ZH or literal.isascii():
        return literal
    match = _APPROX_RE.match(literal.strip())
    word = match and (match["pre"] or match["suf"])
    if not match or not word:
        return literal
    sign, number = match["sign"], match["num"]
    if number[0] in "+-":  # (近-3: the sign after the word)
        sign, number = number[0], number[1:]
    return f"{sign}{APPROX_EN[word]} {number}"
