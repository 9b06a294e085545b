"""The command line: a thin Typer layer on the library (the only package importing typer).

Every command parses its options, calls one library function, renders, and
returns an exit code: 0 ok, 1 a check failed, 2 bad input or usage. Library
errors become messages in one place, `_error_boundary`.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from fractions import Fraction
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from hrkpi.cli.usage import Group
from hrkpi.core.version import __version__

app = typer.Typer(
    name="hrkpi",
    cls=Group,
    help="Indicators as code for public-sector work reports: completion, pace, changes, "
    "thresholds and the consistency of every stated figure.",
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    add_completion=False,
)

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT, EXIT_INTERNAL = 0, 1, 2, 3
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, as a shell reports a command whose reader closed


@contextmanager
def _error_boundary() -> Iterator[None]:
    """Turn library errors into messages on stderr and exit codes, without tracebacks."""
    from hrkpi.core.errors import HrkpiError, InputError

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
    except BrokenPipeError:
        # The reader went away (hrkpi compute | head): stop quietly, as cat does.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise typer.Exit(EXIT_BROKEN_PIPE) from None
    except (typer.Exit, typer.Abort, typer.BadParameter, KeyboardInterrupt):
        raise  # usage errors: Typer prints them with the usage line, exit 2
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
            # Every word of the run in its language: --lang where the command has it
            # (HRKPI_LANG is its default), else HRKPI_LANG, else Chinese.
            from hrkpi.core.messages import language, use_language

            lang = kw.get("lang")
            chosen = lang.value if isinstance(lang, LangOption) else language()
            with use_language(chosen), _error_boundary():
                code = fn(*a, **kw)
            if code:
                raise typer.Exit(code)

        app.command(*args, **kwargs)(wrapper)
        return fn

    return register


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


def parse_date(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(
            f"{text!r} is not a date; write a real calendar date as YYYY-MM-DD",
            param_hint="--as-of",
        ) from None


def parse_tolerance(text: str) -> Fraction:
    from decimal import Decimal, InvalidOperation

    try:
        value = Fraction(Decimal(text))
    except (InvalidOperation, ValueError):
        raise typer.BadParameter(f"{text!r} is not a number of percentage points") from None
    if value < 0:
        raise typer.BadParameter("the tolerance cannot be negative")
    return value


def parse_columns(text: str | None) -> list[str] | None:
    return [c.strip() for c in text.split(",") if c.strip()] if text else None


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


# Each command lives in its own module (as pre-commit's commands/ do); importing
# the module registers it. Heavy imports stay inside the command bodies.
_COMMANDS = ("compute", "check", "scan", "validate", "schema", "export")
for _name in _COMMANDS:
    importlib.import_module(f"hrkpi.cli.{_name}")


def main() -> None:
    """Entry point of the `hrkpi` console script."""
    app()
