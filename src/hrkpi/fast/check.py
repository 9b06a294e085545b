"""`hrkpi check` on the fast path: every relation decided on columns, and
every finding worth printing built by the exact engine.

A relation is settled on the columns only when the answer is clear: its
intervals are computed in floats and compared outside a guard band, or in
integers where they are sums. A consistent figure or a met limit is counted.
Everything else — an inconsistency, a missed limit, a relation that cannot
be checked, and any comparison inside the guard band — is re-decided row by
row by the exact engine, which also writes the finding. So the verdicts are
the exact engine's, and the listed findings are its very words.
"""

from __future__ import annotations

from fractions import Fraction

import polars as pl

from hrkpi.checks.findings import CheckReport, Finding, Verdict
from hrkpi.checks.regions import region_total
from hrkpi.checks.report import check_dataset
from hrkpi.checks.series import finding_order
from hrkpi.core.catalog import Catalog
from hrkpi.core.models import CompareMethod
from hrkpi.core.observations import Dataset
from hrkpi.core.pace import PaceMethod
from hrkpi.core.regions import RegionHierarchy
from hrkpi.core.targets import TargetBook
from hrkpi.engine.previous import with_data_previous
from hrkpi.fast.arith import LIMIT, f10, near
from hrkpi.fast.columns import dedupe, judged, threshold_table, with_prior
from hrkpi.fast.exactrows import Neighbourhood
from hrkpi.fast.frame import Frame


def _interval(m: str, e: pl.Expr, k: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    """A literal's rounding interval as floats in the indicator's unit (lo, hi).

    `m` is the mantissa column, `e` the exponent of its last digit in the
    indicator's unit and `k` in the base unit. A count's interval holds only
    whole numbers of the base unit (persons, cases), as `figure_interval` has it.
    """
    mm = pl.col(m)
    lo = (2 * mm - 1).cast(pl.Float64) / 2 * f10(e)
    hi = (2 * mm + 1).cast(pl.Float64) / 2 * f10(e)
    step = f10(k)
    centre = mm.cast(pl.Float64) * step
    # k = 0: the ends m +- 1/2 hold no whole number, so only m; k > 0: the ends are
    # whole and belong to the interval when m is even (half to even), else not.
    odd = pl.when(mm % 2 == 0).then(0.0).otherwise(1.0)
    grow = pl.when(k == 0).then(0.0).otherwise(step / 2 - odd)
    to_ind = f10(e - k)
    whole = pl.col("is_int")
    return (
        pl.when(whole).then((centre - grow) * to_ind).otherwise(lo),
        pl.when(whole).then((centre + grow) * to_ind).otherwise(hi),
    )


def _meets(c_lo: pl.Expr, c_hi: pl.Expr, s_lo: pl.Expr, s_hi: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    """(the intervals share a value, the floats cannot tell)."""
    return (c_lo <= s_hi) & (s_lo <= c_hi), near(c_lo, s_hi) | near(s_lo, c_hi)


def _row_relations(
    rows: pl.DataFrame, catalog: Catalog, method: CompareMethod | None
) -> pl.DataFrame:
    """Per row: how many relations are settled consistent/passed, and whether the
    exact engine must look at it (`exact`)."""
    lf = with_prior(rows.lazy())
    e, ind_pow = pl.col("e"), pl.col("ind_pow")
    v_lo, v_hi = _interval("value_m", e, e + ind_pow)
    # Last year's figure is read in the indicator's unit (as `with_data_previous` fills it).
    p_lo, p_hi = _interval("prev_m", -pl.col("prev_s"), ind_pow - pl.col("prev_s"))
    lf = lf.with_columns(
        v_lo.alias("v_lo"), v_hi.alias("v_hi"), p_lo.alias("p_lo"), p_hi.alias("p_hi")
    )
    # 完成率: the stated rate against value / target x 100.
    target = pl.col("t_m").cast(pl.Float64) * f10(-pl.col("t_s"))
    c_ok, c_unsure = _meets(
        pl.col("v_lo") * 100 / target,
        pl.col("v_hi") * 100 / target,
        (2 * pl.col("completion_m") - 1).cast(pl.Float64) / 2 * f10(-pl.col("completion_s")),
        (2 * pl.col("completion_m") + 1).cast(pl.Float64) / 2 * f10(-pl.col("completion_s")),
    )
    has_c = pl.col("completion_m").is_not_null()
    # 同比: the stated growth against value / last year's value - 1, corner by corner.
    corners = [pl.col(a) / pl.col(b) for a in ("v_lo", "v_hi") for b in ("p_lo", "p_hi")]
    g_ok, g_unsure = _meets(
        (pl.min_horizontal(corners) - 1) * 100,
        (pl.max_horizontal(corners) - 1) * 100,
        (2 * pl.col("change_pct_m") - 1).cast(pl.Float64) / 2 * f10(-pl.col("change_pct_s")),
        (2 * pl.col("change_pct_m") + 1).cast(pl.Float64) / 2 * f10(-pl.col("change_pct_s")),
    )
    has_g = pl.col("change_pct_m").is_not_null()
    prior_ok = (
        pl.col("prev_m").is_not_null()
        & ((pl.col("p_lo") > 0) | (pl.col("p_hi") < 0))
        & (~pl.col("is_int") | (pl.col("ind_pow") >= pl.col("prev_s")))
    )
    missed = (
        judged(lf, threshold_table(catalog, method))
        .group_by("rid")
        .agg((~pl.col("met")).any().alias("missed"))
    )
    exact = (
        (has_c & (pl.col("t_m").is_null() | ~c_ok | c_unsure))
        | (has_g & (~prior_ok | ~g_ok | g_unsure))
        | pl.col("missed").fill_null(False)
        | pl.col("has_parts")
    )
    return (
        lf.join(missed, on="rid", how="left")
        .select(
            "rid",
            exact.fill_null(True).alias("exact"),
            (has_c.cast(pl.Int64) + has_g.cast(pl.Int64)).alias("consistent"),
            pl.col("n_thr").cast(pl.Int64).alias("passed"),
        )
        .collect(engine="streaming")
    )


def _grid(rows: pl.LazyFrame) -> pl.LazyFrame:
    """Each value's interval as exact integers: lo2, hi2 in half-units of the indicator's
    grid (base units for counts), and whether its ends are closed."""
    emin = rows.group_by("indicator").agg(pl.col("e").min().alias("emin"))
    m = pl.col("value_m")
    k = (pl.col("e") + pl.col("ind_pow")).clip(0, 18)  # last digit's power in the base unit
    step = pl.lit(10, pl.Int64).pow(k.cast(pl.UInt32))
    centre = m * step
    grow = pl.when(k == 0).then(0).otherwise(step // 2 - pl.when(m % 2 == 0).then(0).otherwise(1))
    shift = pl.lit(10, pl.Int64).pow((pl.col("e") - pl.col("emin")).clip(0, 18).cast(pl.UInt32))
    return rows.join(emin, on="indicator").with_columns(
        pl.when(pl.col("is_int"))
        .then(2 * (centre - grow))
        .otherwise((2 * m - 1) * shift)
        .alias("lo2"),
        pl.when(pl.col("is_int"))
        .then(2 * (centre + grow))
        .otherwise((2 * m + 1) * shift)
        .alias("hi2"),
        (pl.col("is_int") | (m % 2 == 0)).alias("closed"),
        (m.abs().cast(pl.Float64) * f10(pl.col("e") - pl.col("emin") + 1) < LIMIT / 1000).alias(
            "fits"
        ),
    )


def _region_relations(rows: pl.DataFrame, hierarchy: RegionHierarchy | None) -> pl.DataFrame:
    """Per parent row: whether its total meets its children's sum (exact integers),
    or needs the exact engine (a missing child, an inconsistency, an overflow)."""
    schema = {"rid": pl.UInt32, "exact": pl.Boolean, "consistent": pl.Int64}
    if hierarchy is None or not hierarchy.children:
        return pl.DataFrame(schema=schema)
    edges = pl.DataFrame(
        list(hierarchy.edges()), schema={"parent": pl.String, "child": pl.String}, orient="row"
    )
    n_kids = edges.group_by("parent").agg(pl.len().cast(pl.Int64).alias("n_kids"))
    g = _grid(rows.lazy().filter(pl.col("additive")))
    kids = (
        g.join(edges.lazy(), left_on="region", right_on="child")
        .group_by("ind_per", "parent")
        .agg(
            pl.col("lo2").sum().alias("s_lo"),
            pl.col("hi2").sum().alias("s_hi"),
            pl.col("closed").all().alias("s_closed"),
            # every part fits, and so does their sum (Int64 sums wrap around silently)
            (
                pl.col("fits").all()
                & (
                    pl.col("hi2").abs().cast(pl.Float64).sum()
                    + pl.col("lo2").abs().cast(pl.Float64).sum()
                    < LIMIT
                )
            ).alias("s_fits"),
            pl.len().cast(pl.Int64).alias("n_found"),
        )
        .rename({"parent": "region"})
    )
    parents = g.join(n_kids.lazy(), left_on="region", right_on="parent").join(
        kids, on=["ind_per", "region"], how="left"
    )
    lo_c = (
        pl.when(pl.col("s_lo") > pl.col("lo2"))
        .then(pl.col("s_closed"))
        .when(pl.col("s_lo") < pl.col("lo2"))
        .then(pl.col("closed"))
        .otherwise(pl.col("s_closed") & pl.col("closed"))
    )
    hi_c = (
        pl.when(pl.col("s_hi") < pl.col("hi2"))
        .then(pl.col("s_closed"))
        .when(pl.col("s_hi") > pl.col("hi2"))
        .then(pl.col("closed"))
        .otherwise(pl.col("s_closed") & pl.col("closed"))
    )
    lo = pl.max_horizontal("s_lo", "lo2")
    hi = pl.min_horizontal("s_hi", "hi2")
    meets = (lo < hi) | ((lo == hi) & lo_c & hi_c)
    complete = pl.col("n_found") == pl.col("n_kids")
    settled = complete & pl.col("s_fits") & pl.col("fits") & meets
    return parents.select(
        "rid", (~settled.fill_null(False)).alias("exact"), pl.lit(1, pl.Int64).alias("consistent")
    ).collect(engine="streaming")


def fast_check(
    frame: Frame,
    catalog: Catalog,
    hierarchy: RegionHierarchy | None,
    *,
    method: CompareMethod | None = None,
    pace_method: PaceMethod = PaceMethod.DAYS,
    tolerance: Fraction = Fraction(1),
    targets: TargetBook | None = None,
) -> tuple[CheckReport, int]:
    """Check every row; the report and how many rows the exact engine re-decided."""
    rows = dedupe(frame.rows)
    own = _row_relations(rows, catalog, method)
    regions = _region_relations(rows, hierarchy)
    tallies = {
        Verdict.CONSISTENT: int(own.filter(~pl.col("exact"))["consistent"].sum())
        + int(regions.filter(~pl.col("exact"))["consistent"].sum()),
        Verdict.PASS: int(own.filter(~pl.col("exact"))["passed"].sum()),
    }
    own_exact = own.filter(pl.col("exact"))["rid"].to_list()
    region_exact = regions.filter(pl.col("exact"))["rid"].to_list()
    findings: list[Finding] = []
    if own_exact or region_exact:
        hood = Neighbourhood(frame, rows, catalog, hierarchy, own_exact + region_exact)
        for rid in own_exact:
            mine = hood.observation(rid)
            filled = with_data_previous(catalog, hood.dataset(rid))
            same = Dataset([o for o in filled if o.period == mine.period])
            report = check_dataset(
                catalog,
                same,
                method=method,
                pace_method=pace_method,
                tolerance=tolerance,
                targets=targets,
                hierarchy=hierarchy,
            )
            findings.extend(
                f for f in report.findings if (f.file, f.line) == (mine.file, mine.line)
            )
        assert hierarchy is not None or not region_exact
        for rid in region_exact:
            mine = hood.observation(rid)
            kids = hierarchy.children[mine.region] if hierarchy else []
            key = hood.targets[rid][2]
            kid_obs = [hood.by_key.get((mine.indicator, k, key)) for k in kids]
            findings.append(region_total(catalog, mine, kid_obs, kids, mine.period or key))
    if targets is not None and hierarchy is not None:
        from hrkpi.checks.targets import check_target_split

        findings.extend(check_target_split(catalog, targets, hierarchy))
    findings.sort(key=finding_order)
    return CheckReport(findings, catalog, tallies), len(own_exact) + len(region_exact)
