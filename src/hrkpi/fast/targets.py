"""Each row's own target on the columnar path: the exact engine's rule
(hrkpi.core.targets.region_targets) decided once per indicator, region and year,
then joined onto the rows in place of the definition's target."""

from __future__ import annotations

import polars as pl

from hrkpi.core.catalog import Catalog
from hrkpi.core.models import Measure
from hrkpi.core.regions import RegionHierarchy
from hrkpi.core.targets import TargetBook, region_targets


def with_region_targets(
    rows: pl.DataFrame,
    catalog: Catalog,
    book: TargetBook | None,
    hierarchy: RegionHierarchy | None,
) -> pl.DataFrame:
    """`rows` with t_m, t_s (the primary target's mantissa and decimals) per region."""
    if book is None and hierarchy is None:
        return rows
    recs = []
    for ind_id, region, year in rows.select("indicator", "region", "year").unique().iter_rows():
        ind = catalog.indicators.get(ind_id)
        t_m = t_s = None
        if ind is not None and year is not None and ind.measure is not Measure.RATE:
            named, _ = region_targets(ind, region, year, book, hierarchy)
            if named:
                figure = named[0].value
                t_m, t_s = int(figure.value.scaleb(figure.decimals)), figure.decimals
        recs.append((ind_id, region, year, t_m, t_s))
    schema: dict[str, pl.DataType] = {
        "indicator": rows.schema["indicator"],
        "region": rows.schema["region"],
        "year": rows.schema["year"],
        "t_m": pl.Int64(),
        "t_s": pl.Int32(),
    }
    table = pl.DataFrame(recs, schema=schema, orient="row")
    order = rows.columns
    joined = rows.drop("t_m", "t_s").join(
        table,
        on=["indicator", "region", "year"],
        how="left",
        maintain_order="left",
        nulls_equal=True,
    )
    return joined.select(order)
