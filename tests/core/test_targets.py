"""Named targets (省下达, 力争), targets on stocks and rates, and which targets a region is
judged by: its own, the definition's for a root, never its parent's."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from hrkpi.core.models import Indicator
from hrkpi.core.numbers import parse_figure
from hrkpi.core.regions import RegionHierarchy
from hrkpi.core.targets import (
    AssignedTarget,
    TargetBook,
    TargetSource,
    region_targets,
)
from hrkpi.engine.indicator import judge_targets


def _ind(**extra: object) -> Indicator:
    return Indicator.model_validate(
        {"id": "jobs", "name": "城镇新增就业", "unit": "人", "measure": "flow", **extra}
    )


def test_one_target_is_named_and_primary() -> None:
    ind = _ind(target="12000")
    [only] = ind.named_targets
    assert (only.name, only.value.literal, only.primary) == ("目标", "12000", True)


def test_several_named_targets_first_is_primary_unless_marked() -> None:
    ind = _ind(targets=[{"name": "省下达", "value": "12000"}, {"name": "力争", "value": "12600"}])
    assert [t.name for t in ind.named_targets] == ["省下达", "力争"]
    assert (
        ind.target is not None and ind.target.literal == "12000"
    )  # the primary, for one-target code
    marked = _ind(
        targets=[
            {"name": "省下达", "value": "12000"},
            {"name": "力争", "value": "12600", "primary": True},
        ]
    )
    assert [t.name for t in marked.named_targets] == ["力争", "省下达"]
    assert marked.target is not None and marked.target.literal == "12600"


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"target": "1", "targets": [{"name": "a", "value": "1"}]}, "either target"),
        (
            {"targets": [{"name": "力争", "value": "1"}, {"name": "力争", "value": "2"}]},
            "used twice",
        ),
        (
            {
                "targets": [
                    {"name": "a", "value": "1", "primary": True},
                    {"name": "b", "value": "2", "primary": True},
                ]
            },
            "at most one",
        ),
        ({"targets": [{"name": "a", "value": "0"}]}, "greater than zero"),
        ({"direction": "lower", "target": "4"}, "ceiling threshold"),
    ],
)
def test_target_mistakes_are_refused(extra: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        _ind(**extra)


def test_a_stock_gets_a_completion_and_a_rate_a_margin_in_points() -> None:
    stock = Indicator.model_validate(
        {"id": "ins", "name": "参保人数", "unit": "万人", "measure": "stock", "target": "43"}
    )
    [res] = judge_targets(stock, Fraction(4200, 100))
    assert res.completion == Fraction(4200, 43)  # 42.00 / 43 x 100 = 97.67%
    assert not res.reached
    rate = Indicator.model_validate(
        {"id": "cov", "name": "参保率", "unit": "%", "measure": "rate", "target": "95"}
    )
    [res] = judge_targets(rate, Fraction(9620, 100))
    assert res.completion is None and res.gap == Fraction(120, 100) and res.reached


def _book(*rows: tuple[str, str, int, str, str]) -> TargetBook:
    return TargetBook(
        tuple(
            AssignedTarget(ind, region, year, parse_figure(value), name=name)
            for ind, region, year, value, name in rows
        )
    )


HIERARCHY = RegionHierarchy.from_pairs([("海湾市", ""), ("临江区", "海湾市"), ("云山区", "海湾市")])


def test_a_region_is_judged_by_its_own_target() -> None:
    ind = _ind(target="12000")
    book = _book(("jobs", "临江区", 2021, "4000", ""))
    named, source = region_targets(ind, "临江区", 2021, book, HIERARCHY)
    assert ([t.value.literal for t in named], source) == (["4000"], TargetSource.ASSIGNED)
    # Another year has no assignment: the district has none of its own.
    assert region_targets(ind, "临江区", 2022, book, HIERARCHY) == ([], TargetSource.NONE)


def test_a_child_never_takes_its_parents_target() -> None:
    ind = _ind(target="12000")
    assert region_targets(ind, "云山区", 2021, None, HIERARCHY) == ([], TargetSource.NONE)
    named, source = region_targets(ind, "海湾市", 2021, None, HIERARCHY)
    assert ([t.value.literal for t in named], source) == (["12000"], TargetSource.DEFINITION)


def test_without_a_hierarchy_a_region_missing_from_a_split_has_no_target() -> None:
    ind = _ind(target="12000")
    book = _book(("jobs", "临江区", 2021, "4000", ""))
    assert region_targets(ind, "云山区", 2021, book, None) == ([], TargetSource.NONE)
    # A plain report (no split, no hierarchy) keeps the definition's target.
    named, _ = region_targets(ind, "海湾市", 2021, None, None)
    assert [t.value.literal for t in named] == ["12000"]


def test_an_indicator_without_any_target_says_nothing() -> None:
    assert region_targets(_ind(), "云山区", 2021, None, HIERARCHY) == ([], None)


def test_assigned_named_targets_keep_their_names_primary_first() -> None:
    book = _book(
        ("jobs", "临江区", 2021, "4000", "省下达"), ("jobs", "临江区", 2021, "4200", "力争")
    )
    named, _ = region_targets(_ind(), "临江区", 2021, book, HIERARCHY)
    assert [(t.name, t.primary) for t in named] == [("省下达", True), ("力争", False)]


def test_assigned_targets_take_the_english_name_of_the_definitions_namesake() -> None:
    # The city's definition names 力争 "stretch" in English; the targets file names the
    # district's targets in Chinese alone: its 力争 is a stretch too, its 区定 has none.
    ind = _ind(
        targets=[
            {"name": "省下达", "value": "12000", "name_en": "provincial"},
            {"name": "力争", "value": "12600", "name_en": "stretch"},
        ]
    )
    book = _book(
        ("jobs", "临江区", 2021, "4000", "省下达"),
        ("jobs", "临江区", 2021, "4200", "力争"),
        ("jobs", "临江区", 2021, "4100", "区定"),
    )
    named, _ = region_targets(ind, "临江区", 2021, book, HIERARCHY)
    assert [(t.name, t.name_en) for t in named] == [
        ("省下达", "provincial"),
        ("力争", "stretch"),
        ("区定", None),
    ]


@given(
    st.integers(min_value=0, max_value=10**9),
    st.integers(min_value=1, max_value=10**6),
    st.integers(min_value=1, max_value=10**6),
)
def test_every_target_gives_value_over_target(value: int, first: int, second: int) -> None:
    ind = _ind(
        targets=[{"name": "省下达", "value": str(first)}, {"name": "力争", "value": str(second)}]
    )
    results = judge_targets(ind, Fraction(value))
    assert [r.completion for r in results] == [
        Fraction(value * 100, first),
        Fraction(value * 100, second),
    ]
    assert [r.reached for r in results] == [value >= first, value >= second]
