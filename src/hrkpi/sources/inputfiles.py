"""Which files a load reads: the bundled report's folders, the definitions and data
files a path names (a file, or a folder's files by suffix), and the files found by
name beside the data (the region hierarchy, the targets)."""

from __future__ import annotations

from pathlib import Path

from hrkpi.core.errors import UsageError
from hrkpi.core.messages import Msg
from hrkpi.sources.textfile import NO_SUCH_FILE, not_regular

DEFINITION_SUFFIXES = (".yaml", ".yml")


def bundled_path(name: str) -> Path:
    """The bundled report's `indicators` or `data` folder.

    Inside an installed wheel they live in `hrkpi/bundled/`; in a source
    checkout (or editable install) they are the repository's top-level folders.
    """
    # The package's own folder, as importlib.resources.files("hrkpi") names it on a
    # file system (without importing importlib.resources: a few ms of every start).
    packaged = Path(__file__).parents[1] / "bundled" / name
    if packaged.is_dir():
        return packaged
    source = Path(__file__).resolve().parents[3] / name
    if source.is_dir():
        return source
    raise UsageError(
        Msg("the bundled {name}/ folder is missing; pass --{name} PATH", name=name)
    )  # pragma: no cover


DATA_SUFFIXES = (".yaml", ".yml", ".csv", ".parquet", ".xlsx", ".xlsm")
# Files a data folder may hold beside the figures, found by name and never read as
# figures: the region hierarchy and the targets assigned to regions.
REGIONS_NAMES = ("regions.csv",)
TARGETS_NAMES = ("targets.csv", "targets.yaml", "targets.yml", "targets.xlsx")


def data_files(path: Path) -> list[Path]:
    """The data files a data path names (a file, or a folder's data files by name)."""
    files = files_in(path, DATA_SUFFIXES, "data")
    if path.is_dir():
        kept = [f for f in files if f.name.lower() not in (*REGIONS_NAMES, *TARGETS_NAMES)]
        if not kept:
            raise UsageError(_no_files(path, DATA_SUFFIXES, "data"))
        return kept
    return files


def beside_data(path: Path, names: tuple[str, ...]) -> Path | None:
    """A file named one of `names` in the data folder (or beside a data file), if any."""
    folder = path if path.is_dir() else path.parent
    return next((folder / n for n in names if (folder / n).is_file()), None)


def _no_files(path: Path, suffixes: tuple[str, ...], what: str) -> Msg:
    if what == "data":
        return Msg(
            "{path}: no data files ({suffixes}) in this folder",
            path=str(path),
            suffixes=suffixes,
        )
    return Msg(
        "{path}: no indicators files ({suffixes}) in this folder",
        path=str(path),
        suffixes=suffixes,
    )


def files_in(path: Path, suffixes: tuple[str, ...], what: str) -> list[Path]:
    """The files `path` names: itself, or a folder's files with one of `suffixes`
    (UsageError, worded for the --`what` option, when there are none)."""
    if path.is_dir():
        found = sorted(p for p in path.iterdir() if p.suffix.lower() in suffixes and p.is_file())
        if not found:
            raise UsageError(_no_files(path, suffixes, what))
        return found
    if path.is_file():
        return [path]
    raise UsageError(_not_readable(path, what))


def given_file(path: Path, what: str) -> Path:
    """`path`, the file an option names (--regions), if it is a regular file; else a
    UsageError naming the option, as for --indicators and --data."""
    if not path.is_file():
        raise UsageError(_not_readable(path, what))
    return path


def _not_readable(path: Path, what: str) -> Msg:
    why = not_regular(path)
    if why is not None and why is not NO_SUCH_FILE:
        # A FIFO or a device would block or never end: say what it is, never open it.
        return Msg("{path}: {why}; check the --{what} path", path=str(path), why=why, what=what)
    return Msg("{path}: no such file or folder; check the --{what} path", path=str(path), what=what)


def input_files(indicators: Path, data: Path) -> list[Path]:
    """Every file a load of `indicators` and `data` reads."""
    return [*files_in(indicators, DEFINITION_SUFFIXES, "indicators"), *data_files(data)]
