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
    digits = number.str.strip_prefix("+").str.replace(".", "", literal=True)
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


def _offsets(m: pl.Expr, w: pl.Expr, mode: pl.Expr) -> tuple[pl.Expr, pl.Expr, pl.Expr, pl.Expr]:
    """The ends' offsets from the figure in steps, and whether each end is closed,
    as `Figure.interval` and `rounding_interval` have them."""
    pos, neg = m > 0, m < 0
    even = m % 2 == 0

    def pick(below: pl.Expr, above: pl.Expr, about: float, **modes: pl.Expr | float) -> pl.Expr:
        expr = pl.when(w == 1).then(below).when(w == 2).then(above).when(w == 3).then(about)
        for code, value in zip((0, 1, 2, 3, 4), modes.values(), strict=True):
            expr = expr.when(mode == code).then(value)
        return expr.otherwise(None)

    sign_lo = pl.when(pos).then(0.0).when(neg).then(-1.0).otherwise(-1.0)
    sign_hi = pl.when(pos).then(1.0).when(neg).then(0.0).otherwise(1.0)
    # The words speak of the size (Figure.interval): "近-3" lies in [-3, -2] as 近3 in
    # [2, 3], and "-3多" in (-4, -3] as 3多 in [3, 4): below and above swap sides.
    below_lo = pl.when(neg).then(0.0).otherwise(-1.0)
    below_hi = pl.when(neg).then(1.0).otherwise(0.0)
    lo = pick(
        below_lo,
        pl.when(neg).then(-1.0).otherwise(0.0),
        -0.5,
        half_even=-0.5,
        half_up=-0.5,
        truncate=sign_lo,
        either=pl.when(pos).then(-0.5).otherwise(-1.0),
        nearest=-0.5,
    )
    hi = pick(
        below_hi,
        pl.when(neg).then(0.0).otherwise(1.0),
        0.5,
        half_even=0.5,
        half_up=0.5,
        truncate=sign_hi,
        either=pl.when(neg).then(0.5).otherwise(1.0),
        nearest=0.5,
    )
    lo_closed = (
        pl.when(w == 1)
        .then(True)
        .when(w == 2)
        .then(~neg)
        .when(w == 3)
        .then(True)
        .when(mode == 0)
        .then(even)
        .when(mode == 4)
        .then(True)  # nearest: a tie either way
        .otherwise(pos)
    )
    hi_closed = (
        pl.when(w == 1)
        .then(True)
        .when(w == 2)
        .then(neg)
        .when(w == 3)
        .then(True)
        .when(mode == 0)
        .then(even)
        .when(mode == 4)
        .then(True)
        .otherwise(neg)
    )
    return lo, hi, lo_closed, hi_closed


def offset_columns(name: str, mode: pl.Expr, tag: str) -> list[pl.Expr]:
    """The columns `ends(..., offsets=tag)` reads: the literal's step offset and its
    ends' offsets and closedness under `mode`, computed once (as expressions inside
    `ends` polars computes the long chains of `_offsets` once per use)."""
    parts = _offset_parts(name, mode)
    return [e.alias(f"_{tag}_{x}") for e, x in zip(parts, _OFFSET_PARTS, strict=True)]


_OFFSET_PARTS = ("off", "dlo", "dhi", "clo", "chi")


def _offset_parts(name: str, mode: pl.Expr) -> tuple[pl.Expr, ...]:
    m, s, w, z = (pl.col(f"{name}_{x}") for x in "mswz")
    # An approximate figure spans its last non-zero digit (1 for a zero).
    off = pl.when(w == 0).then(0).when(m == 0).then(s).otherwise(z)
    return (off, *_offsets(m, w, mode))


def ends(
    name: str,
    e: pl.Expr,
    mode: pl.Expr,
    *,
    whole: pl.Expr | None = None,
    k: pl.Expr | None = None,
    offsets: str | None = None,
) -> tuple[pl.Expr, pl.Expr]:
    """The literal's interval (lo, hi) as floats in a target unit.

    `e` is the exponent of the literal's last digit in the target unit (its value
    there is m x 10^e); with `whole` (counts), only whole numbers of the base unit
    are possible, and `k` is the last digit's exponent in the base unit (k >= 0 on
    the columns, so the ends are exact there). With `offsets`, the columns
    `offset_columns(name, mode, offsets)` made are read instead of computed.
    """
    m = pl.col(f"{name}_m")
    if offsets is None:
        off, d_lo, d_hi, c_lo, c_hi = _offset_parts(name, mode)
    else:
        off, d_lo, d_hi, c_lo, c_hi = (pl.col(f"_{offsets}_{x}") for x in _OFFSET_PARTS)
    mf = m.cast(pl.Float64)
    lo = mf * f10(e) + d_lo * f10(e + off)
    hi = mf * f10(e) + d_hi * f10(e + off)
    if whole is None or k is None:
        return lo, hi
    base = mf * f10(k)
    b_lo = base + d_lo * f10(k + off)
    b_hi = base + d_hi * f10(k + off)
    w_lo = b_lo.ceil() + pl.when((b_lo.ceil() == b_lo) & ~c_lo).then(1.0).otherwise(0.0)
    w_hi = b_hi.floor() - pl.when((b_hi.floor() == b_hi) & ~c_hi).then(1.0).otherwise(0.0)
    back = f10(e - k)
    return (
        pl.when(whole).then(w_lo * back).otherwise(lo),
        pl.when(whole).then(w_hi * back).otherwise(hi),
    )


def grid(
    name: str, shift: pl.Expr, step: pl.Expr, mode: pl.Expr, whole: pl.Expr
) -> tuple[pl.Expr, pl.Expr, pl.Expr, pl.Expr]:
    """The literal's interval as exact integers in half-units: (lo2, hi2, lo_closed,
    hi_closed).

    `shift` puts the mantissa on the grid (m x 10^shift grid units); `step` is the
    last digit's exponent on the grid. For counts (`whole`) the grid is the base
    unit and the ends are whole, so both are closed.
    """
    m, s, w, z = (pl.col(f"{name}_{x}") for x in "mswz")
    off = pl.when(w == 0).then(0).when(m == 0).then(s).otherwise(z)
    d_lo, d_hi, c_lo, c_hi = _offsets(m, w, mode)
    unit = pl.lit(10, pl.Int64).pow((step + off).clip(0, 18).cast(pl.UInt32))
    centre = 2 * m * pl.lit(10, pl.Int64).pow(shift.clip(0, 18).cast(pl.UInt32))
    lo2 = centre + (d_lo * 2).cast(pl.Int64) * unit
    hi2 = centre + (d_hi * 2).cast(pl.Int64) * unit
    # Whole numbers (even half-units): an odd end moves inwards by a half; an even,
    # open end by a whole unit.
    w_lo = lo2 + pl.when(lo2 % 2 != 0).then(1).when(~c_lo).then(2).otherwise(0)
    w_hi = hi2 - pl.when(hi2 % 2 != 0).then(1).when(~c_hi).then(2).otherwise(0)
    return (
        pl.when(whole).then(w_lo).otherwise(lo2),
        pl.when(whole).then(w_hi).otherwise(hi2),
        whole | c_lo,
        whole | c_hi,
    )
