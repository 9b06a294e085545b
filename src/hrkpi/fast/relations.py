"""Each row's own relations decided on columns: completion, the stated change
(growth, absolute and point changes, the whole-number base) and its limits.

The rules are those of hrkpi.checks.changes and hrkpi.checks.claims, written
as interval arithmetic on float columns (hrkpi.fast.literals gives every
literal's interval under its rounding mode and approximation word). A verdict
is settled on the columns only outside the guard band: wherever two compared
ends, an end and zero, or an end and a whole number are too close for floats
to tell, the row is marked `exact` and the exact engine decides it. Limits are
judged on integers, exactly. The rules' stages are in hrkpi.fast.rowrules; here,
which rows run which of them.
"""

from __future__ import annotations

from functools import cache

import polars as pl

from hrkpi.fast.links import CHANGES, linked_rows
from hrkpi.fast.rowrules import (
    _NONE,
    Stages,
    _changes,
    _completion,
    _intervals,
)

# (the codes, imported from here by the modules that read the findings)
from hrkpi.fast.rowrules import ENTRY as ENTRY
from hrkpi.fast.rowrules import KIND_CODES as KIND_CODES
from hrkpi.fast.rowrules import KINDS as KINDS
from hrkpi.fast.rowrules import VERDICT_CODES as VERDICT_CODES
from hrkpi.fast.rowrules import VERDICTS as VERDICTS

SAME_PERIOD = "same_period_last_year"


def row_relations(rows: pl.DataFrame) -> pl.LazyFrame:
    """Per row (in the order of `rows`): the kind and verdict of each own relation (null
    verdict: not settled), and `exact` for rows the exact engine must decide whole."""
    # Rows are decided in classes, each on the columns its relations read: polars
    # computes every branch of a `when` for every row, so a row stating no change would
    # otherwise pay for every change's intervals. Rows stating nothing but a value
    # (their limits and sums are decided elsewhere) compute no interval at all, rows
    # stating no change only the completion rate's, and the few stating a previous
    # value, an absolute or a point change apart from the many stating a growth rate.
    flags = rows.select(
        pl.any_horizontal([pl.col(f"{n}_m").is_not_null() for n in CHANGES]).alias("changed"),
        pl.any_horizontal([pl.col(f"{n}_m").is_not_null() for n in _SPARSE]).alias("sparse"),
        pl.col("completion_m").is_not_null().alias("rate"),
    )
    changed, sparse, rate = (flags.get_column(n) for n in ("changed", "sparse", "rate"))
    at = rows.lazy().with_row_index("_at")
    parts = []
    for chosen, completion in ((~changed & ~rate, False), (~changed & rate, True)):
        if chosen.any():
            parts.append(_run(at.filter(chosen), _unchanged(completion=completion)))
    if changed.any():
        # The linked rows' columns set beside the rows they belong to (one per row, so of
        # one height: concat's horizontal default, which pads, is deprecated in polars 1.42).
        based = at.filter(changed).with_columns(linked_rows(rows, changed).get_columns())
        stated = sparse.filter(changed)
        some = int(stated.sum())
        if some in (0, stated.len()):
            parts.append(_run(based, _relations(stated=some > 0)))
        else:
            parts += [
                _run(based.filter(stated), _relations(stated=True)),
                _run(based.filter(~stated), _relations(stated=False)),
            ]
    return pl.concat(parts).sort("_at").drop("_at")


_SPARSE = ("previous", "change_abs", "change_pp")  # stated on few rows


Recipe = tuple[list[str], Stages]  # the columns read, the stages (the last selected)


def _run(lf: pl.LazyFrame, recipe: Recipe) -> pl.LazyFrame:
    """`lf`'s columns the stages read, the stages added one after another, and the last
    stage's columns selected."""
    inputs, (*added, out) = recipe
    lf = lf.select(inputs)
    for stage in added:
        lf = lf.with_columns(stage)
    return lf.select(out)


def _recipe(stages: Stages) -> Recipe:
    return _inputs(stages), stages


def _inputs(stages: Stages) -> list[str]:
    """The columns `stages` read that none of them makes: selected first, so that each
    stage's plan holds the few dozen columns the relations read, not every column."""
    made: set[str] = set()
    needed: dict[str, None] = {}
    for stage in stages:
        for e in stage:
            needed.update((n, None) for n in e.meta.root_names() if n not in made)
        made.update(e.meta.output_name() for e in stage)
    return list(needed)


@cache
def _unchanged(*, completion: bool) -> Recipe:
    """`row_relations` of rows stating no change (so linked to no row): their completion
    rate's relation (`completion`: whether they state one), nothing else."""
    stages: Stages = []
    c_kind, c_verdict = _NONE, _NONE
    if completion:
        stages = [*_intervals(changes=False, stated=False), *_completion()]
        c_kind, c_verdict = pl.col("c_kind"), pl.col("c_verdict")
    exact = (
        pl.col("odd")
        | pl.col("has_parts")
        | (pl.col("completion_m").is_not_null() & pl.col("t_m").is_null())
        | (c_kind.is_not_null() & c_verdict.is_null())
    )
    out = [
        pl.col("_at"),
        pl.col("rid"),
        pl.lit(None).cast(pl.UInt32).alias("prior_rid"),
        exact.fill_null(True).alias("exact"),
        pl.lit(False).alias("restated"),
        c_kind.alias("c_kind"),
        c_verdict.alias("c_verdict"),
        *[_NONE.alias(f"{n}_{x}") for n in ("pct", "abs", "pp") for x in ("kind", "verdict")],
    ]
    return _recipe([*stages, out])


@cache
def _relations(*, stated: bool) -> Recipe:
    """`row_relations` of rows stating a change, with their linked row; `stated`: whether
    some row states one of the `_SPARSE` literals (if not, their intervals are null)."""
    stages = [*_intervals(changes=True, stated=stated), *_completion(), *_changes(stated=stated)]
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
    out = [
        pl.col("_at"),
        pl.col("rid"),
        pl.col("prior_rid"),
        exact.fill_null(True).alias("exact"),
        # a stated previous value against the linked figure: a restatement to compare
        (pl.col("previous_m").is_not_null() & pl.col("prior_rid").is_not_null()).alias("restated"),
        *[pl.col(f"{n}_{x}") for n in ("c", "pct", "abs", "pp") for x in ("kind", "verdict")],
    ]
    return _recipe([*stages, out])


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
