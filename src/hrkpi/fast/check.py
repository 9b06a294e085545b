"""`hrkpi check` on the fast path: every relation decided on columns, the
findings kept as columns and built by the exact rules when read.

A relation is settled on the columns when the answer is clear: its intervals
are computed in floats and compared outside a guard band, or in integers
where they are sums and limits (hrkpi.fast.relations, hrkpi.fast.regionsum).
Consistent and inconsistent figures alike are settled there and listed; each
`Finding` is made when read (hrkpi.fast.findstore). A row the columns cannot
settle — a comparison inside the guard band, an odd row the reader could not
type, an indicator with parts — is re-decided by the exact engine, row by
row, with the rows it depends on. So every verdict is the exact engine's, and
every finding is its very object.
"""

from __future__ import annotations

from fractions import Fraction

import polars as pl

from hrkpi.checks.findings import CheckKind, CheckReport, Finding, Verdict
from hrkpi.checks.regions import region_total
from hrkpi.checks.report import check_dataset
from hrkpi.checks.series import KIND_ORDER
from hrkpi.checks.targets import Split
from hrkpi.core.catalog import Catalog
from hrkpi.core.models import CompareMethod
from hrkpi.core.numbers import RoundingMode
from hrkpi.core.observations import Dataset
from hrkpi.core.pace import PaceMethod
from hrkpi.core.regions import RegionHierarchy
from hrkpi.core.targets import TargetBook
from hrkpi.engine.previous import with_data_previous
from hrkpi.fast.columns import dedupe, judged, threshold_table
from hrkpi.fast.exactrows import Neighbourhood
from hrkpi.fast.findstore import store
from hrkpi.fast.frame import Frame
from hrkpi.fast.groups import indicator_groups
from hrkpi.fast.literals import MODE_CODES
from hrkpi.fast.regionsum import region_relations
from hrkpi.fast.relations import ENTRY, KIND_CODES, VERDICT_CODES, entries, row_relations
from hrkpi.fast.targetsplits import splits


def _limits(rows: pl.DataFrame, catalog: Catalog, method: CompareMethod | None) -> pl.DataFrame:
    """Each row's limits judged on integers: (rid, kind, j, verdict)."""
    code = VERDICT_CODES
    verdict = (
        pl.when(pl.col("met"))
        .then(pl.lit(code[Verdict.PASS], pl.Int8))
        .when(pl.col("fail"))
        .then(pl.lit(code[Verdict.FAIL], pl.Int8))
        .otherwise(pl.lit(code[Verdict.WARN], pl.Int8))
    )
    typed = rows.lazy().filter(~pl.col("odd"))
    return (
        judged(typed, threshold_table(catalog, method))
        .select(
            "rid",
            pl.lit(KIND_CODES[CheckKind.THRESHOLD], pl.Int8).alias("kind"),
            "j",
            verdict.alias("verdict"),
        )
        .collect(engine="in-memory")
        .cast(ENTRY)  # type: ignore[arg-type]
    )


def _restatements(own: pl.DataFrame, rows: pl.DataFrame, frame: Frame) -> pl.DataFrame:
    """Rows stating a previous value the data also holds: printed alike, nothing to say;
    printed otherwise (another literal, unit or rounding), the exact engine compares them
    (checks.restatements.check_previous_restated)."""
    pairs = own.filter(pl.col("restated") & ~pl.col("exact")).select("rid", "prior_rid")
    if pairs.height == 0:
        return own
    unit = pl.when(pl.col("unit_given")).then(pl.col("unit_symbol")).otherwise(pl.col("ind_unit"))
    # Only the rows of the pairs are read (joining the whole text per group cost more
    # than all the rest).
    ids = pl.concat([pairs["rid"], pairs["prior_rid"]]).unique().implode()
    chosen = pl.col("rid").is_in(ids)
    reading = (
        rows.filter(chosen)
        .select("rid", unit.alias("unit"), "rnd")
        .join(frame.text("previous", "value").filter(chosen), on="rid")
    )
    both = pairs.join(reading, on="rid").join(
        reading, left_on="prior_rid", right_on="rid", suffix="_b"
    )
    same = (
        (pl.col("previous") == pl.col("value_b"))
        & (pl.col("unit") == pl.col("unit_b"))
        & (pl.col("rnd") == pl.col("rnd_b"))
    )
    differ = both.filter(~same.fill_null(False))["rid"]
    return own.with_columns(pl.col("exact") | pl.col("rid").is_in(differ.implode()))


def fast_check(
    frame: Frame,
    catalog: Catalog,
    hierarchy: RegionHierarchy | None,
    *,
    rounding: RoundingMode | None = None,
    method: CompareMethod | None = None,
    pace_method: PaceMethod = PaceMethod.DAYS,
    tolerance: Fraction = Fraction(1),
    targets: TargetBook | None = None,
    with_splits: bool = True,
    rank: dict[str, int] | None = None,
) -> tuple[CheckReport, int]:
    """Check every row; the report and how many rows the exact engine re-decided
    (`with_splits`: the targets file's splits too; `rank`: the files' order, see store)."""
    rows = dedupe(frame.rows)
    if rounding is not None:
        # --rounding: every figure, last year's and the children's too, is read so.
        rows = rows.with_columns(pl.lit(MODE_CODES[rounding], pl.Int8).alias("rnd"))
    odd_keys = rows.filter(pl.col("odd"))["key"]
    settled_parts: list[pl.DataFrame] = []
    own_exact: list[int] = []
    region_exact: list[int] = []
    links: dict[int, int] = {}
    # A group of indicators at a time: each relation joins rows of one indicator only,
    # and the intermediate columns of one group are all that exist at once.
    for group in indicator_groups(rows):
        own = _restatements(row_relations(group).collect(engine="in-memory"), group, frame)
        regions = region_relations(group.lazy(), hierarchy, odd_keys)
        exact_own = own.filter(pl.col("exact"))
        own_exact += exact_own["rid"].to_list()
        region_exact += regions.filter(pl.col("exact"))["rid"].to_list()
        linked = exact_own.filter(pl.col("prior_rid").is_not_null())
        links.update(zip(linked["rid"].to_list(), linked["prior_rid"].to_list(), strict=True))
        limits = _limits(group, catalog, method).join(
            own.select("rid", "exact"), on="rid", how="left"
        )
        # Only a row's own relations read its linked row (findstore): limits and region
        # sums carry none, so no join of every finding with the relations is needed.
        none = pl.lit(None, pl.UInt32).alias("prior_rid")
        settled_parts.append(
            pl.concat(
                [
                    entries(own),
                    limits.filter(~pl.col("exact").fill_null(True))
                    .drop("exact")
                    .with_columns(none),
                    regions.filter(~pl.col("exact")).drop("exact").with_columns(none),
                ]
            )
        )
    settled = pl.concat(settled_parts)
    decided: list[Finding | Split] = []
    if own_exact or region_exact:
        hood = Neighbourhood(
            frame, rows, catalog, hierarchy, own_exact + region_exact, rounding, links
        )
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
            decided.extend(f for f in report.findings if (f.file, f.line) == (mine.file, mine.line))
        assert hierarchy is not None or not region_exact
        for rid in region_exact:
            mine = hood.observation(rid)
            kids = hierarchy.children[mine.region] if hierarchy else []
            key = hood.targets[rid][2]
            kid_obs = [hood.by_key.get((mine.indicator, k, key)) for k in kids]
            decided.append(region_total(catalog, mine, kid_obs, kids, mine.period or mine.as_of))
    if with_splits and targets is not None and hierarchy is not None:
        # Each split's verdict now, its finding when read (as the settled rows').
        decided.extend(splits(catalog, targets, hierarchy))
    decided.sort(key=lambda f: (f.file, f.line, KIND_ORDER[f.kind]))
    findings = store(
        settled,
        decided,
        frame,
        rows,
        {
            "catalog": catalog,
            "hierarchy": hierarchy,
            "rounding": rounding,
            "method": method,
            "targets": targets,
        },
        rank,
    )
    return CheckReport(findings, catalog), len(own_exact) + len(region_exact)
