"""The exception tree. Library code raises these; only the CLI turns them into
messages and exit codes (2 for every HrkpiError: bad input or usage)."""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path

from hrkpi.core.messages import Msg, verbatim


@functools.total_ordering
@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, at a place a user can go to.

    In a workbook `file` is the workbook's path alone, `sheet` its sheet and `cell`
    the cell (B7, line and column 0), or the line and column a sheet's row gives; ""
    for any other file. Outputs read by tools take them apart as they are; messages
    show them together (`where`)."""

    file: str
    line: int
    column: int
    field: str
    message: Msg
    sheet: str = ""
    cell: str = ""

    def __post_init__(self) -> None:
        # Text given as is (by code outside hrkpi) is shown as is, in every language.
        if isinstance(self.message, str):
            object.__setattr__(self, "message", verbatim(self.message))

    def __lt__(self, other: object) -> bool:
        # In the order the places read (data/2021.xlsx:1-6月!B10 before …!B7), as
        # problems have always been listed.
        if not isinstance(other, Problem):
            return NotImplemented
        return self._order() < other._order()

    def _order(self) -> tuple[str, int, int, str, Msg]:
        return self.place, self.line, self.column, self.field, self.message

    def __str__(self) -> str:
        return self.render()

    def render(self, lang: str | None = None) -> str:
        """`file:line:column: field: message`, the message in `lang` (default: the current)."""
        return f"{self.where}:{self.prefix} {self.message.render(lang)}"

    @property
    def place(self) -> str:
        """The file as messages name it: the path, `file:sheet` in a workbook, and
        `file:sheet!B7` for a cell."""
        shown = sheet_place(self.file, self.sheet)
        return f"{shown}!{self.cell}" if self.cell else shown

    @property
    def where(self) -> str:
        """`file:line:column`, or `file:sheet!B7` for a workbook cell (no line or column)."""
        return self.place if self.line == 0 else f"{self.place}:{self.line}:{self.column}"

    @property
    def prefix(self) -> str:
        return f" {self.field}:" if self.field else ""


class HrkpiError(Exception):
    """Base of every error hrkpi raises on purpose."""


class InputError(HrkpiError):
    """One or more problems in definitions or data files, reported together."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__(self.problems)

    def __str__(self) -> str:
        # Rendered when shown, in the language current then (not when raised).
        return "\n".join(str(p) for p in self.problems)


class UsageError(HrkpiError):
    """A request that cannot be carried out as given (a missing path, a bad option value).

    Raised with one `Msg`; `str()` renders it in the current language.
    """

    def __init__(self, message: Msg) -> None:
        self.message = message
        super().__init__(message)


class ExportError(HrkpiError):
    """An output could not be written; the target path is left untouched."""

    def __init__(self, message: Msg) -> None:
        self.message = message
        super().__init__(message)


def problem(
    path: Path | str, line: int, column: int, field: str, message: Msg, *, sheet: str = ""
) -> Problem:
    """Build a Problem with a display path (relative to the working directory when
    possible); `sheet`: a workbook's sheet the line is on."""
    return Problem(display_path(path), line, column, field, message, sheet=sheet)


def shown_key(key: str) -> str:
    """A field's key as data holds it (changes.0.pct, a list's items from 0) as the user
    reads it, items counted from 1 as messages count them (changes.1.pct)."""
    return ".".join(str(int(p) + 1) if p.isdigit() else p for p in key.split("."))


def sheet_place(file: str, sheet: str) -> str:
    """A file as messages name it: `data/2021.xlsx:1-6月` for a workbook's sheet, the
    path alone for any other file (`sheet` ""). Only words for people: outputs read by
    tools keep the file and the sheet apart, as findings and problems hold them."""
    return f"{file}:{sheet}" if sheet else file


def display_path(path: Path | str) -> str:
    """A path as messages and outputs show it: relative to the working directory,
    never absolute (an absolute path in a report mailed out leaks a local folder).

    Outside the working directory it is written with "..", as `os.path.relpath` does;
    where no relative path exists (another drive), only the file's name is shown. A
    file inside the installed package (the bundled report, after `pip install .`) is
    shown from the package's name, `hrkpi/bundled/data/…`, not as a climb into
    site-packages.
    """
    # Cached: a file with a thousand problems works its path out once.
    return _display(str(path), os.getcwd())


_PACKAGE = Path(__file__).resolve().parents[1]  # the installed hrkpi/ folder


@functools.lru_cache(maxsize=256)
def _display(path: str, cwd: str) -> str:
    p = Path(path)
    try:
        shown = os.path.relpath(p.absolute(), cwd)
    except (ValueError, OSError):
        return p.name
    if shown.startswith(os.pardir):
        try:
            inside = p.absolute().relative_to(_PACKAGE)
        except ValueError:
            return shown
        return f"{_PACKAGE.name}/{inside.as_posix()}"
    return shown


# The operating system's words for the failures a user meets reading and writing
# files, as Linux's strerror writes them; Chinese from the catalogue.
_OS_WORDS = {
    m.template: m
    for m in (
        Msg("Permission denied"),
        Msg("Operation not permitted"),
        Msg("No such file or directory"),
        Msg("Is a directory"),
        Msg("Not a directory"),
        Msg("No space left on device"),
        Msg("File too large"),
        Msg("Read-only file system"),
        Msg("File name too long"),
        Msg("Disk quota exceeded"),
        Msg("Input/output error"),
        Msg("Too many levels of symbolic links"),
        Msg("Broken pipe"),
    )
}


def os_reason(exc: OSError) -> Msg:
    """Why the operating system refused, in the current language when the words are known
    (as strerror gives them on Linux), else as the system said it."""
    text = exc.strerror or str(exc)
    return _OS_WORDS.get(text) or verbatim(text)
