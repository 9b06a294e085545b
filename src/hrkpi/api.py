"""The public Python API: load, compute, validate. The CLI is a thin layer on these."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from hrkpi.catalog import Catalog
from hrkpi.consistency import check_dataset
from hrkpi.engine import DEFAULT_TOLERANCE
from hrkpi.errors import InputError
from hrkpi.findings import CheckReport
from hrkpi.loader import bundled_path, load_catalog, load_dataset
from hrkpi.models import CompareMethod
from hrkpi.numbers import RoundingMode
from hrkpi.observations import Dataset
from hrkpi.pace import PaceMethod
from hrkpi.report import Report, compute_report


def resolve_paths(indicators: Path | None, data: Path | None) -> tuple[Path, Path]:
    """The given paths, or the bundled report's folders."""
    return indicators or bundled_path("indicators"), data or bundled_path("data")


def load(indicators: Path | None = None, data: Path | None = None) -> tuple[Catalog, Dataset]:
    """Load definitions and data; raise InputError listing every problem in both."""
    ind_path, data_path = resolve_paths(indicators, data)
    problems = []
    catalog = None
    try:
        catalog = load_catalog(ind_path)
    except InputError as exc:
        problems.extend(exc.problems)
    if catalog is None:
        raise InputError(problems)
    return catalog, load_dataset(data_path, catalog)


@dataclass(frozen=True)
class Summary:
    """What `validate` found valid."""

    indicators: int
    sections: int
    observations: int


def validate(indicators: Path | None = None, data: Path | None = None) -> Summary:
    """Check definitions and data only; raise InputError listing every problem."""
    catalog, dataset = load(indicators, data)
    return Summary(len(catalog.indicators), len(catalog.sections), len(dataset))


def compute(
    indicators: Path | None = None,
    data: Path | None = None,
    *,
    as_of: dt.date | None = None,
    pace_method: PaceMethod = PaceMethod.DAYS,
    tolerance: Fraction = DEFAULT_TOLERANCE,
) -> Report:
    """Load and compute the completion table's content (the bundled report by default)."""
    catalog, dataset = load(indicators, data)
    return compute_report(
        catalog, dataset, as_of=as_of, pace_method=pace_method, tolerance=tolerance
    )


def check(
    indicators: Path | None = None,
    data: Path | None = None,
    *,
    rounding: RoundingMode | None = None,
    method: CompareMethod | None = None,
    pace_method: PaceMethod = PaceMethod.DAYS,
    tolerance: Fraction = DEFAULT_TOLERANCE,
) -> CheckReport:
    """Check every stated figure for consistency and every limit (`hrkpi check`).

    `rounding` overrides the data files' rounding modes; `method` overrides the
    thresholds' comparison methods (full or rounded value, GB/T 8170).
    """
    catalog, dataset = load(indicators, data)
    return check_dataset(
        catalog,
        dataset,
        rounding=rounding,
        method=method,
        pace_method=pace_method,
        tolerance=tolerance,
    )
