"""The edges of the consistency method, worked by hand."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from hrkpi.checks.findings import CheckKind, Finding, Verdict
from hrkpi.checks.report import check_dataset
from hrkpi.cli import app
from hrkpi.core.catalog import Catalog
from hrkpi.core.models import Indicator, StatedFigure
from hrkpi.core.numbers import RoundingMode
from hrkpi.core.observations import Dataset, Observation

REEMPLOYMENT = {"id": "jobs", "name": "再就业", "unit": "万人", "measure": "flow", "target": "4"}


def _check(
    indicators: list[dict[str, Any]],
    figures: dict[str, dict[str, Any]],
    rounding: RoundingMode = RoundingMode.HALF_EVEN,
    **kwargs: Any,
) -> list[Finding]:
    catalog = Catalog()
    for raw in indicators:
        ind = Indicator.model_validate(raw)
        catalog.indicators[ind.id] = ind
    observations = [
        Observation(
            i,
            "",
            dt.date(2020, 6, 30),
            StatedFigure.model_validate(f),
            rounding,
            "t",
            "t.yaml",
            n + 1,
        )
        for n, (i, f) in enumerate(figures.items())
    ]
    return check_dataset(catalog, Dataset(observations), **kwargs).findings


def _verdict(findings: list[Finding], kind: CheckKind) -> Verdict:
    [f] = [f for f in findings if f.kind is kind]
    return f.verdict


@pytest.mark.parametrize(
    ("stated", "expected"),
    [
        # 4.22 spans [4.215, 4.225] (2 is even: both ends belong), so completion
        # spans [105.375, 105.625]. 105.62 takes the end 105.625 (2 even);
        # 105.63 spans (105.625, 105.635): it touches but does not include it.
        ("105.62", Verdict.CONSISTENT),
        ("105.63", Verdict.INCONSISTENT),
        ("105.38", Verdict.CONSISTENT),
        ("105.37", Verdict.INCONSISTENT),
    ],
)
def test_stated_figure_on_a_rounding_boundary(stated: str, expected: Verdict) -> None:
    findings = _check([REEMPLOYMENT], {"jobs": {"value": "4.22", "completion": stated}})
    assert _verdict(findings, CheckKind.COMPLETION) is expected


def test_truncation_mode() -> None:
    # Truncated, 4.22 means [4.22, 4.23): completion [105.5, 105.75), so 105.4 is
    # impossible (it is fine when half-even: [105.375, ...]) and 105.7 is fine.
    def verdict(stated: str, mode: RoundingMode) -> Verdict:
        f = _check([REEMPLOYMENT], {"jobs": {"value": "4.22", "completion": stated}}, mode)
        return _verdict(f, CheckKind.COMPLETION)

    assert verdict("105.4", RoundingMode.HALF_EVEN) is Verdict.CONSISTENT
    assert verdict("105.4", RoundingMode.TRUNCATE) is Verdict.INCONSISTENT
    assert verdict("105.7", RoundingMode.TRUNCATE) is Verdict.CONSISTENT
    assert verdict("105.7", RoundingMode.HALF_EVEN) is Verdict.INCONSISTENT
    assert verdict("105.7", RoundingMode.EITHER) is Verdict.CONSISTENT


def test_inconsistent_finding_says_what_would_be_consistent() -> None:
    [f] = _check([REEMPLOYMENT], {"jobs": {"value": "4.22", "completion": "107.5"}})
    assert f.verdict is Verdict.INCONSISTENT
    assert f.consistent_values == ("105.4", "105.6")
    assert f.computed is not None
    assert (f.computed.lo, f.computed.hi) == (Fraction("105.375"), Fraction("105.625"))


RATE = {"id": "pass_rate", "name": "合格率", "unit": "%", "measure": "rate"}


@pytest.mark.parametrize(
    ("method", "expected"), [("full", Verdict.FAIL), ("rounded", Verdict.PASS)]
)
def test_both_comparison_methods(method: str, expected: Verdict) -> None:
    # GB/T 8170 4.3: limit 97.0, value 96.96 fails by the full value and passes
    # once rounded to the limit's one decimal (97.0).
    ind = {**RATE, "thresholds": [{"word": "不低于", "value": "97.0", "method": method}]}
    findings = _check([ind], {"pass_rate": {"value": "96.96"}})
    assert _verdict(findings, CheckKind.THRESHOLD) is expected


def test_method_override_and_warn_level() -> None:
    ind = {**RATE, "thresholds": [{"word": "不低于", "value": "97.0", "level": "warn"}]}
    findings = _check([ind], {"pass_rate": {"value": "96.96"}})
    assert _verdict(findings, CheckKind.THRESHOLD) is Verdict.WARN
    from hrkpi.core.models import CompareMethod

    findings = _check([ind], {"pass_rate": {"value": "96.96"}}, method=CompareMethod.ROUNDED)
    assert _verdict(findings, CheckKind.THRESHOLD) is Verdict.PASS


def test_threshold_claim() -> None:
    ind = {**RATE, "direction": "lower", "thresholds": [{"word": "以内", "value": "4"}]}
    ok = _check([ind], {"pass_rate": {"value": "3.56", "meets_threshold": True}})
    assert _verdict(ok, CheckKind.THRESHOLD_CLAIM) is Verdict.CONSISTENT
    # "4.00 在4%以内" is possible (以内 includes the limit); "4.01" is not.
    edge = _check([ind], {"pass_rate": {"value": "4.00", "meets_threshold": True}})
    assert _verdict(edge, CheckKind.THRESHOLD_CLAIM) is Verdict.CONSISTENT
    over = _check([ind], {"pass_rate": {"value": "4.01", "meets_threshold": True}})
    assert _verdict(over, CheckKind.THRESHOLD_CLAIM) is Verdict.INCONSISTENT


CASES = {"id": "cases", "name": "行政复议诉讼案件", "unit": "件", "measure": "flow"}


def test_whole_number_base() -> None:
    # 29 cases down 46.30%: 29 / (1 - 0.4630) = 54.004; a base of 54 gives -46.296% -> -46.30.
    [f] = _check(
        [CASES],
        {"cases": {"value": "29", "changes": [{"base": "same_period_last_year", "pct": "-46.30"}]}},
    )
    assert (f.kind, f.verdict, f.implied, f.implied_unit) == (
        CheckKind.WHOLE_BASE,
        Verdict.CONSISTENT,
        "54",
        "件",
    )
    # -46.20% needs a base of 53.94: no whole number of cases gives it.
    [bad] = _check(
        [CASES],
        {"cases": {"value": "29", "changes": [{"base": "same_period_last_year", "pct": "-46.20"}]}},
    )
    # Only the whole bases next to 53.94 are possible: 53 gives -45.28%, 54 -46.30%. A
    # range "-46.30 to -45.28" would claim that -45.80 fits; it does not.
    assert bad.verdict is Verdict.INCONSISTENT and bad.consistent_values is None
    assert [(c.base, c.value) for c in bad.candidates] == [("53", "-45.28"), ("54", "-46.30")]


def test_approximate_total_of_exact_parts() -> None:
    total = {
        "id": "remote",
        "name": "不见面办理",
        "unit": "万件",
        "measure": "flow",
        "parts": ["online", "kiosk", "post"],
    }
    parts = [
        {"id": p, "name": n, "unit": "件", "measure": "flow"}
        for p, n in (("online", "网上"), ("kiosk", "自助"), ("post", "邮寄"))
    ]
    figures = {
        "remote": {"value": "近84"},
        "online": {"value": "421749"},
        "kiosk": {"value": "406158"},
        "post": {"value": "11160"},
    }
    findings = _check([total, *parts], figures)
    assert _verdict(findings, CheckKind.COMPOSITION) is Verdict.CONSISTENT
    figures["online"] = {"value": "431749"}  # the sum 849067 is not 近84万
    findings = _check([total, *parts], figures)
    assert _verdict(findings, CheckKind.COMPOSITION) is Verdict.INCONSISTENT


def test_counts_add_up_exactly() -> None:
    total = {
        "id": "rated",
        "name": "评价单位",
        "unit": "家",
        "measure": "stock",
        "parts": ["a", "b"],
    }
    parts = [{"id": p, "name": "等级" + p, "unit": "家", "measure": "stock"} for p in "ab"]
    ok = _check(
        [total, *parts], {"rated": {"value": "662"}, "a": {"value": "639"}, "b": {"value": "23"}}
    )
    assert _verdict(ok, CheckKind.COMPOSITION) is Verdict.CONSISTENT
    # As rounded reals 663 could be 639 + 23 (+-1.5); as counts it cannot.
    bad = _check(
        [total, *parts], {"rated": {"value": "663"}, "a": {"value": "639"}, "b": {"value": "23"}}
    )
    assert _verdict(bad, CheckKind.COMPOSITION) is Verdict.INCONSISTENT


def test_percentage_points_with_previous() -> None:
    rate = {"id": "r", "name": "返岗率", "unit": "%", "measure": "rate"}
    ok = _check(
        [rate],
        {
            "r": {
                "value": "98.14",
                "changes": [{"base": "2020-02-10", "pp": "92.52", "previous": "5.62"}],
            }
        },
    )
    assert _verdict(ok, CheckKind.CHANGE_PP) is Verdict.CONSISTENT
    bad = _check(
        [rate],
        {
            "r": {
                "value": "98.14",
                "changes": [{"base": "2020-02-10", "pp": "92.62", "previous": "5.62"}],
            }
        },
    )
    assert _verdict(bad, CheckKind.CHANGE_PP) is Verdict.INCONSISTENT


def test_pace_claim() -> None:
    hard = {
        "id": "hard",
        "name": "就业困难对象就业",
        "unit": "万人",
        "measure": "flow",
        "target": "0.9",
    }
    ok = _check([hard], {"hard": {"value": "0.66", "pace_status": "ahead"}})
    assert _verdict(ok, CheckKind.PACE_CLAIM) is Verdict.CONSISTENT
    bad = _check([hard], {"hard": {"value": "0.66", "pace_status": "behind"}})
    assert _verdict(bad, CheckKind.PACE_CLAIM) is Verdict.INCONSISTENT


def test_junit_and_json_read_back(tmp_path: Path) -> None:
    runner = CliRunner()
    junit = tmp_path / "check.xml"
    result = runner.invoke(app, ["check", "--junit", str(junit), "--format", "json"])
    assert result.exit_code == 0, result.output
    import json

    report = json.loads(result.stdout)
    assert report["passed"] is True and report["summary"]["inconsistent"] == 0
    suite = ET.parse(junit).getroot().find("testsuite")
    assert suite is not None
    cases = suite.findall("testcase")
    assert len(cases) == report["summary"]["checks"] == int(suite.get("tests", "0"))
    assert suite.get("failures") == "0"
    skipped = [c for c in cases if c.find("skipped") is not None]
    assert len(skipped) == report["summary"]["not_checkable"]
    assert all(c.get("file", "").endswith(".yaml") and int(c.get("line", "0")) > 0 for c in cases)


# Regressions found in review, each worked by hand.


def test_rounding_override_reaches_the_parts() -> None:
    # Truncated, 4 + 5 spans [9, 11) and 10 spans [10, 11): consistent. Read half-even
    # the parts but truncated the total, it used to fail.
    total = {"id": "t", "name": "合计", "unit": "万人", "measure": "stock", "parts": ["a", "b"]}
    parts = [{"id": p, "name": "分项", "unit": "万人", "measure": "stock"} for p in "ab"]
    figures = {"t": {"value": "10"}, "a": {"value": "4"}, "b": {"value": "5"}}
    findings = _check([total, *parts], figures, rounding=RoundingMode.TRUNCATE)
    assert _verdict(findings, CheckKind.COMPOSITION) is Verdict.CONSISTENT
    findings = _check([total, *parts], figures)  # half-even: 4 + 5 is [8, 10] -- touches 9.5
    assert _verdict(findings, CheckKind.COMPOSITION) is Verdict.CONSISTENT


def test_rounded_method_with_an_exclusive_limit() -> None:
    # 低于 4 by rounded values: 3.6 rounds to 4, and 4 < 4 is false, so the claim
    # "3.6 is below 4" cannot hold; 3.4 (rounds to 3) can.
    ind = {
        **RATE,
        "direction": "lower",
        "thresholds": [{"word": "低于", "value": "4", "method": "rounded"}],
    }
    bad = _check([ind], {"pass_rate": {"value": "3.6", "meets_threshold": True}})
    assert _verdict(bad, CheckKind.THRESHOLD_CLAIM) is Verdict.INCONSISTENT
    assert _verdict(bad, CheckKind.THRESHOLD) is Verdict.FAIL
    ok = _check([ind], {"pass_rate": {"value": "3.4", "meets_threshold": True}})
    assert _verdict(ok, CheckKind.THRESHOLD_CLAIM) is Verdict.CONSISTENT


def test_previous_is_read_in_the_figure_s_unit() -> None:
    # 42200人 against 40000人 last year is +5.50%, for an indicator kept in 万人.
    ind = {"id": "jobs", "name": "再就业", "unit": "万人", "measure": "stock"}
    figure = {
        "value": "42200",
        "unit": "人",
        "changes": [{"base": "same_period_last_year", "previous": "40000", "pct": "5.50"}],
    }
    findings = _check([ind], {"jobs": figure})
    assert _verdict(findings, CheckKind.CHANGE_PCT) is Verdict.CONSISTENT


def test_a_count_s_absolute_change_is_whole() -> None:
    # 29 cases, 25 fewer: last year was exactly 54, so the rate is -46.30%, not -46.00%.
    base = {"value": "29", "changes": [{"base": "same_period_last_year", "abs": "-25"}]}
    base["changes"][0]["pct"] = "-46.00"
    assert _verdict(_check([CASES], {"cases": base}), CheckKind.CHANGE_PCT) is Verdict.INCONSISTENT
    base["changes"][0]["pct"] = "-46.30"
    assert _verdict(_check([CASES], {"cases": base}), CheckKind.CHANGE_PCT) is Verdict.CONSISTENT


def test_pace_claim_respects_an_open_end() -> None:
    # Truncated, 3.9 of 4 is [3.9, 4.0): completion never reaches 100%.
    ind = {"id": "m", "name": "资金", "unit": "万元", "measure": "flow", "target": "4"}
    figure = {"value": "3.9", "pace_status": "completed"}
    findings = _check([ind], {"m": figure}, rounding=RoundingMode.TRUNCATE)
    assert _verdict(findings, CheckKind.PACE_CLAIM) is Verdict.INCONSISTENT


def test_near_a_round_number_spans_its_last_non_zero_digit() -> None:
    # 近1000 = 960 + 20: 980 is under 1000 by less than a hundred.
    total = {"id": "t", "name": "合计", "unit": "人", "measure": "stock", "parts": ["a", "b"]}
    parts = [{"id": p, "name": "分项", "unit": "人", "measure": "stock"} for p in "ab"]
    figures = {"t": {"value": "近1000"}, "a": {"value": "960"}, "b": {"value": "20"}}
    assert _verdict(_check([total, *parts], figures), CheckKind.COMPOSITION) is Verdict.CONSISTENT


def test_threshold_margin_keeps_the_value_s_decimals() -> None:
    ind = {
        "id": "u",
        "name": "登记失业人数",
        "unit": "万人",
        "measure": "stock",
        "direction": "lower",
        "thresholds": [{"word": "以内", "value": "4"}],
    }
    [f] = _check([ind], {"u": {"value": "3.56"}})
    assert f.verdict is Verdict.PASS and f.limit is not None
    assert (f.limit.margin, f.limit.margin_places) == (Fraction("0.44"), 2)


@pytest.mark.parametrize("method", ["full", "rounded"])
@pytest.mark.parametrize(
    ("word", "value", "claim"),
    [
        # 40 digits (core/limits.py allows them): far above a floor, far below a ceiling.
        ("以上", "9" * 40, True),
        ("以上", "-" + "9" * 40, False),
        ("以内", "-" + "9" * 40, True),
        ("以内", "9" * 40, False),
    ],
)
def test_a_limit_has_no_far_end(word: str, value: str, claim: bool, method: str) -> None:
    # A 40-digit figure, a limit with one side open: the claim "meets it" (or "does not")
    # holds however large the figure, with no stand-in for infinity to run past.
    ind = {
        "id": "balance",
        "name": "结余",
        "unit": "万元",
        "measure": "stock",
        "signed": True,
        "direction": "lower" if word == "以内" else "higher",
        "thresholds": [{"word": word, "value": "4", "method": method}],
    }
    figures = {"balance": {"value": value, "meets_threshold": claim}}
    assert _verdict(_check([ind], figures), CheckKind.THRESHOLD_CLAIM) is Verdict.CONSISTENT
    # The opposite claim cannot be right.
    figures = {"balance": {"value": value, "meets_threshold": not claim}}
    assert _verdict(_check([ind], figures), CheckKind.THRESHOLD_CLAIM) is Verdict.INCONSISTENT
