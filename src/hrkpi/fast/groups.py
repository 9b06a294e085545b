"""Rows taken a group of indicators at a time.

Every relation the columns decide joins rows of one indicator only: its
figure last year or at a date, its child regions at the same period, its
limits. So the wide intermediate columns of those relations (a few hundred
bytes a row) need exist for one group of indicators at a time, and peak
memory holds one group's, not the whole data's.
"""

from __future__ import annotations

from collections.abc import Iterator

import polars as pl

GROUP_ROWS = 100_000  # rows decided at a time (whole indicators, at least one)


def indicator_groups(rows: pl.DataFrame, size: int | None = None) -> Iterator[pl.DataFrame]:
    """`rows` split into groups of whole indicators of about `size` rows each (default
    GROUP_ROWS), in indicator order; each row is in exactly one group, in its order
    within `rows`."""
    size = size or GROUP_ROWS
    if rows.height <= size:
        yield rows
        return
    counts = rows.group_by("indicator").len().sort("indicator")
    # Each indicator's group numbered once, then each group taken by its number: a filter
    # on the indicators' names per group hashed every row's name again each time.
    number: dict[str | None, int] = {}
    held = n_groups = 0
    for name, n in counts.iter_rows():
        number[name] = n_groups
        held += n
        if held >= size:
            n_groups, held = n_groups + 1, 0
    n_groups += held > 0
    if n_groups == 1:
        yield rows
        return
    named = {k: v for k, v in number.items() if k is not None}
    group = rows.select(
        pl.col("indicator").replace_strict(named, default=number.get(None), return_dtype=pl.Int32)
    ).to_series()
    for j in range(n_groups):
        yield rows.filter(group == j)
