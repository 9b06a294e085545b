"""Reading a region hierarchy CSV (region,parent[,level]) into a RegionHierarchy."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from hrkpi.core.errors import InputError, Problem, display_path, problem
from hrkpi.core.regions import RegionHierarchy
from hrkpi.sources.encoding import read_table_text


def load_regions(file: Path) -> RegionHierarchy:
    """Read a region hierarchy CSV; raise InputError naming file, line and column."""
    text, _ = read_table_text(file)  # UTF-8, or GBK as Excel saves it on Chinese Windows
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [h.strip() for h in next(reader, [])]
    problems: list[Problem] = []
    for name in ("region", "parent"):
        if name not in header:
            problems.append(
                problem(file, 1, 1, name, f"missing column {name!r}; the header is region,parent")
            )
    if problems:
        raise InputError(problems)
    col = {name: j for j, name in enumerate(header)}
    hierarchy = RegionHierarchy(file=display_path(file))
    for row in reader:
        line = reader.line_num
        if not any(c.strip() for c in row):
            continue
        cells = {name: (row[j].strip() if j < len(row) else "") for name, j in col.items()}
        region, parent = cells["region"], cells["parent"]
        if not region:
            problems.append(problem(file, line, col["region"] + 1, "region", "region is empty"))
            continue
        if region in hierarchy.lines:
            problems.append(
                problem(
                    file,
                    line,
                    col["region"] + 1,
                    "region",
                    f"region {region!r} is listed twice (first at line "
                    f"{hierarchy.lines[region]}); list it once",
                )
            )
            continue
        if parent == region:
            problems.append(
                problem(
                    file, line, col["parent"] + 1, "parent", "a region cannot be its own parent"
                )
            )
            continue
        hierarchy._add(region, parent, cells.get("level", ""), line)
    problems.extend(_cycles(file, hierarchy, col["parent"] + 1))
    if problems:
        raise InputError(problems)
    return hierarchy


def _cycles(file: Path, hierarchy: RegionHierarchy, column: int) -> list[Problem]:
    found = []
    for start in hierarchy.parent:
        seen = {start}
        node = hierarchy.parent.get(start)
        while node is not None:
            if node in seen:
                found.append(
                    problem(
                        file,
                        hierarchy.lines.get(start, 1),
                        column,
                        "parent",
                        f"region {start!r} is its own ancestor; the parents form a loop",
                    )
                )
                break
            seen.add(node)
            node = hierarchy.parent.get(node)
    return found
