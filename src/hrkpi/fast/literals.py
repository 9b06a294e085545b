"""Stated figures as columns: a literal's digits, its approximation word, and
the values it stands for under each rounding mode.

A literal such as "4.22", "近84" or "1400多" is split into an integer
mantissa `m`, its decimals `s`, its approximation word `w` and the trailing
zeros `z` of the mantissa (an approximate figure spans its last non-zero
digit: "1400多" is [1400, 1500)). Its interval is then `hrkpi.core.numbers`'
`Figure.interval` written as columns: float ends, used only to decide
outside the guard band (`hrkpi.fast.arith.near`); for counts the ends are
whole numbers, computed exactly (they are integers or halves below 2^53).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import NamedTuple

import polars as pl

from hrkpi.core.numbers import APPROX_PREFIXES, APPROX_SUFFIXES, Approx, RoundingMode
from hrkpi.fast.arith import f10

# Word codes: 0 for a plain figure.
WORD_CODES = {Approx.BELOW: 1, Approx.ABOVE: 2, Approx.ABOUT: 3}
MODE_CODES = {
    RoundingMode.HALF_EVEN: 0,
    RoundingMode.HALF_UP: 1,
    RoundingMode.TRUNCATE: 2,
    RoundingMode.EITHER: 3,
    RoundingMode.NEAREST: 4,
}
_PLAIN = r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$"
_PRE = "|".join(sorted(APPROX_PREFIXES, key=len, reverse=True))
_SUF = "|".join(sorted(APPROX_SUFFIXES, key=len, reverse=True))
_WORDS = {w: WORD_CODES[a] for w, a in [*APPROX_PREFIXES.items(), *APPROX_SUFFIXES.items()]}
LITERALS = ("value", "completion", "change_pct", "change_abs", "change_pp", "previous")


def with_literal(lf: pl.LazyFrame, name: str) -> pl.LazyFrame:
    """Add `{name}_m` (Int64 mantissa), `_s` (decimals), `_w` (word code) and `_z` (the
    mantissa's trailing zeros: read only for an approximate figure); all null where
    absent or not a figure the columns read (as `hrkpi.core.numbers.parse_figure`: one
    optional word before or after the number).

    Built in steps, each column once: a million cells take a few regex passes.
    """
    # A decrease stated by its size puts the sign before the word ("-近3" is "近-3").
    col = pl.col(name).str.replace(f"^([+-])({_PRE})", "${2}${1}")
    pre, suf, num = f"_{name}_pre", f"_{name}_suf", f"_{name}_num"
    lf = lf.with_columns(
        col.str.extract(f"^({_PRE})", 1).alias(pre), col.str.extract(f"({_SUF})$", 1).alias(suf)
    )
    text = (
        col.str.strip_prefix(pl.col(pre).fill_null(""))
        .str.strip_suffix(pl.col(suf).fill_null(""))
        .str.strip_chars()
    )
    one_word = pl.col(pre).is_null() | pl.col(suf).is_null()
    lf = lf.with_columns(pl.when(one_word & text.str.contains(_PLAIN)).then(text).alias(num))
    word = pl.coalesce(pl.col(pre), pl.col(suf))
    return lf.with_columns(_parts(name, pl.col(num), word)).drop(pre, suf, num)


def plain_literal(name: str, number: pl.Expr | None = None) -> list[pl.Expr]:
    """`with_literal`'s columns for a column `name` that holds plain figures ("236.60",
    "-3") and nulls only (see `is_plain`), or for `number`, its plain cells. Most
    figures are plain: their columns cost no pattern passes but one, where a word
    costs a few. (Their `_z` is 0: an exact figure spans its last digit, whatever it is.)"""
    return _parts(name, pl.col(name) if number is None else number, None)


def is_plain(name: str) -> pl.Expr:
    """True where the cell is a plain figure (no word, unit or separator)."""
    return pl.col(name).str.contains(_PLAIN)


def _parts(name: str, number: pl.Expr, word: pl.Expr | None) -> list[pl.Expr]:
    """Mantissa, decimals, word code and trailing zeros of `number` (a plain figure's
    text, or null)."""
    # (a "+" is left on: the cast to integers reads it, and the zeros are counted at the end)
    digits = number.str.replace(".", "", literal=True)
    unsigned = digits.str.strip_prefix("-")
    dot = number.str.find(".", literal=True)
    code = (
        pl.lit(0, pl.Int8)
        if word is None
        else word.replace_strict(_WORDS, default=0, return_dtype=pl.Int8).fill_null(0)
    )
    return [
        digits.cast(pl.Int64, strict=False).alias(f"{name}_m"),
        pl.when(number.is_null())
        .then(None)
        .when(dot.is_null())
        .then(0)
        .otherwise(number.str.len_bytes() - dot - 1)
        .cast(pl.Int32)
        .alias(f"{name}_s"),
        pl.when(number.is_not_null()).then(code).alias(f"{name}_w"),
        (
            pl.when(number.is_not_null()).then(pl.lit(0, pl.Int32))
            if word is None
            else (unsigned.str.len_bytes() - unsigned.str.strip_chars_end("0").str.len_bytes())
        )
        .cast(pl.Int32)
        .alias(f"{name}_z"),
    ]


def _offset_row(w: int, mode: int, sign: int, even: bool) -> tuple[float, float, bool, bool]:
    """The ends' offsets from a figure in steps, and whether each end is closed, as
    `Figure.interval` and `rounding_interval` have them, for a figure of word code `w`,
    rounding mode code `mode`, sign `sign` and parity `even`."""
    pos, neg = sign > 0, sign < 0
    # The words speak of the size (Figure.interval): "近-3" lies in [-3, -2] as 近3 in
    # [2, 3], and "-3多" in (-4, -3] as 3多 in [3, 4): below and above swap sides.
    if w == 1:
        return (0.0, 1.0, True, True) if neg else (-1.0, 0.0, True, True)
    if w == 2:
        return (-1.0, 0.0, False, True) if neg else (0.0, 1.0, True, False)
    if w == 3:
        return (-0.5, 0.5, True, True)
    if mode == 0:  # half to even: a tie belongs to the even figure
        return (-0.5, 0.5, even, even)
    if mode == 4:  # nearest: a tie either way
        return (-0.5, 0.5, True, True)
    if mode == 1:  # half up: halves go away from zero
        return (-0.5, 0.5, pos, neg)
    if mode == 2:  # truncate
        return (
            (0.0, 1.0, pos, neg)
            if pos
            else ((-1.0, 0.0, pos, neg) if neg else (-1.0, 1.0, pos, neg))
        )
    # either half up or truncated: the hull of the two
    return (-0.5 if pos else -1.0, 0.5 if neg else 1.0, pos, neg)


_N_MODES = len(MODE_CODES)


@cache
def _offset_tables() -> tuple[pl.Series, ...]:
    """`_offset_row` for every (word, mode, sign, parity), at `_offset_index`."""
    rows = [
        _offset_row(w, mode, sign, even)
        for w in range(len(WORD_CODES) + 1)
        for mode in range(_N_MODES)
        for sign in (-1, 0, 1)
        for even in (False, True)
    ]
    lo, hi, lo_c, hi_c = zip(*rows, strict=True)
    return (
        pl.Series(lo, dtype=pl.Float64),
        pl.Series(hi, dtype=pl.Float64),
        pl.Series(lo_c, dtype=pl.Boolean),
        pl.Series(hi_c, dtype=pl.Boolean),
    )


def _offset_index(m: pl.Expr, w: pl.Expr, mode: pl.Expr) -> pl.Expr:
    """A figure's place in `_offset_tables` (null where m, w or mode is)."""
    sign = m.sign().cast(pl.Int64) + 1
    even = (m % 2 == 0).cast(pl.Int64)
    return ((w.cast(pl.Int64) * _N_MODES + mode.cast(pl.Int64)) * 3 + sign) * 2 + even


def _offsets(m: pl.Expr, w: pl.Expr, mode: pl.Expr) -> tuple[pl.Expr, pl.Expr, pl.Expr, pl.Expr]:
    """The ends' offsets from the figure in steps, and whether each end is closed,
    as `Figure.interval` and `rounding_interval` have them: looked up in a table of
    every case (a chain of `when`s per end computed each of its branches for every
    row, and made every plan that read it larger)."""
    at = _offset_index(m, w, mode)
    lo, hi, lo_c, hi_c = _offset_tables()
    return tuple(pl.lit(t).gather(at) for t in (lo, hi, lo_c, hi_c))  # type: ignore[return-value]


def offset_columns(name: str, mode: pl.Expr, tag: str) -> list[pl.Expr]:
    """The columns `ends` reads for an `Ends` of offsets `tag`: the literal's step offset
    and its ends' offsets and closedness under `mode`, computed once for every end
    that reads them."""
    parts = _offset_parts(name, mode)
    return [e.alias(f"_{tag}_{x}") for e, x in zip(parts, _OFFSET_PARTS, strict=True)]


_OFFSET_PARTS = ("off", "dlo", "dhi", "clo", "chi")


def _offset_parts(name: str, mode: pl.Expr) -> tuple[pl.Expr, ...]:
    m, s, w, z = (pl.col(f"{name}_{x}") for x in "mswz")
    # An approximate figure spans its last non-zero digit (1 for a zero).
    off = pl.when(w == 0).then(0).when(m == 0).then(s).otherwise(z)
    return (off, *_offsets(m, w, mode))


class Ends(NamedTuple):
    """A literal's interval wanted as float columns `{out}_l`, `{out}_h` (see `ends`)."""

    out: str
    name: str  # the literal's columns: `{name}_m` and the rest
    e: pl.Expr  # the exponent of its last digit in the target unit
    offsets: str  # the tag `offset_columns` made its offsets under
    whole: pl.Expr | None = None  # counts: whole numbers of the base unit only
    k: pl.Expr | None = None  # with `whole`, the last digit's exponent in the base unit


def ends(specs: Sequence[Ends]) -> list[list[pl.Expr]]:
    """The literals' intervals (lo, hi) as float columns in a target unit: stages of
    columns to add one after the other, each reading the ones before.

    A literal's value in the target unit is m x 10^e; with `whole` (counts), only whole
    numbers of the base unit are possible, and `k` is the last digit's exponent in the
    base unit (k >= 0 on the columns, so the ends are exact there). The offsets are the
    columns `offset_columns(name, mode, offsets)` made. Each power of ten and each end
    is a column of its own, read by name: written as one expression, each was a tree
    repeating them, and building and planning those trees cost as much as computing
    them on a hundred thousand rows.
    """
    powers: list[pl.Expr] = []
    first: list[pl.Expr] = []
    last: list[pl.Expr] = []
    for spec in specs:
        o = spec.out
        off, d_lo, d_hi, c_lo, c_hi = (pl.col(f"_{spec.offsets}_{x}") for x in _OFFSET_PARTS)
        powers += [f10(spec.e).alias(f"_{o}_fe"), f10(spec.e + off).alias(f"_{o}_fo")]
        mf = pl.col(f"{spec.name}_m").cast(pl.Float64)
        fe, fo = pl.col(f"_{o}_fe"), pl.col(f"_{o}_fo")
        lo, hi = mf * fe + d_lo * fo, mf * fe + d_hi * fo
        if spec.whole is None or spec.k is None:
            first += [lo.alias(f"{o}_l"), hi.alias(f"{o}_h")]
            continue
        k = spec.k
        powers += [
            f10(k).alias(f"_{o}_fk"),
            f10(k + off).alias(f"_{o}_fko"),
            f10(spec.e - k).alias(f"_{o}_fb"),
        ]
        fk, fko, back = pl.col(f"_{o}_fk"), pl.col(f"_{o}_fko"), pl.col(f"_{o}_fb")
        first += [
            lo.alias(f"_{o}_lo"),
            hi.alias(f"_{o}_hi"),
            (mf * fk + d_lo * fko).alias(f"_{o}_blo"),
            (mf * fk + d_hi * fko).alias(f"_{o}_bhi"),
        ]
        b_lo, b_hi = pl.col(f"_{o}_blo"), pl.col(f"_{o}_bhi")
        w_lo = b_lo.ceil() + pl.when((b_lo.ceil() == b_lo) & ~c_lo).then(1.0).otherwise(0.0)
        w_hi = b_hi.floor() - pl.when((b_hi.floor() == b_hi) & ~c_hi).then(1.0).otherwise(0.0)
        last += [
            pl.when(spec.whole).then(w_lo * back).otherwise(pl.col(f"_{o}_lo")).alias(f"{o}_l"),
            pl.when(spec.whole).then(w_hi * back).otherwise(pl.col(f"_{o}_hi")).alias(f"{o}_h"),
        ]
    return [stage for stage in (powers, first, last) if stage]


def grid(
    name: str, shift: pl.Expr, step: pl.Expr, mode: pl.Expr, whole: pl.Expr
) -> list[list[pl.Expr]]:
    """The literal's interval as exact integers in half-units: stages of columns (as
    `ends`) that make `lo2`, `hi2`, `lo_c` and `hi_c` (whether each end is closed).

    `shift` puts the mantissa on the grid (m x 10^shift grid units); `step` is the
    last digit's exponent on the grid. For counts (`whole`) the grid is the base
    unit and the ends are whole, so both are closed.
    """
    m, s, w, z = (pl.col(f"{name}_{x}") for x in "mswz")
    off = pl.when(w == 0).then(0).when(m == 0).then(s).otherwise(z)
    at = _offset_index(m, w, mode)
    lo, hi, lo_c, hi_c = _offset_tables()
    twice = {"_g_lo": lo, "_g_hi": hi}  # the offsets in half-steps, as integers
    first = [
        *[pl.lit((2 * t).cast(pl.Int64)).gather(at).alias(n) for n, t in twice.items()],
        pl.lit(lo_c).gather(at).alias("_g_clo"),
        pl.lit(hi_c).gather(at).alias("_g_chi"),
        _pow10((step + off).clip(0, 18)).alias("_g_unit"),
        (2 * m * _pow10(shift.clip(0, 18))).alias("_g_centre"),
    ]
    centre, unit = pl.col("_g_centre"), pl.col("_g_unit")
    ends = [
        (centre + pl.col("_g_lo") * unit).alias("_g_lo2"),
        (centre + pl.col("_g_hi") * unit).alias("_g_hi2"),
    ]
    lo2, hi2 = pl.col("_g_lo2"), pl.col("_g_hi2")
    # Whole numbers (even half-units): an odd end moves inwards by a half; an even,
    # open end by a whole unit.
    w_lo = lo2 + pl.when(lo2 % 2 != 0).then(1).when(~pl.col("_g_clo")).then(2).otherwise(0)
    w_hi = hi2 - pl.when(hi2 % 2 != 0).then(1).when(~pl.col("_g_chi")).then(2).otherwise(0)
    last = [
        pl.when(whole).then(w_lo).otherwise(lo2).alias("lo2"),
        pl.when(whole).then(w_hi).otherwise(hi2).alias("hi2"),
        (whole | pl.col("_g_clo")).alias("lo_c"),
        (whole | pl.col("_g_chi")).alias("hi_c"),
    ]
    return [first, ends, last]


_POW10 = pl.Series([10**i for i in range(19)], dtype=pl.Int64)


def _pow10(k: pl.Expr) -> pl.Expr:
    """10**k as Int64 for 0 <= k <= 18 (null for null)."""
    return pl.lit(_POW10).gather(k.cast(pl.Int64))
