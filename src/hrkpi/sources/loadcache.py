"""The bundled report, loaded once: its catalog and dataset kept in the user's cache.

`hrkpi compute` and `hrkpi check` without paths read the bundled report, and
reading it (YAML composed with every node's mark, pydantic building and running
its validators, the cross-checks) costs more than computing it. What that load
returns (plain records: hrkpi.core.records, so reading it back builds no pydantic
model) is kept, pickled, in `$HRKPI_CACHE_DIR` (default `$XDG_CACHE_HOME/hrkpi`,
else `~/.cache/hrkpi`) and read back while nothing it depends on has changed.

Exact, not approximate: the key is the content (BLAKE2b) of every file the load
reads, the list of those files, the working directory (paths are shown relative
to it), the Python, pydantic and PyYAML versions (their version files, read without
importing either), and the size and modification time of every module of hrkpi
itself. Anything else misses and loads afresh. Only
a load that succeeded is kept: problems are always found and reported by the loader.

Only the bundled report is cached (a user's own reports are not copied anywhere).
The cache is the user's alone: a file or folder another user could have written is
never read, and a cache that cannot be written is no cache (nothing fails).
`HRKPI_NO_CACHE=1` turns it off.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

ENV_DIR = "HRKPI_CACHE_DIR"
ENV_OFF = "HRKPI_NO_CACHE"
_PREFIX = "bundled-"
_SUFFIX = ".pickle"


def cache_dir() -> Path | None:
    """Where the cache lives, or None when it is turned off."""
    if os.environ.get(ENV_OFF, "").strip() not in ("", "0"):
        return None
    given = os.environ.get(ENV_DIR, "").strip()
    if given:
        return Path(given)
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    if base and os.path.isabs(base):
        return Path(base) / "hrkpi"
    home = Path.home() if "HOME" in os.environ or sys.platform == "win32" else None
    return home / ".cache" / "hrkpi" if home else None


def _own(st: os.stat_result) -> bool:
    """Written by this user alone: owned by them, not writable by group or others."""
    getuid = getattr(os, "getuid", None)
    mine = getuid is None or st.st_uid == getuid()
    return mine and not st.st_mode & 0o022


def _code_stamp() -> list[tuple[str, int, int]]:
    """Every module of hrkpi (and its catalogue) by size and modification time: a
    changed validator or model misses the cache."""
    root = Path(__file__).resolve().parents[1]
    found: list[tuple[str, int, int]] = []
    stack = [str(root)]
    while stack:
        with os.scandir(stack.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name != "__pycache__":
                        stack.append(entry.path)
                elif entry.name.endswith((".py", ".yaml")):
                    st = entry.stat()
                    found.append((entry.path, st.st_size, st.st_mtime_ns))
    return sorted(found)


# The files that name the versions of the libraries a load depends on (pydantic's
# names the pydantic-core it requires): read, not imported, since a run from the
# cache imports neither library.
_LIBRARIES = (("pydantic", "version.py"), ("yaml", "__init__.py"))


def _library_versions() -> list[bytes]:
    """The content of each library's version file (b"" for a library not installed).
    Raises OSError when a file cannot be read."""
    from importlib.util import find_spec

    found = []
    for name, file in _LIBRARIES:
        spec = find_spec(name)
        folders = spec.submodule_search_locations if spec is not None else None
        found.append(Path(next(iter(folders)), file).read_bytes() if folders else b"")
    return found


def _key(files: list[Path]) -> str | None:
    """The digest of everything the load depends on; None when a file cannot be read
    (the loader then says why). Raises OSError without a working directory."""
    digest = hashlib.blake2b(digest_size=20)
    stamp = (
        sys.version,
        _library_versions(),
        pickle.HIGHEST_PROTOCOL,
        os.getcwd(),
        _code_stamp(),
        [str(f) for f in files],
    )
    digest.update(repr(stamp).encode("utf-8", "surrogateescape"))
    try:
        for file in files:
            digest.update(b"\0" + file.read_bytes())
    except OSError:
        return None
    return digest.hexdigest()


def _read(path: Path) -> object | None:
    try:
        with open(path, "rb") as f:
            st = os.fstat(f.fileno())
            if not _own(st) or not _own(path.parent.stat()):
                return None
            found: object = pickle.load(f)  # our own file: checked above
            return found
    except Exception:  # missing, truncated or written by another version: load afresh
        return None


def _write(folder: Path, name: str, value: object) -> None:
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _own(folder.stat()):
            return
        import tempfile  # only when writing: a cached run reads

        blob = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=_SUFFIX)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(blob)
            os.replace(tmp, folder / name)
        except BaseException:
            os.unlink(tmp)
            raise
        for old in folder.glob(f"{_PREFIX}*{_SUFFIX}"):
            if old.name != name:
                old.unlink(missing_ok=True)  # an older hrkpi's or bundled report's
    except Exception:  # a read-only home, a full disk, an unpicklable value: no cache
        return


def cached(files: Callable[[], list[Path]], load: Callable[[], T]) -> T:
    """`load()`, or what it returned before for the same `files()` (every file it
    reads) and the same hrkpi."""
    folder = cache_dir()
    if folder is None:
        return load()
    try:
        key = _key(files())
    except Exception:  # no such folder, no files: the loader says so, in its words
        key = None
    if key is None:
        return load()
    name = f"{_PREFIX}{key}{_SUFFIX}"
    found = _read(folder / name)
    if found is not None:
        return found  # type: ignore[return-value]
    value = load()
    _write(folder, name, value)
    return value
