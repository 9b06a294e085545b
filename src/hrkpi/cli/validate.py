"""`hrkpi validate`: definitions and data only."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from hrkpi.cli import EXIT_OK, DataOpt, IndicatorsOpt, annotate_errors, command


class ValidateFormat(StrEnum):
    """How `validate` reports problems."""

    TEXT = "text"
    GITHUB = "github"


@command("validate")
def validate_cmd(
    indicators: IndicatorsOpt = None,
    data: DataOpt = None,
    fmt: Annotated[
        ValidateFormat,
        typer.Option(
            "--format",
            "-f",
            help="text, or github: each problem also as a workflow annotation "
            "(::error file=…,line=…,col=…::) on stdout.",
        ),
    ] = ValidateFormat.TEXT,
) -> int:
    """Check definitions and data only, and list every problem (file:line:column).

    Example: hrkpi validate --indicators my/indicators --data my/data.yaml
    """
    from hrkpi.api import validate

    if fmt is ValidateFormat.GITHUB:
        annotate_errors()
    summary = validate(indicators, data)
    targets = f", {summary.targets} regional targets" if summary.targets else ""
    typer.echo(
        f"ok: {summary.indicators} indicators in {summary.sections} sections, "
        f"{summary.observations} stated figures{targets}"
    )
    for file, encoding in summary.encodings.items():
        # Named, so nobody wonders why a GBK file read fine (Excel's CSV on Chinese Windows).
        typer.echo(f"read {file} as {encoding} (GBK), not UTF-8")
    return EXIT_OK
