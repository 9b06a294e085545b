"""`--help` and the usage line in the language of the run, wrapped to the terminal.

Click words its help in English only ("Usage:", "Options:", "[env var: ...]",
"Show this message and exit.") and wraps by character count, so a Chinese line
runs twice as wide as the terminal. hrkpi's group and commands therefore render
their own help from the same pieces click uses (each parameter's help record,
the command's help text, the usage pieces): every English string is looked up
in one table, `hrkpi.cli.helpzh.ZH`, keyed by the English exactly as the code
writes it, and lines are wrapped by display width (a Chinese character takes two
columns; no line starts with a closing mark such as ，or ）).

The language is the one a `--lang` among the arguments names, else HRKPI_LANG,
else Chinese (`usage.Group.main` sets it before click parses anything, since
--help is eager). tests/cli/test_help.py renders every command's help and fails
when a string has no Chinese, or an entry is no longer shown. Nothing heavy is
imported: `hrkpi --help` is timed for start-up.
"""

from __future__ import annotations

import inspect
import unicodedata
from collections.abc import Iterable
from typing import Any

import typer.core

# Marks that never start a line, and marks that never end one (as Chinese typesetting).
_NO_START = set("，。、；：？！）》」』”’％…,.;:?!)]}%")
_NO_END = set("（《「『“‘([{")
_COL_MAX = 30  # as click: a longer option name puts its help on the next line
_SPACING = 2
_INDENT = 2


def _english() -> bool:
    from hrkpi.core.messages import language

    return language() == "en"


def word(text: str) -> str:
    """`text` (English as the code writes it) in the language of the run."""
    if not text or _english():
        return text
    from hrkpi.cli import helpzh

    return helpzh.ZH.get(text, text)


def _colon() -> str:
    return ": " if _english() else "："


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


def width_of(text: str) -> int:
    """Columns `text` takes in a terminal (a Chinese character takes two)."""
    return sum(0 if unicodedata.combining(ch) else 2 if _wide(ch) else 1 for ch in text)


def _tokens(text: str) -> list[str]:
    """Pieces a line may break between: runs of spaces, words of Latin letters, each
    Chinese character (a closing mark kept with what it closes, an opening one with
    what it opens)."""
    tokens: list[str] = []
    for ch in text:
        last = tokens[-1] if tokens else ""
        if ch.isspace():
            if last.isspace():
                tokens[-1] += " "
            else:
                tokens.append(" ")
        elif not last or last.isspace():
            tokens.append(ch)
        elif ch in _NO_START or last[-1] in _NO_END:
            tokens[-1] += ch
        elif _wide(ch) or _wide(last[-1]):
            tokens.append(ch)
        else:
            tokens[-1] += ch
    return tokens


def wrap(text: str, width: int) -> list[str]:
    """`text` as lines of at most `width` columns (a word wider than that is cut)."""
    lines: list[str] = []
    line, used, space = "", 0, ""
    for token in _tokens(text):
        if token.isspace():
            space = token if line else ""
            continue
        size = width_of(token)
        if line and used + len(space) + size > width:
            lines.append(line)
            line, used, space = "", 0, ""
        while not line and size > width:  # a path or address longer than the line
            cut, taken = "", 0
            for ch in token:
                if taken + width_of(ch) > width and cut:
                    break
                cut, taken = cut + ch, taken + width_of(ch)
            lines.append(cut)
            token = token[len(cut) :]
            size = width_of(token)
        line, used, space = line + space + token, used + len(space) + size, ""
    if line:
        lines.append(line)
    return lines


def _command_lines(line: str, width: int) -> list[str]:
    """An example command on lines of at most `width`, continued with a backslash as a
    shell reads it."""
    if width_of(line) <= width:
        return [line]
    out: list[str] = []
    current = ""
    for piece in line.split(" "):
        wider = f"{current} {piece}" if current.strip() else current + piece
        if current.strip() and width_of(wider) + 2 > width:
            out.append(current + " \\")
            current = "    " + piece
        else:
            current = wider
    return [*out, current]


def _paragraphs(text: str, width: int) -> list[str]:
    """A command's help text: each paragraph translated whole and wrapped; a paragraph
    whose later lines are indented (Examples: and its commands) keeps its lines."""
    out: list[str] = []
    for paragraph in text.strip().split("\n\n"):
        lines = paragraph.splitlines()
        if out:
            out.append("")
        if len(lines) > 1 and all(line.startswith(" ") for line in lines[1:]):
            out.append(word(lines[0]))
            for line in lines[1:]:
                indent = len(line) - len(line.lstrip())
                pieces = _command_lines(line.strip(), width - indent)
                out += [" " * indent + piece for piece in pieces]
        else:
            out += wrap(word(" ".join(line.strip() for line in lines)), width)
    return out


Row = tuple[str, str, str]  # a name, its help, and [env var: ...; default: ...] or ""


def _definitions(rows: list[Row], width: int) -> list[str]:
    """Rows as click lays out options: names in a column, texts wrapped beside them;
    the bracketed extras kept whole on a line when they fit."""
    first = min(max(width_of(name) for name, _, _ in rows), _COL_MAX)
    room = max(width - _INDENT - first - _SPACING, 10)
    pad = " " * (_INDENT + first + _SPACING)
    out: list[str] = []
    for name, text, extras in rows:
        lines = wrap(text, room) if text else []
        if extras and lines and width_of(lines[-1]) + 2 + width_of(extras) <= room:
            lines[-1] += "  " + extras
        elif extras:
            lines += wrap(extras, room)
        head = " " * _INDENT + name
        if width_of(name) <= first and lines:
            out.append(head + " " * (first - width_of(name) + _SPACING) + lines[0])
            lines = lines[1:]
        else:
            out.append(head)
        out += [pad + line for line in lines]
    return out


def _width(ctx: Any) -> int:
    """As click: the terminal's width less 2 (at most 78, at least 50), or the context's."""
    if ctx.terminal_width:
        return int(ctx.terminal_width)
    import shutil

    return max(min(shutil.get_terminal_size().columns, ctx.max_content_width or 80) - 2, 50)


def _metavar(param: Any) -> str:
    """An argument's placeholder: FILE... for several files, KIND for one."""
    name = word(param.metavar or param.name.upper())
    return name + "..." if param.nargs != 1 else name


def _option_names(record: str) -> str:
    """`-i, --indicators <path>` with its placeholder translated (choices such as
    <zh|en> are values, shown as typed)."""
    names, _, placeholder = record.rpartition(" ")
    if not names or placeholder.startswith("-") or "|" in placeholder:
        return record
    return f"{names} {word(placeholder)}"


def _extras(bracketed: str) -> str:
    """`[env var: HRKPI_LANG; default: zh]` in the language of the run."""
    said = []
    for extra in bracketed[1:-1].split("; "):
        label, sep, value = extra.partition(": ")
        if sep and label in ("env var", "default"):
            said.append(word(label) + _colon() + value)
        else:
            said.append(word(extra) if extra == "required" else extra)
    return "[" + ("; " if _english() else "；").join(said) + "]"


def _records(command: Any, ctx: Any) -> tuple[list[Row], list[Row]]:
    """(arguments, options) as rows, translated."""
    arguments: list[Row] = []
    options: list[Row] = []
    for param in command.get_params(ctx):
        record = param.get_help_record(ctx)
        if record is None:
            continue
        names, full = record
        own = param.help or ""
        extra = full[len(own) :].strip() if full.startswith(own) else ""
        bracketed = _extras(extra) if extra.startswith("[") and extra.endswith("]") else ""
        if param.param_type_name == "argument":
            arguments.append((_metavar(param), word(own), bracketed))
        else:
            options.append((_option_names(names), word(own), bracketed))
    return arguments, options


def _help_text(command: Any) -> str:
    return inspect.cleandoc(command.help or "").partition("\f")[0]


def summary(command: Any) -> str:
    """A command's first paragraph, translated: its line in the list of commands."""
    first = _help_text(command).split("\n\n")[0]
    return word(" ".join(line.strip() for line in first.splitlines()))


def render_usage(command: Any, ctx: Any) -> str:
    """`Usage: hrkpi compute [OPTIONS]` (用法：hrkpi compute [选项]), wrapped."""
    pieces = [word(command.options_metavar)] if command.options_metavar else []
    for param in command.get_params(ctx):
        if param.param_type_name == "argument":
            name = _metavar(param)
            pieces.append(name if param.required else f"[{name}]")
    subcommands = getattr(command, "subcommand_metavar", None)
    if subcommands:
        pieces.append(word(subcommands))
    prefix = f"{word('Usage')}{_colon()}{ctx.command_path} "
    lines = wrap(" ".join(pieces), max(_width(ctx) - width_of(prefix), 20))
    indent = " " * width_of(prefix)
    return "\n".join([prefix + lines[0], *(indent + line for line in lines[1:])])


def _section(heading: str, rows: list[Row], width: int) -> list[str]:
    return ["", word(heading) + _colon().rstrip(), *_definitions(rows, width)]


def render_help(command: Any, ctx: Any) -> str:
    """The whole `--help` of a command or of the group."""
    width = _width(ctx)
    out = [render_usage(command, ctx)]
    text = _help_text(command)
    if text:
        out += ["", *_indented(_paragraphs(text, width - _INDENT))]
    arguments, options = _records(command, ctx)
    if arguments:
        out += _section("Arguments", arguments, width)
    if options:
        out += _section("Options", options, width)
    commands = getattr(command, "commands", None)
    if commands:
        rows = [(name, summary(sub), "") for name, sub in commands.items() if not sub.hidden]
        out += _section("Commands", rows, width)
    return "\n".join(out)


def _indented(lines: Iterable[str]) -> list[str]:
    return [" " * _INDENT + line if line else "" for line in lines]


class Help:
    """Help, usage line and summary rendered by hrkpi (mixed into the group and each
    command)."""

    def get_help(self, ctx: Any) -> str:
        return render_help(self, ctx)

    def get_usage(self, ctx: Any) -> str:
        return render_usage(self, ctx)

    def get_short_help_str(self, limit: int = 45) -> str:
        return summary(self)


class Command(Help, typer.core.TyperCommand):
    """A command whose help is in the language of the run."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        from hrkpi.cli.coerce import plain_values

        plain_values(self.get_params(ctx))  # no pydantic adapter for a plain value
        return super().parse_args(ctx, args)
