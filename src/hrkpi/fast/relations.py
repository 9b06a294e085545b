"""Each row's own relations decided on columns: completion, the stated change
(growth, absolute and point changes, the whole-number base) and its limits.

The rules are those of hrkpi.checks.changes and hrkpi.checks.claims, written
as interval arithmetic on float columns (hrkpi.fast.literals gives every
literal's interval under its rounding mode and approximation word). A verdict
is settled on the columns only outside the guard band: wherever two compared
ends, an end and zero, or an end and a whole number are too close for floats
to tell, the row is marked `exact` and the exact engine decides it. Limits are
judged on integers, exactly.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from hrkpi.checks.findings import CheckKind, Verdict
from hrkpi.fast.arith import GUARD, f10, near
from hrkpi.fast.links import with_base_row
from hrkpi.fast.literals import LITERALS, ends, offset_columns

SAME_PERIOD = "same_period_last_year"
KIND_CODES = {kind: i for i, kind in enumerate(CheckKind)}  # also the order within a line
VERDICT_CODES = {verdict: i for i, verdict in enumerate(Verdict)}
KINDS: Sequence[CheckKind] = list(CheckKind)
VERDICTS: Sequence[Verdict] = list(Verdict)
ENTRY = {"rid": pl.UInt32, "kind": pl.Int8, "j": pl.Int32, "verdict": pl.Int8}


def _k(kind: CheckKind) -> pl.Expr:
    return pl.lit(KIND_CODES[kind], pl.Int8)


def _v(verdict: Verdict) -> pl.Expr:
    return pl.lit(VERDICT_CODES[verdict], pl.Int8)


def _meets(c: tuple[pl.Expr, pl.Expr], s: tuple[pl.Expr, pl.Expr], scale: pl.Expr) -> pl.Expr:
    """The verdict code of a stated interval `s` against the computed `c`, or null
    where floats cannot tell (ends within the guard band; `scale` is the size of
    the operands the computed ends were subtracted from)."""
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


def _close(a: pl.Expr, b: pl.Expr, scale: pl.Expr) -> pl.Expr:
    return near(a, b) | ((a - b).abs() <= GUARD * scale)


def _reaches_zero(lo: pl.Expr, hi: pl.Expr, scale: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    """(lo <= 0 <= hi as far as floats tell, whether they cannot tell)."""
    zero = pl.lit(0.0)
    return (lo <= 0) & (hi >= 0), _close(lo, zero, scale) | _close(hi, zero, scale)


def _div(a: tuple[pl.Expr, pl.Expr], b: tuple[pl.Expr, pl.Expr]) -> tuple[pl.Expr, pl.Expr]:
    """a / b for an interval b away from zero (corner by corner)."""
    corners = [x / y for x in a for y in b]
    return pl.min_horizontal(corners), pl.max_horizontal(corners)


def _in_row_unit(name: str, mode: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    """A literal stated in the row's unit, in the indicator's (counts: whole numbers)."""
    rp, s = pl.col("row_pow"), pl.col(f"{name}_s")
    return ends(
        name, rp - pl.col("ind_pow") - s, mode, whole=pl.col("is_int"), k=rp - s, offsets=name
    )


def _intervals(lf: pl.LazyFrame, *, stated: bool = True) -> pl.LazyFrame:
    """Every literal's interval (lo, hi) in the unit its rule uses (`stated`: whether
    some row states a previous value, an absolute or a point change)."""
    mode = pl.col("rnd")
    # Each literal's offsets first, as columns: inside the ends' expressions polars
    # computed their long when-chains once per use.
    names = [n for n in LITERALS if stated or n not in _SPARSE]
    lf = lf.with_columns(
        *[e for name in names for e in offset_columns(name, mode, name)],
        *offset_columns("prev", pl.col("prev_rnd"), "prev"),
    )
    cols: dict[str, tuple[pl.Expr, pl.Expr]] = {
        # the value, a stated previous value, last year's figure and an absolute change,
        # in the indicator's unit
        "v": _in_row_unit("value", mode),
        "pv": _in_row_unit("previous", mode),
        # the linked figure, in its own unit and rounding
        "py": ends(
            "prev",
            pl.col("prev_pow") - pl.col("ind_pow") - pl.col("prev_s"),
            pl.col("prev_rnd"),
            whole=pl.col("is_int"),
            k=pl.col("prev_pow") - pl.col("prev_s"),
            offsets="prev",
        ),
        "a": _in_row_unit("change_abs", mode),
        # stated rates and changes, in their own unit
        "c": ends("completion", -pl.col("completion_s"), mode, offsets="completion"),
        "g": ends("change_pct", -pl.col("change_pct_s"), mode, offsets="change_pct"),
        "pp": ends("change_pp", -pl.col("change_pp_s"), mode, offsets="change_pp"),
        "as": ends("change_abs", -pl.col("change_abs_s"), mode, offsets="change_abs"),
    }
    if not stated:  # (an absent literal's ends are null)
        none = pl.lit(None, pl.Float64)
        cols.update({name: (none, none) for name in ("pv", "a", "pp", "as")})
    return lf.with_columns(
        e.alias(f"{name}_{side}")
        for name, pair in cols.items()
        for side, e in zip("lh", pair, strict=True)
    )


def _iv(name: str) -> tuple[pl.Expr, pl.Expr]:
    return pl.col(f"{name}_l"), pl.col(f"{name}_h")


def _completion() -> tuple[pl.Expr, pl.Expr]:
    """(kind, verdict) of a stated completion rate (check_completion)."""
    has = pl.col("completion_m").is_not_null()
    target = pl.col("t_m").cast(pl.Float64) * f10(-pl.col("t_s"))
    v_lo, v_hi = _iv("v")
    computed = (v_lo * 100 / target, v_hi * 100 / target)
    verdict = (
        pl.when(pl.col("t_m").is_null())
        .then(_v(Verdict.NOT_CHECKABLE))
        .otherwise(_meets(computed, _iv("c"), pl.lit(0.0)))
    )
    return pl.when(has).then(_k(CheckKind.COMPLETION)), pl.when(has).then(verdict)


def _div_cols(out: str, a: str, b: str) -> list[pl.Expr]:
    """Columns `{out}_l`, `{out}_h` = a / b corner by corner (b away from zero)."""
    lo, hi = _div(_iv(a), _iv(b))
    return [lo.alias(f"{out}_l"), hi.alias(f"{out}_h")]


def _zero_cols(out: str, name: str, scale: pl.Expr) -> list[pl.Expr]:
    """Columns `{out}` (the interval reaches zero) and `{out}_unsure`."""
    zero, unsure = _reaches_zero(*_iv(name), scale)
    return [zero.alias(out), unsure.alias(f"{out}_unsure")]


def _changes(lf: pl.LazyFrame) -> pl.LazyFrame:
    """The stated change's findings (check_change): absolute, points, growth or base.

    Built in steps of columns, each intermediate interval once (a million rows)."""
    has_prev = pl.col("previous_m").is_not_null()
    has_change = pl.any_horizontal(
        [
            pl.col(f"{n}_m").is_not_null()
            for n in ("previous", "change_abs", "change_pp", "change_pct")
        ]
    )
    # A previous value not stated is the linked figure (engine.previous).
    data_prev = ~has_prev & has_change & pl.col("prior_rid").is_not_null()
    v, a = _iv("v"), _iv("a")
    lf = lf.with_columns(
        (has_prev | data_prev).alias("p_known"),
        pl.when(has_prev).then(pl.col("pv_l")).otherwise(pl.col("py_l")).alias("p_l"),
        pl.when(has_prev).then(pl.col("pv_h")).otherwise(pl.col("py_h")).alias("p_h"),
        # the previous value implied by an absolute change: v - a
        (v[0] - a[1]).alias("q_l"),
        (v[1] - a[0]).alias("q_h"),
        *_div_cols("va", "v", "a"),
        # GRIM: the base a count and its rate imply, v / (1 + pct / 100), in base units
        (pl.col("g_l") / 100 + 1).alias("f_l"),
        (pl.col("g_h") / 100 + 1).alias("f_h"),
        (pl.col("v_l") * f10(pl.col("ind_pow"))).alias("vb_l"),
        (pl.col("v_h") * f10(pl.col("ind_pow"))).alias("vb_h"),
    )
    p = _iv("p")
    scale = pl.max_horizontal(v[0].abs(), v[1].abs(), p[0].abs(), p[1].abs(), a[0].abs())
    lf = lf.with_columns(
        scale.fill_null(0.0).alias("scale"),
        (v[0] - p[1]).alias("d_l"),
        (v[1] - p[0]).alias("d_h"),
        *_div_cols("vp", "v", "p"),
        *_div_cols("aq", "a", "q"),
        (pl.col("va_l") - 1).alias("r_l"),
        (pl.col("va_h") - 1).alias("r_h"),
        *_div_cols("wb", "vb", "f"),
    )
    sc = pl.col("scale")
    lf = lf.with_columns(
        *_zero_cols("p_zero", "p", sc),
        *_zero_cols("a_zero", "a", sc),
        *_zero_cols("q_zero", "q", sc),
        *_zero_cols("r_zero", "r", pl.lit(1.0)),
        *_zero_cols("f_zero", "f", pl.lit(1.0)),
    )
    return _change_verdicts(lf)


def _change_verdicts(lf: pl.LazyFrame) -> pl.LazyFrame:
    """Kinds and verdicts of the absolute change, the points and the growth."""
    has_abs = pl.col("change_abs_m").is_not_null()
    has_pp = pl.col("change_pp_m").is_not_null()
    has_pct = pl.col("change_pct_m").is_not_null()
    known, sc = pl.col("p_known"), pl.col("scale")
    # 增减量: value - previous, in the absolute change's unit (the row's).
    to_row = f10(pl.col("ind_pow") - pl.col("row_pow"))
    d = _iv("d")
    abs_verdict = (
        pl.when(has_abs & known)
        .then(_meets((d[0] * to_row, d[1] * to_row), _iv("as"), sc * to_row))
        .when(has_abs & ~has_pct)
        .then(_v(Verdict.NOT_CHECKABLE))
    )
    # 百分点: a rate's value - its previous value.
    pp_verdict = (
        pl.when(has_pp & known & pl.col("points"))
        .then(_meets(d, _iv("pp"), sc))
        .when(has_pp)
        .then(_v(Verdict.NOT_CHECKABLE))
    )
    return lf.with_columns(
        pl.when(has_abs & (known | ~has_pct)).then(_k(CheckKind.CHANGE_ABS)).alias("abs_kind"),
        abs_verdict.alias("abs_verdict"),
        pl.when(has_pp).then(_k(CheckKind.CHANGE_PP)).alias("pp_kind"),
        pp_verdict.alias("pp_verdict"),
        *_growth(has_pct, has_abs, known),
    )


def _growth(has_pct: pl.Expr, has_abs: pl.Expr, known: pl.Expr) -> list[pl.Expr]:
    """(kind, verdict, unsure) of a stated growth rate (checks.changes._check_pct)."""
    g = _iv("g")
    z = pl.col
    # From a previous value: v / p - 1, undefined when p may be zero.
    from_prev = (
        pl.when(z("p_zero"))
        .then(_v(Verdict.NOT_CHECKABLE))
        .otherwise(_meets(((z("vp_l") - 1) * 100, (z("vp_h") - 1) * 100), g, pl.lit(0.0)))
    )
    # From an absolute change a (previous = v - a): a / (v - a), each input once:
    # directly when a or v / a - 1 may be zero, else 1 / (v / a - 1).
    small = z("a_zero") | z("r_zero")
    grown = (
        pl.when(small).then(z("aq_l")).otherwise(1 / z("r_h")),
        pl.when(small).then(z("aq_h")).otherwise(1 / z("r_l")),
    )
    from_abs = (
        pl.when(small & z("q_zero"))
        .then(_v(Verdict.NOT_CHECKABLE))
        .otherwise(_meets((grown[0] * 100, grown[1] * 100), g, pl.lit(0.0)))
    )
    abs_unsure = (
        z("a_zero_unsure") | (~z("a_zero") & z("r_zero_unsure")) | (small & z("q_zero_unsure"))
    )
    kind_base, verdict_base, base_unsure = _whole_base()
    kind = (
        pl.when(~has_pct)
        .then(None)
        .when(known | has_abs)
        .then(_k(CheckKind.CHANGE_PCT))
        .otherwise(kind_base)
    )
    verdict = (
        pl.when(~has_pct)
        .then(None)
        .when(known)
        .then(from_prev)
        .when(has_abs)
        .then(from_abs)
        .otherwise(verdict_base)
    )
    unsure = has_pct & (
        pl.when(known)
        .then(z("p_zero_unsure"))
        .when(has_abs)
        .then(abs_unsure)
        .otherwise(base_unsure)
    )
    return [kind.alias("pct_kind"), verdict.alias("pct_verdict"), unsure.alias("pct_unsure")]


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


def row_relations(rows: pl.DataFrame) -> pl.LazyFrame:
    """Per row: the kind and verdict of each own relation (null verdict: not settled),
    and `exact` for rows the exact engine must decide whole."""
    based = with_base_row(rows)
    mask = based.select(pl.any_horizontal([pl.col(f"{n}_m").is_not_null() for n in _SPARSE]))
    stated = mask.to_series()
    some = int(stated.sum())
    if some in (0, based.height):
        return _relations(based.lazy(), stated=some > 0)
    # The few rows stating a previous value, an absolute or a point change apart: the
    # others' intervals of those are null, and need not be computed (a quarter of the
    # relations' time).
    at = based.with_row_index("_at")
    return (
        pl.concat(
            [
                _relations(at.lazy().filter(stated), stated=True, keep=["_at"]),
                _relations(at.lazy().filter(~stated), stated=False, keep=["_at"]),
            ]
        )
        .sort("_at")
        .drop("_at")
    )


_SPARSE = ("previous", "change_abs", "change_pp")  # stated on few rows


def _relations(lf: pl.LazyFrame, *, stated: bool, keep: Sequence[str] = ()) -> pl.LazyFrame:
    """`row_relations` of rows with their linked row; `stated`: whether some row states
    one of the `_SPARSE` literals (if not, their intervals are null)."""
    lf = _intervals(lf, stated=stated)
    c_kind, c_verdict = _completion()
    lf = _changes(lf.with_columns(c_kind.alias("c_kind"), c_verdict.alias("c_verdict")))
    undecided = (
        (pl.col("c_kind").is_not_null() & pl.col("c_verdict").is_null())
        | (pl.col("abs_kind").is_not_null() & pl.col("abs_verdict").is_null())
        | (pl.col("pp_kind").is_not_null() & pl.col("pp_verdict").is_null())
        | (pl.col("pct_kind").is_not_null() & pl.col("pct_verdict").is_null())
        | pl.col("pct_unsure").fill_null(False)
    )
    exact = (
        pl.col("odd")
        | pl.col("has_parts")
        | pl.col("link_odd")
        # no target: not printed, or none of the region's own (the exact rule says which)
        | (pl.col("completion_m").is_not_null() & pl.col("t_m").is_null())
        | undecided
    )
    return lf.select(
        *keep,
        "rid",
        "prior_rid",
        exact.fill_null(True).alias("exact"),
        # a stated previous value against the linked figure: a restatement to compare
        (pl.col("previous_m").is_not_null() & pl.col("prior_rid").is_not_null()).alias("restated"),
        "c_kind",
        "c_verdict",
        "pct_kind",
        "pct_verdict",
        "abs_kind",
        "abs_verdict",
        "pp_kind",
        "pp_verdict",
    )


def entries(relations: pl.DataFrame) -> pl.DataFrame:
    """One row per settled finding: (rid, kind, j, verdict, prior_rid: the linked row)."""
    settled = relations.filter(~pl.col("exact"))
    parts = [
        settled.filter(pl.col(f"{name}_kind").is_not_null()).select(
            "rid",
            pl.col(f"{name}_kind").alias("kind"),
            pl.lit(0, pl.Int32).alias("j"),
            pl.col(f"{name}_verdict").alias("verdict"),
            "prior_rid",
        )
        for name in ("c", "pct", "abs", "pp")
    ]
    return pl.concat([p.cast(ENTRY) for p in parts])  # type: ignore[arg-type]
