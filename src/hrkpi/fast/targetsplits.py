"""分解下达 on columns: every split of a targets file read by columns decided by
joins and exact decimal sums, as hrkpi.checks.targets.target_splits decides it.

A split is one parent, indicator, year and target name: the parent's own target
(its assigned one, or the definition's for the root) against the sum of its
children's targets of the same name. Targets are at most 18 digits and 12
decimals (hrkpi.fast.targetread), so they and their sums are exact in
Decimal(38, 12) columns. A split whose parent names two targets alike (目标 and
an unnamed one) or whose definition target does not fit the columns is decided
by the exact rule (checks.targets.decide_split); every split is the exact rule's
`Split`, its finding made only when read.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import polars as pl

from hrkpi.checks.findings import Verdict
from hrkpi.checks.targets import Split, decide_split, target_splits
from hrkpi.core.catalog import Catalog
from hrkpi.core.models import NamedTarget
from hrkpi.core.numbers import Figure
from hrkpi.core.regions import RegionHierarchy
from hrkpi.core.targets import TargetBook, TargetSource
from hrkpi.fast.targetread import EXACT, ColumnBook

_GROUP = ["indicator", "parent", "year"]
_LIMIT = Decimal(10) ** 26  # room for the sum of a parent's children in EXACT


def split_files(catalog: Catalog, book: TargetBook) -> set[str]:
    """Every file a split of `book` may name (`splits`' `file`): the book's own, and the
    definitions' (a root region's target is its definition's). Known before the splits
    are decided: the findings' order is set by their files' names before the groups."""
    files = {origin[0] for origin in catalog.origins.values()}
    if isinstance(book, ColumnBook):
        return files | set(book.files)
    return files | {a.file for a in book}


def splits(catalog: Catalog, book: TargetBook, hierarchy: RegionHierarchy) -> list[Split]:
    """Every split the book makes, with its verdict, in target_splits' order."""
    if not isinstance(book, ColumnBook):
        return list(target_splits(catalog, book, hierarchy))
    t = book.table.with_columns(
        pl.when(pl.col("name") == "").then(pl.lit("目标")).otherwise("name").alias("named")
    )
    edges = pl.DataFrame(
        {"region": list(hierarchy.parent), "parent": list(hierarchy.parent.values())},
        schema={"region": pl.String, "parent": pl.String},
    )
    # One group per indicator, parent and year, in the order of the first child's target.
    groups = (
        t.join(edges, on="region")
        .group_by(_GROUP)
        .agg(pl.col("i").min().alias("first"), pl.col("line").sort_by("i").first().alias("at"))
        .sort("first")
    )
    if groups.height == 0:
        return []
    own = _own_targets(t, groups)
    defined = _defined(catalog, groups, hierarchy, book)
    table = pl.concat([own, defined], how="vertical_relaxed").sort("first", "order")
    decided = _verdicts(t, table, hierarchy)
    return _made(catalog, book, hierarchy, decided)


def _own_targets(t: pl.DataFrame, groups: pl.DataFrame) -> pl.DataFrame:
    """The splits of parents with targets of their own: one per target, in file order
    (the first listed is the primary one: the file has no `primary` cells)."""
    mine = t.rename({"region": "parent"}).join(groups, on=_GROUP)
    alike = pl.col("named").n_unique().over(_GROUP) < pl.len().over(_GROUP)
    return mine.sort("i").select(
        *_GROUP,
        "first",
        pl.col("i").rank("ordinal").over(_GROUP).cast(pl.Int64).alias("order"),
        "named",
        "name",
        "target",
        "decimals",
        pl.col("target").cast(EXACT).alias("value"),
        "line",
        pl.lit(TargetSource.ASSIGNED.value).alias("source"),
        alike.alias("exact"),
    )


def _defined(
    catalog: Catalog, groups: pl.DataFrame, hierarchy: RegionHierarchy, book: ColumnBook
) -> pl.DataFrame:
    """The splits of roots without targets of their own: the definition's targets."""
    assigned = book.table.select(pl.col("indicator"), pl.col("region").alias("parent"), "year")
    roots = groups.join(assigned.unique(), on=_GROUP, how="anti").filter(
        ~pl.col("parent").is_in(list(hierarchy.parent))
    )
    recs = []
    for ind_id, parent, year, first, at in roots.select(*_GROUP, "first", "at").iter_rows():
        ind = catalog.indicators[ind_id]
        _, line, _ = catalog.origins.get(ind_id, ("", at, 1))
        for j, target in enumerate(ind.named_targets):
            value = target.value.value
            fits = value.as_tuple().exponent >= -12 and abs(value) < _LIMIT  # type: ignore[operator]
            recs.append(
                (ind_id, parent, year, first, j, target.name, value if fits else None, line, fits)
            )
    return pl.DataFrame(
        recs,
        schema={
            "indicator": pl.String,
            "parent": pl.String,
            "year": pl.Int64,
            "first": pl.UInt32,
            "order": pl.Int64,
            "named": pl.String,
            "value": EXACT,
            "line": pl.Int64,
            "fits": pl.Boolean,
        },
        orient="row",
    ).select(
        *_GROUP,
        "first",
        "order",
        "named",
        pl.lit(None, pl.String).alias("name"),
        pl.lit(None, pl.String).alias("target"),
        pl.lit(None, pl.Int32).alias("decimals"),
        "value",
        "line",
        pl.lit(TargetSource.DEFINITION.value).alias("source"),
        (~pl.col("fits")).alias("exact"),
    )


def _verdicts(t: pl.DataFrame, table: pl.DataFrame, hierarchy: RegionHierarchy) -> pl.DataFrame:
    """`table` (one split a row) with its verdict: the children's targets of the split's
    name summed exactly, or null where a child has none."""
    kids = pl.DataFrame(
        [(p, k) for p, ks in hierarchy.children.items() for k in ks],
        schema={"parent": pl.String, "region": pl.String},
        orient="row",
    )
    first = t.unique(["indicator", "region", "year", "named"], keep="first").select(
        "indicator", "region", "year", "named", pl.col("target").cast(EXACT).alias("kid")
    )
    sums = (
        table.with_row_index("s")
        .select("s", *_GROUP, "named")
        .join(kids, on="parent")
        .join(first, on=["indicator", "region", "year", "named"], how="left")
        .group_by("s")
        .agg(pl.col("kid").null_count().alias("missing"), pl.col("kid").sum().alias("total"))
    )
    verdict = (
        pl.when(pl.col("missing") > 0)
        .then(pl.lit(Verdict.NOT_CHECKABLE.value))
        .when(pl.col("total") >= pl.col("value"))
        .then(pl.lit(Verdict.CONSISTENT.value))
        .otherwise(pl.lit(Verdict.INCONSISTENT.value))
    )
    return (
        table.with_row_index("s")
        .join(sums, on="s", how="left", maintain_order="left")
        .with_columns(verdict.alias("verdict"))
    )


def _made(
    catalog: Catalog, book: ColumnBook, hierarchy: RegionHierarchy, decided: pl.DataFrame
) -> list[Split]:
    """The Split of each row of `decided`, the exact rule's where the columns did not
    settle it."""
    out: list[Split] = []
    named_of: dict[str, list[NamedTarget]] = {}
    file = book.files[0]
    wanted = ["indicator", "parent", "year", "source", "name", "named", "target", "decimals"]
    wanted += ["order", "exact", "first", "line", "verdict", "total"]
    for rec in decided.select(wanted).iter_rows(named=True):
        ind_id, parent, year = rec["indicator"], rec["parent"], rec["year"]
        regions = tuple(hierarchy.children.get(parent, []))
        source = TargetSource(rec["source"])
        if source is TargetSource.ASSIGNED:
            name, literal = rec["name"], rec["target"]
            target = NamedTarget.model_construct(
                name=rec["named"],
                value=Figure(literal, Decimal(literal), rec["decimals"]),
                primary=rec["order"] == 1 or not name,
            )
            where = file
        else:
            if ind_id not in named_of:
                named_of[ind_id] = catalog.indicators[ind_id].named_targets
            target = named_of[ind_id][rec["order"]]
            where = catalog.origins.get(ind_id, (file, 0, 1))[0]
        if rec["exact"]:
            first = book.target(rec["first"])
            out.append(decide_split(catalog, book, first, parent, list(regions), target, source))
            continue
        verdict = Verdict(rec["verdict"])
        # The children's exact sum, as the columns made it: a finding built from the split
        # (a listing builds every one) need not sum their Fractions again (about 0.2 ms a
        # split of fifteen children).
        total = rec["total"]
        summed = None if verdict is Verdict.NOT_CHECKABLE or total is None else Fraction(total)
        out.append(
            Split(
                where,
                rec["line"],
                verdict,
                catalog,
                ind_id,
                parent,
                year,
                target,
                book,
                regions,
                summed=summed,
            )
        )
    return out
