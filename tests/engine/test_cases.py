"""Worked examples kept as data: every YAML file under tests/engine/cases/ is a list
of cases, each an indicator definition, what a report states, and the figures
expected (worked out by hand). One generator turns them into tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from hrkpi.core.models import Indicator, StatedFigure
from hrkpi.core.numbers import RoundingMode, format_decimal
from hrkpi.core.observations import Observation
from hrkpi.core.pace import PaceMethod
from hrkpi.engine.indicator import compute_indicator

CASES = Path(__file__).parent / "cases"


def _load() -> list[Any]:
    found = []
    for file in sorted(CASES.glob("*.yaml")):
        for case in yaml.load(file.read_text(encoding="utf-8"), Loader=yaml.BaseLoader):
            found.append(pytest.param(case, id=f"{file.stem}:{case['name']}"))
    return found


def _actual(result: Any, key: str) -> str | None:
    d = result.value_decimals
    if key == "value":
        return format_decimal(result.value, d) if result.value is not None else None
    if key in ("completion", "pace", "over_plan"):
        v = getattr(result, key)
        return format_decimal(v, 2) if v is not None else None
    if key == "pace_status":
        return result.pace_status.value if result.pace_status else None
    if key == "parts_sum":
        v = result.parts_sum
        return format_decimal(v, result.parts_decimals) if v is not None else None
    if key.startswith("change."):
        _, index, field = key.split(".")
        change = result.changes[int(index)]
        v = getattr(change, field)
        places = change.decimals if field in ("previous", "absolute") else 2
        return format_decimal(v, places) if v is not None else None
    if key.startswith("threshold."):
        _, index, field = key.split(".")
        t = result.thresholds[int(index)]
        if field == "met":
            return str(t.met).lower()
        return format_decimal(t.margin, 2)
    raise KeyError(key)


@pytest.mark.parametrize("case", _load())
def test_case(case: dict[str, Any]) -> None:
    indicator = Indicator.model_validate(case["indicator"])
    stated = StatedFigure.model_validate(case["stated"])
    as_of = dt.date.fromisoformat(case.get("as_of", "2020-06-30"))
    obs = Observation(indicator.id, "", as_of, stated, RoundingMode.HALF_EVEN, "case", "case", 1)
    parts = {k: __import__("fractions").Fraction(v) for k, v in case.get("parts", {}).items()}
    result = compute_indicator(
        indicator,
        obs,
        region="",
        pace_method=PaceMethod(case.get("pace", "days")),
        part_values=parts or None,
    )
    for key, expected in case["expect"].items():
        assert _actual(result, key) == (expected or None), key
