"""Targets assigned to regions (分解下达), and which targets a region is judged by.

An indicator's definition holds the target of the report's own region: the
bureau's 4万人. The level above assigns each district its own share in a
targets file (indicator, region, year, target, and a name when there are
several: 省下达, 力争). A region is judged against its own target only:

1. the targets the file assigns it for that indicator and year;
2. else, for a region with no parent (the report's own region, or any region
   when there is no hierarchy), the definition's targets, unless the file
   assigns that indicator's targets region by region for that year and no
   hierarchy says the region is a root;
3. else none: the region "has no target of its own", and the table says so
   rather than measuring a district against its city's target.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from hrkpi.core.models import Indicator, NamedTarget
from hrkpi.core.numbers import Figure
from hrkpi.core.regions import RegionHierarchy


class TargetSource(StrEnum):
    """Where a region's targets come from."""

    DEFINITION = "definition"  # the indicator definition's target(s)
    ASSIGNED = "assigned"  # the region's own, from a targets file
    NONE = "none"  # the region has no target of its own


@dataclass(frozen=True)
class AssignedTarget:
    """One row of a targets file: a region's target for an indicator in a year."""

    indicator: str
    region: str
    year: int
    value: Figure  # in the indicator's unit
    name: str = ""  # "" for the default name (目标)
    primary: bool = False
    file: str = ""  # where the value is written, for messages and findings
    line: int = 0
    where: str = ""  # file:line:column, or file:sheet!C5 in a workbook
    sheet: str = ""  # in a workbook, its sheet (the file is the workbook's path alone)
    cell: str = ""  # and the cell (C5)

    def named(self, name_en: str | None = None) -> NamedTarget:
        """As an indicator's named target (`name_en`: its name in English)."""
        return NamedTarget(
            name=self.name or "目标",
            name_en=name_en,
            value=self.value,
            primary=self.primary or not self.name,
        )


@dataclass(frozen=True)
class TargetBook:
    """Every assigned target, looked up by indicator, region and year."""

    targets: tuple[AssignedTarget, ...] = ()
    files: tuple[str, ...] = ()
    _index: dict[tuple[str, str, int], list[AssignedTarget]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _years: set[tuple[str, int]] = field(default_factory=set, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for t in self.targets:
            self._index.setdefault((t.indicator, t.region, t.year), []).append(t)
            # (a set: `covers` is asked once per indicator, region and year of the data)
            self._years.add((t.indicator, t.year))

    def __iter__(self) -> Iterator[AssignedTarget]:
        return iter(self.targets)

    def __len__(self) -> int:
        return len(self.targets)

    def of(self, indicator: str, region: str, year: int) -> list[AssignedTarget]:
        """The targets assigned to `region` for `indicator` in `year`, in file order."""
        return list(self._index.get((indicator, region, year), []))

    def covers(self, indicator: str, year: int) -> bool:
        """True when the file assigns `indicator`'s targets region by region in `year`."""
        return (indicator, year) in self._years

    def regions(self) -> list[str]:
        """Every region the file names, in file order."""
        return list(dict.fromkeys(t.region for t in self.targets))


def region_targets(
    indicator: Indicator,
    region: str,
    year: int | None,
    book: TargetBook | None,
    hierarchy: RegionHierarchy | None,
) -> tuple[list[NamedTarget], TargetSource | None]:
    """The named targets `region` is judged by (primary first), and where they come
    from; the source is None when the indicator has no target anywhere."""
    if book is not None and year is not None:
        assigned = book.of(indicator.id, region, year)
        if assigned:
            # A targets file names its targets in Chinese alone: each takes the English
            # name of the definition's target of the same name (力争: stretch), so a
            # district's 力争 reads in English as its city's does.
            english = {t.name: t.name_en for t in indicator.targets if t.name_en}
            named = [a.named(english.get(a.name or "目标")) for a in assigned]
            if not any(a.primary for a in assigned):
                named[0] = named[0].model_copy(update={"primary": True})
            primary = next(n for n in named if n.primary)
            return [primary, *(n for n in named if n is not primary)], TargetSource.ASSIGNED
    has_parent = hierarchy is not None and region in hierarchy.parent
    known_root = hierarchy is not None and not has_parent and region in _known(hierarchy)
    decomposed = book is not None and year is not None and book.covers(indicator.id, year)
    defined = indicator.named_targets
    if has_parent or (decomposed and not known_root):
        # Never the parent's target: a district measured against its city's 4万人
        # would read 10% 欠进度 whatever it did.
        return [], TargetSource.NONE if (defined or decomposed) else None
    return defined, TargetSource.DEFINITION if defined else None


def borrowed_regions(
    indicators: Mapping[str, Indicator],
    figures: Iterable[tuple[str, str, int]],
    book: TargetBook | None,
    hierarchy: RegionHierarchy | None,
    *,
    regions: Collection[str] | None = None,
) -> list[str]:
    """The regions judged by an indicator definition's own target although the data
    holds several regions and no hierarchy says which of them the definition is for
    (as hrkpi.engine.regional.borrowed_targets), in the order of `figures`: each
    judged figure's indicator, region and year. `regions`: the data's regions when
    `figures` are only some of its figures (`check --as-of`); else those of `figures`.

    The definition's target is the report's own region's (the city's); without a
    hierarchy a region with no target of its own is measured against it, which the
    findings must then say.
    """
    if hierarchy is not None:
        return []
    keys = list(dict.fromkeys(figures))
    if len(set(regions) if regions is not None else {r for _, r, _ in keys}) < 2:
        return []
    borrowed: dict[str, None] = {}
    for ind_id, region, year in keys:
        ind = indicators.get(ind_id)
        if ind is not None and region not in borrowed:
            _, source = region_targets(ind, region, year, book, None)
            if source is TargetSource.DEFINITION:
                borrowed[region] = None
    return list(borrowed)


def with_targets(indicator: Indicator, targets: list[NamedTarget]) -> Indicator:
    """The indicator as one region sees it: its own targets (primary first), or none."""
    if not targets:
        return indicator.model_copy(update={"target": None, "targets": []})
    return indicator.model_copy(update={"target": targets[0].value, "targets": list(targets)})


def _known(hierarchy: RegionHierarchy) -> set[str]:
    return set(hierarchy.lines) | set(hierarchy.parent.values())
