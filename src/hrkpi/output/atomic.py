"""Atomic file writes: a finished file appears at the target, or nothing changes.

The content goes to a temporary file in the target's own folder (so the final
rename stays on one file system), is flushed to disk, and then replaces the
target with `os.replace`. On any error the temporary file is removed and the
target, new or pre-existing, is left exactly as it was.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from hrkpi.core.errors import ExportError, display_path


def _new_file_mode(target: Path) -> int:
    """The permissions the target should get: its own if it exists, else 0o666 less the umask."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0o022)
        os.umask(umask)
        return 0o666 & ~umask


def check_target(path: Path) -> Path:
    """Refuse a target that cannot be a file before any work is done; return it absolute."""
    target = Path(path).expanduser()
    shown = display_path(target)
    if target.is_dir():
        raise ExportError(f"cannot write {shown}: it is a folder; give a file name")
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise ExportError(
            f"cannot write {shown}: the folder {display_path(parent)} does not exist; "
            "create it first"
        )
    if not os.access(parent, os.W_OK | os.X_OK):
        raise ExportError(f"cannot write {shown}: no permission to create files in that folder")
    return target.absolute()


def write_atomic(path: Path, write: Callable[[BinaryIO], None]) -> Path:
    """Call `write` on a temporary file beside `path`, then move it onto `path`.

    Any exception from `write` propagates (an OSError becomes an ExportError);
    either way no temporary file is left and `path` is untouched.
    """
    target = check_target(path)
    shown = display_path(target)
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _new_file_mode(target))
        os.replace(tmp, target)
    except OSError as exc:
        _remove(tmp)
        reason = exc.strerror or str(exc)
        if isinstance(exc, PermissionError):
            reason += " (is the file open in another program, such as Excel?)"
        raise ExportError(f"cannot write {shown}: {reason}; nothing was written") from exc
    except BaseException:
        _remove(tmp)
        raise
    return target


def write_bytes_atomic(path: Path, data: bytes) -> Path:
    """Write `data` to `path` atomically."""

    def write(handle: BinaryIO) -> None:
        handle.write(data)

    return write_atomic(path, write)


def _remove(tmp: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
