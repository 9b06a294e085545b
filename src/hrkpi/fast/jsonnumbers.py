"""The interval ends of the JSON of the frequent settled findings, as columns, in Int64.

hrkpi.output.columnjson makes the JSON of consistent completion rates, growth rates and
region sums, and of limits met or failed, from columns (hrkpi.fast.jsoncells gives
their cells): each figure's rounding interval (`rounding_ends`, as
hrkpi.core.rounding.steps_interval has it under half to even, a whole count's as the
one whole number), the range the rule computes (`computed_ends`), and each end's long
division (`number_columns`), a column a step, from which its text is made at the
places the JSON writer writes it (`decimal_text`, as figures.bound_text cuts it).
Int64 wraps silently: every end is made again in floats first (`BOUND`) and a row
whose sizes do not fit is built by the exact rules instead.
"""

from __future__ import annotations

import polars as pl

from hrkpi.checks.findings import CheckKind
from hrkpi.fast.relations import KIND_CODES

COMPLETION = KIND_CODES[CheckKind.COMPLETION]
THRESHOLD = KIND_CODES[CheckKind.THRESHOLD]
SUM = KIND_CODES[CheckKind.REGION_SUM]
KIDS = 60  # a region sum of more children is built
BOUND = 1e15  # every integer made here stays below this (Int64: 9.2e18; r x 10 < d x 10)
PLAIN = r"^[0-9]{1,15}(?:\.[0-9]{1,6})?$"  # a positive figure the columns read here
# Each interval's ends (i: 0 the value or total, 1 the previous value, 2 the computed
# range) as numerator and denominator.
ENDS = [f"i{i}{end}{part}" for i in range(3) for end in ("lo", "hi") for part in ("n", "d")]


def decimal_text(x: pl.Expr, places: int, keep: int) -> pl.Expr:
    """An integer x / 10**places as figures.bound_text writes it: trailing zeros beyond
    `keep` decimals dropped, a minus only below zero."""
    sign = pl.when(x < 0).then(pl.lit("-")).otherwise(pl.lit(""))
    digits = x.abs().cast(pl.String)
    if places == 0:
        return pl.concat_str([sign, digits])
    digits = digits.str.zfill(places + 1)
    whole = digits.str.head(-places)
    frac = digits.str.tail(places).str.strip_chars_end("0")
    if keep:
        frac = frac.str.pad_end(keep, "0")
    dot = pl.when(frac.str.len_chars() > 0).then(pl.concat_str([pl.lit("."), frac]))
    return pl.concat_str([sign, whole, dot.otherwise(pl.lit(""))])


def long_division(
    table: pl.DataFrame, pairs: list[tuple[str, str, str]], places: int
) -> pl.DataFrame:
    """For each (name, n, d) of `pairs` (d > 0): `{name}q{k}`, floor(n x 10**k / d), and
    `{name}r{k}`, its remainder, for k from 0 to `places`: long division in Int64, a
    column a step (no product beyond d x 10), each step reading the last one's."""
    table = table.with_columns(
        *(
            e
            for name, n, d in pairs
            for e in (
                (pl.col(n) // pl.col(d)).alias(f"{name}q0"),
                (pl.col(n) % pl.col(d)).alias(f"{name}r0"),
            )
        )
    )
    for k in range(1, places + 1):
        steps = []
        for name, _, d in pairs:
            r = pl.col(f"{name}r{k - 1}") * 10
            steps.append((pl.col(f"{name}q{k - 1}") * 10 + r // pl.col(d)).alias(f"{name}q{k}"))
            steps.append((r % pl.col(d)).alias(f"{name}r{k}"))
        table = table.with_columns(steps)
    return table


def rounded(name: str, d: str, k: int, how: str) -> pl.Expr:
    """n / d x 10**k as an integer (`_long_division`'s columns): the floor, the ceiling
    ("up") or rounded half to even ("even")."""
    q, r = pl.col(f"{name}q{k}"), pl.col(f"{name}r{k}")
    if how == "floor":
        return q
    if how == "up":
        return q + (r != 0).cast(pl.Int64)
    twice = r * 2
    return q + ((twice > pl.col(d)) | ((twice == pl.col(d)) & (q % 2 == 1))).cast(pl.Int64)


def number_columns(table: pl.DataFrame) -> pl.DataFrame:
    """Each interval end as the JSON writes it (`j{i}{lo|hi}`: 6 places, outwards) and as
    the message does (`m{i}{lo|hi}`, and `m2ab`: the computed point, half to even), at
    two places more than its figure's decimals (0 to 6), those decimals kept; a region
    sum's children's ends in the JSON alone (on the sums' rows only: fifteen children's
    steps on every row held 90 MB at 100k)."""
    pairs = [(f"x{i}{end}", f"i{i}{end}n", f"i{i}{end}d") for i in range(3) for end in ("lo", "hi")]
    done = long_division(table, pairs, 8)
    # Each run of rows of the same decimals at its own places (a column at every places,
    # chosen row by row, made all seven).
    runs = list(
        done.group_by(
            pl.col("vs").fill_null(0), pl.col("ps").fill_null(0), pl.col("ss").fill_null(0)
        )
    ) or [((0, 0, 0), done)]  # (none: the columns, empty)
    parts = []
    for (vs, ps, ss), rows in runs:
        decimals = {0: int(vs), 1: int(ps), 2: int(ss)}
        out = []
        for i, end, how in (
            (i, e, h) for i in range(3) for e, h in (("lo", "floor"), ("hi", "up"))
        ):
            name, d = f"x{i}{end}", f"i{i}{end}d"
            k = decimals[i]
            out.append(decimal_text(rounded(name, d, 6, how), 6, 0).alias(f"j{i}{end}"))
            out.append(decimal_text(rounded(name, d, k + 2, how), k + 2, k).alias(f"m{i}{end}"))
        k = decimals[2]
        out.append(decimal_text(rounded("x2lo", "i2lod", k + 2, "even"), k + 2, k).alias("m2ab"))
        # Whether the message's places write the computed point exactly (no "about").
        out.append((pl.col(f"x2lor{k + 2}") == 0).alias("written"))
        parts.append(rows.select("_at", *out))
    del done
    numbers = pl.concat(parts)
    kids = [3 + k for k in range(KIDS) if f"i{3 + k}lon" in table.columns]
    if not kids:
        return numbers
    sums = table.filter(pl.col("kind") == SUM)
    if sums.height == 0:
        return numbers
    pairs = [(f"x{i}{end}", f"i{i}{end}n", f"i{i}{end}d") for i in kids for end in ("lo", "hi")]
    done = long_division(sums.select("_at", *(c for _, n, d in pairs for c in (n, d))), pairs, 6)
    ends = [
        decimal_text(rounded(f"x{i}{end}", f"i{i}{end}d", 6, how), 6, 0).alias(f"j{i}{end}")
        for i in kids
        for end, how in (("lo", "floor"), ("hi", "up"))
    ]
    return numbers.join(done.select("_at", *ends), on="_at", how="left", maintain_order="left")


NUMBERS = [f"{k}{i}{end}" for k in "jm" for i in range(3) for end in ("lo", "hi")] + ["m2ab"]
# A region sum's children's ends, in the JSON.
KID_NUMBERS = [f"j{3 + k}{end}" for k in range(KIDS) for end in ("lo", "hi")]


def literal_parts(lit: pl.Expr, prefix: str) -> list[pl.Expr]:
    """A plain positive literal's mantissa (`{prefix}m`) and decimals (`{prefix}s`)."""
    plain = lit.str.contains(PLAIN).fill_null(False)
    m = pl.when(plain).then(lit.str.replace(".", "", literal=True).cast(pl.Int64, strict=False))
    point = lit.str.find(".", literal=True)
    s = pl.when(plain).then(
        pl.when(point.is_null()).then(0).otherwise(lit.str.len_chars() - point - 1)
    )
    return [m.alias(prefix + "m"), s.cast(pl.Int64).alias(prefix + "s")]


def rounding_ends(prefix: str, whole: pl.Expr) -> list[pl.Expr]:
    """A figure's rounding interval under half to even (core.rounding.steps_interval),
    a whole count's as the one whole number (checks.figures.whole_in): its ends as
    numerator and denominator, and whether they are closed (both alike)."""
    m, s = pl.col(prefix + "m"), pl.col(prefix + "s")
    scale = pl.lit(10, pl.Int64).pow(s)
    return [
        pl.when(whole).then(m).otherwise(m * 2 - 1).alias(prefix + "lon"),
        pl.when(whole).then(m).otherwise(m * 2 + 1).alias(prefix + "hin"),
        pl.when(whole).then(pl.lit(1, pl.Int64)).otherwise(scale * 2).alias(prefix + "d"),
        (whole | (m % 2 == 0)).alias(prefix + "closed"),
    ]


def computed_ends(*, floats: bool = False) -> list[pl.Expr]:
    """The value's, previous value's and computed intervals' ends (`i{i}{lo|hi}{n|d}`, in
    `ENDS`' order): a completion rate is the value x 100 / target (Interval.scale); a
    growth rate (v / p - 1) x 100 over positive figures (Interval.__truediv__,
    percent_growth). `floats`: the same in floats (their size)."""

    def col(name: str) -> pl.Expr:
        return pl.col(name).cast(pl.Float64) if floats else pl.col(name)

    v_lo, v_hi, v_d = col("vlon"), col("vhin"), col("vd")
    p_lo, p_hi, p_d = col("plon"), col("phin"), col("pd")
    tn, td = col("tn"), col("td")
    completion = pl.col("kind") == COMPLETION
    limit = pl.col("kind") == THRESHOLD  # (a limit's computed range: the value's)
    # Growth lo: v_lo / p_hi - 1 = (v_lo x p_d - p_hi x v_d) / (p_hi x v_d), hi alike.
    lon = pl.when(completion).then(v_lo * 100 * td).otherwise((v_lo * p_d - p_hi * v_d) * 100)
    lod = pl.when(completion).then(v_d * tn).otherwise(p_hi * v_d)
    hin = pl.when(completion).then(v_hi * 100 * td).otherwise((v_hi * p_d - p_lo * v_d) * 100)
    hid = pl.when(completion).then(v_d * tn).otherwise(p_lo * v_d)
    lon, hin = (pl.when(limit).then(v).otherwise(e) for v, e in ((v_lo, lon), (v_hi, hin)))
    lod, hid = (pl.when(limit).then(v_d).otherwise(e) for e in (lod, hid))
    # A region sum: its children's ends added (Interval sum_all: of one denominator).
    total = pl.col("kind") == SUM
    lon, hin = (pl.when(total).then(col(k)).otherwise(e) for k, e in (("klon", lon), ("khin", hin)))
    lod, hid = (pl.when(total).then(v_d).otherwise(e) for e in (lod, hid))
    return [
        v_lo.alias("i0lon"),
        v_d.alias("i0lod"),
        v_hi.alias("i0hin"),
        v_d.alias("i0hid"),
        p_lo.alias("i1lon"),
        p_d.alias("i1lod"),
        p_hi.alias("i1hin"),
        p_d.alias("i1hid"),
        lon.alias("i2lon"),
        lod.alias("i2lod"),
        hin.alias("i2hin"),
        hid.alias("i2hid"),
    ]
