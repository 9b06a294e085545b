"""Large data a group of indicators at a time: the partitioned plan.

Every relation the fast path decides joins rows of one indicator (its figure
last year or at a date, its child regions, its limits), or of an indicator and
its parts (a composition, re-decided by the exact engine with its parts' rows).
So the data need never be in memory whole: polars' streaming engine reads each
file once and writes its text cells into one Parquet file in a temporary
folder (each row keeping its file, line and `gid`, its place in the whole
data); the indicators are taken in groups of about `GROUP_ROWS` rows (an
indicator with its parts always in one group), and each group is read back
(only its rows: the filter on the indicator column is applied as the file is
read), typed and decided with the memory of its rows alone (hrkpi.fast.partrun),
two groups at a time (hrkpi.fast.workers).

One file rather than one per indicator: polars' partitioned sink held about
130 MB more at a million rows than the plain one (which holds what reading the
CSV holds), and reading a group back by its indicators costs about 15 ms.

Small data keeps the in-memory plan (hrkpi.fast.frame): `PARTITION_FROM_ROWS`
says from how many rows the partitioned one is used. The temporary folder is made
in Python's temporary directory (TMPDIR); when it cannot be made or written (no
such folder, no permission, a full disk) the run stops with a UsageError naming the
folder and saying to set TMPDIR (`scratch_errors`), never the in-memory plan in its
place: that would need several times the memory the user chose to spare.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import threading
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import polars as pl

from hrkpi.core.catalog import Catalog
from hrkpi.core.errors import InputError, UsageError, display_path, os_reason
from hrkpi.core.messages import Msg
from hrkpi.fast.frame import _CELLS, Frame, Scanned, Unsupported, _typed, lookups, read_frame

PARTITION_FROM_ROWS = 300_000  # rows from which the data is split by indicator
# Rows read back and decided at a time (whole indicators). Two groups are decided at
# once (hrkpi.fast.workers): two of 50,000 rows held about what one of 100,000 did
# (at 1M rows the series' peak 320 MB against 430-460 MB for two of 100,000), for
# about 0.2 s more CPU (each group's plans cost a fixed 20-50 ms).
GROUP_ROWS = 50_000
# The check holds less of a group than the series table does, and its groups are twice
# as large: at 1M rows (idle 2-core machine) groups of 100,000 checked in 3.4-3.5 s and
# 395-404 MB against 4.0-4.1 s and 345-355 MB for 50,000, while the series peaked at
# 477 MB with 100,000 (over twice the I/O floor's 221 MB).
CHECK_GROUP_FACTOR = 2
_ROW_GROUP = 50_000  # rows of a Parquet row group (data in indicator order skips the others')


_OS_ERROR = re.compile(r"\(os error (\d+)\)")  # how polars' Rust I/O errors end


def _os_error(exc: BaseException) -> OSError | None:
    """The operating system's refusal behind `exc` (polars writes `(os error N)` in its
    message and sets no errno), or None when it is something else."""
    if isinstance(exc, OSError) and exc.errno is not None:
        return exc
    if isinstance(exc, (OSError, pl.exceptions.PolarsError)):
        found = _OS_ERROR.search(str(exc))
        if found:
            code = int(found.group(1))
            return OSError(code, os.strerror(code))
    return None


@contextmanager
def scratch_errors(
    folder: Path | None = None, *, reading: pl.LazyFrame | None = None
) -> Iterator[None]:
    """A failure to make, write or read the temporary folder (`folder`, or one in the
    temporary directory) as a UsageError saying how to give the run another one; other
    errors pass unchanged. `reading`: the data being written, read again when the
    error does not say what failed (polars' Parquet writer can report a full disk as
    "Invalid thrift"): when it reads, writing was what failed."""
    try:
        yield
    except (OSError, pl.exceptions.PolarsError) as exc:
        refused = _os_error(exc)
        why: Msg | None = None if refused is None else os_reason(refused)
        if why is None:
            if reading is None:
                raise
            try:
                reading.select(pl.all().null_count()).collect(engine="streaming")
            except (OSError, pl.exceptions.PolarsError):
                raise exc from None  # the data itself cannot be read: as before
            why = Msg("the files could not be written there")
        raise UsageError(
            Msg(
                "cannot write the temporary files of a large run in {folder}: {why}; set "
                "TMPDIR to a folder hrkpi may write with free space about the size of the "
                "data (or free some space there)",
                folder=str(folder.parent) if folder is not None else _temporary_directory(),
                why=why,
            )
        ) from None


def _temporary_directory() -> str:
    """Where the temporary folder is made (tempfile raises when it finds none usable:
    then the first place it tried)."""
    try:
        return tempfile.gettempdir()
    except OSError:
        return os.environ.get("TMPDIR") or os.environ.get("TEMP") or "/tmp"


class Parts:
    """The data's text cells in a temporary folder, read back a group of indicators at a
    time. The folder is removed when the object is closed or collected, and at exit
    (also after an error or Ctrl-C)."""

    def __init__(
        self, files: list[Path], columns: list[dict[str, int]], folder: Path, size: int
    ) -> None:
        self.files = files
        self.columns = columns
        self.folder = folder
        self.data = folder / "data.parquet"
        self.size = size  # rows in every file
        self.groups: list[list[str | None]] = []  # each group's indicators
        self._counted = pl.DataFrame()  # rows of each file and indicator
        # Each figure's indicator, region and year, in file order: set by the check
        # (api.inputs._frame_figures).
        self.figures = pl.DataFrame(
            schema={"indicator": pl.String, "region": pl.String, "year": pl.Int32}
        )
        self._tables: tuple[pl.DataFrame, ...] | None = None  # lookups, made once
        self._lock = threading.Lock()
        self._bad: InputError | None = None  # the data's bad rows, when a group met some
        self._cleanup = weakref.finalize(self, shutil.rmtree, str(folder), ignore_errors=True)

    def close(self) -> None:
        """Remove the temporary folder."""
        self._cleanup()

    def scratch(self, name: str) -> Path:
        """A path for a file of the run in the temporary folder."""
        return self.folder / name

    def group_raw(self, group: int) -> pl.DataFrame:
        """The text cells of one group's rows in file order, `rid` numbering them from 0
        (the group's own numbering) and `gid` their place in the whole data."""
        names = self.groups[group]
        chosen = pl.col("indicator").is_in([n for n in names if n is not None])
        if None in names:
            chosen = chosen | pl.col("indicator").is_null()
        df = pl.scan_parquet(self.data).filter(chosen).collect()
        if not df.get_column("gid").is_sorted():
            df = df.sort("gid")
        return df.with_row_index("rid")

    def regroup(self, catalog: Catalog, rows: int) -> None:
        """Take the indicators in groups of about `rows` rows from now on (before any
        group is read: a command sets the size its memory allows)."""
        self.groups = _groups(self._counted, catalog, rows)

    def tables(self, catalog: Catalog) -> tuple[pl.DataFrame, ...]:
        """The lookups every group is typed by (hrkpi.fast.frame.lookups), made once
        from the whole data's texts (before the groups' threads begin)."""
        if self._tables is None:
            data = pl.scan_parquet(self.data)
            have = data.collect_schema().names()
            texts = {
                c: data.select(pl.col(c).unique()).collect().to_series()
                if c in have
                else pl.Series(c, [None], pl.String)
                for c in ("period", "as_of", "unit")
            }
            self._tables = lookups(texts, catalog)
        return self._tables

    def frame(self, group: int, catalog: Catalog) -> Frame:
        """One group's rows typed as the in-memory plan types them (raises InputError as
        the in-memory plan would, naming the same rows)."""
        raw = self.group_raw(group)
        frame = Frame(pl.DataFrame(), raw, self.files, self.columns)
        tables = self.tables(catalog)
        try:
            frame.rows = _typed(frame.raw, catalog, frame, tables, max(raw.height, 1))
        except InputError as exc:
            raise self._bad_rows(catalog, exc) from None
        return frame

    def _bad_rows(self, catalog: Catalog, found: InputError) -> InputError:
        """Bad rows in a group: the in-memory reader lists them as it always has (a
        file's first problems in file order, the rest counted), whatever group they are
        in. Read once, by one thread at a time: two groups decided at once may both
        meet them, and the whole data typed twice at once would double the memory."""
        with self._lock:
            if self._bad is None:
                try:
                    read_frame(self.files, catalog)
                except InputError as exc:
                    self._bad = exc
                else:  # pragma: no cover - the reader refuses what a group refused
                    self._bad = found
            return self._bad

    def regions(self) -> dict[str, tuple[str, int, str]]:
        """Each region with the first place it is stated (api.inputs._frame_regions)."""
        first = (
            pl.scan_parquet(self.data)
            .select("region", "gid", "file_no", "line")
            .filter(pl.col("region").is_not_null())
            .group_by("region")
            .agg(pl.all().sort_by("gid").first())
            .collect(engine="streaming")
            .sort("gid")
        )
        return {
            region: (display_path(self.files[no]), line, "")
            for region, _, no, line in first.iter_rows()
        }


def split(files: list[Path], catalog: Catalog, scan: Scanned) -> Parts | None:
    """The data's text cells in a temporary folder, or None when it is small enough for
    the in-memory plan (`scan`: the files as scan_files gave them). Raises Unsupported
    as read_frame does."""
    scanned, counts = scan
    # Each file's rows: a CSV's lines less its header (checked after reading: every line
    # is a row), a Parquet file's from its metadata.
    sizes = [
        counts[i] - 1 if i in counts else int(pl.scan_parquet(f).select(pl.len()).collect().item())
        for i, f in enumerate(files)
    ]
    if sum(sizes) < max(PARTITION_FROM_ROWS, 1):
        return None
    keep = ["file_no", "line", *_CELLS]
    present = {name for _, columns in scanned for name in columns}
    keep = [c for c in keep if c in present or c in ("file_no", "line")]
    lazy = []
    offset = 0
    for (lf, _), f, n in zip(scanned, files, sizes, strict=True):
        first = 1 if f.suffix.lower() == ".parquet" else 2
        gid = (pl.col("line") - first + offset).cast(pl.UInt32).alias("gid")
        lazy.append(lf.select(*keep, gid))
        offset += n
    with scratch_errors():
        folder = Path(tempfile.mkdtemp(prefix="hrkpi-"))
    out = Parts(files, [c for _, c in scanned], folder, offset)
    try:
        with scratch_errors(folder, reading=pl.concat(lazy)):
            # (snappy: the file as small as lz4's, written for about 0.09 s less CPU at 1M)
            pl.concat(lazy).sink_parquet(out.data, compression="snappy", row_group_size=_ROW_GROUP)
        counted = pl.scan_parquet(out.data).group_by("file_no", "indicator").len().collect()
        _check_lines(counted, files, counts)
        out._counted = counted
        out.regroup(catalog, GROUP_ROWS)
    except BaseException:
        out.close()
        raise
    return out


def _check_lines(counted: pl.DataFrame, files: list[Path], counts: dict[int, int]) -> None:
    """Unsupported when a CSV's lines are not its rows (blank lines, quoted line breaks)."""
    read = dict(counted.group_by("file_no").agg(pl.col("len").sum()).iter_rows())
    for i, file in enumerate(files):
        if i in counts and counts[i] != read.get(i, 0) + 1:
            raise Unsupported(
                Msg("{file} has blank lines or line breaks in cells", file=display_path(file))
            )


def _groups(counted: pl.DataFrame, catalog: Catalog, rows: int) -> list[list[str | None]]:
    """The indicators in groups of about `rows` rows; an indicator and its parts (and
    theirs) always in one group."""
    sizes = counted.group_by("indicator").agg(pl.col("len").sum()).sort("indicator")
    # Indicators joined with their parts: each component's root names it.
    root: dict[str, str] = {}

    def find(x: str) -> str:
        while root.setdefault(x, x) != x:
            x = root[x]
        return x

    for ind in catalog.indicators.values():
        for part in ind.parts:
            root[find(part)] = find(ind.id)
    components: dict[str | None, list[tuple[str | None, int]]] = {}
    for indicator, n in sizes.iter_rows():
        key = find(indicator) if indicator is not None else None
        components.setdefault(key, []).append((indicator, n))
    groups: list[list[str | None]] = []
    held = rows
    for members in components.values():
        if held >= rows:
            groups.append([])
            held = 0
        groups[-1] += [name for name, _ in members]
        held += sum(n for _, n in members)
    return groups
