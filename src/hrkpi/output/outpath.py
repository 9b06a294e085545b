"""What an output path names, decided before any work is done.

A path given to an export (or `check --junit`) is one of:

- a regular file, new or existing: written atomically beside itself;
- a symbolic link (or a chain of them) to a file: followed, and the file it
  points to is written atomically beside it, so the link stays a link;
- a FIFO, a character device (/dev/null, a terminal) or a socket: written
  straight into, since it cannot be replaced;
- `-`, /dev/stdout, /dev/fd/N or /proc/self/fd/N: one of this process's open
  descriptors, written straight into at its current position.

Refused, each with the path in the message: a folder, a name ending in a slash
(`out/` names a folder even when it does not exist yet), a block device, a
path under /proc or /sys (kernel interfaces, not files), a name longer than
the file system holds, a missing folder, a folder without write permission,
and one of the command's own input files (or a data file inside an input
folder, which the next run would read as input).
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from hrkpi.core.errors import ExportError, display_path, os_reason
from hrkpi.core.messages import Msg

STDOUT = "-"
STANDARD_OUTPUT = Msg("standard output")
_MAX_LINKS = 40  # as the kernel's own limit on a chain of symbolic links
_KERNEL_TREES = (Path("/proc"), Path("/sys"))
_OWN_FD = re.compile(rf"^/proc/(?:self|{os.getpid()})/fd/(\d+)$")
# Files the loader reads from an input folder: an output named so would be read next time.
_INPUT_SUFFIXES = (".yaml", ".yml", ".csv", ".parquet")


class Kind(Enum):
    """How a target is written."""

    FILE = "file"  # atomically: a temporary file beside it, then one rename
    STREAM = "stream"  # straight in: a FIFO, a character device, a socket
    DESCRIPTOR = "descriptor"  # straight in: an open descriptor of this process


@dataclass(frozen=True)
class Target:
    """A checked output: where the bytes go and how."""

    path: Path  # the file written (links followed); the descriptor's path for DESCRIPTOR
    shown: str | Msg  # the path as the user gave it, for messages
    kind: Kind
    fd: int | None = None  # the descriptor, for DESCRIPTOR


def check_target(path: str | os.PathLike[str], *, inputs: Iterable[Path] = ()) -> Target:
    """Decide what `path` names and refuse it (ExportError) if it cannot be written.

    `inputs` are the files and folders the command reads: an output that is one
    of them, or a data file inside one of the folders, is refused.
    """
    raw = os.fspath(path)
    if not isinstance(raw, str):
        raise ExportError(Msg("cannot write {path!r}: give the path as text, not bytes", path=raw))
    if raw == STDOUT:
        return Target(Path("/dev/stdout"), STANDARD_OUTPUT, Kind.DESCRIPTOR, 1)
    shown = raw  # as the user wrote it: their own words, and never another folder's name
    if not raw.strip():
        raise ExportError(Msg("cannot write to an empty file name; give a file name"))
    if raw.endswith(("/", os.sep)) or (os.altsep and raw.endswith(os.altsep)):
        raise ExportError(
            Msg(
                "cannot write {path}: a name ending in a slash is a folder; "
                "give a file name (such as table.xlsx) after it",
                path=raw,
            )
        )
    final = _follow_links(Path(os.path.abspath(os.path.expanduser(raw))), shown)
    own = _OWN_FD.match(str(final))
    if own:
        fd = int(own[1])
        _stat(final, shown)  # a descriptor that is not open fails here
        return Target(final, shown, Kind.DESCRIPTOR, fd)
    kernel = next((tree for tree in _KERNEL_TREES if final.is_relative_to(tree)), None)
    if kernel is not None:
        raise ExportError(
            Msg(
                "cannot write {path}: it is under {tree}, where the kernel's settings live, "
                "not files; write to a folder of your own",
                path=shown,
                tree=str(kernel),
            )
        )
    info = _stat(final, shown)
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise ExportError(
                Msg("cannot write {path}: it is a folder; give a file name", path=shown)
            )
        if stat.S_ISBLK(info.st_mode):
            raise ExportError(
                Msg("cannot write {path}: it is a disk (a block device), not a file", path=shown)
            )
        if not stat.S_ISREG(info.st_mode):
            return Target(final, shown, Kind.STREAM)
    _check_folder(final, shown)
    _check_inputs(final, shown, inputs)
    return Target(final, shown, Kind.FILE)


def name_max(folder: Path) -> int:
    """The longest file name (in bytes) the file system of `folder` holds."""
    try:
        return int(os.pathconf(folder, "PC_NAME_MAX"))
    except (OSError, ValueError, AttributeError):
        return 255  # every common file system; Windows counts characters, also 255


def _follow_links(path: Path, shown: str) -> Path:
    """Follow the symbolic links of the path itself, with its folders resolved."""
    current = path
    for _ in range(_MAX_LINKS):
        current = Path(os.path.realpath(current.parent)) / current.name
        if _OWN_FD.match(str(current)) or not _is_link(current):
            return current
        current = current.parent / os.readlink(current)
    raise ExportError(Msg("cannot write {path}: too many symbolic links (a loop?)", path=shown))


def _is_link(path: Path) -> bool:
    try:
        return stat.S_ISLNK(path.lstat().st_mode)
    except OSError:
        return False  # missing, or a name too long to look up: reported when checked


def _stat(path: Path, shown: str) -> os.stat_result | None:
    try:
        return path.stat()
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            return None  # reported with the limit below
        if exc.errno == errno.EBADF:
            raise ExportError(
                Msg("cannot write {path}: that descriptor is not open", path=shown)
            ) from None
        raise ExportError(
            Msg("cannot write {path}: {why}", path=shown, why=os_reason(exc))
        ) from None


def _check_folder(final: Path, shown: str) -> None:
    parent = final.parent
    if not parent.is_dir():
        raise ExportError(
            Msg(
                "cannot write {path}: the folder {folder} does not exist; create it first",
                path=shown,
                folder=display_path(parent),
            )
        )
    size, limit = len(os.fsencode(final.name)), name_max(parent)
    if size > limit:
        raise ExportError(
            Msg(
                "cannot write {path}: the file name is {size} bytes long and this file system "
                "holds at most {limit}; give a shorter name",
                path=shown,
                size=size,
                limit=limit,
            )
        )
    if not os.access(parent, os.W_OK | os.X_OK):
        raise ExportError(
            Msg("cannot write {path}: no permission to create files in that folder", path=shown)
        )


def _check_inputs(final: Path, shown: str, inputs: Iterable[Path]) -> None:
    for given in inputs:
        source = Path(os.path.realpath(given))
        read = final.parent == source and final.suffix.lower() in _INPUT_SUFFIXES
        if source == final or (read and final.exists()):
            raise ExportError(
                Msg(
                    "cannot write {path}: it is an input of this command and would be "
                    "overwritten; write the output somewhere else",
                    path=shown,
                )
            )
        if read:
            raise ExportError(
                Msg(
                    "cannot write {path}: it lies in the input folder {folder}, so the next "
                    "run would read it as input; write it somewhere else",
                    path=shown,
                    folder=display_path(given),
                )
            )
