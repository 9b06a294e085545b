"""What every public function reads: paths (str or os.PathLike, the bundled report's
by default), the definitions and data, the region hierarchy and the targets beside
them, and the checks on options that need the data (an as-of date before it)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from hrkpi.core.catalog import Catalog
from hrkpi.core.errors import InputError, Problem, UsageError, display_path, problem
from hrkpi.core.messages import Msg, verbatim
from hrkpi.core.observations import Dataset
from hrkpi.sources.inputfiles import bundled_path
from hrkpi.sources.loader import cached_load, data_file_problems, load_dataset, read_catalog

if TYPE_CHECKING:
    from hrkpi.core.regions import RegionHierarchy
    from hrkpi.core.targets import TargetBook

# Paths may be given as str or any os.PathLike (pathlib.Path, ...); None means the
# bundled report's. A tolerance may be a Fraction, a Decimal, an int or decimal text.
PathArg = str | os.PathLike[str] | None
Tolerance = Fraction | Decimal | int | str
Progress = Callable[[str, int, int], None]  # (what is being done, steps done, steps in all)


def as_path(path: PathArg) -> Path | None:
    """A str or os.PathLike as a Path (None stays None)."""
    if path is None:
        return None
    if not isinstance(path, str | os.PathLike):
        raise UsageError(
            Msg("a path must be a str or os.PathLike, not {kind}", kind=type(path).__name__)
        )
    return Path(path)


def resolve_paths(indicators: PathArg, data: PathArg) -> tuple[Path, Path]:
    """The given paths, or the bundled report's folders."""
    return (
        as_path(indicators) or bundled_path("indicators"),
        as_path(data) or bundled_path("data"),
    )


def input_paths(indicators: PathArg = None, data: PathArg = None, *more: PathArg) -> list[Path]:
    """The files and folders a run reads (the bundled ones by default): outputs must
    not overwrite them."""
    return [*resolve_paths(indicators, data), *(p for m in more if (p := as_path(m)))]


def load(
    indicators: PathArg = None,
    data: PathArg = None,
    hierarchy: RegionHierarchy | None = None,
) -> tuple[Catalog, Dataset]:
    """Load definitions and data; raise InputError listing every problem in both.

    `hierarchy` tells whose figures a workbook's 合计 row holds. The bundled report's
    load is kept in the user's cache while its files and hrkpi are unchanged."""
    ind_path, data_path = resolve_paths(indicators, data)
    return cached_load(
        ind_path, data_path, hierarchy, lambda: _load(ind_path, data_path, hierarchy)
    )


def _load(
    ind_path: Path, data_path: Path, hierarchy: RegionHierarchy | None
) -> tuple[Catalog, Dataset]:
    catalog, problems, unread = read_catalog(ind_path)
    if not problems:
        return catalog, load_dataset(data_path, catalog, hierarchy)
    if unread.whole_file:
        # Without a file's definitions the figures cannot be read, but the data files'
        # own syntax and schema can: list those too, so one run shows every problem.
        raise InputError(problems + data_file_problems(data_path))
    # Every file read, some entries not valid: the figures are read against the valid
    # ones, and only their unknown ids left unsaid (the entries' problems say them).
    try:
        load_dataset(data_path, catalog, hierarchy)
    except InputError as exc:
        problems.extend(p for p in exc.problems if not unread.refers(p))
    except UsageError:
        pass  # the data path is said once the definitions are right, as before
    raise InputError(problems)


E = TypeVar("E", bound=StrEnum)


def _choice(kind: type[E], value: E | str) -> E:
    """An option given as its enum or its name ("fast", "days"); UsageError otherwise."""
    try:
        return kind(value)
    except ValueError:
        choices = tuple(repr(str(m)) for m in kind)
        raise UsageError(
            Msg("{value!r} is not one of {choices}", value=value, choices=choices)
        ) from None


def _before_the_data(as_of: dt.date | None, earliest: Any) -> None:
    """Refuse an as-of date before every figure: the table would be all dashes, and a
    table of dashes reads as "nothing was done" rather than "wrong date"."""
    if as_of is not None and isinstance(earliest, dt.date) and as_of < earliest:
        raise UsageError(
            Msg(
                "the as-of date {as_of} is before every figure of the data (the earliest is "
                "dated {earliest}), so the table would be empty; give a date on or after "
                "{earliest}",
                as_of=as_of.isoformat(),
                earliest=earliest.isoformat(),
            )
        )


def _say(progress: Progress | None, stage: str, done: int, total: int) -> None:
    if progress is not None:
        progress(stage, done, total)


# Where a region is first stated: its file, line and, in a workbook, sheet ("" for any
# other file). The sheet is kept apart from the file, as problems hold them: outputs read
# by tools (GitHub annotations, JSON) take the workbook's path from `file` alone.
RegionPlace = tuple[str, int, str]


def _unlisted_regions(hierarchy: RegionHierarchy | None, places: dict[str, RegionPlace]) -> None:
    """Refuse data whose regions the hierarchy does not list: a misspelt region would
    otherwise drop out of its parent's sum and the sum's check, silently."""
    if hierarchy is None:
        return
    known = set(hierarchy.lines) | set(hierarchy.parent.values())
    missing = {r: at for r, at in places.items() if r and r not in known}
    if missing:
        raise InputError(
            [
                problem(
                    file,
                    line,
                    1,
                    "region",
                    Msg(
                        "region {region!r} is not in {regions}; add it there or fix the name",
                        region=region,
                        regions=(
                            verbatim(hierarchy.file) if hierarchy.file else Msg("the regions file")
                        ),
                    ),
                    sheet=sheet,
                )
                for region, (file, line, sheet) in sorted(missing.items())
            ]
        )


def unlisted_problems(
    hierarchy: RegionHierarchy | None, places: dict[str, RegionPlace]
) -> list[Problem]:
    """`_unlisted_regions`' problems as a list, for `validate` to list with the others."""
    try:
        _unlisted_regions(hierarchy, places)
    except InputError as exc:
        return exc.problems
    return []


def _dataset_regions(dataset: Dataset) -> dict[str, RegionPlace]:
    """Each region of the data, with the first place it is stated."""
    places: dict[str, RegionPlace] = {}
    for obs in dataset:
        places.setdefault(obs.region, (obs.file, obs.line, obs.sheet))
    return places


def _frame_regions(frame: Any) -> dict[str, RegionPlace]:
    """Each region of the fast path's rows, with the first place it is stated (the fast
    path reads no workbook: no sheet)."""
    import polars as pl

    if not hasattr(frame, "raw"):  # data split by indicator (hrkpi.fast.partition)
        regions: dict[str, RegionPlace] = frame.regions()
        return regions

    first = (
        frame.text("region")
        .join(frame.raw.select("rid", "file_no", "line"), on="rid")
        .drop("rid")
        .filter(pl.col("region").is_not_null())
        .group_by("region", maintain_order=True)
        .first()
    )
    return {
        rec["region"]: (display_path(frame.files[rec["file_no"]]), rec["line"], "")
        for rec in first.iter_rows(named=True)
    }


def _dataset_figures(dataset: Dataset) -> Iterator[tuple[str, str, int]]:
    """Each figure's indicator, region and year (which targets judge it)."""
    return ((obs.indicator, obs.region, obs.as_of.year) for obs in dataset)


def _frame_figures(frame: Any) -> Iterator[tuple[str, str, int]]:
    """`_dataset_figures` of the fast path's rows, each distinct one once."""
    import polars as pl

    if not hasattr(frame, "rows"):  # data split by indicator: the check kept them
        found: Iterator[tuple[str, str, int]] = frame.figures.iter_rows()
        return found

    keys = frame.rows.select("indicator", "region", pl.col("date").dt.year().alias("year"))
    rows: Iterator[tuple[str, str, int]] = keys.unique(maintain_order=True).iter_rows()
    return rows


def _hierarchy(given: PathArg, folder: PathArg = None) -> RegionHierarchy | None:
    """The hierarchy file given, or a regions.csv in the data folder."""
    from hrkpi.sources.inputfiles import REGIONS_NAMES, beside_data, given_file
    from hrkpi.sources.regions import load_regions

    regions, data = as_path(given), as_path(folder)
    if regions is not None:
        given_file(regions, "regions")
    elif data is not None and data.exists():
        regions = beside_data(data, REGIONS_NAMES)
    return load_regions(regions) if regions is not None else None


def targets_file(given: PathArg, folder: PathArg) -> Path | None:
    """The targets file given (a UsageError naming --targets when it is no file: none
    there, or a folder, as --regions says), else a targets.csv/.yaml/.xlsx in the data
    folder `folder`, else None."""
    from hrkpi.sources.inputfiles import TARGETS_NAMES, beside_data, given_file

    targets, data = as_path(given), as_path(folder)
    if targets is None:
        return beside_data(data, TARGETS_NAMES) if data is not None and data.exists() else None
    if not targets.exists():
        raise UsageError(
            Msg("{path}: no such targets file; check the --targets path", path=str(targets))
        )
    return given_file(targets, "targets")


def _targets(
    given: PathArg,
    folder: PathArg,
    catalog: Catalog,
    dataset: Dataset | None,
    hierarchy: RegionHierarchy | None,
) -> TargetBook | None:
    """The targets file given (or a targets.* in the data folder) with the targets
    written beside the figures in workbooks; None when there are none.

    `dataset` is None on the fast path (its data read as columns): a plain targets CSV
    is then read as columns too (hrkpi.fast.targetread), and any other file, or one
    with a problem, by the exact reader, which words every problem."""
    from hrkpi.core.targets import TargetBook

    targets = targets_file(given, folder)
    if targets is None and (dataset is None or not dataset.targets):
        return None  # (and the targets reader, with its models, is never imported)
    from hrkpi.sources.targetfile import check_targets, load_targets

    books = []
    if targets is not None:
        columns = None
        if dataset is None:
            from hrkpi.fast.targetread import read_target_columns

            columns = read_target_columns(targets, catalog, hierarchy)
        books.append(columns or load_targets([targets], catalog, hierarchy))
    if dataset is not None and dataset.targets:
        books.append(check_targets(dataset.targets, catalog, hierarchy))
    if not books:
        return None
    if len(books) == 1:
        return books[0]
    return TargetBook(tuple(t for b in books for t in b), tuple(f for b in books for f in b.files))


def _exact_inputs(
    indicators: PathArg,
    data: PathArg,
    targets: PathArg,
    hierarchy: RegionHierarchy | None,
    progress: Progress | None,
) -> tuple[Catalog, Dataset, TargetBook | None]:
    """The exact engine's inputs: definitions and data loaded whole, every region of the
    data listed in the hierarchy, and the targets (reported as the first of two stages)."""
    _say(progress, "reading data", 0, 2)
    catalog, dataset = load(indicators, data, hierarchy)
    _unlisted_regions(hierarchy, _dataset_regions(dataset))
    return catalog, dataset, _targets(targets, data, catalog, dataset, hierarchy)
