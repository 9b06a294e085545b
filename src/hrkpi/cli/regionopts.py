"""Options of the regional completion table (compute --by region, export --by region)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer


class ByOption(StrEnum):
    """What the table's rows are."""

    INDICATOR = "indicator"  # the completion table: one row per indicator
    REGION = "region"  # 各地区完成情况表: one row per region


class OrderOption(StrEnum):
    """How regions are ordered."""

    HIERARCHY = "hierarchy"
    RANK = "rank"


class LayoutOption(StrEnum):
    """Indicators side by side, or one table each."""

    WIDE = "wide"
    EACH = "each"


ByOpt = Annotated[
    ByOption,
    typer.Option(
        "--by",
        help="indicator: the completion table; region: regions as rows, each against its "
        "own target, with completion, pace status and rank (各地区完成情况表).",
    ),
]
TargetsOpt = Annotated[
    Path | None,
    typer.Option(
        "--targets",
        metavar="FILE",
        help="Targets assigned to regions (CSV, xlsx or YAML: indicator,region,year,target"
        "[,name]). Default: targets.csv/.yaml/.xlsx in the data folder.",
        envvar="HRKPI_TARGETS",
        show_default=False,
    ),
]
ParentOpt = Annotated[
    str | None,
    typer.Option(
        "--parent",
        metavar="REGION",
        help="--by region: whose children are the rows (default: the top region with children).",
        show_default=False,
    ),
]
OrderOpt = Annotated[
    OrderOption,
    typer.Option("--order", help="--by region: rows in hierarchy order or ranked by completion."),
]
LayoutOpt = Annotated[
    LayoutOption,
    typer.Option("--layout", help="--by region: every indicator side by side, or one table each."),
]
OnlyOpt = Annotated[
    str | None,
    typer.Option(
        "--only",
        metavar="ID,ID,...",
        help="--by region: the indicators to show (default: every one with a figure).",
        show_default=False,
    ),
]
