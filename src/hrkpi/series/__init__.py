"""Period series, exactly: year on year from the data, region totals, and the
series table (one row per stated figure). The reference the fast path
(`hrkpi.fast`) must agree with on every row."""

from hrkpi.series.check import check_series
from hrkpi.series.previous import period_key, with_data_previous
from hrkpi.series.table import SERIES_COLUMNS, SeriesRow, SeriesTable, series_csv, series_rows
from hrkpi.series.totals import check_region_totals

__all__ = [
    "SERIES_COLUMNS",
    "SeriesRow",
    "SeriesTable",
    "check_region_totals",
    "check_series",
    "period_key",
    "series_csv",
    "series_rows",
    "with_data_previous",
]
