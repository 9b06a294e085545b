"""The completion table of a large dataset: each region's latest figures are
picked on the columns, then computed by the exact engine (they are few)."""

from __future__ import annotations

import datetime as dt

import polars as pl

from hrkpi.core.catalog import Catalog
from hrkpi.core.observations import Dataset
from hrkpi.fast.columns import dedupe
from hrkpi.fast.exactrows import Neighbourhood
from hrkpi.fast.frame import Frame


def latest_dataset(frame: Frame, catalog: Catalog, as_of: dt.date | None) -> Dataset:
    """The observations `compute_report` needs: the latest per (region, indicator) at
    `as_of`, the rows they depend on, and the first row of each region and file (so
    regions and sources keep the order the whole dataset gives them)."""
    rows = dedupe(frame.rows)
    chosen = rows if as_of is None else rows.filter(pl.col("date") <= as_of)
    months = pl.col("last") - pl.col("first")
    latest = (
        chosen.sort("date", months, "rid")
        .group_by("indicator", "region")
        .agg(pl.col("rid").last())["rid"]
        .to_list()
    )
    first = rows.group_by("region").agg(pl.col("rid").min())["rid"].to_list()
    first += rows.group_by("file_no").agg(pl.col("rid").min())["rid"].to_list()
    hood = Neighbourhood(frame, rows, catalog, None, set(latest) | set(first))
    return Dataset(sorted(hood.by_key.values(), key=lambda o: (o.file, o.line)))
