"""Stated figures and GB/T 8170 rounding."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_EVEN, Context, Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hrkpi.core.limits import MAX_FIGURE_DIGITS
from hrkpi.core.numbers import (
    Approx,
    Figure,
    RoundingMode,
    figure_in,
    format_decimal,
    parse_figure,
    round_gb,
    rounding_interval,
)
from hrkpi.core.units import get_unit


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        # The brief's GB/T 8170-2008 examples.
        ("0.35", 1, "0.4"),
        ("1.050", 1, "1.0"),
        ("10.5002", 0, "11"),
        ("-0.0365", 3, "-0.036"),
        ("0.45", 1, "0.4"),
        ("0.25", 1, "0.2"),
        ("105.5", 2, "105.50"),
    ],
)
def test_round_gb_examples(value: str, places: int, expected: str) -> None:
    assert format_decimal(Decimal(value), places) == expected


def test_round_to_thousands() -> None:
    # 2500 -> 2 x 10^3 at the thousands (a tie goes to the even digit).
    assert round_gb(2500, -3) == Decimal("2E+3")
    assert format_decimal(2500, -3) == "2000"
    assert format_decimal(3500, -3) == "4000"


def test_float_round_is_wrong_and_ours_is_not() -> None:
    assert round(0.35, 1) == 0.3  # the float trap the brief names
    assert format_decimal(Decimal("0.35"), 1) == "0.4"


@given(
    st.decimals(min_value=-(10**6), max_value=10**6, places=6, allow_nan=False),
    st.integers(min_value=0, max_value=4),
)
def test_round_gb_equals_decimal_half_even(value: Decimal, places: int) -> None:
    expected = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN)
    assert round_gb(value, places) == expected


@given(
    st.fractions(min_value=-(10**6), max_value=10**6, max_denominator=10**9),
    st.integers(min_value=-3, max_value=4),
)
def test_round_gb_of_a_fraction_or_int_equals_decimal_half_even(x: Fraction, places: int) -> None:
    # The quotient to 60 digits, then half to even: a fraction with a denominator up to
    # 10^9 is either exactly a tie or further from one than 60 digits can blur.
    wide = Context(prec=60)
    quotient = wide.divide(Decimal(x.numerator), Decimal(x.denominator))
    expected = quotient.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN, context=wide)
    assert round_gb(x, places) == expected
    whole = x.numerator // x.denominator
    assert round_gb(whole, places) == Decimal(whole).quantize(
        Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN, context=wide
    )


@given(st.fractions(min_value=-1000, max_value=1000), st.integers(min_value=0, max_value=3))
def test_rounding_error_at_most_half_a_step(x: Fraction, places: int) -> None:
    step = Fraction(1, 10**places)
    assert abs(Fraction(round_gb(x, places)) - x) <= step / 2


@given(st.decimals(min_value=0, max_value=10**5, places=3, allow_nan=False))
def test_value_lies_in_its_literals_interval(value: Decimal) -> None:
    # Round a true value to 2 decimals; the literal's interval must contain it (GB/T 8170).
    literal = format_decimal(value, 2)
    assert Fraction(value) in parse_figure(literal).interval(RoundingMode.HALF_EVEN)


@given(st.decimals(min_value=0, max_value=10**5, places=4, allow_nan=False))
def test_truncated_value_lies_in_truncation_interval(value: Decimal) -> None:
    literal = str(value.quantize(Decimal("0.01"), rounding="ROUND_DOWN"))
    assert Fraction(value) in parse_figure(literal).interval(RoundingMode.TRUNCATE)


def test_literal_keeps_trailing_zero() -> None:
    f = parse_figure("236.60")
    assert (f.literal, f.decimals, f.value) == ("236.60", 2, Decimal("236.60"))
    assert parse_figure("-46.30").decimals == 2


def test_half_even_interval_ends() -> None:
    # 0.4 takes both ties (0.35 and 0.45); 0.3 takes neither.
    even = parse_figure("0.4").interval()
    assert Fraction("0.35") in even and Fraction("0.45") in even
    odd = parse_figure("0.3").interval()
    assert Fraction("0.25") not in odd and Fraction("0.35") not in odd
    assert Fraction("0.2500001") in odd


def test_half_up_interval() -> None:
    i = parse_figure("0.3").interval(RoundingMode.HALF_UP)
    assert Fraction("0.25") in i and Fraction("0.35") not in i


def test_nearest_interval_takes_both_ties() -> None:
    # 53.25 is 53.2 by GB/T 8170 and 53.3 by 四舍五入: a printed 53.2 or 53.3 may be it.
    for literal in ("53.2", "53.3"):
        i = parse_figure(literal).interval(RoundingMode.NEAREST)
        assert Fraction("53.25") in i
    i = parse_figure("53.3").interval(RoundingMode.NEAREST)
    assert Fraction("53.35") in i and Fraction("53.3501") not in i


@pytest.mark.parametrize(
    ("literal", "approx", "lo", "hi"),
    [
        ("近84", Approx.BELOW, "83", "84"),
        ("1400多", Approx.ABOVE, "1400", "1500"),
        ("600多", Approx.ABOVE, "600", "700"),
        ("超0.45", Approx.ABOVE, "0.45", "0.46"),
    ],
)
def test_approximation_words(literal: str, approx: Approx, lo: str, hi: str) -> None:
    f = parse_figure(literal)
    i = f.interval()
    assert f.approx is approx
    assert (i.lo, i.hi) == (Fraction(lo), Fraction(hi))


def test_thousands_separators() -> None:
    assert parse_figure("421,749").value == Decimal("421749")
    assert parse_figure("1,234.50").decimals == 2


@pytest.mark.parametrize("bad", ["4,22", "4,220,0", "1,2345", "4，22"])
def test_decimal_comma_is_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="not a thousands separator"):
        parse_figure(bad)


@pytest.mark.parametrize("bad", ["abc", "4.2.2", "", "近1400多", "12%%", "12万"])
def test_bad_literals_are_rejected(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_figure(bad)


def test_float_input_is_refused() -> None:
    with pytest.raises(ValueError, match="float"):
        parse_figure(236.6)  # type: ignore[arg-type]


WIDE = Context(prec=100)

# Issue #13: exact digits whatever their length (the default Decimal context rounds
# at 28), and a documented limit past which a figure is refused.


@given(
    st.integers(min_value=10**28, max_value=10**40 - 1),
    st.integers(min_value=0, max_value=12),
    st.integers(min_value=-6, max_value=6),
)
def test_round_gb_is_exact_past_28_digits(mantissa: int, scale: int, places: int) -> None:
    value = Decimal(mantissa).scaleb(-scale, context=Context(prec=60))
    expected = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN, context=WIDE)
    assert round_gb(value, places) == expected
    if places >= 0:
        assert format_decimal(value, places) == f"{expected:f}"
    else:
        assert format_decimal(value, places) == str(int(expected))


def test_a_29_digit_figure_keeps_every_digit() -> None:
    f = parse_figure("12345678901234567890123456789.5")
    assert format_decimal(f.value, 1) == "12345678901234567890123456789.5"
    # half to even at the units: ...789.5 goes to ...790
    assert format_decimal(f.value, 0) == "12345678901234567890123456790"
    assert parse_figure("1" + "0" * 39).interval().hi == 10**39 + Fraction(1, 2)


@pytest.mark.parametrize(
    ("literal", "says"),
    [
        ("1" * 41, "has 41 digits; a stated figure has at most 40 (limit MAX_FIGURE_DIGITS)"),
        ("7" * 10_000_000, "is 10,000,000 characters long"),
        ("1e999999999", "is in exponent notation"),
        ("17.123,456", "has a comma that is not a thousands separator"),
        ("2,503.1,234", "has a comma that is not a thousands separator"),
        ("超0", "an approximation word needs a number other than zero"),
        ("近0", "an approximation word needs a number other than zero"),
        ("4.22万", "ends in a multiplier without its unit"),
    ],
)
def test_figures_refused_with_their_reason(literal: str, says: str) -> None:
    with pytest.raises(ValueError, match=re.escape(says)):
        parse_figure(literal)


@pytest.mark.parametrize(
    ("literal", "shown", "unit", "lo", "hi"),
    [
        ("0.68万人", "0.68", "万人", "0.675", "0.685"),
        ("56.7%", "56.7", "%", "56.65", "56.75"),
        ("56.7％", "56.7", "%", "56.65", "56.75"),
        ("1400多人", "1400多", "人", "1400", "1500"),
        ("2.8万人左右", "2.8左右", "万人", "2.75", "2.85"),
        ("近84万件", "近84", "万件", "83", "84"),
        ("0.44个百分点", "0.44", "个百分点", "0.435", "0.445"),
    ],
)
def test_a_unit_after_the_number_is_kept_apart(
    literal: str, shown: str, unit: str, lo: str, hi: str
) -> None:
    f = parse_figure(literal)
    assert (f.literal, f.unit_word) == (shown, unit)
    assert (f.interval().lo, f.interval().hi) == (Fraction(lo), Fraction(hi))


@pytest.mark.parametrize(
    ("literal", "lo", "hi", "lo_closed", "hi_closed"),
    [
        # 下降近3%: the decrease is nearly 3, so the change lies in [-3, -2].
        ("-近3", "-3", "-2", True, True),
        ("近-3.13", "-3.13", "-3.12", True, True),
        # 下降3%多: more than 3 down, less than 4.
        ("-3多", "-4", "-3", False, True),
        ("-超3", "-4", "-3", False, True),
        ("-约3", "-3.5", "-2.5", True, True),
    ],
)
def test_approximation_words_on_a_decrease_speak_of_its_size(
    literal: str, lo: str, hi: str, lo_closed: bool, hi_closed: bool
) -> None:
    i = parse_figure(literal).interval()
    assert (i.lo, i.hi, i.lo_closed, i.hi_closed) == (
        Fraction(lo),
        Fraction(hi),
        lo_closed,
        hi_closed,
    )


@given(st.integers(min_value=1, max_value=10**6), st.integers(min_value=0, max_value=3))
def test_a_decrease_mirrors_its_increase(n: int, places: int) -> None:
    literal = format_decimal(Fraction(n, 10**places), places)
    for word in ("近", "超", "约"):
        up = parse_figure(word + literal).interval()
        # The sign before the word (下降近3: "-近3") or before the number ("近-3").
        for down_literal in (word + "-" + literal, "-" + word + literal):
            down = parse_figure(down_literal)
            assert down.value == -parse_figure(word + literal).value
            i = down.interval()
            assert (i.lo, i.hi) == (-up.hi, -up.lo)
            assert (i.lo_closed, i.hi_closed) == (up.hi_closed, up.lo_closed)


@pytest.mark.parametrize("literal", ["-近-3", "+近-3", "--近3", "-3近"])
def test_one_sign_per_figure(literal: str) -> None:
    with pytest.raises(ValueError):
        parse_figure(literal)


@pytest.mark.parametrize(
    ("literal", "source", "target", "expected"),
    [
        ("11000", "人", "万人", "1.1"),
        ("1.10", "万人", "人", "11000"),
        ("12345", "人", "万人", "1.2345"),
        # Only the zeros an integer ends with hold the place: 1.20元's zero is stated.
        ("1.20", "元", "万元", "0.000120"),
        ("近84", "万件", "件", "近840000"),
        ("1400多", "人", "万人", "0.14多"),
        # Past Decimal's 28 digits, every digit kept (core/limits.py allows 40).
        ("1234567890123456789012345678901.5", "万人", "人", "12345678901234567890123456789015000"),
        ("12345678901234567890123456789012", "人", "万人", "1234567890123456789012345678.9012"),
        ("9" * 40, "人", "亿人", "9" * 32 + "." + "9" * 8),
        ("-近3", "万人", "人", "-近30000"),
    ],
)
def test_figure_in_another_unit(literal: str, source: str, target: str, expected: str) -> None:
    moved = figure_in(parse_figure(literal), get_unit(source), get_unit(target))
    assert moved.literal == expected
    assert moved == parse_figure(expected)
    scale = get_unit(source).multiplier / get_unit(target).multiplier
    assert moved.exact == parse_figure(literal).exact * scale


@given(
    st.integers(min_value=-(10**40) + 1, max_value=10**40 - 1),
    st.integers(min_value=0, max_value=12),
    st.sampled_from(["人", "万人", "亿人"]),
    st.sampled_from(["人", "万人", "亿人"]),
)
def test_a_figure_moved_keeps_its_value_and_comes_back(
    mantissa: int, places: int, source: str, target: str
) -> None:
    figure = parse_figure(format_decimal(Fraction(mantissa, 10**places), places))
    a, b = get_unit(source), get_unit(target)
    moved = figure_in(figure, a, b)
    assert moved.exact == figure.exact * a.multiplier / b.multiplier
    if sum(ch.isdigit() for ch in moved.literal) <= MAX_FIGURE_DIGITS:
        assert parse_figure(moved.literal) == moved
    # To a larger unit and back: the figure as stated.
    back = figure_in(moved, b, a)
    assert back.exact == figure.exact
    if b.power >= a.power:
        assert back == figure


def _rounds_to(y: Fraction, step: Fraction, mode: RoundingMode) -> Fraction | set[Fraction]:
    """What y is written as at `step` under `mode` (either: the two readings)."""
    size = abs(y) / step
    sign = -1 if y < 0 else 1
    if mode is RoundingMode.HALF_EVEN:
        return Fraction(round(y / step)) * step  # Python rounds ties to even
    away = sign * (size + Fraction(1, 2)).__floor__() * step
    cut = sign * size.__floor__() * step
    if mode is RoundingMode.HALF_UP:
        return Fraction(away)
    if mode is RoundingMode.TRUNCATE:
        return Fraction(cut)
    if mode is RoundingMode.NEAREST:
        below = (y / step).__floor__() * step
        return {x for x in (below, below + step) if abs(y - x) <= step / 2}
    return {Fraction(away), Fraction(cut)}


def _holds_what_rounds_to_it(k: int, places: int, t: Fraction, mode: RoundingMode) -> None:
    step = Fraction(1, 10**places) if places >= 0 else Fraction(10**-places)
    x = k * step
    figure = Figure(format_decimal(x, places), round_gb(x, places), places)
    y = x + t * step
    written = _rounds_to(y, step, mode)
    expected = x in written if isinstance(written, set) else written == x
    assert (y in figure.interval(mode)) == expected, (k, places, t, mode)


@pytest.mark.parametrize("mode", list(RoundingMode))
def test_an_interval_holds_what_rounds_to_its_literal(mode: RoundingMode) -> None:
    # Literals -3 to 3 steps (zero's interval is its own in truncation and half up)
    # and values every quarter step around them: ties at half steps, the next
    # literal's own value at one step.
    for places in (-1, 0, 2):
        for k in range(-3, 4):
            for quarter in range(-8, 9):
                _holds_what_rounds_to_it(k, places, Fraction(quarter, 4), mode)


@given(
    st.integers(-(10**6), 10**6),
    st.integers(-2, 3),
    st.fractions(min_value=-2, max_value=2, max_denominator=8),
    st.sampled_from(list(RoundingMode)),
)
def test_any_literals_interval_holds_what_rounds_to_it(
    k: int, places: int, t: Fraction, mode: RoundingMode
) -> None:
    _holds_what_rounds_to_it(k, places, t, mode)


@given(
    st.integers(min_value=-(10**15), max_value=10**15),
    st.integers(min_value=0, max_value=6),
    st.sampled_from(list(RoundingMode)),
)
def test_a_literal_s_interval_in_integers_is_the_fraction_one(
    digits: int, places: int, mode: RoundingMode
) -> None:
    # Figure.interval's integer path (m steps of 1/10**places) against rounding_interval
    # on the exact value and the step as Fractions, written as a literal would be.
    figure = parse_figure(format_decimal(Fraction(digits, 10**places), places))
    exact = rounding_interval(Fraction(figure.value), Fraction(1, 10**places), figure.value, mode)
    assert figure.interval(mode) == exact
    assert figure.interval(mode) is figure.interval(mode)  # made once a mode
