"""The field types every input model shares: stated figures (literal text kept),
units, dates, flags, text, identifiers, periods, and the strict base model that
forbids unknown keys.

Each validates one value the same way for every reader (YAML, CSV, Parquet,
workbooks, the fast path's rows) and refuses with a message a user can act on,
never a library's type name.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    WithJsonSchema,
)

from hrkpi.core.dates import parse_date
from hrkpi.core.messages import Msg, verbatim
from hrkpi.core.numbers import Figure, parse_figure
from hrkpi.core.periods import Period, parse_period
from hrkpi.core.text import check_text
from hrkpi.core.units import BUILTIN_UNITS, POINT, Unit, get_unit


def _figure(value: Any) -> Figure:
    if isinstance(value, Figure):
        return value
    if value is None:
        raise ValueError(Msg('a number is required here, such as "4.22"'))
    if isinstance(value, (list, dict)):
        kind = _kind(value)
        raise ValueError(Msg('expected one number, such as "4.22", not {kind}', kind=kind))
    return parse_figure(value)


def _in(symbol: str, what: Msg) -> Any:
    """A figure validator that takes a unit word only when it is `symbol`."""

    def validate(value: Any) -> Figure:
        figure = _figure(value)
        if figure.unit_word and figure.unit_word != symbol:
            raise ValueError(
                Msg(
                    "{what} is in {symbol}, not {word}: write {literal} "
                    "(the unit is already {symbol})",
                    what=what,
                    symbol=symbol,
                    word=figure.unit_word,
                    literal=figure.literal,
                )
            )
        return figure

    return validate


def _unit(value: Any) -> Unit:
    if isinstance(value, Unit):
        return value
    if not isinstance(value, str):
        raise ValueError(
            Msg('a unit is written as text, such as "万人", not {value!r}', value=value)
        )
    return get_unit(value)


_FIGURE_SCHEMA = {
    "anyOf": [{"type": "string"}, {"type": "number"}],
    "description": 'A figure as stated: "236.60", "-12.44", "近84", "1400多".',
}
FigureField = Annotated[
    Figure,
    PlainValidator(_figure),
    PlainSerializer(lambda f: f.literal, return_type=str),
    WithJsonSchema(_FIGURE_SCHEMA),
]
# A completion or a growth rate: "56.7" or "56.7%" (the % is the field's own unit).
PercentField = Annotated[
    Figure,
    PlainValidator(_in("%", Msg("a percentage"))),
    PlainSerializer(lambda f: f.literal, return_type=str),
    WithJsonSchema(_FIGURE_SCHEMA),
]
# A change of a rate: "0.44" or "0.44个百分点".
PointsField = Annotated[
    Figure,
    PlainValidator(_in(POINT, Msg("a change of a rate"))),
    PlainSerializer(lambda f: f.literal, return_type=str),
    WithJsonSchema(_FIGURE_SCHEMA),
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
DateField = Annotated[
    dt.date,
    PlainValidator(parse_date),
    PlainSerializer(lambda d: d.isoformat(), return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "anyOf": [{"format": "date"}, {"pattern": r"^\d{4}年\d{1,2}月\d{1,2}日$"}],
            "description": "A date: 2020-06-30 or 2020年6月30日.",
        }
    ),
]

_TRUE = {"true": True, "yes": True, "是": True, "false": False, "no": False, "否": False}


def _flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _TRUE:
        return _TRUE[value.strip().lower()]
    raise ValueError(Msg("write true or false (是 or 否), not {value!r}", value=value))


Flag = Annotated[
    bool,
    PlainValidator(_flag),
    WithJsonSchema({"anyOf": [{"type": "boolean"}, {"enum": ["是", "否"]}]}),
]


def _text(multiline: bool, required: bool = False) -> Any:
    def validate(value: Any) -> str:
        if not isinstance(value, str):
            raise ValueError(Msg("expected text here, not {kind}", kind=_kind(value)))
        if required and not value.strip():
            raise ValueError(Msg("this text is empty; write it out"))
        return check_text(value, multiline=multiline)

    return validate


def _kind(value: Any) -> Msg:
    if isinstance(value, list):
        return Msg("a list")
    if isinstance(value, dict):
        return Msg("a mapping")
    return verbatim(repr(value))


# One line of text (a name, a title, a region): printable characters only.
Text = Annotated[str, PlainValidator(_text(False)), WithJsonSchema({"type": "string"})]
# The same, and never empty.
RequiredText = Annotated[
    str, PlainValidator(_text(False, True)), WithJsonSchema({"type": "string", "minLength": 1})
]
# Free text (a quote, a note, a description): may run over lines.
LongText = Annotated[str, PlainValidator(_text(True)), WithJsonSchema({"type": "string"})]
Identifier = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]


class StrictModel(BaseModel):
    """Base of every input model: unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    def plain(self) -> Any:
        """This model as the plain record the program computes on (hrkpi.core.records):
        the same fields, every model among them a record too."""
        values = dict(self.__dict__)  # a model's fields, in order (extra keys are refused)
        for name, value in values.items():
            if type(value) is list:
                if value and isinstance(value[0], StrictModel):  # a list of one kind
                    values[name] = [v.plain() for v in value]
            elif isinstance(value, StrictModel):
                values[name] = value.plain()
        return RECORDS[type(self)](**values)


# Each schema model's record (registered by hrkpi.core.indicatorschema and dataschema).
RECORDS: dict[type[StrictModel], Callable[..., Any]] = {}


def _period(value: Any) -> Period:
    if isinstance(value, Period):
        return value
    if not isinstance(value, str):
        raise ValueError(
            Msg("a period is written as text, such as 2020-01/06, not {value!r}", value=value)
        )
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
