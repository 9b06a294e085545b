"""Edges of the fast path, each checked against the exact engine on a small file:
negative approximate figures, a GBK byte past the first mebibyte, targets too long
for 64-bit integers."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import write

from hrkpi.api import Engine, check, series
from hrkpi.checks.findings import CheckKind, Verdict
from hrkpi.core.errors import InputError

STOCKS = """
indicators:
  - id: staff
    name: 在岗人数
    unit: 人
    measure: stock
  - id: fund
    name: 基金结余
    unit: 亿元
    measure: stock
    decimals: 1
  - id: rate
    name: 失业率
    unit: "%"
    measure: rate
"""
# A decrease stated by its size with an approximation word (下降近3 is "-近3", also
# written "近-3"; 减少3多 is "-3多"): as core.numbers.Figure.interval has them,
# "-近3" lies in [-3, -2] and "-3多" in (-4, -3].
NEGATIVE = """
indicator,region,period,value,base,change_abs,change_pp,previous
staff,甲,2021-06,100,end_of_last_year,近-3,,102
staff,乙,2021-06,100,end_of_last_year,近-3,,104
staff,丙,2021-06,100,end_of_last_year,-近3,,102
staff,丁,2021-06,100,end_of_last_year,-近3,,104
fund,甲,2021-06,10.0,end_of_last_year,-3多,,13.5
fund,乙,2021-06,10.0,end_of_last_year,-3多,,12.5
rate,甲,2021-06,4.0,end_of_last_year,,-0.3多,4.35
rate,乙,2021-06,4.0,end_of_last_year,,-0.3多,4.25
"""


def _project(tmp_path: Path, indicators: str, rows: str) -> tuple[Path, Path]:
    ind = write(tmp_path / "indicators" / "a.yaml", indicators)
    data = write(tmp_path / "data" / "d.csv", rows)
    return ind.parent, data.parent


def test_negative_approximate_changes_agree(tmp_path: Path) -> None:
    ind, data = _project(tmp_path, STOCKS, NEGATIVE)
    slow = check(ind, data, engine=Engine.EXACT)
    quick = check(ind, data, engine=Engine.FAST)
    # The verdicts settled on the columns (counted, chosen by --problems-only) are the
    # verdicts of the findings built from them.
    for verdict in Verdict:
        assert quick.count(verdict) == slow.count(verdict), verdict
    few = check(ind, data, engine=Engine.FAST, problems_only=True)
    assert list(few.findings) == list(slow.only_problems().findings)
    assert list(quick.findings) == list(slow.findings)
    changes = {
        f.line: f.verdict
        for f in quick.findings
        if f.kind in (CheckKind.CHANGE_ABS, CheckKind.CHANGE_PP)
    }
    # 100 - 102 = -2 lies in [-3, -2]; 100 - 104 = -4 does not.
    assert changes[2] is changes[4] is Verdict.CONSISTENT
    assert changes[3] is changes[5] is Verdict.INCONSISTENT
    # 10.0 - 13.5 = -3.5 (within a rounding, [-3.6, -3.4]) meets (-4, -3]; 10.0 - 12.5 does not.
    assert (changes[6], changes[7]) == (Verdict.CONSISTENT, Verdict.INCONSISTENT)
    # 4.0 - 4.35 = -0.35 points ([-0.40, -0.30] within a rounding) meets (-0.4, -0.3];
    # 4.0 - 4.25 = -0.25 ([-0.30, -0.20]) meets it only at -0.3, which (-0.4, -0.3] holds.
    assert changes[8] is Verdict.CONSISTENT
    assert changes[9] is slow_verdict(slow, 9)


def slow_verdict(report: object, line: int) -> Verdict:
    """The exact engine's verdict on a line's point change."""
    found = [
        f
        for f in report.findings  # type: ignore[attr-defined]
        if f.line == line and f.kind is CheckKind.CHANGE_PP
    ]
    assert len(found) == 1
    return found[0].verdict  # type: ignore[no-any-return]


JOBS = """
indicators:
  - id: jobs
    name: 再就业
    unit: 人
    measure: flow
    target: "4000"
"""


def test_a_gbk_byte_past_the_first_mebibyte_goes_to_the_exact_engine(tmp_path: Path) -> None:
    # Excel's "CSV (逗号分隔)" on Chinese Windows: plain ASCII rows for over a mebibyte,
    # then a region written in GBK.
    head = "indicator,region,period,value,completion\n"
    plain = "".join(f"jobs,R{i},2021-01/06,2000,50.00\n" for i in range(40_000))
    assert len(plain) > 2**20
    ind, data = _project(tmp_path, JOBS, "indicator,region,period,value\n")
    (data / "d.csv").write_bytes((head + plain + "jobs,厦门,2021-01/06,2100,52.50\n").encode("gbk"))
    report = check(ind, data, engine=Engine.AUTO, problems_only=True)
    assert report.engine == "exact"
    assert report.count(Verdict.CONSISTENT) == 40_001
    # Asked for by name, the fast engine names the byte (as it does within the head).
    with pytest.raises(InputError, match=r"d.csv:40002:\d+: the file is not UTF-8"):
        check(ind, data, engine=Engine.FAST)


def test_a_target_beyond_64_bits(tmp_path: Path) -> None:
    # 2^63 = 9223372036854775808: a target of 10^19 does not fit an Int64 mantissa.
    indicators = JOBS.replace('"4000"', '"10000000000000000000"')
    rows = "indicator,region,period,value,completion\n" + "".join(
        f"jobs,R{i},2021-01/06,5000000000000000000,50.00\n" for i in range(3)
    )
    ind, data = _project(tmp_path, indicators, rows)
    slow = check(ind, data, engine=Engine.EXACT)
    assert [f.verdict for f in slow.findings if f.kind is CheckKind.COMPLETION] == [
        Verdict.CONSISTENT
    ] * 3
    # The fast engine hands the rows of such a target to the exact engine, row by row.
    quick = check(ind, data, engine=Engine.FAST)
    assert list(quick.findings) == list(slow.findings)
    assert quick.exact_rows == 3
    assert series(ind, data, engine=Engine.FAST).to_csv() == (
        series(ind, data, engine=Engine.EXACT).to_csv()
    )
    # With a hierarchy, each region's own target is chosen by joins (hrkpi.fast.targets).
    regions = write(tmp_path / "regions.csv", "region,parent\nR0,\nR1,R0\nR2,R0\n")
    by_region = check(ind, data, regions=regions, engine=Engine.EXACT)
    quick = check(ind, data, regions=regions, engine=Engine.FAST)
    assert list(quick.findings) == list(by_region.findings)


def test_a_long_target_keeps_every_digit(tmp_path: Path) -> None:
    # 30 significant digits: a 28-digit decimal context would round the target.
    target = "1234567890123456.78901234567891"
    indicators = JOBS.replace('"4000"', f'"{target}"').replace("人", "万元")
    rows = "indicator,region,period,value,completion\njobs,甲,2021-01/06,1234567890123456,100.00\n"
    ind, data = _project(tmp_path, indicators, rows)
    slow = check(ind, data, engine=Engine.EXACT)
    quick = check(ind, data, engine=Engine.FAST)
    assert list(quick.findings) == list(slow.findings)


def test_a_stored_verdict_the_exact_rule_contradicts_is_caught(tmp_path: Path) -> None:
    import polars as pl

    from hrkpi.fast.findstore import ColumnFindings

    ind, data = _project(tmp_path, STOCKS, NEGATIVE)
    quick = check(ind, data, engine=Engine.FAST)
    findings = quick.findings
    assert isinstance(findings, ColumnFindings)
    # Every settled verdict turned into its opposite, as a wrong interval would.
    table = findings.table.with_columns(
        pl.when(pl.col("eager").is_null())
        .then(1 - pl.col("verdict"))
        .otherwise(pl.col("verdict"))
        .alias("verdict")
    )
    with pytest.raises(AssertionError, match="the columns settled"):
        list(ColumnFindings(table, findings.maker))
