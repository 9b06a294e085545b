"""Options of the commands that read large regional data (compute, check)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer


class EngineOption(StrEnum):
    """Which engine computes."""

    AUTO = "auto"
    EXACT = "exact"
    FAST = "fast"


RegionsOpt = Annotated[
    Path | None,
    typer.Option(
        "--regions",
        metavar="FILE",
        help="Region hierarchy CSV (region,parent): parents' figures are checked against "
        "their children's sums.",
        envvar="HRKPI_REGIONS",
        show_default=False,
    ),
]
EngineOpt = Annotated[
    EngineOption,
    typer.Option(
        "--engine",
        help="exact (any data), fast (long CSV/Parquet, needs hrkpi[fast]) or auto "
        "(fast for large long-format data). Both give the same figures.",
    ),
]
VerboseOpt = Annotated[
    bool,
    typer.Option(
        "--verbose",
        "-v",
        help="Say on stderr which engine ran and how many rows the fast path handed to "
        "the exact engine.",
    ),
]
