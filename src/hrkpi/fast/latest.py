"""The completion table of a large dataset: each region's latest figures are
picked on the columns, then computed by the exact engine (they are few).

Data split by indicator (hrkpi.fast.partition) is picked from a group at a time:
every figure the table shows and every row it depends on (last year's figure, the
region's children) is of one indicator, so of one group, and the first row of each
region and file in the whole data is the first of its group's, so the regions and
sources keep their order when the groups' rows are put back in file order."""

from __future__ import annotations

import datetime as dt

import polars as pl

from hrkpi.core.catalog import Catalog
from hrkpi.core.observations import Dataset, Observation
from hrkpi.fast.columns import dedupe
from hrkpi.fast.exactrows import Neighbourhood
from hrkpi.fast.frame import Frame
from hrkpi.fast.partition import Parts


def latest_dataset(frame: Frame, catalog: Catalog, as_of: dt.date | None) -> Dataset:
    """The observations `compute_report` needs: the latest per (region, indicator) at
    `as_of`, the rows they depend on, and the first row of each region and file (so
    regions and sources keep the order the whole dataset gives them)."""
    return Dataset(sorted(_latest(frame, catalog, as_of), key=lambda o: (o.file, o.line)))


def latest_parts(
    parts: Parts, catalog: Catalog, as_of: dt.date | None
) -> tuple[Dataset, dt.date | None]:
    """`latest_dataset` of data split by indicator, read a group at a time (the memory
    of one group's rows, not of the whole data's), and the earliest date of the data."""
    from hrkpi.fast.workers import in_order

    def pick(group: int) -> tuple[list[Observation], dt.date | None]:
        frame = parts.frame(group, catalog)
        earliest = frame.rows.get_column("date").min()
        return _latest(frame, catalog, as_of), earliest  # type: ignore[return-value]

    parts.tables(catalog)  # (made once, before the threads)
    picked = in_order(pick, range(len(parts.groups)))
    found = [o for observations, _ in picked for o in observations]
    dates = [d for _, d in picked if d is not None]
    dataset = Dataset(sorted(found, key=lambda o: (o.file, o.line)))
    return dataset, min(dates, default=None)


def _latest(frame: Frame, catalog: Catalog, as_of: dt.date | None) -> list[Observation]:
    """What `latest_dataset` takes of one frame's rows, in no particular order."""
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
    return list(hood.by_key.values())
