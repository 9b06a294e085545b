"""A literal's interval on columns (hrkpi.fast.literals) against `Figure.interval`:
the offsets looked up in a table of every (word, rounding mode, sign, parity) case,
the exact integer grid the region sums use, and the float ends the relations use."""

from __future__ import annotations

import math
from fractions import Fraction

import polars as pl
from hypothesis import given
from hypothesis import strategies as st

from hrkpi.core.intervals import Interval
from hrkpi.core.numbers import RoundingMode, parse_figure
from hrkpi.fast.literals import (
    LITERALS,
    MODE_CODES,
    Ends,
    ends,
    grid,
    offset_columns,
    plain_literal,
    with_literal,
)
from hrkpi.fast.typedrows import _literals

WORDS = ["", "近", "将近", "超过", "逾", "约", "多", "余", "左右"]


@st.composite
def literals(draw: st.DrawFn) -> str:
    """A stated figure as written: a sign, digits, decimals, at most one word."""
    digits = draw(st.integers(min_value=0, max_value=10**7))
    places = draw(st.integers(min_value=0, max_value=4))
    text = str(digits).rjust(places + 1, "0")
    if places:
        text = f"{text[:-places]}.{text[-places:]}"
    word = draw(st.sampled_from(WORDS)) if digits else ""  # 近0 is not a figure
    sign = draw(st.sampled_from(["", "-", "+"]))
    if word in ("多", "余", "左右"):
        return f"{sign}{text}{word}"
    return f"{sign}{word}{text}" if draw(st.booleans()) else f"{word}{sign}{text}"


def _typed(texts: list[str], modes: list[RoundingMode]) -> pl.LazyFrame:
    frame = pl.DataFrame({"x": texts, "rnd": [MODE_CODES[m] for m in modes]})
    return with_literal(frame.lazy().with_columns(pl.col("rnd").cast(pl.Int8)), "x")


def _grid(lf: pl.LazyFrame, shift: pl.Expr, whole: bool, k: pl.Expr) -> pl.LazyFrame:
    """The grid's columns, and `k`."""
    for stage in grid("x", shift, shift, pl.col("rnd"), pl.lit(whole)):
        lf = lf.with_columns(stage)
    return lf.select("lo2", "hi2", "lo_c", "hi_c", k.alias("k"))


def _whole(iv: Interval) -> Interval:
    """The whole numbers an interval holds, as an interval (its ends closed)."""
    lo = math.ceil(iv.lo) + (1 if iv.lo == math.ceil(iv.lo) and not iv.lo_closed else 0)
    hi = math.floor(iv.hi) - (1 if iv.hi == math.floor(iv.hi) and not iv.hi_closed else 0)
    return Interval(Fraction(lo), Fraction(hi), True, True)


cases = st.lists(st.tuples(literals(), st.sampled_from(list(RoundingMode))), min_size=1)


@given(cases)
def test_the_grid_is_figure_interval(cases: list[tuple[str, RoundingMode]]) -> None:
    texts, modes = [t for t, _ in cases], [m for _, m in cases]
    got = _grid(_typed(texts, modes), pl.lit(0), False, -pl.col("x_s")).collect().rows()
    for text, mode, (lo, hi, lo_closed, hi_closed, k) in zip(texts, modes, got, strict=True):
        step = Fraction(10) ** k / 2  # half-units of the last digit
        assert Interval(lo * step, hi * step, lo_closed, hi_closed) == parse_figure(text).interval(
            mode
        ), (text, mode)


@given(cases, st.sampled_from([0, 4, 8]))
def test_the_grid_of_counts_holds_whole_numbers(
    cases: list[tuple[str, RoundingMode]], power: int
) -> None:
    # A count in a unit of 10^power (人, 万人, 亿人): whole numbers of the base unit.
    texts, modes = [t for t, _ in cases], [m for _, m in cases]
    shift = power - pl.col("x_s")
    got = _grid(_typed(texts, modes), shift, True, shift).collect().rows()
    for text, mode, (lo, hi, lo_closed, hi_closed, k) in zip(texts, modes, got, strict=True):
        if k < 0:  # a count finer than its base unit: the exact engine's rows
            continue
        iv = parse_figure(text).interval(mode)
        base = Interval(iv.lo * 10**power, iv.hi * 10**power, iv.lo_closed, iv.hi_closed)
        assert Interval(Fraction(lo, 2), Fraction(hi, 2), lo_closed, hi_closed) == _whole(base)


@given(cases, st.sampled_from([0, 4]), st.booleans())
def test_the_float_ends_are_near_figure_interval(
    cases: list[tuple[str, RoundingMode]], power: int, whole: bool
) -> None:
    texts, modes = [t for t, _ in cases], [m for _, m in cases]
    k = power - pl.col("x_s")
    spec = Ends("x", "x", -pl.col("x_s"), "x", whole=pl.lit(whole), k=k)
    lf = _typed(texts, modes).with_columns(offset_columns("x", pl.col("rnd"), "x"))
    for stage in ends([spec]):
        lf = lf.with_columns(stage)
    got = lf.select("x_l", "x_h", k.alias("k")).collect().rows()
    for text, mode, (lo, hi, places) in zip(texts, modes, got, strict=True):
        iv = parse_figure(text).interval(mode)
        if whole:
            if places < 0:
                continue
            unit = Fraction(10**power)
            base = _whole(Interval(iv.lo * unit, iv.hi * unit, iv.lo_closed, iv.hi_closed))
            iv = Interval(base.lo / unit, base.hi / unit)
        for end, exact in ((lo, iv.lo), (hi, iv.hi)):
            assert abs(Fraction(end) - exact) <= Fraction(1, 10**12) * (abs(exact) + 1), text


def test_offsets_worked_by_hand() -> None:
    # 4.5 half to even: [4.45, 4.55] open (a tie goes to 4.4 and 4.6); 近84: [83, 84];
    # -3多: (-4, -3]; 0 truncated: (-1, 1).
    texts = ["4.5", "近84", "-3多", "0"]
    modes = [RoundingMode.HALF_EVEN, RoundingMode.HALF_EVEN, RoundingMode.HALF_UP]
    modes.append(RoundingMode.TRUNCATE)
    got = _grid(_typed(texts, modes), pl.lit(0), False, pl.lit(0)).drop("k").collect().rows()
    assert got[:2] == [(89, 91, False, False), (166, 168, True, True)]
    assert got[2:] == [(-8, -6, False, True), (-2, 2, False, False)]


@given(st.lists(literals(), min_size=1))
def test_plain_and_worded_figures_are_read_as_parse_figure_reads_them(texts: list[str]) -> None:
    frame = pl.DataFrame({"x": texts}).lazy()
    worded = with_literal(frame, "x").select("x_m", "x_s").collect().rows()
    plain = frame.select(plain_literal("x")[:2]).collect().rows()
    for text, (m, s), (pm, ps) in zip(texts, worded, plain, strict=True):
        figure = parse_figure(text)
        assert Fraction(m, 10**s) == figure.exact and s == figure.decimals, text
        if figure.approx is None:
            assert (pm, ps) == (m, s), text


_ODD = ["１２", "٣.5", "99999999999999999999", "1000000000000000000000", "1.2.3", " 12", "12 "]
_ODD += ["+.5", "-.5", "12.", ".", "-", "+", "", "1e3", "0x10", "1_000", "-0", "00012", "近", "多"]


@given(st.lists(st.one_of(literals(), st.sampled_from(_ODD), st.text(max_size=6)), min_size=1))
def test_the_literal_columns_of_a_chunk_are_with_literals_reading(texts: list[str]) -> None:
    # typedrows reads every cell as a plain figure first and the cells whose mantissa did
    # not parse by with_literal: the columns are with_literal's for every cell (its
    # trailing zeros only where they are read, for a figure with a word).
    chunk = pl.DataFrame({"value": texts}).with_columns(
        pl.lit(None, pl.String).alias(n) for n in LITERALS if n != "value"
    )
    got = pl.DataFrame(_literals(chunk)).select("value_m", "value_s", "value_w", "value_z")
    want = with_literal(pl.DataFrame({"value": texts}).lazy(), "value").collect()
    for text, g, w in zip(texts, got.rows(), want.select(got.columns).rows(), strict=True):
        assert g[:3] == w[:3], text
        if w[2]:
            assert g[3] == w[3], text
