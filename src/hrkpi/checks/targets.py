"""分解下达: the targets assigned to a parent's children against the parent's own.

A city's 4万人 is split among its districts; the split is checked wherever the
targets file (or, for the root region, the definition) states the parent's
target and every child has one of the same name. Targets are plan figures,
exact as set, so no rounding interval applies. Children whose targets fall
short of the parent's leave part of it unassigned (inconsistent); a split that
assigns more than the parent's (层层加码, a common practice) passes, and the
reason says by how much.
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction

from hrkpi.checks.findings import CheckKind, Finding, Reason, Role, UsedFigure, Verdict
from hrkpi.core.catalog import Catalog
from hrkpi.core.intervals import Interval
from hrkpi.core.models import NamedTarget
from hrkpi.core.regions import RegionHierarchy
from hrkpi.core.targets import AssignedTarget, TargetBook, TargetSource, region_targets


def check_target_split(
    catalog: Catalog, book: TargetBook, hierarchy: RegionHierarchy
) -> Iterator[Finding]:
    """One finding per parent, indicator, year and target name the file splits."""
    seen: set[tuple[str, str, int]] = set()
    for assigned in book:
        parent = hierarchy.parent.get(assigned.region)
        indicator = catalog.indicators.get(assigned.indicator)
        key = (assigned.indicator, parent or "", assigned.year)
        if parent is None or indicator is None or key in seen:
            continue
        seen.add(key)
        named, source = region_targets(indicator, parent, assigned.year, book, hierarchy)
        kids = hierarchy.children.get(parent, [])
        for target in named:
            yield _split(catalog, book, assigned, parent, kids, target, source)


def _split(
    catalog: Catalog,
    book: TargetBook,
    first: AssignedTarget,
    parent: str,
    kids: list[str],
    target: NamedTarget,
    source: TargetSource | None,
) -> Finding:
    ind = catalog.indicators[first.indicator]
    year = first.year
    name = target.name
    kid_targets = {k: _named(book.of(ind.id, k, year), name) for k in kids}
    if source is TargetSource.ASSIGNED:
        own = _named(book.of(ind.id, parent, year), name)
        file, line = (own.file, own.line) if own else (first.file, first.line)
    else:  # the root's target is its definition's
        file, line, _ = catalog.origins.get(ind.id, (first.file, first.line, 1))
    unit = ind.unit.symbol
    stated = target.value
    figures = [
        UsedFigure(
            Role.TOTAL, ind.id, stated.literal, unit, file, line, None, parent, stated.decimals
        )
    ]
    figures += [
        UsedFigure(
            Role.CHILD, ind.id, t.value.literal, unit, t.file, t.line, None, k, t.value.decimals
        )
        for k, t in kid_targets.items()
        if t is not None
    ]
    missing = tuple(k for k, t in kid_targets.items() if t is None)
    period = f"{year} {name}"
    if missing:
        return Finding(
            CheckKind.TARGET_SPLIT,
            ind.id,
            parent,
            Verdict.NOT_CHECKABLE,
            file,
            line,
            target.value.literal,
            decimals=target.value.decimals,
            unit=unit,
            figures=tuple(figures),
            missing=missing,
            period=period,
            reason=Reason.PARTS_MISSING,
        )
    total = sum((t.value.exact for t in kid_targets.values() if t), Fraction(0))
    # Short of the parent's target leaves part of it unassigned; more is 层层加码.
    verdict = Verdict.CONSISTENT if total >= target.value.exact else Verdict.INCONSISTENT
    return Finding(
        CheckKind.TARGET_SPLIT,
        ind.id,
        parent,
        verdict,
        file,
        line,
        target.value.literal,
        decimals=target.value.decimals,
        unit=unit,
        computed=Interval.point(total),
        figures=tuple(figures),
        period=period,
    )


def _named(targets: list[AssignedTarget], name: str) -> AssignedTarget | None:
    return next((t for t in targets if (t.name or "目标") == name), None)
