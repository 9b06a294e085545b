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
    group: list[str | None] = []
    held = 0
    for name, n in counts.iter_rows():
        group.append(name)
        held += n
        if held >= size:
            yield _of(rows, group)
            group, held = [], 0
    if group:
        yield _of(rows, group)


def _of(rows: pl.DataFrame, names: list[str | None]) -> pl.DataFrame:
    chosen = pl.col("indicator").is_in([n for n in names if n is not None])
    if None in names:
        chosen = chosen | pl.col("indicator").is_null()
    return rows.filter(chosen)
