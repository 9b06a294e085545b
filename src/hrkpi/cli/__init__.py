"""The command line: a thin Typer layer on the library (the only package importing typer).

Every command parses its options, calls one library function, renders, and
returns an exit code: 0 ok, 1 a check failed, 2 bad input or usage. Library
errors become messages in one place, `hrkpi.cli.boundary`. Here: the app, its
group options, and how a command is registered and run; the options commands
share are in `options`, the console script's process in `process`.
"""

from __future__ import annotations

import functools
import importlib
import os
import sys
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

import typer

from hrkpi.cli.boundary import Run, error_boundary
from hrkpi.cli.helptext import Command
from hrkpi.cli.options import LangOption
from hrkpi.cli.process import main
from hrkpi.cli.usage import Group
from hrkpi.core.version import __version__

__all__ = ["app", "command", "main"]

app = typer.Typer(
    name="hrkpi",
    cls=Group,
    help="Indicators as code for public-sector work reports: completion, pace, changes, "
    "thresholds and the consistency of every stated figure.",
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    add_completion=True,
)

F = TypeVar("F", bound=Callable[..., Any])


def command(*args: Any, computes: bool = True, **kwargs: Any) -> Callable[[F], F]:
    """Register a command whose body runs inside the error boundary (`computes`: False
    for a command that computes nothing, whose bad input is not summed up as nothing
    computed)."""

    def register(fn: F) -> F:
        @functools.wraps(fn)
        def wrapper(*a: Any, **kw: Any) -> Any:
            # Every word of the run in its language: the last --lang of the arguments (the
            # group's or the command's), else the command's own default (HRKPI_LANG, else
            # Chinese); for a command without --lang, the one the group chose.
            from hrkpi.cli.usage import asked_language
            from hrkpi.core.messages import language, use_language

            Run.github = False  # each run asks for annotations anew (runs share a process)
            lang = kw.get("lang")
            if isinstance(lang, LangOption):
                kw["lang"] = LangOption(asked_language.get() or lang.value)
                chosen = Run.language = kw["lang"].value
            else:
                chosen = Run.language = language()
            with use_language(chosen), error_boundary(computes=computes):
                code = fn(*a, **kw)
            if code:
                raise typer.Exit(code)

        app.command(*args, cls=Command, **kwargs)(wrapper)
        return fn

    return register


def _version(value: bool) -> None:
    if value:
        typer.echo(f"hrkpi {__version__}")
        raise typer.Exit()


def _check_language() -> None:
    """HRKPI_LANG names a language hrkpi speaks, or is refused (for every command:
    those with --lang refuse it again as the option's value)."""
    from hrkpi.core.messages import ENV, LANGUAGES, Msg, env_language

    given = os.environ.get(ENV, "")
    if given.strip() and env_language() is None:
        said = Msg(
            "{value} is not one of {choices}",
            value=repr(given),
            choices=tuple(repr(lang) for lang in LANGUAGES),
        )
        raise typer.BadParameter(str(said), param_hint=ENV)


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
    no_color: Annotated[
        bool,
        typer.Option(
            "--no-color", help="No colours anywhere (as the NO_COLOR environment variable)."
        ),
    ] = False,
    debug: Annotated[
        bool,
        typer.Option(
            "--debug",
            envvar="HRKPI_DEBUG",
            help="Show the traceback of an internal error (also HRKPI_DEBUG=1).",
        ),
    ] = False,
    lang: Annotated[
        LangOption | None,
        typer.Option(
            "--lang",
            case_sensitive=False,
            show_default=False,
            help="Language of everything printed, this help included, for the command that "
            "follows (also HRKPI_LANG); a command's own --lang wins. Default: zh.",
        ),
    ] = None,
) -> None:
    """Indicators as code for public-sector work reports."""
    # --lang is read from the arguments by usage.Group, before click parses them: --help
    # is eager, and the language is also that of the command that follows.
    Run.debug = debug
    _check_language()
    if no_color:
        os.environ["NO_COLOR"] = "1"  # one switch that rich, click and hrkpi all read


# Each command lives in its own module (as pre-commit's commands/ do); importing
# the module registers it. Heavy imports stay inside the command bodies.
_COMMANDS = ("compute", "check", "scan", "validate", "schema", "export")
for _name in _COMMANDS:
    importlib.import_module(f"hrkpi.cli.{_name}")


_GROUP_FLAGS = ("--no-color", "--debug")


def _invoked(argv: list[str]) -> str | None:
    """The command the arguments run, when they name one of hrkpi's after nothing but
    the group's --no-color, --debug and --lang; None otherwise (help, the version, a
    misspelt command, shell completion: the group then needs every command)."""
    if any(k.startswith("_") and k.endswith("_COMPLETE") for k in os.environ):
        return None
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg in _GROUP_FLAGS or arg.startswith("--lang="):
            i += 1
        elif arg == "--lang":
            i += 2
        else:
            return arg if arg in _COMMANDS else None
    return None


def run_app() -> None:
    """Run the app; a run of one command builds only that command (typer builds every
    registered command's options, a twentieth of `hrkpi compute`)."""
    name = _invoked(sys.argv[1:])
    registered = app.registered_commands
    if name is not None:
        app.registered_commands = [c for c in registered if c.name == name]
    try:
        app()
    finally:
        app.registered_commands = registered
