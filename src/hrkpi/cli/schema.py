"""`hrkpi schema`: JSON Schemas for editors."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

import typer

from hrkpi.cli import EXIT_OK, command


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
) -> int:
    """Print the JSON Schema of a file kind, for editor validation as you type.

    Example:
      hrkpi schema indicators > indicators.schema.json
    """
    import json

    from hrkpi.core.dataschema import DataFile
    from hrkpi.core.indicatorschema import IndicatorFile

    model: Any
    if kind is SchemaKind.INDICATORS:
        model = IndicatorFile
    elif kind is SchemaKind.DATA:
        model = DataFile
    elif kind is SchemaKind.REPORT:
        from hrkpi.output.jsonout import ReportOut

        model = ReportOut
    elif kind is SchemaKind.SCAN:
        from hrkpi.output.scanjson import ScanOut

        model = ScanOut
    else:
        from hrkpi.output.checktext import CheckOut

        model = CheckOut
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"hrkpi {kind.value}"
    typer.echo(json.dumps(schema, ensure_ascii=False, indent=2))
    return EXIT_OK
