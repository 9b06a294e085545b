"""YAML syntax errors in plain words, at the line where the mistake is.

The parser says where it gave up ("did not find expected key"), which is often
the line after the mistake, in its own vocabulary. Each common slip of an
analyst editing a YAML file by hand (a tab, an unquoted %, a key indented one
space off, a quote or bracket left open) gets a sentence saying what is wrong
and what to write, at the line to change.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from hrkpi.core.messages import Msg

Located = tuple[int, int, Msg]  # line, column (1-based), message

_RESERVED = {
    "%": Msg("a YAML directive"),
    "@": Msg("reserved in YAML"),
    "`": Msg("reserved in YAML"),
}


def malformed(hint: Msg) -> Msg:
    """A YAML syntax error: what is wrong and how to fix it."""
    return Msg("malformed YAML: {hint}", hint=hint)


def syntax_problem(exc: Any, text: str) -> Located:
    """Where a YAML syntax error is to be fixed, and how."""
    problem = str(getattr(exc, "problem", "") or "")
    context = str(getattr(exc, "context", "") or "")
    at = _position(getattr(exc, "problem_mark", None)) or (1, 1)
    start = _position(getattr(exc, "context_mark", None)) or at
    lines = text.splitlines()
    line_text = lines[at[0] - 1] if 0 < at[0] <= len(lines) else ""
    char = line_text[at[1] - 1] if 0 < at[1] <= len(line_text) else ""

    if "aliases (*name)" in problem:  # PyYAML's composer (no libyaml): refused in yamldoc
        return (
            *at,
            malformed(
                Msg("aliases (*name) are not allowed in hrkpi files; write the value out in full")
            ),
        )
    if "tab" in problem or char == "\t":
        return (*at, malformed(Msg("a tab character; YAML indents with spaces only: replace it")))
    if "cannot start any token" in problem and char in _RESERVED:
        return (
            *at,
            malformed(
                Msg(
                    "a value cannot start with {char!r} ({what}) unless it is quoted: "
                    'write it in quotes, such as unit: "{char}"',
                    char=char,
                    what=_RESERVED[char],
                )
            ),
        )
    if "could not find expected ':'" in problem:
        return (
            *start,
            malformed(Msg("a key needs a colon and a space after it (value: 4.22); add them")),
        )
    if "quoted scalar" in context and "end of stream" in problem:
        return (*start, malformed(Msg("the quote opened here is never closed; close it")))
    unclosed = _quote_run_on(text, at)
    if unclosed is not None:
        return unclosed
    if "unknown escape" in problem:
        return (
            *at,
            malformed(
                Msg(
                    "a backslash in double quotes starts an escape such as \\n; write \\\\ "
                    "for a backslash, or use single quotes"
                )
            ),
        )
    if "flow sequence" in context or "flow mapping" in context:
        bracket = "[" if "sequence" in context else "{"
        close = "]" if bracket == "[" else "}"
        return (
            *start,
            malformed(
                Msg(
                    "the {bracket} opened here is not closed where line {line} goes on; "
                    "close it with {close}, or write one item per line",
                    bracket=bracket,
                    line=at[0],
                    close=close,
                )
            ),
        )
    if "nesting depth" in problem:
        return (*at, malformed(Msg("the file is nested too deeply to be an hrkpi file")))
    if "block sequence entries are not allowed" in problem:
        return (
            *at,
            malformed(
                Msg(
                    "a list item ('- ') cannot stand after a key on the same line: start "
                    "the list on the next line, indented"
                )
            ),
        )
    if "another document" in problem or "document start" in problem:
        return (
            *at,
            malformed(Msg("the file holds more than one YAML document (---); keep one")),
        )
    wide = _full_width_colon(lines, [at[0], start[0], _previous(lines, at[0]) or 0])
    if wide is not None:
        return wide
    if "block mapping" in context or "block collection" in context:
        return _indentation(at, start, lines, "block collection" in context)
    if "mapping values are not allowed" in problem:
        return _colon(at, lines)
    # The parser's own words (English), for a slip no hint above knows.
    what = problem or context or "the syntax"
    return (*at, malformed(Msg("{what}; fix the syntax at this place", what=what)))


_KEY = re.compile(r"\s*(?:-\s+)?[^\s#'\"\-][^:#]*:(?:\s|$)")


def _quote_run_on(text: str, at: tuple[int, int]) -> Located | None:
    """A quote left open that a later quote closes (name: "再就业 ... target: "4"): YAML
    reads the lines between as the quoted text and fails further on, often with words
    about indentation. Said at the quote that is open, as when no later quote closes it."""
    lines = text.splitlines()
    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        for token in yaml.scan(text, Loader=loader):
            first, last = token.start_mark.line, token.end_mark.line
            if (first + 1, token.start_mark.column + 1) > at:
                break
            if not isinstance(token, yaml.ScalarToken) or token.style not in ("'", '"'):
                continue
            if first == last or last >= len(lines):
                continue
            indent = _indent(lines[first])
            # A line within the quotes that reads as a key of the file, lined up with
            # the quote's own key or further out: the quote was meant to end on its line.
            swallowed = next(
                (
                    n
                    for n in range(first + 1, last + 1)
                    if _KEY.match(lines[n]) and _indent(lines[n]) <= indent
                ),
                None,
            )
            if swallowed is None:
                continue
            if swallowed == last:
                said = Msg(
                    "the quote opened here is not closed on its line: YAML reads on to the "
                    "next quote, on line {close}, and takes that line for text; close the "
                    "quote on this line",
                    close=last + 1,
                )
            else:
                said = Msg(
                    "the quote opened here is not closed on its line: YAML reads on to the "
                    "next quote, on line {close}, and takes lines {swallowed} to {close} for "
                    "text; close the quote on this line",
                    close=last + 1,
                    swallowed=swallowed + 1,
                )
            return (first + 1, token.start_mark.column + 1, malformed(said))
    except yaml.YAMLError:
        pass  # the scanner stops at the same mistake: no quote ran on before it
    return None


def _full_width_colon(lines: list[str], near: list[int]) -> Located | None:
    """A key typed with a Chinese input method's colon (value：4.22, figures：) on one of
    the lines `near` the error: YAML takes it for text, and what follows then fails."""
    for n in dict.fromkeys(near):
        if not 0 < n <= len(lines):
            continue
        code = lines[n - 1].split(" #", 1)[0]
        stripped = code.strip().removeprefix("- ")
        if "：" not in stripped or stripped[:1] in "\"'" or ": " in stripped:
            continue
        key = stripped.partition("：")[0]
        if key and not any(ch in key for ch in " \"'"):
            return (
                n,
                code.index("：") + 1,
                malformed(
                    Msg(
                        "{key}：uses a full-width colon '：'; a key takes a half-width "
                        "colon ':' and a space ({key}: ...)",
                        key=key,
                    )
                ),
            )
    return None


def _position(mark: Any) -> tuple[int, int] | None:
    if mark is None:
        return None
    return mark.line + 1, mark.column + 1


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _previous(lines: list[str], line: int) -> int | None:
    """The nearest line above `line` (1-based) with content, or None."""
    for n in range(line - 1, 0, -1):
        stripped = lines[n - 1].strip()
        if stripped and not stripped.startswith("#"):
            return n
    return None


def _indentation(
    at: tuple[int, int], start: tuple[int, int], lines: list[str], items: bool
) -> Located:
    """A line that lines up with nothing above it: say which line to move, and where."""
    bad = lines[at[0] - 1] if 0 < at[0] <= len(lines) else ""
    spaces, group = _indent(bad), start[1] - 1
    above = _previous(lines, at[0])
    if items and spaces == group and above is not None:
        # Lined up with the '- ' of a list item, but without a '- ' of its own.
        inner = _content(lines[start[0] - 1])
        return (
            at[0],
            spaces + 1,
            malformed(
                Msg(
                    "this line lines up with the list items ('- ') of line {line} but is not "
                    "one: to belong to the item above, indent it by {inner} spaces, like the "
                    "item's first key; to start a new item, begin it with '- '",
                    line=start[0],
                    inner=inner,
                )
            ),
        )
    if above is not None and group < spaces < _content(lines[above - 1]):
        before = _content(lines[above - 1])
        parent = _parent(lines, above)
        step = _step(lines)
        if parent is not None and before != _indent(lines[parent - 1]) + step == spaces:
            # The block's first line is the one off the file's usual indentation.
            return (
                above,
                before + 1,
                malformed(
                    Msg(
                        "this line is indented {before} spaces, the next one (line {next}) "
                        "{spaces}: keys of one mapping line up; indent this line by {spaces} "
                        "spaces, as its parent (line {parent}) is indented {parent_indent} "
                        "and the file steps by {step}",
                        before=before,
                        next=at[0],
                        spaces=spaces,
                        parent=parent,
                        parent_indent=_indent(lines[parent - 1]),
                        step=step,
                    )
                ),
            )
        return (
            at[0],
            spaces + 1,
            malformed(
                Msg(
                    "this line is indented {spaces} spaces, between the {before} of line "
                    "{above} and the {group} of line {start}: keys of one mapping line up; "
                    "indent it by {before} spaces to go on with line {above}'s block, or by "
                    "{group} as line {start}",
                    spaces=spaces,
                    before=before,
                    above=above,
                    group=group,
                    start=start[0],
                )
            ),
        )
    kind = Msg("list items ('- ')") if items else Msg("keys")
    return (
        at[0],
        spaces + 1,
        malformed(
            Msg(
                "this line is indented {spaces} spaces, but the {kind} it follows (from line "
                "{start}) are indented {group}: {kind} of one block line up; indent it by "
                "{group} spaces, or as far as a block further out",
                spaces=spaces,
                kind=kind,
                start=start[0],
                group=group,
            )
        ),
    )


def _content(line: str) -> int:
    """Where a line's keys start: after its indentation, and after a list item's '- '."""
    indent = _indent(line)
    if line[indent:].startswith("- "):
        return indent + 2 + _indent(line[indent + 2 :])
    return indent


def _parent(lines: list[str], line: int) -> int | None:
    """The nearest line above `line` indented less than it (its parent key)."""
    own = _indent(lines[line - 1])
    n = _previous(lines, line)
    while n is not None and _indent(lines[n - 1]) >= own:
        n = _previous(lines, n)
    return n


def _step(lines: list[str]) -> int:
    """The file's usual indentation step: the commonest increase from one line to the next."""
    counts: dict[int, int] = {}
    last = 0
    for line in lines:
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        indent = _indent(line)
        if indent > last:
            counts[indent - last] = counts.get(indent - last, 0) + 1
        last = indent
    return max(counts, key=lambda k: (counts[k], -k)) if counts else 2


def _colon(at: tuple[int, int], lines: list[str]) -> Located:
    """A ': ' where no key can start: an over-indented key, a key without its colon
    on the line above, or a colon inside a value."""
    bad = lines[at[0] - 1] if 0 < at[0] <= len(lines) else ""
    above = _previous(lines, at[0])
    prior = lines[above - 1] if above is not None else ""
    if above is not None and _indent(bad) > _indent(prior) and ": " in prior:
        return (
            at[0],
            _indent(bad) + 1,
            malformed(
                Msg(
                    "this line is indented more than line {above}, so YAML reads it as part "
                    "of that line's value: indent it like line {above} (or, if it is part "
                    "of that value, put the value in quotes)",
                    above=above,
                )
            ),
        )
    text = prior.strip()
    if above is not None and ":" not in text and not text.startswith(("-", "#")):
        # "value 4.22" with no colon: YAML reads it and the next line as one text.
        return (
            above,
            _indent(prior) + 1,
            malformed(
                Msg(
                    "this line has no ': ' between its key and its value (value: 4.22), "
                    "so YAML reads it and line {next} as one text; add the colon",
                    next=at[0],
                )
            ),
        )
    return (
        *at,
        malformed(
            Msg(
                "a ': ' stands where no key can start: if the colon belongs to a value, "
                "put the value in quotes; if this is a key, start it on its own line"
            )
        ),
    )
