"""The regional completion table's content (各地区目标任务完成情况表), exactly.

Regions are rows: a parent's children, each against its own target, with its
completion, pace status and rank among them (1 the highest completion; equal
completions share a rank), the laggards (欠进度) marked, and a totals row for
the parent: its own figure, and its children's sum checked against it (each
stated figure within its rounding). Pure: everything comes from a computed
Report (see hrkpi.engine.report), which holds the hierarchy and the targets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from fractions import Fraction

from hrkpi.core.errors import UsageError
from hrkpi.core.intervals import Interval
from hrkpi.core.messages import Msg
from hrkpi.core.models import Indicator, PaceStatus
from hrkpi.core.targets import TargetSource
from hrkpi.engine.indicator import IndicatorResult
from hrkpi.engine.report import Report


class RegionOrder(StrEnum):
    """How the regions' rows are ordered."""

    HIERARCHY = "hierarchy"  # as the hierarchy (or the data) lists them
    RANK = "rank"  # by the first indicator's completion, highest first


@dataclass(frozen=True)
class RegionalCell:
    """One region's figures for one indicator."""

    result: IndicatorResult
    rank: int | None = None  # among the parent's children, by completion
    behind: bool = False  # 欠进度: a laggard


@dataclass(frozen=True)
class RegionalRow:
    """A region's row: its cells by indicator id."""

    region: str
    cells: dict[str, RegionalCell]
    total: bool = False  # the parent's row (合计)


@dataclass(frozen=True)
class TotalCheck:
    """The parent's own figure against the sum of its children's."""

    children_sum: Fraction | None  # None: a child's figure is missing
    decimals: int
    consistent: bool | None  # None when it cannot be checked
    missing: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class RegionalReport:
    """The regional table's content: rows, and each indicator's totals check."""

    report: Report
    parent: str | None
    indicators: list[Indicator]
    rows: list[RegionalRow]
    totals: dict[str, TotalCheck]
    order: RegionOrder
    # Regions measured against the indicator definition's target for want of a
    # hierarchy and of their own targets (see borrowed_targets).
    borrowed: list[str] = field(default_factory=list)

    def child_rows(self) -> list[RegionalRow]:
        """The regions' rows, without the totals row."""
        return [r for r in self.rows if not r.total]


def regional_report(
    report: Report,
    *,
    parent: str | None = None,
    indicators: list[str] | None = None,
    order: RegionOrder = RegionOrder.HIERARCHY,
) -> RegionalReport:
    """Lay a computed report out by region: `parent`'s children (default: the top region
    with children in the data), `indicators` (default: every indicator with a figure)."""
    results = {(r.region, r.indicator.id): r for r in report.results}
    regions = report.regions
    hierarchy = report.hierarchy
    if parent is None and hierarchy is not None:
        parent = next((r for r in regions if hierarchy.children.get(r)), None)
        if parent is None:
            parent = next((p for p in hierarchy.children if p not in hierarchy.parent), None)
    if parent is not None and (hierarchy is None or parent not in hierarchy.children):
        raise UsageError(
            Msg("region {region!r} has no children in the region hierarchy", region=parent)
        )
    kids = (
        [k for k in hierarchy.children[parent] if k in regions]
        if hierarchy is not None and parent is not None
        else [r for r in regions]
    )
    chosen = _indicators(report, indicators, [*kids, *([parent] if parent else [])])
    rows = [
        RegionalRow(
            k, {i.id: RegionalCell(results[(k, i.id)]) for i in chosen if (k, i.id) in results}
        )
        for k in kids
    ]
    rows = _ranked(rows, chosen)
    if order is RegionOrder.RANK and chosen:
        first = chosen[0].id
        rows.sort(key=lambda r: (r.cells[first].rank is None, r.cells[first].rank or 0))
    totals: dict[str, TotalCheck] = {}
    if parent is not None:
        own = {
            i.id: RegionalCell(results[(parent, i.id)]) for i in chosen if (parent, i.id) in results
        }
        rows.append(RegionalRow(parent, own, total=True))
        for ind in chosen:
            if ind.adds_across_regions and ind.id in own:
                totals[ind.id] = _total(
                    own[ind.id].result,
                    [r.cells.get(ind.id) for r in rows[:-1]],
                    [r.region for r in rows[:-1]],
                )
    return RegionalReport(report, parent, chosen, rows, totals, order, borrowed_targets(report))


def borrowed_targets(report: Report) -> list[str]:
    """The regions judged by an indicator definition's own target although the data
    holds several regions and no hierarchy says which of them the definition is for.

    The definition's target is the report's own region's (the city's). Without a
    hierarchy each region with no target of its own is measured against it: a
    district against its city's target, which the table must then say.
    """
    if report.hierarchy is not None or len(set(report.regions)) < 2:
        return []
    return list(
        dict.fromkeys(
            r.region
            for r in report.results
            if r.target_source is TargetSource.DEFINITION and r.observation is not None
        )
    )


def _indicators(report: Report, wanted: list[str] | None, regions: list[str]) -> list[Indicator]:
    catalog = report.catalog
    if wanted:
        unknown = [w for w in wanted if w not in catalog.indicators]
        if unknown:
            raise UsageError(
                Msg(
                    "unknown indicator {id!r}; choose from {known}",
                    id=unknown[0],
                    known=tuple(catalog.indicators),
                )
            )
        return [catalog.indicators[w] for w in wanted]
    stated = {
        r.indicator.id for r in report.results if r.region in regions and r.observation is not None
    }
    return [i for i in catalog.ordered() if i.id in stated]


def _ranked(rows: list[RegionalRow], indicators: list[Indicator]) -> list[RegionalRow]:
    """Rank each indicator's completions among the rows (1 = highest; ties share a rank)."""
    ranked = [dict(r.cells) for r in rows]
    for ind in indicators:
        values = [c[ind.id].result.completion for c in ranked if ind.id in c]
        known = sorted((v for v in values if v is not None), reverse=True)
        for cells in ranked:
            cell = cells.get(ind.id)
            if cell is None:
                continue
            completion = cell.result.completion
            rank = known.index(completion) + 1 if completion is not None else None
            behind = cell.result.pace_status is PaceStatus.BEHIND
            cells[ind.id] = RegionalCell(cell.result, rank, behind)
    return [RegionalRow(r.region, cells, r.total) for r, cells in zip(rows, ranked, strict=True)]


def _total(own: IndicatorResult, kids: list[RegionalCell | None], names: list[str]) -> TotalCheck:
    """The children's sum (at their finest precision) and whether the parent's stated
    figure can equal it, every figure within its rounding interval."""
    missing = [n for n, c in zip(names, kids, strict=True) if c is None or c.result.value is None]
    if missing:
        return TotalCheck(None, 0, None, missing)
    total = Fraction(0)
    spread = Interval.point(Fraction(0))
    places = []
    for cell in kids:
        assert cell is not None and cell.result.value is not None
        total += cell.result.value
        spread = spread + _interval(cell.result)
        places.append(cell.result.value_decimals)
    if own.value is None:
        return TotalCheck(total, max(places, default=0), None)
    return TotalCheck(total, max(places, default=0), _interval(own).meets(spread))


def _interval(result: IndicatorResult) -> Interval:
    """The values a stated figure stands for, in the indicator's unit."""
    obs = result.observation
    assert obs is not None and obs.stated.value is not None and result.value is not None
    unit = obs.stated.unit or result.indicator.unit
    scale = unit.multiplier / result.indicator.unit.multiplier
    return obs.stated.value.interval(obs.rounding).scale(scale)
