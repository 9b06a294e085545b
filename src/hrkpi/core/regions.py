"""Region hierarchies: county -> city -> province.

A hierarchy file is a CSV with one row per region and its parent:

    region,parent,level
    福建省,,province
    厦门市,福建省,city
    思明区,厦门市,county

A parent's figure for an additive indicator (flows and stocks, not rates) is
checked against the sum of its children's, like any composition. Only direct
children count, so a province is checked against its cities and each city
against its counties.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from hrkpi.core.messages import Msg

if TYPE_CHECKING:
    from hrkpi.core.errors import Problem

REGION_COLUMNS = ("region", "parent", "level")


def unknown_total_row(label: str) -> Msg:
    """The problem of a workbook's 合计 row (`label`) whose region no hierarchy names:
    the one data problem a region hierarchy resolves (see `needs_hierarchy`)."""
    return Msg(
        "cannot tell which region the {label} row totals; give the region hierarchy "
        "(--regions, the rows' common parent) or write the region's name in the cell",
        label=label,
    )


def needs_hierarchy(found: Problem) -> bool:
    """Whether `found` is a problem only a region hierarchy resolves. `validate` leaves
    these out when the regions file is itself broken, as `check` does: their fix is
    that file's, and a dozen of them would bury the one problem to fix."""
    return found.message.template == unknown_total_row("").template


@dataclass(frozen=True)
class RegionHierarchy:
    """Each region's parent, and each parent's children in file order."""

    parent: dict[str, str] = field(default_factory=dict)
    children: dict[str, list[str]] = field(default_factory=dict)
    level: dict[str, str] = field(default_factory=dict)
    file: str = ""
    lines: dict[str, int] = field(default_factory=dict)

    @classmethod
    def from_pairs(cls, pairs: list[tuple[str, str]]) -> RegionHierarchy:
        """Build from (region, parent) pairs (parent "" for a root)."""
        hierarchy = cls()
        for region, parent in pairs:
            hierarchy._add(region, parent, "", 0)
        return hierarchy

    def _add(self, region: str, parent: str, level: str, line: int) -> None:
        self.lines[region] = line
        if level:
            self.level[region] = level
        if parent:
            self.parent[region] = parent
            self.children.setdefault(parent, []).append(region)

    def edges(self) -> Iterator[tuple[str, str]]:
        """Every (parent, child) pair."""
        for parent, kids in self.children.items():
            for kid in kids:
                yield parent, kid

    def __len__(self) -> int:
        return len(self.lines)
