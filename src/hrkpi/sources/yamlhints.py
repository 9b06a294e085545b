"""YAML syntax errors in plain words, at the line where the mistake is.

The parser says where it gave up ("did not find expected key"), which is often
the line after the mistake, in its own vocabulary. Each common slip of an
analyst editing a YAML file by hand (a tab, an unquoted %, a key indented one
space off, a quote or bracket left open) gets a sentence saying what is wrong
and what to write, at the line to change.
"""

from __future__ import annotations

from typing import Any

Located = tuple[int, int, str]  # line, column (1-based), message

_PREFIX = "malformed YAML: "
_RESERVED = {
    "%": "a YAML directive",
    "@": "reserved in YAML",
    "`": "reserved in YAML",
}


def syntax_problem(exc: Any, text: str) -> Located:
    """Where a YAML syntax error is to be fixed, and how."""
    problem = str(getattr(exc, "problem", "") or "")
    context = str(getattr(exc, "context", "") or "")
    at = _position(getattr(exc, "problem_mark", None)) or (1, 1)
    start = _position(getattr(exc, "context_mark", None)) or at
    lines = text.splitlines()
    line_text = lines[at[0] - 1] if 0 < at[0] <= len(lines) else ""
    char = line_text[at[1] - 1] if 0 < at[1] <= len(line_text) else ""

    if "tab" in problem or char == "\t":
        return (*at, _PREFIX + "a tab character; YAML indents with spaces only: replace it")
    if "cannot start any token" in problem and char in _RESERVED:
        return (
            *at,
            f"{_PREFIX}a value cannot start with {char!r} ({_RESERVED[char]}) unless it is "
            f'quoted: write it in quotes, such as unit: "{char}"',
        )
    if "could not find expected ':'" in problem:
        return (
            *start,
            f"{_PREFIX}a key needs a colon and a space after it (value: 4.22); add them",
        )
    if "quoted scalar" in context and "end of stream" in problem:
        return (*start, _PREFIX + "the quote opened here is never closed; close it")
    if "unknown escape" in problem:
        return (
            *at,
            f"{_PREFIX}a backslash in double quotes starts an escape such as \\n; write \\\\ "
            "for a backslash, or use single quotes",
        )
    if "flow sequence" in context or "flow mapping" in context:
        bracket = "[" if "sequence" in context else "{"
        close = "]" if bracket == "[" else "}"
        return (
            *start,
            f"{_PREFIX}the {bracket} opened here is not closed where line {at[0]} goes on; "
            f"close it with {close}, or write one item per line",
        )
    if "nesting depth" in problem:
        return (*at, _PREFIX + "the file is nested too deeply to be an hrkpi file")
    if "block sequence entries are not allowed" in problem:
        return (
            *at,
            f"{_PREFIX}a list item ('- ') cannot stand after a key on the same line: start "
            "the list on the next line, indented",
        )
    if "another document" in problem or "document start" in problem:
        return (*at, _PREFIX + "the file holds more than one YAML document (---); keep one")
    if "block mapping" in context or "block collection" in context:
        return _indentation(at, start, lines, "block collection" in context)
    if "mapping values are not allowed" in problem:
        return _colon(at, lines)
    what = problem or context or "the syntax"
    return (*at, f"{_PREFIX}{what}; fix the syntax at this place")


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
    """A line that lines up with nothing above it."""
    bad = lines[at[0] - 1] if 0 < at[0] <= len(lines) else ""
    spaces, group = _indent(bad), start[1] - 1
    kind = "list items ('- ')" if items else "keys"
    if not items and _previous(lines, at[0]) == start[0] and spaces < group:
        # The block began on the line just above, alone: that line is the one indented
        # off (its siblings further up line up with this one or further out).
        return (
            start[0],
            start[1],
            f"{_PREFIX}this line is indented {group} spaces, and the next key (line "
            f"{at[0]}) {spaces}: keys of one mapping line up; indent this line like the "
            "keys it belongs with",
        )
    return (
        at[0],
        spaces + 1,
        f"{_PREFIX}this line is indented {spaces} spaces, but the {kind} it follows (from "
        f"line {start[0]}) are indented {group}: {kind} of one block line up; indent it "
        f"by {group} spaces, or as far as a block further out",
    )


def _colon(at: tuple[int, int], lines: list[str]) -> Located:
    """A ': ' where no key can start: an over-indented key, or a colon in a value."""
    bad = lines[at[0] - 1] if 0 < at[0] <= len(lines) else ""
    above = _previous(lines, at[0])
    if above is not None and _indent(bad) > _indent(lines[above - 1]) and ": " in lines[above - 1]:
        return (
            at[0],
            _indent(bad) + 1,
            f"{_PREFIX}this line is indented more than line {above}, so YAML reads it as "
            f"part of that line's value: indent it like line {above} (or, if it is part "
            "of that value, put the value in quotes)",
        )
    return (
        *at,
        f"{_PREFIX}a ': ' stands where no key can start: if the colon belongs to a value, "
        "put the value in quotes; if this is a key, start it on its own line",
    )
