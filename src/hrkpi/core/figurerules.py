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

from hrkpi.core.messages import Msg
from hrkpi.core.models import Indicator, StatedFigure
from hrkpi.core.numbers import Figure, figure_in
from hrkpi.core.units import Unit, get_unit

Path = tuple[str | int, ...]
Found = list[tuple[Path, Msg]]


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
        found += _unit_word(path, figure, unit, _INDICATOR_UNIT)
        if figure.value < 0 and not signed:
            if path[-1] == "tolerance":
                said = Msg(
                    "{literal} is below zero, which a tolerance never is", literal=figure.literal
                )
            else:
                said = Msg(
                    "{literal} is below zero, which a limit of {name} never is",
                    literal=figure.literal,
                    name=indicator.name,
                )
            found.append((path, said))
    return found


def stated_problems(indicator: Indicator, stated: StatedFigure) -> Found:
    """Problems of a stated figure against its indicator: units and signs."""
    found: Found = []
    if stated.unit is not None and stated.unit.base != indicator.unit.base:
        found.append(
            (
                ("unit",),
                Msg(
                    "unit {unit!r} cannot be converted to the indicator's {own!r}; "
                    "use a unit of the same kind",
                    unit=stated.unit.symbol,
                    own=indicator.unit.symbol,
                ),
            )
        )
        return found
    own = stated.unit or indicator.unit
    whose = _FIGURE_UNIT if stated.unit else _INDICATOR_UNIT
    if stated.value is not None:
        found += _unit_word(("value",), stated.value, own, whose)
    for path, figure in _unsigned(stated):
        if figure.value < 0 and not indicator.signed:
            found.append(
                (
                    path,
                    Msg(
                        "{literal} is below zero, and {name} ({unit}) never is: state a "
                        "decrease as a change; if this indicator can fall below zero (a growth "
                        "rate, a balance), set signed: true in its definition",
                        literal=figure.literal,
                        name=indicator.name,
                        unit=own.symbol,
                    ),
                )
            )
    for i, change in enumerate(stated.changes):
        if change.abs_unit is not None and change.abs_unit.base != indicator.unit.base:
            found.append(
                (
                    ("changes", i, "abs_unit"),
                    Msg(
                        "abs_unit {unit!r} cannot be converted to the indicator's {own!r}; "
                        "use a unit of the same kind",
                        unit=change.abs_unit.symbol,
                        own=indicator.unit.symbol,
                    ),
                )
            )
            continue
        if change.previous is not None:
            found += _unit_word(("changes", i, "previous"), change.previous, own, whose)
        if change.abs is not None:
            abs_unit = change.abs_unit or own
            where = _ABS_UNIT if change.abs_unit else whose
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


# Whose unit a figure is in, as a message names it.
_INDICATOR_UNIT = Msg("the indicator's unit")
_FIGURE_UNIT = Msg("the figure's unit")
_ABS_UNIT = Msg("its abs_unit")


def _unit_word(path: Path, figure: Figure, unit: Unit, whose: Msg) -> Found:
    """A unit written after the number must be the unit the figure is in."""
    if not figure.unit_word or figure.unit_word == unit.symbol:
        return []
    if path[-1] == "abs" and whose is not _ABS_UNIT:
        fix = Msg(
            "write the number in {unit}, or write {literal} and add abs_unit: {word} to the change",
            unit=unit.symbol,
            literal=figure.literal,
            word=figure.unit_word,
        )
    elif whose is _INDICATOR_UNIT and path[0] in ("value", "changes"):
        fix = Msg(
            "write the number in {unit}, or write {literal} and add unit: {word} to the figure",
            unit=unit.symbol,
            literal=figure.literal,
            word=figure.unit_word,
        )
    else:
        fix = _in_unit(figure, unit)
    said = Msg(
        "{literal}{word} is in {word}, but {whose} is {unit}: {fix}",
        literal=figure.literal,
        word=figure.unit_word,
        whose=whose,
        unit=unit.symbol,
        fix=fix,
    )
    return [(path, said)]


def _in_unit(figure: Figure, unit: Unit) -> Msg:
    """How to write a figure stated in another unit: the figure itself, moved (1.2万人
    is 12000 in 人), where the two units count the same thing."""
    try:
        own = get_unit(figure.unit_word)
    except ValueError:
        own = None
    if own is not None and own.base == unit.base and not unit.is_percent:
        moved = figure_in(figure, own, unit)
        return Msg("write the number in {unit}: {number}", unit=unit.symbol, number=moved.literal)
    return Msg("write the number in {unit}", unit=unit.symbol)
