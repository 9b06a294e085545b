"""The quote rule (hrkpi.checks.quotes) on generated sentences: a figure typed as its
sentence prints it (or in a finer unit that the sentence rounds) never disagrees; one
typed a unit off in its last digit always does (unless it is then another number the
sentence prints)."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from hrkpi.checks.findings import CheckKind
from hrkpi.checks.quotes import check_quote
from hrkpi.core.models import Indicator, StatedFigure
from hrkpi.core.numbers import RoundingMode, format_decimal
from hrkpi.core.observations import Observation

IND = Indicator.model_validate(
    {"id": "jobs", "name": "城镇新增就业", "unit": "万人", "measure": "flow"}
)
# Two significant digits at least: 1.0 to 99.99 (万人), at one or two decimals.
values = st.fractions(min_value=1, max_value=99, max_denominator=100)
places = st.integers(min_value=1, max_value=2)
target = st.integers(min_value=1, max_value=9)


def _quote_findings(figure: dict[str, object]) -> list[object]:
    obs = Observation(
        "jobs",
        "某市",
        dt.date(2023, 6, 30),
        StatedFigure.model_validate(figure),
        RoundingMode.HALF_EVEN,
        "",
        "d.yaml",
        1,
    )
    return [f for f in check_quote(IND, obs) if f.kind is CheckKind.QUOTE]


def _sentence(printed: str, goal: int) -> str:
    return f"上半年全市城镇新增就业{printed}万人，完成全年目标任务{goal}万人的一半以上"


@settings(max_examples=150, deadline=None)
@given(values, places, target)
def test_a_figure_as_printed_or_finer_never_disagrees(x: Fraction, d: int, goal: int) -> None:
    printed = format_decimal(x, d)
    quote = _sentence(printed, goal)
    assert _quote_findings({"value": printed, "quote": quote}) == []
    # The same figure typed in persons (12345人 for 1.23万人) is what the quote rounds.
    persons = format_decimal(Fraction(printed) * 10_000, 0)
    assert _quote_findings({"value": persons, "unit": "人", "quote": quote}) == []


@settings(max_examples=150, deadline=None)
@given(values, places, target, st.sampled_from([-1, 1]))
def test_a_figure_typed_a_unit_off_always_disagrees(
    x: Fraction, d: int, goal: int, sign: int
) -> None:
    printed = format_decimal(x, d)
    typed = format_decimal(Fraction(printed) + sign * Fraction(1, 10**d), d)
    # Typed as the other number of the sentence (6.0 beside the target 6万人), the rule
    # cannot tell which one the quote means: not this property's case.
    assume(Fraction(typed) != goal)
    [finding] = _quote_findings({"value": typed, "quote": _sentence(printed, goal)})
    assert finding.stated == typed  # type: ignore[attr-defined]
