"""The fast path gives the exact engine's figures on every row (hypothesis).

Random regional data with many rounding ties (completion against a target of
4000 lands on x.xx5 for a quarter of the values), units other than the
indicator's, duplicated rows and wrong figures; both engines run on the same
files and must print the same series table and reach the same verdicts.
"""

from __future__ import annotations

import csv
import tempfile
from fractions import Fraction
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hrkpi.api import Engine, check, series
from hrkpi.checks.findings import CheckReport, Finding, Verdict
from hrkpi.core.numbers import round_gb

INDICATORS = """
indicators:
  - id: jobs
    name: 再就业
    unit: 人
    measure: flow
    target: "4000"
  - id: money
    name: 补贴
    unit: 万元
    measure: flow
    target: "1234.5"
  - id: stock
    name: 参保人数
    unit: 万人
    measure: stock
    decimals: 1
  - id: rate
    name: 失业率
    unit: "%"
    measure: rate
    direction: lower
    thresholds:
      - word: 以内
        value: "4.50"
      - word: 以上
        value: "1.0"
        level: warn
        method: rounded
"""
REGIONS = "region,parent\n省,\n市甲,省\n市乙,省\n县一,市甲\n县二,市甲\n"
PERIODS = {
    "jobs": ["2021-01/02", "2021-01/03", "2022-01/02", "2022-01/03"],
    "money": ["2021-01/02", "2022-01/02"],
    "stock": ["2021-03", "2022-03", "2022-04"],
    "rate": ["2021-04", "2022-04"],
}
HEADER = ["indicator", "region", "period", "value", "unit", "completion", "base", "change_pct"]


def _text(x: Fraction, places: int) -> str:
    return f"{round_gb(x, places):.{places}f}" if places > 0 else str(round_gb(x, 0))


@st.composite
def rows(draw: st.DrawFn) -> list[list[str]]:
    found: list[list[str]] = []
    values: dict[tuple[str, str, str], Fraction] = {}
    for ind, periods in PERIODS.items():
        for region in ("省", "市甲", "市乙", "县一", "县二"):
            for period in periods:
                if not draw(st.booleans()) and ind != "jobs":
                    continue
                unit = ""
                if ind == "jobs":
                    if draw(st.integers(0, 4)) == 0:  # stated in 万人, as reports do
                        unit, places = "万人", 2
                        exact = Fraction(draw(st.integers(0, 300)), 100) * 10_000
                        literal = _text(exact / 10_000, 2)
                    else:
                        exact = Fraction(draw(st.integers(0, 9000)))
                        literal, places = str(exact), 0
                elif ind == "stock" and draw(st.integers(0, 3)) == 0:  # in 人: shown at 1 decimal
                    unit, places = "人", 0
                    exact = Fraction(draw(st.integers(0, 10**7)))
                    literal = str(exact)
                    exact /= 10_000
                elif ind == "rate":
                    places = draw(st.integers(1, 2))
                    exact = Fraction(draw(st.integers(0, 600)), 10**places)
                    literal = _text(exact, places)
                else:
                    places = draw(st.integers(0, 3))
                    exact = Fraction(draw(st.integers(1, 10**6)), 10**places)
                    literal = _text(exact, places)
                values[(ind, region, period)] = exact
                completion = change = base = ""
                target = {"jobs": Fraction(4000), "money": Fraction(12345, 10)}.get(ind)
                if target and draw(st.booleans()):
                    rate = exact / target * 100
                    off = draw(st.sampled_from([0, 0, 0, 1, -1, 37]))
                    # (never below zero: a negative completion is bad input)
                    completion = _text(max(rate + Fraction(off, 100), Fraction(0)), 2)
                prior = values.get((ind, region, f"{int(period[:4]) - 1}{period[4:]}"))
                if prior and ind != "rate" and draw(st.booleans()):
                    rate = (exact - prior) / prior * 100
                    off = draw(st.sampled_from([0, 0, 1, -150]))
                    change, base = _text(rate + Fraction(off, 100), 2), "same_period_last_year"
                found.append([ind, region, period, literal, unit, completion, base, change])
    if found and draw(st.booleans()):
        found.append(list(found[draw(st.integers(0, len(found) - 1))]))  # a duplicate: later wins
    return found


def _write(folder: Path, data: list[list[str]]) -> tuple[Path, Path, Path]:
    (folder / "indicators").mkdir()
    (folder / "indicators" / "a.yaml").write_text(INDICATORS, encoding="utf-8")
    (folder / "regions.csv").write_text(REGIONS, encoding="utf-8")
    (folder / "data").mkdir()
    with open(folder / "data" / "rows.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(HEADER)
        writer.writerows(data)
    return folder / "indicators", folder / "data", folder / "regions.csv"


def _key(f: Finding) -> Finding:
    # Findings are data: the whole finding must agree, figures, ranges, hints and all.
    return f


def _listed(report: CheckReport) -> set[Finding]:
    quiet = (Verdict.CONSISTENT, Verdict.PASS)
    return {_key(f) for f in report.findings if f.verdict not in quiet}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows())
def test_fast_and_exact_agree_on_every_row(data: list[list[str]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        ind, dat, reg = _write(Path(tmp), data)
        exact = series(ind, dat, regions=reg, engine=Engine.EXACT)
        fast = series(ind, dat, regions=reg, engine=Engine.FAST)
        assert fast.engine == "fast"
        assert fast.to_csv() == exact.to_csv()
        slow = check(ind, dat, regions=reg, engine=Engine.EXACT)
        quick = check(ind, dat, regions=reg, engine=Engine.FAST)
        for verdict in Verdict:
            assert quick.count(verdict) == slow.count(verdict), verdict
        assert _listed(quick) == _listed(slow)
        assert {_key(f) for f in quick.findings} <= {_key(f) for f in slow.findings}


def test_ties_round_half_to_even(tmp_path: Path) -> None:
    # 3569 / 4000 = 89.225% and 3571 / 4000 = 89.275% exactly: ties at two decimals,
    # which GB/T 8170 rounds to the even neighbour (89.22, 89.28); in binary floats
    # both quotients are a hair off .xx5, so only an exact decision gets them right.
    data = [
        ["jobs", "县一", "2021-01/02", "3569", "", "89.22", "", ""],  # 89.225 -> 89.22
        ["jobs", "县一", "2021-01/03", "3571", "", "89.28", "", ""],  # 89.275 -> 89.28
    ]
    ind, dat, _ = _write(tmp_path, data)
    table = series(ind, dat, engine=Engine.FAST).to_csv().splitlines()
    assert [line.split(",")[6] for line in table[1:]] == ["89.22", "89.28"]
    report = check(ind, dat, engine=Engine.FAST)
    assert report.count(Verdict.CONSISTENT) == 2
    assert report.count(Verdict.INCONSISTENT) == 0
