"""The field types every input model shares: stated figures (literal text kept),
units, identifiers, and the strict base model that forbids unknown keys."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    WithJsonSchema,
)

from hrkpi.core.numbers import Figure, parse_figure
from hrkpi.core.periods import Period, parse_period
from hrkpi.core.units import BUILTIN_UNITS, Unit, get_unit


def _figure(value: Any) -> Figure:
    if isinstance(value, Figure):
        return value
    if value is None:
        raise ValueError('a number is required here, such as "4.22"')
    if isinstance(value, (list, dict)):
        kind = "a list" if isinstance(value, list) else "a mapping"
        raise ValueError(f'expected one number, such as "4.22", not {kind}')
    return parse_figure(value)


def _unit(value: Any) -> Unit:
    if isinstance(value, Unit):
        return value
    if not isinstance(value, str):
        raise ValueError(f'a unit is written as text, such as "万人", not {value!r}')
    return get_unit(value)


FigureField = Annotated[
    Figure,
    PlainValidator(_figure),
    PlainSerializer(lambda f: f.literal, return_type=str),
    WithJsonSchema(
        {
            "anyOf": [{"type": "string"}, {"type": "number"}],
            "description": 'A figure as stated: "236.60", "-12.44", "近84", "1400多".',
        }
    ),
]
UnitField = Annotated[
    Unit,
    PlainValidator(_unit),
    PlainSerializer(lambda u: u.symbol, return_type=str),
    # Built-in units are offered by editors; a unit declared under units: is text.
    WithJsonSchema(
        {
            "type": "string",
            "anyOf": [
                {"enum": list(BUILTIN_UNITS)},
                {"description": "a unit declared under units: in the indicators folder"},
            ],
        }
    ),
]
Identifier = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]


class StrictModel(BaseModel):
    """Base of every input model: unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def _period(value: Any) -> Period:
    if isinstance(value, Period):
        return value
    if not isinstance(value, str):
        raise ValueError(f"a period is written as text, such as 2020-01/06, not {value!r}")
    return parse_period(value)


PeriodField = Annotated[
    Period,
    PlainValidator(_period),
    PlainSerializer(lambda p: p.code, return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "description": "A published period: 2020-06 (当月), 2020-01/06 (累计 1-6月), "
            "2020-Q2, 2020-H1, 2020 (or as a report writes it: 2020年1-6月).",
        }
    ),
]
