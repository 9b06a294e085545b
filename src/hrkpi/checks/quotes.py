"""A figure against its own quote: the sentence of the report a data file copies beside it.

A figure is typed from its sentence, and the typing is where a slip enters (4.23万人
in the report, `value: 4.22` in the data). Each stated field (the value, the completion
rate, a change, a base value) must be a number its quote prints: one of the quote's
numbers of the same kind (a count in the same base unit, a %, 个百分点) whose rounding
holds it, or that it rounds to (4.2万人 in the quote holds 4.22; 42175人 is 4.22万人).

Precision first: a quote that prints no number of the field's kind says nothing of it
(a quote may be a heading, or give the figure in words: 三万人, 两个百分点), nor does a
quote with a figure of that kind in Chinese numerals. Only a quote that prints figures
of the kind, none of which can be the stated one, is a finding. A quote that holds its
figure adds nothing to the report: the rule reports disagreements only.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from fractions import Fraction

from hrkpi.checks.figures import provenance, stated_unit, used
from hrkpi.checks.findings import CheckKind, Finding, Role, UsedFigure, Verdict
from hrkpi.core import units
from hrkpi.core.intervals import Interval
from hrkpi.core.models import Indicator
from hrkpi.core.numbers import Figure
from hrkpi.core.observations import Observation
from hrkpi.core.units import PERCENT, PERMILLE, POINT, TIMES, UNITS, Unit

# Data files whose quotes are compared: a sentence copied by hand or by `scan
# --write-data`. A long table's quote column is carried into findings, not compared.
QUOTED_SUFFIXES = (".yaml", ".yml")

_NUMBER = re.compile(r"(?<![\d.])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?![\d])")
_APPROX = re.compile(r"(?:多|余)")
_CN_DIGITS = "零〇一二两三四五六七八九十百千"
# The unit words a quoted number can carry, longest first (万人次 before 万人 before 万).
_RATIO_WORDS = {"%": PERCENT, "‰": PERMILLE, "个百分点": POINT, "倍": TIMES}


@dataclass(frozen=True)
class Quoted:
    """A number the quote prints, with its unit."""

    text: str  # as printed, thousands separators dropped: "4.23"
    value: Fraction
    decimals: int
    unit: Unit | str  # a unit, or a ratio word's base (%, 个百分点)


class _Words:
    """The unit words, longest first, as one pattern (its first alternative that
    matches is the first word in that order) and the unit of each."""

    def __init__(self) -> None:
        words: list[tuple[str, Unit | str]] = [(w, b) for w, b in _RATIO_WORDS.items()]
        words += [(symbol, unit) for symbol, unit in UNITS.items() if not unit.is_ratio]
        words.sort(key=lambda item: -len(item[0]))
        self.words = words
        self.unit = dict(reversed(words))  # a repeated word: its first unit in that order
        self.pattern = re.compile("|".join(re.escape(w) for w, _ in words))

    def at(self, text: str) -> Unit | str | None:
        """The unit of the word `text` starts with, or None."""
        m = self.pattern.match(text)
        return self.unit[m[0]] if m else None


# Made once for each set of declared units (every quote of a load shares them).
_WORDS: list[tuple[Mapping[str, Unit], _Words]] = []


def _unit_words() -> _Words:
    declared = units.declared()
    if not _WORDS or _WORDS[0][0] is not declared:
        _WORDS[:] = [(declared, _Words())]
    return _WORDS[0][1]


def quoted_numbers(quote: str) -> list[Quoted]:
    """Every Arabic number of the quote, with the unit after it (or after 多/余; 105个
    事项 counts 项) or "" when none."""
    text = unicodedata.normalize("NFKC", quote)
    words = _unit_words()
    found = []
    for m in _NUMBER.finditer(text):
        rest = text[m.end() :]
        after = _APPROX.match(rest)
        if after:
            rest = rest[after.end() :]
        if rest.startswith("个") and not rest.startswith("个百分点"):
            counted = words.at(rest[1:])
            rest = rest[1:] if counted is not None else rest
        unit = words.at(rest)
        unit = "" if unit is None else unit
        whole, frac = m.group(1).replace(",", ""), m.group(2) or ""
        number = f"{whole}.{frac}" if frac else whole
        found.append(Quoted(number, Fraction(number), len(frac), unit))
    return found


def _base(unit: Unit | str) -> str:
    return unit if isinstance(unit, str) else unit.base


def _power(unit: Unit | str) -> int:
    return 0 if isinstance(unit, str) else unit.power


def _half_step(decimals: int) -> Fraction:
    return Fraction(1, 2 * 10**decimals)


def _can_be(stated: Figure, unit: Unit | str, q: Quoted) -> bool:
    """Whether the quote's number `q` can be the stated figure: one, in the other's unit,
    lies within the other's rounding (either way: the data may round the quote, or the
    quote the data)."""
    shift = _power(unit) - _power(q.unit)
    mine = abs(stated.exact) * Fraction(10) ** shift  # the stated figure in q's unit
    if mine == q.value:
        return True
    # A quote may round what the data holds (4.2万人 for 4.22, 4.22万人 for 42175人), but
    # a one-digit number (the target 4万人 beside 4.23万人) rounds too much to tell.
    digits = len(q.text.replace(".", "").lstrip("0"))
    if digits >= 2 and abs(mine - q.value) <= _half_step(q.decimals):
        return True
    places = stated.decimals - shift  # the stated figure's decimals in q's unit
    step = Fraction(1, 2) * Fraction(10) ** -places
    return abs(mine - q.value) <= step


def _fields(ind: Indicator, obs: Observation) -> Iterator[tuple[str, Figure, Unit | str]]:
    """Every stated number of the figure with the unit it is printed in."""
    stated = obs.stated
    own = stated_unit(obs, ind)
    if stated.value is not None:
        yield "value", stated.value, own
    if stated.completion is not None:
        yield "completion", stated.completion, PERCENT
    for i, change in enumerate(stated.changes):
        if change.abs is not None:
            yield f"changes.{i}.abs", change.abs, change.abs_unit or own
        if change.pct is not None:
            yield f"changes.{i}.pct", change.pct, PERCENT
        if change.pp is not None:
            yield f"changes.{i}.pp", change.pp, POINT
        if change.previous is not None:
            yield f"changes.{i}.previous", change.previous, own


def _in_words(quote: str, unit: Unit | str) -> bool:
    """Whether the quote prints a figure of this kind in Chinese numerals (三万人,
    两个百分点, 百分之五十): it may be the stated one, so nothing is said."""
    if _base(unit) == PERCENT and "百分之" in quote:
        return True
    words = [w for w, u in _unit_words().words if _base(u) == _base(unit)]
    return any(re.search(f"[{_CN_DIGITS}]万?亿?" + re.escape(w), quote) for w in words)


def check_quote(ind: Indicator, obs: Observation) -> Iterator[Finding]:
    """Each stated field against the numbers its quote prints (YAML data only)."""
    quote = obs.stated.quote
    if not quote or not obs.file.lower().endswith(QUOTED_SUFFIXES):
        return
    numbers = quoted_numbers(quote)
    for key, fig, unit in _fields(ind, obs):
        kind = [q for q in numbers if q.unit and _base(q.unit) == _base(unit)]
        if not kind or any(_can_be(fig, unit, q) for q in kind):
            continue
        # The number printed anywhere (with a unit the reader does not know): no word.
        if any(_can_be(fig, q.unit, q) for q in numbers if q not in kind):
            continue
        if _in_words(unicodedata.normalize("NFKC", quote), unit):
            continue
        symbol = unit if isinstance(unit, str) else unit.symbol
        figures = [used(obs, Role.VALUE, fig, unit, key)]
        figures += [_quoted_figure(obs, q, key) for q in kind]
        yield Finding(
            CheckKind.QUOTE,
            obs.indicator,
            obs.region,
            Verdict.INCONSISTENT,
            obs.file,
            obs.line_of(key),
            fig.literal,
            decimals=fig.decimals,
            unit=symbol,
            figures=tuple(figures),
            field=key,
            **provenance(obs),
        )


def _quoted_figure(obs: Observation, q: Quoted, key: str) -> UsedFigure:
    half = _half_step(q.decimals)
    return UsedFigure(
        role=Role.QUOTED,
        indicator=obs.indicator,
        literal=q.text,
        unit=q.unit if isinstance(q.unit, str) else q.unit.symbol,
        file=obs.file,
        line=obs.line_of("quote"),
        interval=Interval(q.value - half, q.value + half, True, True),
        region=obs.region,
        decimals=q.decimals,
        sheet=obs.sheet,
    )
