"""`hrkpi validate`: definitions and data only."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from hrkpi.cli import command
from hrkpi.cli.boundary import EXIT_OK, annotate_errors
from hrkpi.cli.options import DataOpt, IndicatorsOpt, LangOpt, LangOption
from hrkpi.cli.regionopts import TargetsOpt

# Its own help: validate reads the hierarchy as a file to check, and sums nothing
# (compute's and check's --regions say parents' figures are checked against sums).
ValidateRegionsOpt = Annotated[
    Path | None,
    typer.Option(
        "--regions",
        metavar="FILE",
        help="Region hierarchy CSV (region,parent) to validate; the regions of the data and "
        "of the targets must be listed in it. Default: regions.csv in the data folder.",
        envvar="HRKPI_REGIONS",
        show_default=False,
    ),
]


class ValidateFormat(StrEnum):
    """How `validate` reports problems."""

    TEXT = "text"
    GITHUB = "github"


@command("validate", computes=False)
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
    lang: LangOpt = LangOption.ZH,
    regions: ValidateRegionsOpt = None,
    targets: TargetsOpt = None,
) -> int:
    """Check definitions and data only, and list every problem (file:line:column).

    The regions and targets files (given, or beside the data) are checked too. Exit 0
    when all is valid, 2 on any problem.

    Example:
      hrkpi validate --indicators my/indicators --data my/data.yaml
    """
    from hrkpi.api import validate
    from hrkpi.core.messages import Msg

    if fmt is ValidateFormat.GITHUB:
        annotate_errors()
    summary = validate(indicators, data, regions=regions, targets=targets)
    counts = {
        "indicators": summary.indicators,
        "sections": summary.sections,
        "figures": summary.observations,
    }
    if summary.targets:
        said = Msg(
            "ok: {indicators} indicators in {sections} sections, {figures} stated figures, "
            "{targets} regional targets",
            targets=summary.targets,
            **counts,
        )
    else:
        said = Msg(
            "ok: {indicators} indicators in {sections} sections, {figures} stated figures",
            **counts,
        )
    typer.echo(str(said))
    if summary.regions:
        typer.echo(str(Msg("region hierarchy: {regions} regions", regions=summary.regions)))
    for file, encoding in summary.encodings.items():
        # Named, so nobody wonders why a GBK file read fine (Excel's CSV on Chinese Windows).
        read = Msg("read {file} as {encoding} (GBK), not UTF-8", file=file, encoding=encoding)
        typer.echo(str(read))
    return EXIT_OK
