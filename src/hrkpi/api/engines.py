"""Which engine computes: the exact engine (Fractions, any input) or the columnar
fast path (polars, long-format CSV and Parquet), and what sends data to the exact
engine whole (relations the columns do not carry, a figure restated otherwise)."""

from __future__ import annotations

import csv
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypeGuard, overload

from hrkpi.api.inputs import PathArg, Progress, resolve_paths
from hrkpi.core.catalog import Catalog
from hrkpi.core.errors import InputError, UsageError
from hrkpi.core.messages import Msg, reason
from hrkpi.core.units import declared_units
from hrkpi.sources.inputfiles import data_files
from hrkpi.sources.loader import data_file_problems, load_catalog

if TYPE_CHECKING:
    from hrkpi.fast.frame import Frame
    from hrkpi.fast.partition import Parts

# Below about a thousand rows the exact engine is as quick as starting polars; above,
# it is not close (1.1 MB, 20,000 rows: check takes 9.2 s exactly, 0.43 s fast).
FAST_FROM_BYTES = 50_000


class Engine(StrEnum):
    """Which engine computes: exact (Fractions, any input) or fast (columns, long data)."""

    AUTO = "auto"  # fast for large CSV/Parquet data when hrkpi[fast] is installed
    EXACT = "exact"
    FAST = "fast"


def _fast_files(data: Path, engine: Engine) -> list[Path] | None:
    """The data files, when the fast path should read them; else None."""
    if engine is Engine.EXACT:
        return None
    files = data_files(data)
    columnar = all(f.suffix.lower() in (".csv", ".parquet") for f in files)
    from hrkpi.fast import available

    if engine is Engine.FAST:
        if not columnar:
            raise UsageError(
                Msg("the fast engine reads CSV and Parquet data only; use --engine exact")
            )
        if not available():
            raise UsageError(Msg("the fast engine needs polars: pip install 'hrkpi[fast]'"))
        return files
    big = sum(f.stat().st_size for f in files) >= FAST_FROM_BYTES
    # A GBK CSV (Excel's "CSV (逗号分隔)" on Chinese Windows) is read by the exact engine:
    # the fast reader checks every byte as it counts the lines (fast.csvcheck.NotUtf8).
    return files if columnar and big and available() else None


@overload
def _fast_frame(
    indicators: PathArg,
    data: PathArg,
    engine: Engine,
    progress: Progress | None,
    *,
    parts: Literal[False] = False,
) -> tuple[Catalog, Frame] | None: ...


@overload
def _fast_frame(
    indicators: PathArg,
    data: PathArg,
    engine: Engine,
    progress: Progress | None,
    *,
    parts: bool,
) -> tuple[Catalog, Frame | Parts] | None: ...


def _fast_frame(
    indicators: PathArg,
    data: PathArg,
    engine: Engine,
    progress: Progress | None,
    *,
    parts: bool = False,
) -> tuple[Catalog, Frame | Parts] | None:
    """Catalog and columns read by the fast path, or None to use the exact engine (with
    `parts`, large data split by indicator to be decided a group at a time)."""
    ind_path, data_path = resolve_paths(indicators, data)
    files = _fast_files(data_path, engine)
    if files is None:
        return None
    from hrkpi.fast.csvcheck import NotUtf8
    from hrkpi.fast.frame import Unsupported
    from hrkpi.fast.run import read

    try:
        catalog = load_catalog(ind_path)
    except InputError as exc:
        # As the exact engine's load: the data files' own problems too, in one run.
        raise InputError([*exc.problems, *data_file_problems(data_path)]) from None
    relations = _exact_only(files, catalog)
    if relations is not None:
        if engine is Engine.FAST:
            raise UsageError(
                Msg("the fast engine does not check {what}; use --engine exact", what=relations)
            )
        return None
    try:
        with declared_units(catalog.units):
            return catalog, read(files, catalog, progress, parts=parts)
    except NotUtf8:
        if engine is Engine.FAST:
            raise
        return None
    except Unsupported as exc:
        if engine is Engine.FAST:
            raise UsageError(
                Msg(
                    "the fast engine cannot take this data: {why}; use --engine exact",
                    why=reason(exc),
                )
            ) from None
        return None


# Long-data columns of relations the fast path does not read (see hrkpi.checks.rules):
# data with them goes to the exact engine whole.
_EXACT_COLUMNS = {
    "share_of": Msg("shares"),
    "share_pct": Msg("shares"),
    "share_region": Msg("shares"),
    "margin_below": Msg("margins"),
    "margin_above": Msg("margins"),
    "margin_limit": Msg("margins"),
    "margin_unit": Msg("margins"),
    "status": Msg("revisions of provisional figures"),
    "comparable": Msg("changes on a comparable basis"),
}


def _exact_only(files: list[Path], catalog: Catalog) -> Msg | None:
    """What the data states (or the definitions relate) that only the exact engine
    checks, if anything."""
    for ind in catalog.indicators.values():
        if ind.of_which or ind.ratio is not None:
            if ind.of_which:
                return Msg("其中 (of_which) parts (in the definitions)")
            return Msg("ratio indicators (in the definitions)")
    for file in files:
        if file.suffix.lower() == ".parquet":
            import polars as pl

            names = list(pl.read_parquet_schema(file))
        else:
            try:
                with file.open(encoding="utf-8-sig", newline="") as f:
                    names = next(csv.reader([f.readline()]), [])
            except (OSError, UnicodeDecodeError):
                continue  # the reader reports it
        found = [_EXACT_COLUMNS[n.strip()] for n in names if n.strip() in _EXACT_COLUMNS]
        if found:
            return Msg("{what} (in {file})", what=found[0], file=file.name)
    return None


def _restated_rows(frame: Frame | Parts) -> TypeGuard[Frame]:
    """True when some figure (indicator, region, period) is stated by two rows that
    differ in more than their quote, location or source (data split by indicator is
    asked a group at a time, as it is checked: hrkpi.fast.partrun.Restated)."""
    from hrkpi.fast.frame import Frame

    return isinstance(frame, Frame) and frame.restated()
