"""Click's own usage errors in the language of the run.

Click words "No such option", "Invalid value for '--lang'", "Missing option" and
its usage line through the stdlib's global gettext domain: it ships no
catalogue and offers no hook (pallets/click#2864, still open), so translating
it means installing a compiled .mo for the whole process. Instead the group
runs click in non-standalone mode and shows the common errors itself, worded
from the exception's fields (option name, suggestions, parameter); in English,
and for any error not known here, click shows its own words unchanged.

Options are not parsed yet when click fails, so the language is the one a
`--lang` among the arguments names, else HRKPI_LANG, else Chinese.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

import typer
import typer.core

from hrkpi.cli.helptext import Help

if TYPE_CHECKING:
    from hrkpi.core.messages import Msg

# Click's exceptions as typer raises them (typer 0.2x vendors its own click): found
# through typer's public BadParameter, whichever click that is.
_click: Any = sys.modules[typer.BadParameter.__module__]

# typer/click say "'fr' is not one of 'zh', 'en'." (typer through pydantic: "Value error, ...").
# Patterns as text: compiled (and cached by re) on the first error, not at start-up.
_CHOICE = r"^(?:Value error, )?(?P<value>.+?) is not one of (?P<choices>.+?)\.?$"
_EXTRA = r"^Got unexpected extra arguments?(?:\(s\))? \((?P<args>.*)\)$"
# typer's group says "No such command 'x'." (click's own NoSuchCommand adds "Did you mean").
_NO_COMMAND = r"^No such command (?P<name>'[^']*')\.(?: Did you mean (?P<close>.+)\?)?$"
_NEEDS_VALUE = r"^Option (?P<name>'[^']+') requires (?:an argument|\d+ arguments)\.$"


# The language the arguments ask for (the last --lang, the group's or the command's), set
# while the group runs: a command's --lang is this, else its own value (HRKPI_LANG, zh).
asked_language: ContextVar[str | None] = ContextVar("hrkpi_asked_language", default=None)


class Group(Help, typer.core.TyperGroup):
    """The `hrkpi` group: its help, and click's usage errors, in the language of the run."""

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        from hrkpi.cli.completion import arguments, reword
        from hrkpi.core.messages import Msg, language, use_language

        argv = list(sys.argv[1:] if args is None else args)
        # The language is decided before click parses anything: --help is eager (shown
        # before --lang is read), and the group's --lang is for the command that follows.
        asked = _asked(argv)
        token = asked_language.set(asked)
        given = arguments.set(tuple(argv))
        reword(self.params)  # (typer's completion options, worded and taking a shell)
        try:
            with use_language(asked or language()):
                if not standalone_mode:
                    return super().main(argv, prog_name, complete_var, False, **extra)
                try:
                    code = super().main(argv, prog_name, complete_var, False, **extra)
                except _click.ClickException as exc:
                    show(exc)
                    sys.exit(exc.exit_code)
                except typer.Abort:
                    typer.echo(str(Msg("Aborted!")), err=True)
                    sys.exit(1)
        finally:
            asked_language.reset(token)
            arguments.reset(given)
        sys.exit(code if isinstance(code, int) else 0)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        from hrkpi.cli.coerce import plain_values

        plain_values(self.get_params(ctx))  # no pydantic adapter for a plain value
        return super().parse_args(ctx, args)


def _asked(argv: list[str]) -> str | None:
    """The language the last `--lang` among the arguments names (in any case), if any:
    `hrkpi --lang en compute --lang zh` is in Chinese, the command's own choice."""
    from hrkpi.core.messages import LANGUAGES

    for i, arg in reversed(list(enumerate(argv))):
        value = argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else None
        if arg.startswith("--lang="):
            value = arg.partition("=")[2]
        if value is not None and value.strip().lower() in LANGUAGES:
            return value.strip().lower()
    return None


def show(exc: Any) -> None:
    """Print a click error as click would, in the current language."""
    from hrkpi.core.messages import Msg, language, verbatim

    # In English click's own words, in hrkpi's layout: "error:" as every other error
    # hrkpi shows (click's show() says "Error:").
    message = _message(exc) if language() != "en" else verbatim(exc.format_message())
    if message is None or type(exc).__name__ == "NoArgsIsHelpError":
        exc.show()
        return
    ctx = getattr(exc, "ctx", None)
    lines = []
    if ctx is not None:
        lines.append(ctx.get_usage())  # in the run's language (helptext)
        if ctx.command.get_help_option(ctx) is not None:
            names = ctx.command.get_help_option_names(ctx)
            hint = Msg(
                "Try '{command} {option}' for help.",
                command=ctx.command_path,
                option=max(names, key=len),
            )
            lines.append(str(hint))
        lines.append("")
    lines.append(str(Msg("error: {message}", message=message)))
    typer.echo("\n".join(lines), err=True, color=ctx.color if ctx is not None else None)


def _message(exc: Any) -> Msg | None:
    """The error in words of the catalogue, or None for one worded by click alone."""
    from hrkpi.core.messages import Msg

    if isinstance(exc, _click.NoSuchOption):
        return Msg(
            "No such option: {name}{maybe}",
            name=exc.option_name,
            maybe=_maybe(exc.possibilities or ()),
        )
    command = re.match(_NO_COMMAND, exc.message)
    if command and command["close"]:
        # click lists the names as one text ('check', 'schema'): a list, joined in the
        # run's language ('check'、'schema').
        names = re.findall(r"'[^']*'", command["close"])
        return Msg(
            "No such command {name}. Did you mean {close}?",
            name=command["name"],
            close=tuple(names) if names else command["close"],
        )
    if command:
        return Msg("No such command {name}.", name=command["name"])
    if isinstance(exc, _click.MissingParameter):
        hint = _hint(exc)
        if exc.param is not None and exc.param.param_type_name == "argument":
            return Msg("Missing argument {name}.", name=hint)
        return Msg("Missing option {name}.", name=hint)
    if isinstance(exc, _click.BadParameter):
        said = re.match(_CHOICE, exc.message)
        message = (
            Msg(
                "{value} is not one of {choices}",
                value=said["value"],
                choices=tuple(said["choices"].split(", ")),
            )
            if said
            else exc.message  # hrkpi's own, worded in the run's language when raised
        )
        return Msg("Invalid value for {option}: {message}", option=_hint(exc), message=message)
    needs = re.match(_NEEDS_VALUE, exc.message)
    if needs:
        return Msg("Option {name} requires a value.", name=needs["name"])
    extra = re.match(_EXTRA, exc.message)
    if extra:
        return Msg("Got unexpected extra arguments ({args})", args=extra["args"])
    if exc.message == "Missing command.":  # options of hrkpi itself, and no command
        return Msg("Missing command.")
    return None


def _maybe(possibilities: Sequence[str]) -> Msg | str:
    from hrkpi.core.messages import Msg

    if not possibilities:
        return ""
    return Msg(" (Possible options: {options})", options=tuple(sorted(possibilities)))


def _hint(exc: Any) -> str:
    """The parameter as the error names it: '--lang', or the hint hrkpi gave."""
    hint = exc.param_hint
    if hint is None and exc.param is not None:
        hint = [f"'{o}'" for o in exc.param.opts] or exc.param.name
    if isinstance(hint, str) or hint is None:
        return hint or ""
    return " / ".join(hint)
