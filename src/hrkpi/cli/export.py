"""`hrkpi export`: the completion table as a file (xlsx, csv, markdown, json, html)."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from hrkpi.cli import (
    EXIT_OK,
    AsOfOpt,
    DataOpt,
    IndicatorsOpt,
    LangOpt,
    LangOption,
    PaceOpt,
    PaceOption,
    ToleranceOpt,
    command,
    parse_columns,
    parse_date,
    parse_tolerance,
)


class ExportFormatOption(StrEnum):
    """File formats of `hrkpi export`."""

    XLSX = "xlsx"
    CSV = "csv"
    MARKDOWN = "markdown"
    JSON = "json"
    HTML = "html"


@command("export")
def export_cmd(
    output: Annotated[
        str,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="File to write (replaced atomically; untouched on any error), or - for "
            "standard output. A symbolic link is written through; a FIFO or device straight.",
            show_default=False,
        ),
    ],
    fmt: Annotated[
        ExportFormatOption | None,
        typer.Option(
            "--format",
            "-f",
            help="File format. Default: from the output's suffix (.xlsx .csv .md .json .html).",
            show_default=False,
        ),
    ] = None,
    indicators: IndicatorsOpt = None,
    data: DataOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = LangOption.ZH,
    pace: PaceOpt = PaceOption.DAYS,
    tolerance: ToleranceOpt = "1",
    columns: Annotated[
        str | None,
        typer.Option(
            "--columns",
            metavar="COL,COL,...",
            help="Comma-separated columns, each a key or a Chinese or English header "
            "(完成率 or completion); default: every column, as compute.",
        ),
    ] = None,
    bom: Annotated[
        bool, typer.Option("--bom", help="Start a CSV with a UTF-8 BOM, so Excel reads Chinese.")
    ] = False,
    findings: Annotated[
        bool,
        typer.Option(
            "--findings/--no-findings",
            help="Run hrkpi check and add its findings (xlsx sheet 2, html).",
        ),
    ] = True,
) -> int:
    """Write the completion table to a file: Excel, CSV, Markdown, JSON or an HTML report.

    Example: hrkpi export --format xlsx --output 完成情况.xlsx
    """
    from hrkpi.api import check, compute, input_paths
    from hrkpi.core.pace import PaceMethod
    from hrkpi.output.files import ExportFormat, check_request, export_report
    from hrkpi.output.words import Lang

    wanted = parse_columns(columns)
    inputs = input_paths(indicators, data)
    kind = check_request(output, fmt.value if fmt else None, columns=wanted, bom=bom, inputs=inputs)
    pace_method, pace_tolerance = PaceMethod(pace.value), parse_tolerance(tolerance)
    report = compute(
        indicators,
        data,
        as_of=parse_date(as_of),
        pace_method=pace_method,
        tolerance=pace_tolerance,
    )
    check_report = None
    if findings and kind in (ExportFormat.XLSX, ExportFormat.HTML):
        check_report = check(indicators, data, pace_method=pace_method, tolerance=pace_tolerance)
    export_report(
        report,
        output,
        kind,
        lang=Lang(lang.value),
        columns=wanted,
        findings=check_report,
        bom=bom,
        inputs=inputs,
    )
    # As the user named it: a link is written through, a descriptor straight.
    where = "standard output" if output == "-" else output
    typer.echo(f"wrote {where} ({kind.value})", err=True)
    return EXIT_OK
