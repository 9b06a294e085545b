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
from hrkpi.core.numbers import RoundingMode, round_gb

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
    "stock": ["2021-03", "2021-12", "2022-03", "2022-04"],  # 2021-12: 比上年末's base
    "rate": ["2021-04", "2021-12", "2022-04"],
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
        # Every finding, consistent ones included, in the same order: whole objects.
        assert list(quick.findings) == list(slow.findings)


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


RICH = [*HEADER, "change_abs", "change_pp", "previous", "rounding", "source", "quote", "location"]
MODES = ["", "half_even", "half_up", "truncate", "either"]


@st.composite
def rich_rows(draw: st.DrawFn) -> list[list[str]]:
    """The rows above with every other kind of figure a long file may state:
    approximate values (近, 多, 约), rounding modes, absolute and point changes,
    stated previous values, growth since the end of last year, and provenance."""
    out: list[list[str]] = []
    seen = set()
    for row in draw(rows()):
        if tuple(row[:3]) in seen:
            continue  # a duplicate is added back below, identical (one that differs is
        seen.add(tuple(row[:3]))  # compared by the exact engine only: hrkpi.api)
        ind, literal = row[0], row[3]
        extra = ["", "", "", draw(st.sampled_from(MODES)), "", "", ""]
        word = draw(st.sampled_from(["", "", "", "近", "多", "约"]))
        if word and ind != "rate" and Fraction(literal):  # 近0 is bad input
            row[3] = word + literal if word != "多" else literal + word
        kind = draw(st.integers(0, 6))
        value = Fraction(literal)
        places = len(literal.split(".")[1]) if "." in literal else 0
        if kind == 1 and ind != "rate":  # growth since the end of last year: a whole base
            row[6], row[7] = "end_of_last_year", draw(st.sampled_from(["12.50", "-46.30", "3.1"]))
        elif kind == 2:  # an absolute change (and perhaps its growth)
            prev = value - Fraction(draw(st.integers(-500, 500)), 10**places)
            off = Fraction(draw(st.sampled_from([0, 0, 1, -3])), 10**places)
            row[6] = draw(st.sampled_from(["end_of_last_year", "same_period_last_year"]))
            extra[0] = _text(value - prev + off, places)
            # A change stated approximately, a decrease by its size too ("-近3" or
            # "近-3", "-3多"): the words speak of the size (Figure.interval).
            size = extra[0].lstrip("-")
            if Fraction(extra[0]) and draw(st.integers(0, 2)) == 0:
                sign = "-" if extra[0].startswith("-") else ""
                extra[0] = draw(
                    st.sampled_from([f"{sign}近{size}", f"近{sign}{size}", f"{sign}{size}多"])
                )
            if prev and draw(st.booleans()):
                row[7] = _text((value - prev) / prev * 100, 2)
            else:
                row[7] = ""
        elif kind == 3 and value:  # a stated previous value, with a change
            prev = value * Fraction(draw(st.integers(80, 120)), 100)
            row[6] = draw(st.sampled_from(["end_of_last_year", "same_period_last_year"]))
            extra[2] = _text(prev, places)
            if ind == "rate":
                row[7], extra[1] = (
                    "",
                    _text(value - prev + Fraction(draw(st.integers(-1, 1)), 100), 2),
                )
            elif prev:
                row[7] = _text(
                    (value - prev) / prev * 100 + Fraction(draw(st.integers(-1, 1)), 100), 2
                )
                extra[0] = _text(value - prev, places) if draw(st.booleans()) else ""
        elif kind == 4 and ind == "rate":  # points without a previous value
            row[6], extra[1] = "same_period_last_year", "0.30"
        if draw(st.integers(0, 3)) == 0:
            extra[4:] = ["市统计月报", f"{ind}的说明", "第2页"]
        out.append(row + extra)
    if out and draw(st.booleans()):
        out.append(list(out[draw(st.integers(0, len(out) - 1))]))  # identical: later wins
    return out


def _write_rich(folder: Path, data: list[list[str]]) -> tuple[Path, Path, Path]:
    ind, dat, reg = _write(folder, [])
    with open(dat / "rows.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(RICH)
        writer.writerows(data)
    return ind, dat, reg


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rich_rows(), st.sampled_from([None, *list(RoundingMode)]))
def test_every_kind_of_figure_agrees(data: list[list[str]], rounding: RoundingMode | None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        ind, dat, reg = _write_rich(Path(tmp), data)
        exact = series(ind, dat, regions=reg, engine=Engine.EXACT)
        fast = series(ind, dat, regions=reg, engine=Engine.FAST)
        assert fast.to_csv() == exact.to_csv()
        slow = check(ind, dat, regions=reg, engine=Engine.EXACT, rounding=rounding)
        quick = check(ind, dat, regions=reg, engine=Engine.FAST, rounding=rounding)
        assert list(quick.findings) == list(slow.findings)
        assert quick.exact_rows <= len(data)
        few = check(
            ind, dat, regions=reg, engine=Engine.FAST, rounding=rounding, problems_only=True
        )
        assert list(few.findings) == list(slow.only_problems().findings)
        assert few.tallies == slow.only_problems().tallies
