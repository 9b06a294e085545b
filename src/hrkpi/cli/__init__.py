"""The command line: a thin Typer layer on the library (the only package importing typer).

Every command parses its options, calls one library function, renders, and
returns an exit code: 0 ok, 1 a check failed, 2 bad input or usage. Library
errors become messages in one place, `_error_boundary`.
"""

from __future__ import annotations

import datetime as dt
import errno
import functools
import gc
import importlib
import os
import signal
import sys
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from enum import StrEnum
from fractions import Fraction
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from hrkpi.cli.helptext import Command
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
    add_completion=True,
)

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT, EXIT_INTERNAL = 0, 1, 2, 3
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, as a shell reports a command whose reader closed
EXIT_INTERRUPTED = 130  # 128 + SIGINT: Ctrl-C, as every shell tool reports it
_debug = False  # --debug or HRKPI_DEBUG=1: show the traceback of an internal error
_github = False  # --format github: errors are also workflow annotations on stdout
_language: str | None = None  # the run's, for what main() says after the command ends


def annotate_errors() -> None:
    """Also write bad input as GitHub workflow annotations (`--format github`)."""
    global _github
    _github = True


def _annotate(problems: list[Any], message: str | None = None) -> None:
    if not _github:
        return
    from hrkpi.output.github import BAD_INPUT, annotation, problem_annotations

    text = problem_annotations(problems)
    if message is not None:
        text += annotation("error", message, title=str(BAD_INPUT)) + "\n"
    with suppress(OSError):
        sys.stdout.write(text)
        sys.stdout.flush()


class Interrupted(SystemExit):
    """Ctrl-C, SIGTERM or SIGHUP: unwinds like an exit, so every `finally` (a
    temporary file's removal) runs, and no `except Exception` swallows it."""

    def __init__(self, signum: int) -> None:
        super().__init__(128 + signum)
        self.signum = signum


def colour(stream: Any) -> bool:
    """Whether to colour what goes to `stream`: a terminal, and NO_COLOR unset or empty
    (https://no-color.org; --no-color sets it, so rich and this agree)."""
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def say_error(message: object, prefix: str | None = "error") -> None:
    """A message (a Msg, or text) on stderr in the current language (`error: ...`,
    `错误：...`), its control characters made visible. `prefix`: "error", "note",
    "internal error", or None for none."""
    from hrkpi.core.messages import Msg
    from hrkpi.output.controls import visible

    text = visible(str(message))
    if prefix:
        labels = {
            "error": Msg("error"),
            "note": Msg("note"),
            "internal error": Msg("internal error"),
        }
        label = str(labels[prefix])
        styled = typer.style(label, fg="red", bold=True) if colour(sys.stderr) else label
        text = str(Msg("{label}: {message}", label=styled, message=text))
    with suppress(OSError, ValueError):  # stderr itself may be closed
        typer.echo(text, err=True, color=colour(sys.stderr))


def _stdout_failed(exc: OSError) -> int:
    """Stop writing to a stdout that failed; say why unless the reader just left."""
    with suppress(OSError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)  # so the interpreter's last flush does not fail again
        os.close(devnull)
    if exc.errno == errno.EPIPE:
        return EXIT_BROKEN_PIPE  # the reader went away (hrkpi ... | head): quietly, as cat
    from hrkpi.core.errors import os_reason
    from hrkpi.core.messages import Msg

    if exc.errno == errno.EBADF:
        said = Msg(
            "cannot write to standard output: {why} (is standard output closed? redirect it "
            "to a file or to /dev/null)",
            why=os_reason(exc),
        )
    else:
        said = Msg("cannot write to standard output: {why}", why=os_reason(exc))
    say_error(said)
    return EXIT_BAD_INPUT


@contextmanager
def _error_boundary() -> Iterator[None]:
    """Turn library errors into messages on stderr and exit codes, without tracebacks."""
    from hrkpi.core.errors import HrkpiError, InputError, display_path, os_reason
    from hrkpi.core.messages import Msg

    try:
        yield
    except InputError as exc:
        _annotate(exc.problems)
        for p in exc.problems:
            say_error(p)
        count = len(exc.problems)
        if count == 1:
            say_error(Msg("1 problem found; nothing was computed."), None)
        else:
            say_error(Msg("{count} problems found; nothing was computed.", count=count), None)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    except HrkpiError as exc:
        _annotate([], str(exc))
        say_error(exc)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    except KeyboardInterrupt:
        say_error(Msg("interrupted"), "note")
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except (typer.Exit, typer.Abort, typer.BadParameter):
        raise  # usage errors: Typer prints them with the usage line, exit 2
    except OSError as exc:
        if exc.errno == errno.EPIPE or _Watched.failure is not None:
            raise typer.Exit(_stdout_failed(_Watched.failure or exc)) from None
        if exc.filename is None:
            _internal(exc)
        # The machine refused a file hrkpi had no reason to expect trouble with.
        path = display_path(exc.filename)
        say_error(Msg("{path}: {why}", path=path, why=os_reason(exc)))
        raise typer.Exit(EXIT_BAD_INPUT) from None
    except Exception as exc:  # a bug in hrkpi: say so plainly, keep the exit code distinct
        _internal(exc)


def _internal(exc: Exception) -> None:
    if _debug:
        traceback.print_exception(exc)
    from hrkpi.core.messages import Msg

    # The exception's own words (English) name what went wrong.
    if _debug:
        said = Msg(
            "{kind}: {error}\nThis is a bug in hrkpi; please report it with the command you ran.",
            kind=type(exc).__name__,
            error=str(exc),
        )
    else:
        said = Msg(
            "{kind}: {error}\nThis is a bug in hrkpi; please report it with the command you "
            "ran (add --debug or set HRKPI_DEBUG=1 to see where).",
            kind=type(exc).__name__,
            error=str(exc),
        )
    say_error(said, "internal error")
    raise typer.Exit(EXIT_INTERNAL) from None


def command(*args: Any, **kwargs: Any) -> Callable[[F], F]:
    """Register a command whose body runs inside the error boundary."""

    def register(fn: F) -> F:
        @functools.wraps(fn)
        def wrapper(*a: Any, **kw: Any) -> Any:
            # Every word of the run in its language: the last --lang of the arguments (the
            # group's or the command's), else the command's own default (HRKPI_LANG, else
            # Chinese); for a command without --lang, the one the group chose.
            from hrkpi.cli.usage import asked_language
            from hrkpi.core.messages import language, use_language

            global _language, _github
            _github = False  # each run asks for annotations anew (runs share a process in tests)
            lang = kw.get("lang")
            if isinstance(lang, LangOption):
                kw["lang"] = LangOption(asked_language.get() or lang.value)
                chosen = _language = kw["lang"].value
            else:
                chosen = _language = language()
            with use_language(chosen), _error_boundary():
                code = fn(*a, **kw)
            if code:
                raise typer.Exit(code)

        app.command(*args, cls=Command, **kwargs)(wrapper)
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
    from hrkpi.core.errors import UsageError
    from hrkpi.core.pace import pace_tolerance

    try:
        return pace_tolerance(text)
    except UsageError as exc:
        raise typer.BadParameter(str(exc), param_hint="--pace-tolerance") from None


def parse_columns(text: str | None) -> list[str] | None:
    return [c.strip() for c in text.split(",") if c.strip()] if text else None


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
    global _debug
    _debug = debug
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


def _run_app() -> None:
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


_own_process = False  # main() runs: the process is hrkpi's alone (not a test's, a caller's)


def settle() -> None:
    """In hrkpi's own process, keep every object made so far (modules, classes: what
    start-up imported, which lives as long as the process) out of the cyclic collector's
    walks: 3% of a run on the bundled report. Called by main() and, once a command's
    imports are done, by its progress bar; objects made later are collected as ever."""
    if _own_process:
        gc.freeze()


def _interrupt(signum: int, frame: object) -> None:
    raise Interrupted(signum)


def _unraisable(info: Any) -> None:
    """Errors in clean-up that Python cannot raise (a library's half-written file
    closing itself when collected) are not the user's: shown with --debug only."""
    if _debug:
        sys.__unraisablehook__(info)


class _Watched:
    """Standard output as it was, noting the first error a write or flush meets, so
    that the error, however a library re-wraps it, is reported as stdout's. On a
    terminal, control characters other than colours are shown, not obeyed."""

    failure: OSError | None = None

    def __init__(self, stream: Any) -> None:
        self._stream = stream
        isatty = getattr(stream, "isatty", None)
        self._terminal = bool(isatty and isatty())

    def write(self, data: Any) -> int:
        if self._terminal and isinstance(data, str):
            from hrkpi.output.controls import terminal_safe

            data = terminal_safe(data)  # no escape sequence from data reaches a terminal
        try:
            return int(self._stream.write(data))
        except OSError as exc:
            _Watched.failure = _Watched.failure or exc
            raise

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as exc:
            _Watched.failure = _Watched.failure or exc
            raise

    @property
    def buffer(self) -> _Watched:
        return _Watched(self._stream.buffer)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _watch_stdout() -> None:
    """Watch standard output; started with it closed (`>&-`), first hold descriptor 1
    with a file that refuses writes, so nothing else opens there and a write fails."""
    if sys.stdout is None:
        fd = os.open(os.devnull, os.O_RDONLY)
        if fd != 1:
            os.dup2(fd, 1)
            os.close(fd)
        sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
    sys.stdout = _Watched(sys.stdout)


def main() -> None:
    """Entry point of the `hrkpi` console script.

    Signals become exits that unwind (temporary files are removed): Ctrl-C exits
    130, SIGTERM 143, SIGHUP 129. Output that cannot be written ends with a message
    (exit 2), or quietly when the reader of a pipe went away (exit 141).
    """
    _watch_stdout()
    global _own_process
    _own_process = True
    settle()
    sys.unraisablehook = _unraisable
    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _interrupt)
    try:
        try:
            _run_app()
        except Interrupted as stop:
            from hrkpi.core.messages import Msg, language, use_language

            with use_language(_language or language()):
                said = Msg("interrupted") if stop.signum == signal.SIGINT else Msg("terminated")
                say_error(said, "note")
            code: Any = stop.code
        except SystemExit as done:
            code = done.code
        try:
            if sys.stdout is not None:
                sys.stdout.flush()
        except OSError as exc:
            code = _stdout_failed(exc) if code in (0, None) else code
    except Interrupted as stop:  # a second signal while finishing
        code = stop.code
    sys.exit(code)
