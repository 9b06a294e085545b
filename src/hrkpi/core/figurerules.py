"""Rules a figure obeys that depend on its indicator: units and signs.

A count or a rate is never negative (−4.22万人 re-employed, an unemployment
rate of −3.56% are mistakes); a change may be. A unit written after a number
("0.68万人", "56.7%") is taken where it says what the field already is, and
refused with the fix where it does not. One function per input model, used by
every reader (YAML, CSV, Parquet, and the fast path's rows), so the engines
refuse the same figures with the same words. Each problem is (path, message),
the path relative to the model (("changes", 0, "abs"),), for the reader to locate.
"""

from __future__ import annotations

from collections.abc import Iterator

from hrkpi.core.models import Indicator, StatedFigure
from hrkpi.core.numbers import Figure
from hrkpi.core.units import Unit

Path = tuple[str | int, ...]
Found = list[tuple[Path, str]]

_SIGNED_HINT = (
    "if this indicator can fall below zero (a growth rate, a balance), "
    "set signed: true in its definition"
)


def indicator_problems(indicator: Indicator) -> Found:
    """Problems of a definition's target and limits: their units and signs."""
    found: Found = []
    unit = indicator.unit
    figures: list[tuple[Path, Figure | None, bool]] = [
        (("targets", i, "value"), t.value, indicator.signed)
        for i, t in enumerate(indicator.targets)
    ] or [(("target",), indicator.target, indicator.signed)]
    for i, t in enumerate(indicator.thresholds):
        figures += [
            (("thresholds", i, "value"), t.value, indicator.signed),
            (("thresholds", i, "upper"), t.upper, indicator.signed),
            (("thresholds", i, "tolerance"), t.tolerance, False),
        ]
    for path, figure, signed in figures:
        if figure is None:
            continue
        found += _unit_word(path, figure, unit, "the indicator's unit")
        if figure.value < 0 and not signed:
            what = "a tolerance" if path[-1] == "tolerance" else f"a limit of {indicator.name}"
            found.append((path, f"{figure.literal} is below zero, which {what} never is"))
    return found


def stated_problems(indicator: Indicator, stated: StatedFigure) -> Found:
    """Problems of a stated figure against its indicator: units and signs."""
    found: Found = []
    if stated.unit is not None and stated.unit.base != indicator.unit.base:
        found.append(
            (
                ("unit",),
                f"unit {stated.unit.symbol!r} cannot be converted to the indicator's "
                f"{indicator.unit.symbol!r}; use a unit of the same kind",
            )
        )
        return found
    own = stated.unit or indicator.unit
    whose = "the figure's unit" if stated.unit else "the indicator's unit"
    if stated.value is not None:
        found += _unit_word(("value",), stated.value, own, whose)
    for path, figure in _unsigned(stated):
        if figure.value < 0 and not indicator.signed:
            found.append(
                (
                    path,
                    f"{figure.literal} is below zero, and {indicator.name} ({own.symbol}) "
                    f"never is: state a decrease as a change; {_SIGNED_HINT}",
                )
            )
    for i, change in enumerate(stated.changes):
        if change.abs_unit is not None and change.abs_unit.base != indicator.unit.base:
            found.append(
                (
                    ("changes", i, "abs_unit"),
                    f"abs_unit {change.abs_unit.symbol!r} cannot be converted to the "
                    f"indicator's {indicator.unit.symbol!r}; use a unit of the same kind",
                )
            )
            continue
        if change.previous is not None:
            found += _unit_word(("changes", i, "previous"), change.previous, own, whose)
        if change.abs is not None:
            abs_unit = change.abs_unit or own
            where = "its abs_unit" if change.abs_unit else whose
            found += _unit_word(("changes", i, "abs"), change.abs, abs_unit, where)
    return found


def _unsigned(stated: StatedFigure) -> Iterator[tuple[Path, Figure]]:
    """The figures that take the indicator's sign rule (changes are signed)."""
    if stated.value is not None:
        yield ("value",), stated.value
    if stated.completion is not None:
        yield ("completion",), stated.completion
    for i, change in enumerate(stated.changes):
        if change.previous is not None:
            yield ("changes", i, "previous"), change.previous


def _unit_word(path: Path, figure: Figure, unit: Unit, whose: str) -> Found:
    """A unit written after the number must be the unit the figure is in."""
    if not figure.unit_word or figure.unit_word == unit.symbol:
        return []
    fix = f"write the number in {unit.symbol}"
    if path[-1] == "abs" and whose != "its abs_unit":
        fix += f", or write {figure.literal} and add abs_unit: {figure.unit_word} to the change"
    elif whose == "the indicator's unit" and path[0] in ("value", "changes"):
        fix += f", or write {figure.literal} and add unit: {figure.unit_word} to the figure"
    return [
        (
            path,
            f"{figure.literal}{figure.unit_word} is in {figure.unit_word}, but {whose} is "
            f"{unit.symbol}: {fix}",
        )
    ]
