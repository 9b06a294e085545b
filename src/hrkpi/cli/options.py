"""The options several commands share, and the parsers of their values."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from fractions import Fraction
from pathlib import Path
from typing import Annotated

import typer


class LangOption(StrEnum):
    """Output language."""

    ZH = "zh"
    EN = "en"


class PaceOption(StrEnum):
    """How schedule pace counts elapsed time."""

    DAYS = "days"
    MONTHS = "months"


IndicatorsOpt = Annotated[
    Path | None,
    typer.Option(
        "--indicators",
        "-i",
        help="Folder (or file) of indicator definitions. Default: the bundled report's.",
        envvar="HRKPI_INDICATORS",
        show_default=False,
    ),
]
DataOpt = Annotated[
    Path | None,
    typer.Option(
        "--data",
        "-d",
        help="Data file or folder (YAML or CSV). Default: the bundled report's.",
        envvar="HRKPI_DATA",
        show_default=False,
    ),
]
LangOpt = Annotated[
    LangOption,
    typer.Option(
        "--lang",
        envvar="HRKPI_LANG",
        case_sensitive=False,
        help="Language of everything printed: headers, labels, findings and messages.",
    ),
]
AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of", metavar="YYYY-MM-DD", help="Use the latest figures at or before this date."
    ),
]
PaceOpt = Annotated[
    PaceOption, typer.Option("--pace", help="Count schedule pace by days or by months.")
]
ToleranceOpt = Annotated[
    str,
    typer.Option(
        "--pace-tolerance",
        metavar="PP",
        help="Percentage points either side of pace that count as on pace (达进度).",
    ),
]
FailUncheckedOpt = Annotated[
    bool,
    typer.Option(
        "--fail-unchecked",
        help="Fail when any relation could not be checked (not checkable, target not "
        "printed) or nothing was checked at all.",
    ),
]


def parse_date(text: str | None) -> dt.date | None:
    """--as-of as a date (None when not given); a usage error naming the option."""
    from hrkpi.core import dates

    if text is None:
        return None
    try:
        # The readers' one parser: fromisoformat would also take 20200630 and 2020-W26-3.
        return dates.parse_date(text)
    except ValueError as exc:
        from hrkpi.core.messages import reason

        raise typer.BadParameter(str(reason(exc)), param_hint="--as-of") from None


def parse_tolerance(text: str) -> Fraction:
    """--pace-tolerance in points (0 to 100); a usage error naming the option."""
    from hrkpi.core.errors import UsageError
    from hrkpi.core.pace import pace_tolerance

    try:
        return pace_tolerance(text)
    except UsageError as exc:
        raise typer.BadParameter(str(exc), param_hint="--pace-tolerance") from None


def parse_columns(text: str | None) -> list[str] | None:
    """--columns as the headers it lists, comma-separated (None when not given)."""
    return [c.strip() for c in text.split(",") if c.strip()] if text else None
