"""Which columnar library for the fast path: read the long CSV as text (the
literals must keep their digits), split each value into an integer mantissa
and its decimals, and sum by group. Times each in a fresh process.

    python -m benchmarks.libraries DATA.csv
"""

from __future__ import annotations

import sys

from benchmarks.measure import run

SNIPPETS = {
    "polars": """
import polars as pl
df = pl.scan_csv(PATH, infer_schema=False).with_columns(
    mant=pl.col("value").str.replace(".", "", literal=True).cast(pl.Int64),
    dec=pl.col("value").str.split(".").list.get(1, null_on_oob=True).str.len_chars().fill_null(0),
).group_by("indicator", "period").agg(pl.col("mant").sum()).collect()
""",
    "pyarrow": """
import pyarrow.csv as pv, pyarrow.compute as pc, pyarrow as pa
t = pv.read_csv(PATH, convert_options=pv.ConvertOptions(column_types={c: pa.string() for c in
    ["indicator", "region", "period", "value", "unit", "completion", "base", "change_pct"]}))
mant = pc.cast(pc.replace_substring(t["value"], ".", ""), pa.int64())
t = t.append_column("mant", mant)
t.group_by(["indicator", "period"]).aggregate([("mant", "sum")])
""",
    "duckdb": """
import duckdb
duckdb.sql(f"select indicator, period, sum(cast(replace(value, '.', '') as bigint)) "
           f"from read_csv('{PATH}', all_varchar=true) group by 1, 2").fetchall()
""",
    "pandas": """
import pandas as pd
df = pd.read_csv(PATH, dtype=str, keep_default_na=False)
df["mant"] = df["value"].str.replace(".", "", regex=False).astype("int64")
df.groupby(["indicator", "period"])["mant"].sum()
""",
}


def main() -> None:
    """Time each library on the file given, each in a fresh process."""
    path = sys.argv[1]
    for name, code in SNIPPETS.items():
        seconds, peak, code_ = run([sys.executable, "-c", code.replace("PATH", repr(path))])
        status = "ok" if code_ == 0 else f"failed ({code_})"
        print(f"{name:8} {seconds:6.2f} s  peak {peak:6.0f} MB  {status}")


if __name__ == "__main__":
    main()
