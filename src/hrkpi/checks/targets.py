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
from dataclasses import dataclass, field
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
    for split in target_splits(catalog, book, hierarchy):
        yield split.finding()


@dataclass(frozen=True, eq=False)
class Split:
    """One split's verdict and place, decided without building its finding (a
    province's file splits thousands of targets; a check listing only problems
    builds the findings of the few that fall short). The children's targets are
    looked up in the book when first asked for, unless the split was decided with
    them at hand."""

    file: str
    line: int
    verdict: Verdict
    catalog: Catalog
    indicator: str
    parent: str
    year: int
    target: NamedTarget
    book: TargetBook
    regions: tuple[str, ...]  # the parent's children, in the hierarchy's order
    found: dict[str, AssignedTarget | None] | None = field(default=None, repr=False)
    summed: Fraction | None = field(default=None, repr=False)  # their sum, when known
    sheet: str = ""  # a workbook's sheet the parent's target stands on

    @property
    def kids(self) -> dict[str, AssignedTarget | None]:
        """Each child's target of the split's name (None where it has none). Looked up
        anew each time, not kept: a split is held for the whole check (its finding built
        when listed), and at ten million figures the children's targets of the 36,000
        splits a listing builds held about 190 MB more at its end."""
        if self.found is None:
            return {
                k: _named(self.book.of(self.indicator, k, self.year), self.target.name)
                for k in self.regions
            }
        return self.found

    @property
    def total(self) -> Fraction | None:
        """The children's sum; None when one has no target."""
        return self._total(self.kids)

    def _total(self, kids: dict[str, AssignedTarget | None]) -> Fraction | None:
        if self.summed is not None:
            return self.summed
        if any(t is None for t in kids.values()):
            return None
        return sum((t.value.exact for t in kids.values() if t), Fraction(0))

    kind = CheckKind.TARGET_SPLIT

    def finding(self) -> Finding:
        """The finding, as check_target_split gives it."""
        ind = self.catalog.indicators[self.indicator]
        unit = ind.unit.symbol
        found = self.kids
        figures = [
            UsedFigure(
                Role.TOTAL,
                ind.id,
                self.target.value.literal,
                unit,
                self.file,
                self.line,
                None,
                self.parent,
                self.target.value.decimals,
                self.sheet,
            )
        ]
        figures += [
            UsedFigure(
                Role.CHILD,
                ind.id,
                t.value.literal,
                unit,
                t.file,
                t.line,
                None,
                k,
                t.value.decimals,
                t.sheet,
            )
            for k, t in found.items()
            if t is not None
        ]
        period = f"{self.year} {self.target.name}"
        total = self._total(found)
        if total is None:
            return Finding(
                CheckKind.TARGET_SPLIT,
                ind.id,
                self.parent,
                Verdict.NOT_CHECKABLE,
                self.file,
                self.line,
                self.target.value.literal,
                decimals=self.target.value.decimals,
                unit=unit,
                figures=tuple(figures),
                missing=tuple(k for k, t in found.items() if t is None),
                period=period,
                reason=Reason.PARTS_MISSING,
                sheet=self.sheet,
            )
        return Finding(
            CheckKind.TARGET_SPLIT,
            ind.id,
            self.parent,
            self.verdict,
            self.file,
            self.line,
            self.target.value.literal,
            decimals=self.target.value.decimals,
            unit=unit,
            computed=Interval.point(total),
            figures=tuple(figures),
            period=period,
            sheet=self.sheet,
        )


def target_splits(
    catalog: Catalog, book: TargetBook, hierarchy: RegionHierarchy
) -> Iterator[Split]:
    """Each split the file makes, with its verdict, in check_target_split's order."""
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
            yield decide_split(catalog, book, assigned, parent, kids, target, source)


def decide_split(
    catalog: Catalog,
    book: TargetBook,
    first: AssignedTarget,
    parent: str,
    kids: list[str],
    target: NamedTarget,
    source: TargetSource | None,
) -> Split:
    """The split of `parent`'s `target` among `kids` (`first`: the first child's target
    listed), decided by its children's targets in `book`."""
    ind = catalog.indicators[first.indicator]
    year = first.year
    kid_targets = {k: _named(book.of(ind.id, k, year), target.name) for k in kids}
    if source is TargetSource.ASSIGNED:
        own = _named(book.of(ind.id, parent, year), target.name)
        at = own or first
        file, line, sheet = at.file, at.line, at.sheet
    else:  # the root's target is its definition's
        file, line, _ = catalog.origins.get(ind.id, (first.file, first.line, 1))
        sheet = "" if ind.id in catalog.origins else first.sheet
    if any(t is None for t in kid_targets.values()):
        verdict, total = Verdict.NOT_CHECKABLE, None
    else:
        total = sum((t.value.exact for t in kid_targets.values() if t), Fraction(0))
        # Short of the parent's target leaves part of it unassigned; more is 层层加码.
        verdict = Verdict.CONSISTENT if total >= target.value.exact else Verdict.INCONSISTENT
    return Split(
        file,
        line,
        verdict,
        catalog,
        ind.id,
        parent,
        year,
        target,
        book,
        tuple(kids),
        kid_targets,
        total,
        sheet,
    )


def _named(targets: list[AssignedTarget], name: str) -> AssignedTarget | None:
    return next((t for t in targets if (t.name or "目标") == name), None)
