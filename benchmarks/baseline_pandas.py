"""The baseline: what an analyst would write in pandas for the same job.

    python benchmarks/baseline_pandas.py PROJECT [OUT.csv] > problems.txt

Reads PROJECT/indicators/*.yaml, PROJECT/regions.csv and PROJECT/data/*.csv (as
benchmarks/generate.py writes them) and prints one line per problem found
("LINE KIND"): stated completion and growth rates and point changes that no value
within the inputs' rounding (or an approximate figure's range) gives, region totals
that are not their children's sum, rates above their ceiling. Completion is against
each region's own target (data/targets.csv).

Given OUT.csv, it also writes the series table hrkpi computes (completion, pace
status, year on year from last year's figure, limit status, region sums) in floats
rounded with numpy (half to even on binary floats): the peer of `hrkpi compute
--series`. Without it, the checks alone: the peer of `hrkpi check` (formatting the
table is about 40% of the script's time at a million rows).
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

COLUMNS = [
    "region",
    "indicator",
    "period",
    "as_of",
    "unit",
    "value",
    "completion",
    "pace_status",
    "yoy_previous",
    "yoy",
    "limit_status",
    "region_sum",
    "parts_sum",
]


def _catalog(folder: Path) -> pd.DataFrame:
    recs = []
    for file in sorted(folder.glob("*.yaml")):
        for ind in yaml.load(file.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)[
            "indicators"
        ]:
            ceiling = next(
                (t["value"] for t in ind.get("thresholds", []) if t["word"] == "以内"), None
            )
            recs.append(
                {
                    "indicator": ind["id"],
                    "ind_unit": ind["unit"],
                    "measure": ind["measure"],
                    "target": float(ind["target"]) if "target" in ind else np.nan,
                    "ceiling": float(ceiling) if ceiling else np.nan,
                    "ind_decimals": int(ind["decimals"]) if "decimals" in ind else -1,
                }
            )
    return pd.DataFrame(recs)


def _fmt(x: pd.Series, places: pd.Series | int) -> pd.Series:
    if isinstance(places, int):
        return x.map(lambda v: "" if pd.isna(v) else f"{v:.{places}f}")
    return pd.Series(
        ["" if pd.isna(v) else f"{v:.{int(p)}f}" for v, p in zip(x, places, strict=True)],
        index=x.index,
    )


def _write_table(
    df: pd.DataFrame,
    out: Path,
    has_target: pd.Series,
    status: np.ndarray,
    completion: pd.Series,
    yoy: np.ndarray,
) -> None:
    """The series table as CSV (what `hrkpi compute --series` writes)."""
    shown_sum = df["kid_sum"].where(~df["any_approx"].fillna(False).astype(bool))
    table = pd.DataFrame(
        {
            "region": df["region"],
            "indicator": df["indicator"],
            "period": df["period"],
            "as_of": df["as_of"].dt.strftime("%Y-%m-%d"),
            "unit": df["ind_unit"],
            "value": np.where(df["approx"], df["value"], _fmt(df["v"].round(20), df["d"])),
            "completion": _fmt(pd.Series(np.where(has_target, np.round(completion, 2), np.nan)), 2),
            "pace_status": np.where(has_target, status, ""),
            "yoy_previous": _fmt(df["prev"], df["d"]),
            "yoy": _fmt(pd.Series(np.round(yoy, 2)), 2),
            "limit_status": np.where(
                df["ceiling"].notna(), np.where(df["v"] <= df["ceiling"], "pass", "fail"), ""
            ),
            "region_sum": _fmt(shown_sum.round(8), df["d"]),
            "parts_sum": "",
        }
    )
    table.to_csv(out, index=False, columns=COLUMNS, lineterminator="\n")


APPROX = r"^(近|多)?(-?[0-9.]+)(多)?$"  # the words the synthetic data uses: 近12400, 12300多


def main() -> None:
    project = Path(sys.argv[1])
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else None
    cat = _catalog(project / "indicators")
    regions = pd.read_csv(project / "regions.csv", dtype=str, keep_default_na=False)
    frames = []
    for file in sorted((project / "data").glob("*.csv")):
        if file.stem == "targets":
            continue
        part = pd.read_csv(file, dtype=str, keep_default_na=False)
        part["line"] = np.arange(len(part)) + 2
        frames.append(part)
    df = pd.concat(frames, ignore_index=True).merge(cat, on="indicator", how="left")
    for column in ("change_abs", "change_pp", "previous"):
        if column not in df:
            df[column] = ""
    # Approximate figures: 近X lies in [X - step, X], X多 in [X, X + step).
    parts = df["value"].str.extract(APPROX)
    number = parts[1]
    df["v"] = number.astype(float)
    df["approx"] = parts[0].notna() | parts[2].notna()
    df["decimals"] = number.str.split(".").str[1].str.len().fillna(0).astype(int)
    df["d"] = np.where(df["ind_decimals"] >= 0, df["ind_decimals"], df["decimals"])
    step = 10.0 ** (number.str.len() - number.str.rstrip("0").str.len())
    df["lo"] = np.where(parts[0].notna(), df["v"] - step, df["v"] - 0.5 * 10.0 ** -df["decimals"])
    df["hi"] = np.where(parts[2].notna(), df["v"] + step, df["v"] + 0.5 * 10.0 ** -df["decimals"])
    df["lo"] = np.where(df["approx"] & parts[2].notna(), df["v"], df["lo"])
    df["hi"] = np.where(df["approx"] & parts[0].notna(), df["v"], df["hi"])
    year = df["period"].str[:4].astype(int)
    month = df["period"].str[-2:].astype(int)
    df["year"] = year.astype(str)
    df["as_of"] = pd.to_datetime(dict(year=year, month=month, day=1)) + pd.offsets.MonthEnd(0)
    ytd = df["period"].str.contains("/")
    # Each region's own target (targets.csv), else none.
    targets = pd.read_csv(project / "data" / "targets.csv", dtype=str, keep_default_na=False)
    targets["target"] = targets["target"].astype(float)
    df = df.drop(columns="target").merge(targets, on=["indicator", "region", "year"], how="left")
    # 完成率 and 序时进度 (by days).
    completion = df["v"] / df["target"] * 100
    days = np.where(df["as_of"].dt.is_leap_year, 366, 365)
    pace = df["as_of"].dt.day_of_year / days * 100
    status = np.select(
        [completion >= 100, completion > pace + 1, completion < pace - 1],
        ["completed", "ahead", "behind"],
        "on_pace",
    )
    has_target = df["target"].notna() & ytd
    # 同比 from the same period last year.
    df["prior_period"] = (year - 1).astype(str) + df["period"].str[4:]
    prior = df[["indicator", "region", "period", "v", "lo", "hi"]].rename(
        columns={"period": "prior_period", "v": "prev", "lo": "prev_lo", "hi": "prev_hi"}
    )
    df = df.merge(prior, on=["indicator", "region", "prior_period"], how="left")
    is_rate = df["measure"] == "rate"
    yoy = np.where(is_rate, df["v"] - df["prev"], (df["v"] - df["prev"]) / df["prev"] * 100)
    # Region sums: each parent against its children (none over an approximate child).
    kids = df.merge(regions[["region", "parent"]], on="region")
    kids = kids[(kids["parent"] != "") & ~(kids["measure"] == "rate")]
    n_kids = regions[regions["parent"] != ""].groupby("parent").size().rename("n_kids")
    sums = (
        kids.groupby(["indicator", "period", "parent"])
        .agg(
            kid_sum=("v", "sum"),
            kid_lo=("lo", "sum"),
            kid_hi=("hi", "sum"),
            n=("v", "size"),
            any_approx=("approx", "any"),
        )
        .reset_index()
        .rename(columns={"parent": "region"})
    )
    sums = sums.merge(n_kids, left_on="region", right_index=True)
    sums = sums[sums["n"] == sums["n_kids"]]
    df = df.merge(sums, on=["indicator", "period", "region"], how="left")
    if out is not None:
        _write_table(df, out, has_target, status, completion, yoy)
    # The checks: a stated rate is wrong when it lies outside what the inputs'
    # rounding allows (each input over its interval), plus the rate's own half unit.
    tol = 0.005 + 1e-9
    stated_c = pd.to_numeric(df["completion"], errors="coerce")
    c_lo, c_hi = df["lo"] / df["target"] * 100, df["hi"] / df["target"] * 100
    c_err = (stated_c < c_lo - tol) | (stated_c > c_hi + tol)
    same = df["base"] == "same_period_last_year"
    stated_g = pd.to_numeric(df["change_pct"], errors="coerce")
    g_lo = (df["lo"] / df["prev_hi"] - 1) * 100
    g_hi = (df["hi"] / df["prev_lo"] - 1) * 100
    g_err = same & ((stated_g < g_lo - tol) | (stated_g > g_hi + tol))
    # Since the end of last year: growth from the stated absolute change, a / (v - a).
    a = pd.to_numeric(df["change_abs"], errors="coerce")
    growth = a / (df["v"] - a) * 100
    e_err = ~same & a.notna() & ((stated_g - growth).abs() > tol + (df["hi"] - df["lo"]) / df["v"])
    pp = pd.to_numeric(df["change_pp"], errors="coerce")
    before = pd.to_numeric(df["previous"], errors="coerce")
    p_err = pp.notna() & ((pp - (df["v"] - before)).abs() > 0.015 + 1e-9)
    t_err = df["ceiling"].notna() & (df["v"] > df["ceiling"])
    s_err = df["kid_sum"].notna() & (
        (df["hi"] < df["kid_lo"] - 1e-9) | (df["lo"] > df["kid_hi"] + 1e-9)
    )
    lines = []
    for kind, mask in (
        ("completion", c_err),
        ("change_pct", g_err | e_err),
        ("change_pp", p_err),
        ("threshold", t_err),
        ("region_sum", s_err),
    ):
        lines += [f"{line} {kind}" for line in df.loc[mask.fillna(False), "line"]]
    sys.stdout.write("\n".join(sorted(lines)) + "\n")


if __name__ == "__main__":
    main()
