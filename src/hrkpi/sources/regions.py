"""Reading a region hierarchy CSV (region,parent[,level]) into a RegionHierarchy.

The hierarchy is checked whole before use, in time linear in its regions: every
parent is itself listed (a typo such as 思明区 -> 厦门 would otherwise make a
region of its own and drop out of its parent's sum), no region is its own
ancestor, and no chain is deeper than MAX_REGION_DEPTH.
"""

from __future__ import annotations

import csv
from pathlib import Path

from hrkpi.core.errors import InputError, Problem, display_path, problem
from hrkpi.core.limits import MAX_COLUMNS, MAX_PROBLEMS_PER_FILE, MAX_REGION_DEPTH
from hrkpi.core.messages import Msg, reason
from hrkpi.core.regions import RegionHierarchy
from hrkpi.core.text import nearest, text_problem
from hrkpi.sources.textfile import lines, table_encoding

_SHOWN = 6  # regions of a loop named in its message


def load_regions(file: Path) -> RegionHierarchy:
    """Read a region hierarchy CSV; raise InputError naming file, line and column."""
    # UTF-8, or GBK as Excel saves it on Chinese Windows; a bounded line at a time.
    reader = csv.reader(lines(file, table_encoding(file)), strict=True)
    problems: list[Problem] = []
    try:
        header = [h.strip() for h in next(reader, [])][: MAX_COLUMNS + 1]
    except csv.Error as exc:
        said = Msg("malformed CSV header ({why})", why=reason(exc))
        raise InputError([problem(file, 1, 1, "", said)]) from None
    for name in ("region", "parent"):
        if name not in header:
            problems.append(
                problem(
                    file,
                    1,
                    1,
                    name,
                    Msg("missing column {name!r}; the header is region,parent", name=name),
                )
            )
    if problems:
        raise InputError(problems)
    col = {name: j for j, name in enumerate(header) if name in ("region", "parent", "level")}
    hierarchy = RegionHierarchy(file=display_path(file))
    while len(problems) < MAX_PROBLEMS_PER_FILE:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            said = Msg("malformed CSV ({why})", why=reason(exc))
            problems.append(problem(file, reader.line_num, 1, "", said))
            break
        line = reader.line_num
        if not any(c.strip() for c in row):
            continue
        cells = {name: (row[j].strip() if j < len(row) else "") for name, j in col.items()}
        bad = [
            problem(file, line, col[name] + 1, name, message)
            for name in col
            if (message := text_problem(cells[name])) is not None
        ]
        if bad:
            problems.extend(bad)
            continue
        region, parent = cells["region"], cells["parent"]
        if not region:
            said = Msg("region is empty")
            problems.append(problem(file, line, col["region"] + 1, "region", said))
            continue
        if region in hierarchy.lines:
            problems.append(
                problem(
                    file,
                    line,
                    col["region"] + 1,
                    "region",
                    Msg(
                        "region {region!r} is listed twice (first at line {first}); list it once",
                        region=region,
                        first=hierarchy.lines[region],
                    ),
                )
            )
            continue
        if parent == region:
            problems.append(
                problem(
                    file,
                    line,
                    col["parent"] + 1,
                    "parent",
                    Msg("a region cannot be its own parent"),
                )
            )
            continue
        hierarchy._add(region, parent, cells.get("level", ""), line)
    problems.extend(_unlisted_parents(file, hierarchy, col["parent"] + 1))
    problems.extend(_loops_and_depth(file, hierarchy, col["parent"] + 1))
    if problems:
        raise InputError(problems)
    return hierarchy


def _unlisted_parents(file: Path, hierarchy: RegionHierarchy, column: int) -> list[Problem]:
    """Every parent must have a line of its own (a root's parent is empty)."""
    found: list[Problem] = []
    for region, parent in hierarchy.parent.items():
        if parent in hierarchy.lines:
            continue
        close = nearest(parent, hierarchy.lines) if len(found) < 20 else []
        if close:
            said = Msg(
                "parent {parent!r} of {region!r} is not listed as a region; "
                "did you mean {close!r}?",
                parent=parent,
                region=region,
                close=close[0],
            )
        else:
            said = Msg(
                "parent {parent!r} of {region!r} is not listed as a region; add a line for "
                "{parent!r} (with its own parent, or none for the top)",
                parent=parent,
                region=region,
            )
        found.append(problem(file, hierarchy.lines[region], column, "parent", said))
        if len(found) >= MAX_PROBLEMS_PER_FILE:
            break
    return found


def _loops_and_depth(file: Path, hierarchy: RegionHierarchy, column: int) -> list[Problem]:
    """Loops of parents, and chains deeper than the limit, in one linear walk.

    Each region's depth is found once: walking up from a region stops at a region
    whose depth is known, so every parent link is followed once in all.
    """
    depth: dict[str, int] = {}
    found = []
    for start in hierarchy.lines:
        if start in depth:
            continue
        chain: list[str] = []
        on_chain: dict[str, int] = {}
        node: str | None = start
        while node is not None and node not in depth:
            if node in on_chain:
                loop = chain[on_chain[node] :]
                found.append(_loop(file, hierarchy, column, loop))
                for member in chain:
                    depth[member] = -len(hierarchy.lines) - 1  # reported once, as a loop
                chain = []
                break
            on_chain[node] = len(chain)
            chain.append(node)
            node = hierarchy.parent.get(node)
        base = depth[node] if node is not None and node in depth else 0
        for offset, member in enumerate(reversed(chain), start=1):
            depth[member] = base + offset
            if depth[member] == MAX_REGION_DEPTH + 1:
                # Named once, at the first region past the limit; all below it are
                # past it too, and say nothing more (their depth is set below zero).
                found.append(
                    problem(
                        file,
                        hierarchy.lines[member],
                        column,
                        "parent",
                        Msg(
                            "region {region!r} lies {depth} levels deep; a hierarchy has at "
                            "most {limit} (limit MAX_REGION_DEPTH): check its parents",
                            region=member,
                            depth=depth[member],
                            limit=MAX_REGION_DEPTH,
                        ),
                    )
                )
                depth[member] = -len(hierarchy.lines) - 1
    return found


def _loop(file: Path, hierarchy: RegionHierarchy, column: int, loop: list[str]) -> Problem:
    first = min(loop, key=lambda r: hierarchy.lines[r])
    turn = loop.index(first)
    ordered = loop[turn:] + loop[:turn]
    shown = ordered[:_SHOWN] + (["..."] if len(ordered) > _SHOWN else [])
    return problem(
        file,
        hierarchy.lines[first],
        column,
        "parent",
        Msg(
            "region {region!r} is its own ancestor; the parents form a loop ({chain}; "
            "{count} regions): give one of them another parent",
            region=first,
            chain=" -> ".join([*shown, first]),
            count=len(loop),
        ),
    )
