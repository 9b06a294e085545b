"""`hrkpi validate`: definitions and data only."""

from __future__ import annotations

import typer

from hrkpi.cli import EXIT_OK, DataOpt, IndicatorsOpt, command


@command("validate")
def validate_cmd(indicators: IndicatorsOpt = None, data: DataOpt = None) -> int:
    """Check definitions and data only, and list every problem (file:line:column).

    Example: hrkpi validate --indicators my/indicators --data my/data.yaml
    """
    from hrkpi.api import validate

    summary = validate(indicators, data)
    typer.echo(
        f"ok: {summary.indicators} indicators in {summary.sections} sections, "
        f"{summary.observations} stated figures"
    )
    return EXIT_OK
