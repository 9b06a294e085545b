"""The command line: a thin Typer layer on the library.

Every command parses its options, calls one library function, renders, and
returns an exit code: 0 ok, 1 a check failed, 2 bad input or usage. Library
errors become messages in one place, `_error_boundary`.
"""

from __future__ import annotations

import datetime as dt
import functools
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from fractions import Fraction
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from hrkpi import __version__

app = typer.Typer(
    name="hrkpi",
    help="Indicators as code for public-sector work reports: completion, pace, changes, "
    "thresholds and the consistency of every stated figure.",
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    add_completion=False,
)

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT, EXIT_INTERNAL = 0, 1, 2, 3


@contextmanager
def _error_boundary() -> Iterator[None]:
    """Turn library errors into messages on stderr and exit codes, without tracebacks."""
    from hrkpi.errors import HrkpiError, InputError

    try:
        yield
    except InputError as exc:
        for p in exc.problems:
            typer.echo(f"{typer.style('error', fg='red', bold=True)}: {p}", err=True)
        count = len(exc.problems)
        typer.echo(
            f"{count} problem{'s' if count != 1 else ''} found; nothing was computed.", err=True
        )
        raise typer.Exit(EXIT_BAD_INPUT) from None
    except HrkpiError as exc:
        typer.echo(f"{typer.style('error', fg='red', bold=True)}: {exc}", err=True)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    except (typer.Exit, typer.Abort, KeyboardInterrupt):
        raise
    except Exception as exc:  # a bug in hrkpi: say so plainly, keep the exit code distinct
        typer.echo(
            f"internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in hrkpi; please report it with the command you ran.",
            err=True,
        )
        raise typer.Exit(EXIT_INTERNAL) from None


def command(*args: Any, **kwargs: Any) -> Callable[[F], F]:
    """Register a command whose body runs inside the error boundary."""

    def register(fn: F) -> F:
        @functools.wraps(fn)
        def wrapper(*a: Any, **kw: Any) -> Any:
            with _error_boundary():
                code = fn(*a, **kw)
            if code:
                raise typer.Exit(code)

        app.command(*args, **kwargs)(wrapper)
        return fn

    return register


class OutputFormat(StrEnum):
    """How `compute` prints its table."""

    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    MARKDOWN = "markdown"


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
LangOpt = Annotated[LangOption, typer.Option("--lang", help="Language of headers and labels.")]


def _parse_date(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(f"{text!r} is not a date; write YYYY-MM-DD") from None


def _parse_tolerance(text: str) -> Fraction:
    from decimal import Decimal, InvalidOperation

    try:
        value = Fraction(Decimal(text))
    except (InvalidOperation, ValueError):
        raise typer.BadParameter(f"{text!r} is not a number of percentage points") from None
    if value < 0:
        raise typer.BadParameter("the tolerance cannot be negative")
    return value


def _columns(text: str | None) -> list[str] | None:
    return [c.strip() for c in text.split(",") if c.strip()] if text else None


@command("compute")
def compute_cmd(
    indicators: IndicatorsOpt = None,
    data: DataOpt = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Use the latest figures at or before this date (YYYY-MM-DD)."),
    ] = None,
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")] = (
        OutputFormat.TABLE
    ),
    lang: LangOpt = LangOption.ZH,
    pace: Annotated[
        PaceOption, typer.Option("--pace", help="Count schedule pace by days or by months.")
    ] = PaceOption.DAYS,
    tolerance: Annotated[
        str,
        typer.Option(
            "--pace-tolerance",
            help="Percentage points either side of pace that count as on pace (达进度).",
        ),
    ] = "1",
    columns: Annotated[
        str | None,
        typer.Option("--columns", help="Comma-separated columns for csv/markdown (see docs)."),
    ] = None,
) -> int:
    """Compute the completion table: completion, pace, changes and limits.

    Example: hrkpi compute --format json --lang en
    """
    from hrkpi.api import compute
    from hrkpi.labels import Lang
    from hrkpi.pace import PaceMethod
    from hrkpi.table import COLUMN_KEYS, build_table

    report = compute(
        indicators,
        data,
        as_of=_parse_date(as_of),
        pace_method=PaceMethod(pace.value),
        tolerance=_parse_tolerance(tolerance),
    )
    language = Lang(lang.value)
    if fmt is OutputFormat.JSON:
        from hrkpi.export.jsonout import to_json

        sys.stdout.write(to_json(report))
        return EXIT_OK
    try:
        wanted = _columns(columns)
        table = build_table(
            report,
            lang=language,
            columns=wanted or (COLUMN_KEYS if fmt is OutputFormat.TABLE else None),
        )
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--columns") from None
    if fmt is OutputFormat.TABLE:
        from hrkpi.render import print_table

        print_table(table, report)
    elif fmt is OutputFormat.CSV:
        from hrkpi.export.text import to_csv

        sys.stdout.write(to_csv(table))
    else:
        from hrkpi.export.text import to_markdown

        sys.stdout.write(to_markdown(table))
    return EXIT_OK


@command("validate")
def validate_cmd(indicators: IndicatorsOpt = None, data: DataOpt = None) -> int:
    """Check definitions and data only, and list every problem (file:line:column).

    Example: hrkpi validate --indicators my/indicators --data my/data.yaml
    """
    from hrkpi.api import validate

    summary = validate(indicators, data)
    typer.echo(
        f"ok: {summary.indicators} indicators in {summary.sections} sections, "
        f"{summary.observations} stated figures"
    )
    return EXIT_OK


class SchemaKind(StrEnum):
    """Which JSON Schema to print."""

    INDICATORS = "indicators"
    DATA = "data"
    REPORT = "report"


@command("schema")
def schema_cmd(
    kind: Annotated[
        SchemaKind, typer.Argument(help="indicators (definitions), data, or report (compute JSON).")
    ] = SchemaKind.INDICATORS,
) -> int:
    """Print the JSON Schema of a file kind, for editor validation as you type.

    Example: hrkpi schema indicators > indicators.schema.json
    """
    import json

    from hrkpi.models import DataFile, IndicatorFile

    model: Any
    if kind is SchemaKind.INDICATORS:
        model = IndicatorFile
    elif kind is SchemaKind.DATA:
        model = DataFile
    else:
        from hrkpi.export.jsonout import ReportOut

        model = ReportOut
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"hrkpi {kind.value}"
    typer.echo(json.dumps(schema, ensure_ascii=False, indent=2))
    return EXIT_OK


def _version(value: bool) -> None:
    if value:
        typer.echo(f"hrkpi {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Indicators as code for public-sector work reports."""


def main() -> None:
    """Entry point of the `hrkpi` console script."""
    app()
