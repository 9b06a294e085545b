"""`hrkpi schema`: JSON Schemas for editors."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from hrkpi.cli import command
from hrkpi.cli.boundary import EXIT_OK
from hrkpi.cli.options import LangOpt, LangOption


class SchemaKind(StrEnum):
    """Which JSON Schema to print."""

    INDICATORS = "indicators"
    DATA = "data"
    REPORT = "report"
    FINDINGS = "findings"
    CHECK = "check"  # the same as findings: the JSON of hrkpi check
    SCAN = "scan"


@command("schema")
def schema_cmd(
    kind: Annotated[
        SchemaKind,
        typer.Argument(
            metavar="KIND",
            help="indicators (definitions), data, report (compute JSON), "
            "findings (check JSON; 'check' is the same), scan (scan JSON).",
        ),
    ] = SchemaKind.INDICATORS,
    lang: LangOpt = LangOption.ZH,
) -> int:
    """Print the JSON Schema of a file kind, for editor validation as you type.

    Example:
      hrkpi schema indicators > indicators.schema.json
    """
    import json

    from hrkpi.output.schemas import json_schema
    from hrkpi.output.words import Lang

    schema = json_schema(kind.value, Lang(lang.value))
    typer.echo(json.dumps(schema, ensure_ascii=False, indent=2))
    return EXIT_OK
