"""The exception tree. Library code raises these; only the CLI turns them into
messages and exit codes (2 for every HrkpiError: bad input or usage)."""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an input file, at a place a user can go to."""

    file: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        # A workbook cell names itself (file:sheet!B7) and has no line or column.
        where = self.file if self.line == 0 else f"{self.file}:{self.line}:{self.column}"
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.message}"


class HrkpiError(Exception):
    """Base of every error hrkpi raises on purpose."""


class InputError(HrkpiError):
    """One or more problems in definitions or data files, reported together."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


class UsageError(HrkpiError):
    """A request that cannot be carried out as given (a missing path, a bad option value)."""


class ExportError(HrkpiError):
    """An output could not be written; the target path is left untouched."""


def problem(path: Path | str, line: int, column: int, field: str, message: str) -> Problem:
    """Build a Problem with a display path (relative to the working directory when possible)."""
    return Problem(display_path(path), line, column, field, message)


def display_path(path: Path | str) -> str:
    """A path as messages and outputs show it: relative to the working directory,
    never absolute (an absolute path in a report mailed out leaks a local folder).

    Outside the working directory it is written with "..", as `os.path.relpath` does;
    where no relative path exists (another drive), only the file's name is shown.
    """
    # Cached: a file with a thousand problems works its path out once.
    return _display(str(path), os.getcwd())


@functools.lru_cache(maxsize=256)
def _display(path: str, cwd: str) -> str:
    p = Path(path)
    try:
        return os.path.relpath(p.absolute(), cwd)
    except (ValueError, OSError):
        return p.name
