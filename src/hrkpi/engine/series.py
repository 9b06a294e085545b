"""The series table: one row per stated figure (indicator, region, period),
with the figures computed for it, as text rounded once by GB/T 8170."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import IO, Any

from hrkpi.core.catalog import Catalog
from hrkpi.core.cellguard import neutralise
from hrkpi.core.models import Base, Level, Measure
from hrkpi.core.numbers import format_decimal
from hrkpi.core.observations import Dataset, Observation
from hrkpi.core.pace import PaceMethod
from hrkpi.core.regions import RegionHierarchy
from hrkpi.core.targets import TargetBook, region_targets, with_targets
from hrkpi.engine.indicator import DEFAULT_TOLERANCE, IndicatorResult, compute_indicator, value_in
from hrkpi.engine.previous import PeriodKey, keyed, with_data_previous

SERIES_COLUMNS = (
    "region",
    "indicator",
    "period",
    "as_of",
    "unit",
    "value",
    "completion",
    "pace_status",
    "yoy_previous",
    "yoy",
    "limit_status",
    "region_sum",
    "parts_sum",
)
RATE_DECIMALS = 2  # completion, growth and percentage-point changes, as in the completion table


@dataclass(frozen=True)
class SeriesRow:
    """One stated figure's row: the text of each column of SERIES_COLUMNS."""

    cells: tuple[str, ...]
    file: str
    line: int

    def __getitem__(self, column: str) -> str:
        return self.cells[SERIES_COLUMNS.index(column)]


def series_rows(
    catalog: Catalog,
    dataset: Dataset,
    hierarchy: RegionHierarchy | None = None,
    *,
    pace_method: PaceMethod = PaceMethod.DAYS,
    tolerance: Fraction = DEFAULT_TOLERANCE,
    targets: TargetBook | None = None,
) -> list[SeriesRow]:
    """Every (indicator, region, period) once, in file order, computed exactly;
    each region against its own target (hrkpi.core.targets)."""
    filled = with_data_previous(catalog, dataset)
    index = keyed(filled)
    rows = []
    for (ind_id, region, key), obs in sorted(index.items(), key=lambda kv: _where(kv[1])):
        ind = catalog.indicators[ind_id]
        if targets is not None or hierarchy is not None:
            own, _ = region_targets(ind, region, obs.as_of.year, targets, hierarchy)
            ind = with_targets(ind, own)
        part_obs = [index.get((p, region, key)) for p in ind.parts]
        result = compute_indicator(
            ind,
            obs,
            region=region,
            pace_method=pace_method,
            tolerance=tolerance,
            part_values={
                p: _value(catalog, o, ind_id) for p, o in zip(ind.parts, part_obs, strict=True)
            },
            parts_decimals=sum_decimals(catalog, part_obs, ind_id),
            parts_approximate=any(_approximate(o) for o in part_obs),
        )
        region_sum: tuple[Fraction, int] | None = None
        kids = hierarchy.children.get(region) if hierarchy else None
        if kids and ind.adds_across_regions:
            kid_obs = [index.get((ind_id, k, key)) for k in kids]
            values = [_value(catalog, o, ind_id) for o in kid_obs]
            if all(v is not None for v in values) and not any(_approximate(o) for o in kid_obs):
                total = sum((v for v in values if v is not None), Fraction(0))
                region_sum = total, sum_decimals(catalog, kid_obs, ind_id)
        rows.append(SeriesRow(_cells(obs, result, key, region_sum), obs.shown_file, obs.line))
    return rows


def _approximate(obs: Observation | None) -> bool:
    return obs is not None and obs.stated.value is not None and obs.stated.value.approx is not None


def sum_decimals(catalog: Catalog, parts: Sequence[Observation | None], total: str) -> int:
    """A sum keeps its parts' finest precision, in the total's unit (839067件 is
    83.9067万件), as the completion table's sum of parts does (report._parts_decimals)."""
    places = []
    unit = catalog.indicators[total].unit
    for obs in parts:
        if obs is None or obs.stated.value is None or obs.stated.value.approx is not None:
            continue
        own = obs.stated.unit or catalog.indicators[obs.indicator].unit
        places.append(obs.stated.value.decimals + unit.power - own.power)
    return max(0, *places) if places else 2


def _where(obs: Observation) -> tuple[str, int]:
    return obs.shown_file, obs.line


def _value(catalog: Catalog, obs: Observation | None, in_: str) -> Fraction | None:
    if obs is None or obs.stated.value is None:
        return None
    unit = obs.stated.unit or catalog.indicators[obs.indicator].unit
    return value_in(obs.stated.value, unit, catalog.indicators[in_].unit)


def _text(value: Fraction | None, places: int) -> str:
    return "" if value is None else format_decimal(value, places)


def _cells(
    obs: Observation,
    result: IndicatorResult,
    key: PeriodKey,
    region_sum: tuple[Fraction, int] | None,
) -> tuple[str, ...]:
    ind = result.indicator
    d = result.value_decimals
    stated = obs.stated.value
    if stated is not None and stated.word and obs.stated.unit is None:
        value = stated.literal  # the report's own words for an approximate figure
    else:
        value = _text(result.value, d)
    ytd = obs.period is None or obs.period.ytd  # only a year-to-date flow meets its target
    change = result.change(Base.SAME_PERIOD_LAST_YEAR)
    previous = yoy = None
    previous_places = d
    if change is not None and change.previous is not None:
        previous, previous_places = change.previous, change.decimals
        yoy = change.points if ind.measure is Measure.RATE else change.relative
    limit = ""
    if result.thresholds:
        level = result.threshold_level
        limit = "pass" if level is None else ("fail" if level is Level.FAIL else "warn")
    return (
        obs.region,
        ind.id,
        str(key) if obs.period is not None else "",
        obs.as_of.isoformat(),
        ind.unit.symbol,
        value,
        _text(result.completion, RATE_DECIMALS) if ytd else "",
        result.pace_status.value if ytd and result.pace_status else "",
        _text(previous, previous_places),
        _text(yoy, RATE_DECIMALS),
        limit,
        _text(region_sum[0], region_sum[1]) if region_sum else "",
        _parts(result),
    )


def _parts(result: IndicatorResult) -> str:
    text = _text(result.parts_sum, result.parts_decimals)
    return "约" + text if text and result.parts_approximate else text


def series_csv(rows: Iterable[SeriesRow], columns: Sequence[str] = SERIES_COLUMNS) -> str:
    """The series table as CSV (UTF-8, LF line ends), text columns guarded."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    at = [SERIES_COLUMNS.index(c) for c in columns]
    for row in rows:
        writer.writerow([neutralise(row.cells[i]) for i in at])
    return out.getvalue()


@dataclass
class SeriesTable:
    """The series table: exact rows, or the fast path's text columns (a polars DataFrame)."""

    rows: list[SeriesRow] | None = None
    frame: Any = None
    engine: str = "exact"
    exact_rows: int = 0  # rows the fast path handed to the exact engine

    def __len__(self) -> int:
        return len(self.rows) if self.rows is not None else int(self.frame.height)

    def to_csv(self) -> str:
        """The table as CSV text."""
        if self.frame is not None:
            return str(self.frame.write_csv(None, line_terminator="\n", null_value=""))
        return series_csv(self.rows or [])

    def write_csv(self, out: IO[bytes]) -> None:
        """Write the table as UTF-8 CSV to a binary stream."""
        if self.frame is not None:
            self.frame.write_csv(out, line_terminator="\n", null_value="")
        else:
            out.write(series_csv(self.rows or []).encode("utf-8"))
