"""Completion rates: against the annual target, or, when the report does not print
the target (and the definition gives none), the targets the rate allows."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from fractions import Fraction

from hrkpi.checks.figures import (
    figure_interval,
    finding,
    provenance,
    stated_unit,
    used,
)
from hrkpi.checks.findings import CheckKind, Finding, Role, Verdict
from hrkpi.core.models import Indicator
from hrkpi.core.numbers import format_decimal
from hrkpi.core.observations import Observation
from hrkpi.engine.indicator import HUNDRED
from hrkpi.engine.relations import roundest

PERCENT = "%"


def check_completion(
    ind: Indicator, obs: Observation, origin: tuple[str, int, int] | None = None
) -> Iterator[Finding]:
    """完成率 = actual / target: the stated rate against the actual's rounding interval.

    `origin` is where the indicator (and so its target) is defined: file, line, column.
    With no target, the finding gives the targets the figure and the rate allow
    (`target_not_printed`).
    """
    stated = obs.stated
    if stated.completion is None or stated.value is None:
        return
    value_fig = used(
        obs, Role.VALUE, stated.value, stated_unit(obs, ind), "value", whole=ind.is_integer
    )
    if ind.target is None:
        yield target_not_printed(ind, obs)
        return
    value = figure_interval(stated.value, obs, stated.unit, ind.unit, whole=ind.is_integer)
    # The annual target is a plan figure, exact as set.
    computed = value.scale(HUNDRED / ind.target.exact)
    target_fig = replace(
        used(obs, Role.TARGET, ind.target, ind.unit, "value", exact=True),
        file=origin[0] if origin else "",
        line=origin[1] if origin else 0,
    )
    yield finding(
        CheckKind.COMPLETION,
        obs,
        "completion",
        stated.completion,
        stated.completion.interval(obs.rounding),
        computed,
        unit=PERCENT,
        figures=(value_fig, target_fig),
    )


def target_not_printed(ind: Indicator, obs: Observation) -> Finding:
    """新增就业12345人，完成全年目标的61.7%: the targets (in the indicator's unit) the
    value and the rate allow, each within its rounding, and the roundest of them."""
    stated = obs.stated
    assert stated.value is not None and stated.completion is not None
    value = figure_interval(stated.value, obs, stated.unit, ind.unit, whole=ind.is_integer)
    rate = stated.completion.interval(obs.rounding).scale(1 / HUNDRED)
    figures = (
        used(obs, Role.VALUE, stated.value, stated_unit(obs, ind), "value", whole=ind.is_integer),
        used(obs, Role.COMPLETION, stated.completion, PERCENT, "completion"),
    )
    computed = None
    implied = None
    if not rate.reaches_zero() and rate.lo > 0:
        computed = value / rate
        best = roundest(computed)
        if best is not None:
            implied = exact_text(best)
    return Finding(
        CheckKind.COMPLETION,
        obs.indicator,
        obs.region,
        Verdict.TARGET_NOT_PRINTED,
        obs.file,
        obs.line_of("completion"),
        stated.completion.literal,
        decimals=stated.completion.decimals,
        unit=ind.unit.symbol,
        computed=computed,
        figures=figures,
        implied=implied,
        implied_unit=ind.unit.symbol if implied else "",
        **provenance(obs),
    )


def exact_text(x: Fraction) -> str:
    """A terminating decimal written with as many decimals as it has (4, 0.9, 2.5)."""
    places = 0
    while (x * 10**places).denominator != 1 and places < 12:
        places += 1
    return format_decimal(x, places)
