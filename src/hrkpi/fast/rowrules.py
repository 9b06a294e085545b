"""The rules of a row's own relations as stages of float columns: completion,
the stated change (growth, absolute and point changes, the whole-number base),
each verdict null where floats cannot tell (hrkpi.fast.relations runs them).

The rules are those of hrkpi.checks.changes and hrkpi.checks.claims, written
as interval arithmetic on float columns (hrkpi.fast.literals gives every
literal's interval under its rounding mode and approximation word). A verdict
is settled on the columns only outside the guard band: wherever two compared
ends, an end and zero, or an end and a whole number are too close for floats
to tell, the verdict is left null and the exact engine decides the row.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from hrkpi.checks.findings import CheckKind, Verdict
from hrkpi.fast.arith import GUARD, f10, near
from hrkpi.fast.links import CHANGES
from hrkpi.fast.literals import Ends, ends, offset_columns

KIND_CODES = {kind: i for i, kind in enumerate(CheckKind)}  # also the order within a line
VERDICT_CODES = {verdict: i for i, verdict in enumerate(Verdict)}
KINDS: Sequence[CheckKind] = list(CheckKind)
VERDICTS: Sequence[Verdict] = list(Verdict)
ENTRY = {"rid": pl.UInt32, "kind": pl.Int8, "j": pl.Int32, "verdict": pl.Int8}


Stages = list[list[pl.Expr]]  # columns added one with_columns after another


def _k(kind: CheckKind) -> pl.Expr:
    return pl.lit(KIND_CODES[kind], pl.Int8)


def _v(verdict: Verdict) -> pl.Expr:
    return pl.lit(VERDICT_CODES[verdict], pl.Int8)


_NONE = pl.lit(None, pl.Int8)


def _meets(
    c: tuple[pl.Expr, pl.Expr], s: tuple[pl.Expr, pl.Expr], scale: pl.Expr | None
) -> pl.Expr:
    """The verdict code of a stated interval `s` against the computed `c`, or null
    where floats cannot tell (ends within the guard band; `scale` is the size of
    the operands the computed ends were subtracted from, None for none)."""
    (c_lo, c_hi), (s_lo, s_hi) = c, s
    meets = (c_lo <= s_hi) & (s_lo <= c_hi)
    unsure = _close(c_lo, s_hi, scale) | _close(s_lo, c_hi, scale)
    return (
        pl.when(unsure | c_lo.is_nan() | c_hi.is_nan())
        .then(None)
        .when(meets)
        .then(_v(Verdict.CONSISTENT))
        .otherwise(_v(Verdict.INCONSISTENT))
    )


def _close(a: pl.Expr, b: pl.Expr, scale: pl.Expr | None) -> pl.Expr:
    # (|a - b| <= 0 is within `near` already: no scale, no second test)
    return near(a, b) if scale is None else near(a, b) | ((a - b).abs() <= GUARD * scale)


def _reaches_zero(lo: pl.Expr, hi: pl.Expr, scale: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    """(lo <= 0 <= hi as far as floats tell, whether they cannot tell)."""
    zero = pl.lit(0.0)
    return (lo <= 0) & (hi >= 0), _close(lo, zero, scale) | _close(hi, zero, scale)


def _div(a: tuple[pl.Expr, pl.Expr], b: tuple[pl.Expr, pl.Expr]) -> tuple[pl.Expr, pl.Expr]:
    """a / b for an interval b away from zero (corner by corner)."""
    corners = [x / y for x in a for y in b]
    return pl.min_horizontal(corners), pl.max_horizontal(corners)


def _in_row_unit(out: str, name: str) -> Ends:
    """A literal stated in the row's unit, in the indicator's (counts: whole numbers)."""
    rp, s = pl.col("row_pow"), pl.col(f"{name}_s")
    return Ends(out, name, rp - pl.col("ind_pow") - s, name, whole=pl.col("is_int"), k=rp - s)


def _rate(out: str, name: str) -> Ends:
    """A stated rate or change, in its own unit."""
    return Ends(out, name, -pl.col(f"{name}_s"), name)


# the linked figure, in its own unit and rounding
_LINKED = Ends(
    "py",
    "prev",
    pl.col("prev_pow") - pl.col("ind_pow") - pl.col("prev_s"),
    "prev",
    whole=pl.col("is_int"),
    k=pl.col("prev_pow") - pl.col("prev_s"),
)


def _intervals(*, changes: bool, stated: bool) -> Stages:
    """Every literal's interval `{x}_l`, `{x}_h` in the unit its rule uses: the value
    (`v`) and completion rate (`c`); with `changes`, the linked figure (`py`) and the
    growth rate (`g`); with `stated`, a stated previous value (`pv`), an absolute change
    in the indicator's unit (`a`) and its own (`as`), and a point change (`pp`)."""
    mode = pl.col("rnd")
    specs = [_in_row_unit("v", "value"), _rate("c", "completion")]
    if changes:
        specs += [_LINKED, _rate("g", "change_pct")]
    if stated:
        specs += [
            _in_row_unit("pv", "previous"),
            _in_row_unit("a", "change_abs"),
            _rate("as", "change_abs"),
            _rate("pp", "change_pp"),
        ]
    literals = {spec.name for spec in specs} - {"prev"}
    offsets = [e for name in sorted(literals) for e in offset_columns(name, mode, name)]
    if changes:
        offsets += offset_columns("prev", pl.col("prev_rnd"), "prev")
    return [offsets, *ends(specs)]


def _iv(name: str) -> tuple[pl.Expr, pl.Expr]:
    return pl.col(f"{name}_l"), pl.col(f"{name}_h")


def _completion() -> Stages:
    """Columns `c_kind`, `c_verdict` of a stated completion rate (check_completion)."""
    has = pl.col("completion_m").is_not_null()
    v_lo, v_hi = _iv("v")
    target = pl.col("_target")
    verdict = (
        pl.when(pl.col("t_m").is_null())
        .then(_v(Verdict.NOT_CHECKABLE))
        .otherwise(_meets(_iv("cc"), _iv("c"), None))
    )
    return [
        [(pl.col("t_m").cast(pl.Float64) * f10(-pl.col("t_s"))).alias("_target")],
        [(v_lo * 100 / target).alias("cc_l"), (v_hi * 100 / target).alias("cc_h")],
        [
            pl.when(has).then(_k(CheckKind.COMPLETION)).alias("c_kind"),
            pl.when(has).then(verdict).alias("c_verdict"),
        ],
    ]


def _div_cols(out: str, a: str, b: str) -> list[pl.Expr]:
    """Columns `{out}_l`, `{out}_h` = a / b corner by corner (b away from zero)."""
    lo, hi = _div(_iv(a), _iv(b))
    return [lo.alias(f"{out}_l"), hi.alias(f"{out}_h")]


def _zero_cols(out: str, name: str, scale: pl.Expr) -> list[pl.Expr]:
    """Columns `{out}` (the interval reaches zero) and `{out}_unsure`."""
    zero, unsure = _reaches_zero(*_iv(name), scale)
    return [zero.alias(out), unsure.alias(f"{out}_unsure")]


def _changes(*, stated: bool) -> Stages:
    """The stated change's findings (check_change): absolute, points, growth or base;
    without `stated` (no row states a previous value, an absolute or a point change),
    the growth rate's alone.

    Built in steps of columns, each intermediate interval once (a million rows)."""
    has_prev = pl.col("previous_m").is_not_null()
    has_change = pl.any_horizontal([pl.col(f"{n}_m").is_not_null() for n in CHANGES])
    # A previous value not stated is the linked figure (engine.previous).
    data_prev = ~has_prev & has_change & pl.col("prior_rid").is_not_null()
    v, a, g = _iv("v"), _iv("a"), _iv("g")
    first = [
        (has_prev | data_prev).alias("p_known"),
        pl.when(has_prev).then(pl.col("pv_l")).otherwise(pl.col("py_l")).alias("p_l"),
        pl.when(has_prev).then(pl.col("pv_h")).otherwise(pl.col("py_h")).alias("p_h"),
        # GRIM: the base a count and its rate imply, v / (1 + pct / 100), in base units
        (g[0] / 100 + 1).alias("f_l"),
        (g[1] / 100 + 1).alias("f_h"),
        f10(pl.col("ind_pow")).alias("_to_base"),
    ]
    if not stated:  # (no previous value stated: p is the linked figure)
        first[1:3] = [pl.col("py_l").alias("p_l"), pl.col("py_h").alias("p_h")]
    else:
        first += [
            # the previous value implied by an absolute change: v - a
            (v[0] - a[1]).alias("q_l"),
            (v[1] - a[0]).alias("q_h"),
            *_div_cols("va", "v", "a"),
            f10(pl.col("ind_pow") - pl.col("row_pow")).alias("_to_row"),
        ]
    p = _iv("p")
    to_base = pl.col("_to_base")
    ends = [v[0].abs(), v[1].abs(), p[0].abs(), p[1].abs(), *([a[0].abs()] if stated else [])]
    second = [
        (pl.col("v_l") * to_base).alias("vb_l"),
        (pl.col("v_h") * to_base).alias("vb_h"),
        pl.max_horizontal(ends).fill_null(0.0).alias("scale"),
        *_div_cols("vp", "v", "p"),
    ]
    if stated:
        second += [
            (v[0] - p[1]).alias("d_l"),
            (v[1] - p[0]).alias("d_h"),
            *_div_cols("aq", "a", "q"),
            (pl.col("va_l") - 1).alias("r_l"),
            (pl.col("va_h") - 1).alias("r_h"),
        ]
    sc = pl.col("scale")
    third = [
        *_div_cols("wb", "vb", "f"),
        *_zero_cols("p_zero", "p", sc),
        *_zero_cols("f_zero", "f", pl.lit(1.0)),
        ((pl.col("vp_l") - 1) * 100).alias("gp_l"),
        ((pl.col("vp_h") - 1) * 100).alias("gp_h"),
    ]
    if stated:
        to_row = pl.col("_to_row")
        third += [
            *_zero_cols("a_zero", "a", sc),
            *_zero_cols("q_zero", "q", sc),
            *_zero_cols("r_zero", "r", pl.lit(1.0)),
            (pl.col("d_l") * to_row).alias("dr_l"),
            (pl.col("d_h") * to_row).alias("dr_h"),
            (sc * to_row).alias("sr"),
        ]
    return [first, second, third, *_change_verdicts(stated=stated)]


def _change_verdicts(*, stated: bool) -> Stages:
    """Kinds and verdicts of the absolute change, the points and the growth."""
    has_abs = pl.col("change_abs_m").is_not_null()
    has_pp = pl.col("change_pp_m").is_not_null()
    has_pct = pl.col("change_pct_m").is_not_null()
    known, sc = pl.col("p_known"), pl.col("scale")
    if not stated:
        none = [_NONE.alias(n) for n in ("abs_kind", "abs_verdict", "pp_kind", "pp_verdict")]
        return [_growth(has_pct, None, known), none]
    z = pl.col
    # From an absolute change a (previous = v - a): a / (v - a), each input once:
    # directly when a or v / a - 1 may be zero, else 1 / (v / a - 1).
    small = z("a_zero") | z("r_zero")
    grown = [
        (pl.when(small).then(z("aq_l")).otherwise(1 / z("r_h")) * 100).alias("ga_l"),
        (pl.when(small).then(z("aq_h")).otherwise(1 / z("r_l")) * 100).alias("ga_h"),
    ]
    # 增减量: value - previous, in the absolute change's unit (the row's).
    abs_verdict = (
        pl.when(has_abs & known)
        .then(_meets(_iv("dr"), _iv("as"), z("sr")))
        .when(has_abs & ~has_pct)
        .then(_v(Verdict.NOT_CHECKABLE))
    )
    # 百分点: a rate's value - its previous value.
    pp_verdict = (
        pl.when(has_pp & known & pl.col("points"))
        .then(_meets(_iv("d"), _iv("pp"), sc))
        .when(has_pp)
        .then(_v(Verdict.NOT_CHECKABLE))
    )
    return [
        grown,
        [
            pl.when(has_abs & (known | ~has_pct)).then(_k(CheckKind.CHANGE_ABS)).alias("abs_kind"),
            abs_verdict.alias("abs_verdict"),
            pl.when(has_pp).then(_k(CheckKind.CHANGE_PP)).alias("pp_kind"),
            pp_verdict.alias("pp_verdict"),
            *_growth(has_pct, has_abs, known),
        ],
    ]


def _growth(has_pct: pl.Expr, has_abs: pl.Expr | None, known: pl.Expr) -> list[pl.Expr]:
    """(kind, verdict, unsure) of a stated growth rate (checks.changes._check_pct);
    `has_abs` None where no row states an absolute change."""
    g = _iv("g")
    z = pl.col
    # From a previous value: v / p - 1, undefined when p may be zero.
    from_prev = (
        pl.when(z("p_zero")).then(_v(Verdict.NOT_CHECKABLE)).otherwise(_meets(_iv("gp"), g, None))
    )
    kind_base, verdict_base, base_unsure = _whole_base()
    stated = known if has_abs is None else known | has_abs
    kind = pl.when(~has_pct).then(None).when(stated).then(_k(CheckKind.CHANGE_PCT))
    verdict = pl.when(~has_pct).then(None).when(known).then(from_prev)
    unsure = pl.when(known).then(z("p_zero_unsure")).otherwise(base_unsure)
    if has_abs is not None:
        small = z("a_zero") | z("r_zero")
        from_abs = (
            pl.when(small & z("q_zero"))
            .then(_v(Verdict.NOT_CHECKABLE))
            .otherwise(_meets(_iv("ga"), g, None))
        )
        abs_unsure = (
            z("a_zero_unsure") | (~z("a_zero") & z("r_zero_unsure")) | (small & z("q_zero_unsure"))
        )
        verdict = verdict.when(has_abs).then(from_abs)
        unsure = (
            pl.when(known)
            .then(z("p_zero_unsure"))
            .when(has_abs)
            .then(abs_unsure)
            .otherwise(base_unsure)
        )
    return [
        kind.otherwise(kind_base).alias("pct_kind"),
        verdict.otherwise(verdict_base).alias("pct_verdict"),
        (has_pct & unsure).alias("pct_unsure"),
    ]


def _whole_base() -> tuple[pl.Expr, pl.Expr, pl.Expr]:
    """GRIM for counts (checks.changes._check_whole_base): the base a count and its
    rate imply must hold a whole number. (kind, verdict, unsure)."""
    lo, hi = _iv("wb")
    f_zero = pl.col("f_zero")
    width = hi - lo
    wide = width >= 1
    holds = lo.ceil() <= hi.floor()
    tol = GUARD * (hi.abs() + 1)
    near_int = ((lo - lo.round()).abs() <= tol) | ((hi - hi.round()).abs() <= tol)
    counts = pl.col("is_int")
    kind = (
        pl.when(~counts | f_zero).then(_k(CheckKind.CHANGE_PCT)).otherwise(_k(CheckKind.WHOLE_BASE))
    )
    verdict = (
        pl.when(~counts | f_zero | wide)
        .then(_v(Verdict.NOT_CHECKABLE))
        .when(holds)
        .then(_v(Verdict.CONSISTENT))
        .otherwise(_v(Verdict.INCONSISTENT))
    )
    unsure = counts & (
        pl.col("f_zero_unsure") | (~f_zero & (near(width, pl.lit(1.0)) | (~wide & near_int)))
    )
    return kind, verdict, unsure
