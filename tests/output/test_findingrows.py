"""The findings table: each column as the check text says it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hrkpi.checks.findings import CheckKind
from hrkpi.checks.report import check_dataset
from hrkpi.core.catalog import Catalog
from hrkpi.core.models import Indicator, StatedFigure
from hrkpi.core.numbers import RoundingMode
from hrkpi.core.observations import Dataset, Observation
from hrkpi.output.findingrows import finding_rows
from hrkpi.output.findreasons import explanation
from hrkpi.output.findwords import Words
from hrkpi.output.words import Lang


def _findings(indicators: list[dict[str, Any]], figures: dict[str, dict[str, Any]]) -> Any:
    catalog = Catalog()
    for raw in indicators:
        ind = Indicator.model_validate(raw)
        catalog.indicators[ind.id] = ind
    observations = [
        Observation(
            i,
            "",
            dt.date(2023, 12, 31),
            StatedFigure.model_validate(f),
            RoundingMode.HALF_EVEN,
            "t",
            "t.yaml",
            n + 1,
        )
        for n, (i, f) in enumerate(figures.items())
    ]
    return catalog, check_dataset(catalog, Dataset(observations)).findings


def test_a_computed_range_has_the_precision_the_check_text_gives_it() -> None:
    # 84.5多万元 has one decimal (the 多 is a word, not a digit): the parts' sum
    # 40.1234 + 44.4567 lies in (84.58, 84.5802), shown at two decimals more than the
    # stated figure's, rounded outwards: (84.58, 84.581).
    stock = {"unit": "万元", "measure": "stock"}
    catalog, findings = _findings(
        [
            {"id": "staff", "name": "从业人员", **stock, "parts": ["industry", "services"]},
            {"id": "industry", "name": "工业", **stock},
            {"id": "services", "name": "服务业", **stock},
        ],
        {
            "staff": {"value": "84.5多"},
            "industry": {"value": "40.1234"},
            "services": {"value": "44.4567"},
        },
    )
    [f] = [f for f in findings if f.kind is CheckKind.COMPOSITION]
    [row] = finding_rows([f], None, Lang.ZH)
    assert row.texts["computed"] == "(84.58, 84.581)"
    assert "(84.58, 84.581)万元" in "".join(explanation(f, Words(Lang.ZH, catalog)))


def test_a_stated_approximate_figure_is_said_in_the_tables_language() -> None:
    # 近84 on a stock that is the sum of 40 and 43: the sum 83 lies within 近84's
    # [83, 84], so consistent; the 陈述值 column says it as the check text does.
    stock = {"unit": "万件", "measure": "stock"}
    _catalog, findings = _findings(
        [
            {"id": "all", "name": "办件量", **stock, "parts": ["a", "b"]},
            {"id": "a", "name": "线上", **stock},
            {"id": "b", "name": "线下", **stock},
        ],
        {"all": {"value": "近84"}, "a": {"value": "40"}, "b": {"value": "43"}},
    )
    [f] = [f for f in findings if f.kind is CheckKind.COMPOSITION]
    [zh] = finding_rows([f], None, Lang.ZH)
    [en] = finding_rows([f], None, Lang.EN)
    assert zh.texts["stated"] == "近84"
    assert en.texts["stated"] == "nearly 84"
