"""The one error boundary: library errors become messages on stderr and exit codes,
without tracebacks; the exit codes every command returns; how a message is shown.

0 ok, 1 a check failed, 2 bad input or usage, 3 a bug in hrkpi; 130, 141 and the
other 128 + signal codes as a shell reports them.
"""

from __future__ import annotations

import errno
import os
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any

import typer

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT, EXIT_INTERNAL = 0, 1, 2, 3
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, as a shell reports a command whose reader closed
EXIT_INTERRUPTED = 130  # 128 + SIGINT: Ctrl-C, as every shell tool reports it


class Run:
    """What this run chose, read where it ends (one process may run many commands in
    tests, so each command sets them anew)."""

    debug = False  # --debug or HRKPI_DEBUG=1: show the traceback of an internal error
    github = False  # --format github: errors are also workflow annotations on stdout
    language: str | None = None  # the run's, for what main() says after the command ends
    stdout_failure: OSError | None = None  # the first error writing standard output met


def annotate_errors() -> None:
    """Also write bad input as GitHub workflow annotations (`--format github`)."""
    Run.github = True


def _annotate(problems: list[Any], message: str | None = None) -> None:
    if not Run.github:
        return
    from hrkpi.output.github import BAD_INPUT, annotation, problem_annotations

    text = problem_annotations(problems)
    if message is not None:
        text += annotation("error", message, title=str(BAD_INPUT)) + "\n"
    with suppress(OSError):
        sys.stdout.write(text)
        sys.stdout.flush()


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


def stdout_failed(exc: OSError) -> int:
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
def error_boundary(*, computes: bool = True) -> Iterator[None]:
    """Turn library errors into messages on stderr and exit codes, without tracebacks.
    `computes`: the command computes figures, so bad input is summed up as nothing
    computed (validate, which computes nothing, says its files failed validation)."""
    from hrkpi.core.errors import HrkpiError, InputError, display_path, os_reason
    from hrkpi.core.messages import Msg

    try:
        yield
    except InputError as exc:
        _annotate(exc.problems)
        for p in exc.problems:
            say_error(p)
        say_error(_problems_found(len(exc.problems), computes=computes), None)
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
        if exc.errno == errno.EPIPE or Run.stdout_failure is not None:
            raise typer.Exit(stdout_failed(Run.stdout_failure or exc)) from None
        if exc.filename is None:
            _internal(exc)
        # The machine refused a file hrkpi had no reason to expect trouble with.
        path = display_path(exc.filename)
        say_error(Msg("{path}: {why}", path=path, why=os_reason(exc)))
        raise typer.Exit(EXIT_BAD_INPUT) from None
    except Exception as exc:  # a bug in hrkpi: say so plainly, keep the exit code distinct
        _internal(exc)


def _problems_found(count: int, *, computes: bool) -> object:
    """The line that ends a run's problems: how many, and what came of the command."""
    from hrkpi.core.messages import Msg

    if not computes:
        if count == 1:
            return Msg("1 problem found; validation failed.")
        return Msg("{count} problems found; validation failed.", count=count)
    if count == 1:
        return Msg("1 problem found; nothing was computed.")
    return Msg("{count} problems found; nothing was computed.", count=count)


def _internal(exc: Exception) -> None:
    if Run.debug:
        traceback.print_exception(exc)
    from hrkpi.core.messages import Msg

    # The exception's own words (English) name what went wrong.
    if Run.debug:
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
