"""Atomic file writes: a finished file appears at the target, or nothing changes.

What a path names is decided first (`hrkpi.output.outpath`): a file (a symbolic
link is followed to its file), a FIFO or device, or an open descriptor such as
standard output. A file is written atomically; the others are written straight
into, since they cannot be replaced.

A file's content goes to a temporary file in the target's own folder (so the
final rename stays on one file system), is flushed to disk, and then replaces
the target with `os.replace`; the target's permissions are kept. On any error,
Ctrl-C or SIGTERM the temporary file is removed and the target is left exactly
as it was.

SIGKILL runs no clean-up, so where it can the temporary file has no name until
it is complete. On Linux it is opened with O_TMPFILE (an inode in the folder
with no directory entry), given a name with linkat only once written and
synced, and renamed onto the target at once: a killed export leaves nothing
behind, and no later run has to guess whether a stray file is still being
written. Where O_TMPFILE is missing (other systems, some network file systems)
the temporary file is named `.<name>.hrkpi-<host>-<pid>-<random>.tmp`, and
each later write into the same folder removes those of this host whose process
no longer exists. The named window of the O_TMPFILE path (between linkat and
rename) is covered by the same sweep.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import io
import os
import re
import secrets
import socket
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import BinaryIO

from hrkpi.core.errors import ExportError, os_reason
from hrkpi.core.messages import Msg
from hrkpi.output.controls import terminal_safe
from hrkpi.output.outpath import Kind, Target, check_target, name_max

# Tests turn it off to exercise the named fallback on Linux.
USE_TMPFILE = hasattr(os, "O_TMPFILE") and os.path.isdir("/proc/self/fd")
_HOST = hashlib.sha1(socket.gethostname().encode("utf-8", "replace")).hexdigest()[:6]
_TEMP = re.compile(r"^\..*\.hrkpi-([0-9a-f]{6})-(\d+)-[0-9a-f]{8}\.tmp$", re.S)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_REASONS = {
    errno.ENOSPC: Msg("the disk is full"),
    errno.EDQUOT: Msg("the disk quota is used up"),
    errno.EFBIG: Msg("the file is larger than the file system or the file size limit allows"),
    errno.EROFS: Msg("the file system is read-only"),
    errno.ENAMETOOLONG: Msg("the name is longer than the file system allows"),
}


def _new_file_mode(target: Path) -> int:
    """The permissions the target should get: its own if it exists, else 0o666 less the umask."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0o022)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic(
    path: str | os.PathLike[str],
    write: Callable[[BinaryIO], None],
    *,
    inputs: Iterable[Path] = (),
) -> Path:
    """Call `write` on a temporary file beside `path`, then move it onto `path`.

    `path` may also be `-` (standard output), a FIFO or a device, written
    straight into. `inputs` are the command's own input files and folders,
    which are never overwritten. Any exception from `write` propagates (an
    OSError becomes an ExportError naming the path); either way no temporary
    file is left and a file at `path` is untouched. Returns the path written.
    """
    target = check_target(path, inputs=inputs)
    if target.kind is Kind.FILE:
        _write_file(target, write)
    else:
        _write_straight(target, write)
    return target.path


def write_bytes_atomic(
    path: str | os.PathLike[str], data: bytes, *, inputs: Iterable[Path] = ()
) -> Path:
    """Write `data` to `path` atomically (see `write_atomic`)."""

    def write(handle: BinaryIO) -> None:
        handle.write(data)

    return write_atomic(path, write, inputs=inputs)


def _write_file(target: Target, write: Callable[[BinaryIO], None]) -> None:
    folder = target.path.parent
    sweep(folder)
    mode = _new_file_mode(target.path)
    named: Path | None = None
    try:
        handle, named = _open_temp(target)
        with handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
            os.fchmod(handle.fileno(), mode)
            if named is None:  # O_TMPFILE: a name only now that the content is complete
                named = _temp_name(target)
                _link(handle.fileno(), named)
        os.replace(named, target.path)
        named = None
    except OSError as exc:
        raise ExportError(
            Msg(
                "cannot write {path}: {why}; nothing was written",
                path=target.shown,
                why=describe(exc),
            )
        ) from exc
    finally:
        if named is not None:
            with contextlib.suppress(OSError):
                named.unlink()
    _sync_folder(folder)


def _open_temp(target: Target) -> tuple[BinaryIO, Path | None]:
    """An unnamed file in the target's folder (O_TMPFILE), else a new named one."""
    folder = target.path.parent
    if USE_TMPFILE:
        try:
            fd = os.open(folder, os.O_TMPFILE | os.O_WRONLY | _CLOEXEC, 0o600)
        except OSError as exc:
            if exc.errno not in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL, errno.ENOENT):
                raise
        else:
            return os.fdopen(fd, "wb"), None
    named = _temp_name(target)
    fd = os.open(named, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _CLOEXEC, 0o600)
    try:
        return os.fdopen(fd, "wb"), named
    except BaseException:
        os.close(fd)
        named.unlink()
        raise


def _link(fd: int, name: Path) -> None:
    """Give an O_TMPFILE file a name: linkat(/proc/self/fd/N, AT_SYMLINK_FOLLOW).

    The folder descriptor makes os.link call linkat with the flag; a plain
    os.link(path, path) calls link(2), which would link the /proc entry itself.
    """
    fds = os.open("/proc/self/fd", os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.link(str(fd), name, src_dir_fd=fds, follow_symlinks=True)
    finally:
        os.close(fds)


def _temp_name(target: Target) -> Path:
    """A name beside the target that the file system holds, however long the target's."""
    tail = f".hrkpi-{_HOST}-{os.getpid()}-{secrets.token_hex(4)}.tmp"
    budget = name_max(target.path.parent) - len(tail.encode()) - 1
    stem = target.path.name
    while len(os.fsencode(stem)) > budget:
        stem = stem[: max(0, min(len(stem) - 1, budget))]
    return target.path.parent / f".{stem}{tail}"


def sweep(folder: Path) -> list[Path]:
    """Remove temporary files of this host whose writer no longer runs; return them.

    They are what a SIGKILLed write leaves where O_TMPFILE is missing.
    """
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        found = _TEMP.match(entry.name)
        if found is None or found[1] != _HOST or _running(int(found[2])):
            continue
        with contextlib.suppress(OSError):
            os.unlink(entry.path)
            removed.append(Path(entry.path))
    return removed


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # another user's process, or a number no process has: leave it
    return True


def _write_straight(target: Target, write: Callable[[BinaryIO], None]) -> None:
    """Write into a FIFO, a device or an open descriptor (no rename is possible)."""
    try:
        if target.kind is Kind.DESCRIPTOR:
            assert target.fd is not None
            for stream in (sys.stdout, sys.stderr):
                if stream is not None and target.fd in (1, 2):
                    stream.flush()  # what was printed before comes first
            fd = os.dup(target.fd)
        else:
            fd = os.open(target.path, os.O_WRONLY | getattr(os, "O_NOCTTY", 0) | _CLOEXEC)
        with os.fdopen(fd, "wb") as handle:
            content = io.BytesIO()
            write(content)
            data = content.getvalue()
            if handle.isatty():  # shown, not obeyed: no escape sequence from data
                text = data.decode("utf-8", "surrogateescape")
                data = terminal_safe(text).encode("utf-8", "surrogateescape")
            handle.write(data)
            handle.flush()
    except BrokenPipeError:
        raise  # the reader went away (| head): the CLI stops quietly
    except OSError as exc:
        raise ExportError(
            Msg(
                "cannot write {path}: {why}; the output may be incomplete",
                path=target.shown,
                why=describe(exc),
            )
        ) from exc


def describe(exc: OSError) -> Msg:
    """What an OSError means for a file being written, in words a user can act on."""
    reason = _REASONS.get(exc.errno or 0) or os_reason(exc)
    if isinstance(exc, PermissionError):
        return Msg("{why} (is the file open in another program, such as Excel?)", why=reason)
    return reason


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable; not every system can open a folder."""
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
