"""`hrkpi export`: the completion table as a file (xlsx, csv, markdown, json, html)."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from hrkpi.cli import command
from hrkpi.cli.boundary import EXIT_OK
from hrkpi.cli.options import (
    AsOfOpt,
    DataOpt,
    IndicatorsOpt,
    LangOpt,
    LangOption,
    PaceOpt,
    PaceOption,
    ToleranceOpt,
    parse_columns,
    parse_date,
    parse_tolerance,
)
from hrkpi.cli.regionopts import (
    ByOpt,
    ByOption,
    LayoutOpt,
    LayoutOption,
    OnlyOpt,
    OrderOpt,
    OrderOption,
    ParentOpt,
    TargetsOpt,
)
from hrkpi.cli.scaleopts import RegionsOpt

if TYPE_CHECKING:
    from fractions import Fraction
    from pathlib import Path

    from hrkpi.checks.findings import CheckReport
    from hrkpi.core.pace import PaceMethod
    from hrkpi.output.files import ExportFormat


class GridOption(StrEnum):
    """How a Word table is ruled."""

    THREE_LINE = "three-line"
    FULL = "full"


class ExportFormatOption(StrEnum):
    """File formats of `hrkpi export`."""

    XLSX = "xlsx"
    CSV = "csv"
    MARKDOWN = "markdown"
    JSON = "json"
    HTML = "html"
    DOCX = "docx"


@command("export")
def export_cmd(
    output: Annotated[
        str,
        typer.Option(
            "--output",
            "-o",
            metavar="<path>",
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
            help="File format. Default: from the output's suffix "
            "(.xlsx .csv .md .json .html .docx).",
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
        bool | None,
        typer.Option(
            "--findings/--no-findings",
            help="Run hrkpi check and add its findings after the table (xlsx: a sheet; "
            "html: a section), --by region too; default: on.",
            show_default=False,
        ),
    ] = None,
    by: ByOpt = ByOption.INDICATOR,
    regions: RegionsOpt = None,
    targets: TargetsOpt = None,
    parent: ParentOpt = None,
    order: OrderOpt = OrderOption.HIERARCHY,
    layout: LayoutOpt = LayoutOption.WIDE,
    only: OnlyOpt = None,
    grid: Annotated[
        GridOption,
        typer.Option("--grid", help="Word tables: three-line (三线表) or full grid."),
    ] = GridOption.THREE_LINE,
) -> int:
    """Write the completion table to a file: Excel, CSV, Markdown, JSON, an HTML report
    or Word tables.

    Examples:
      hrkpi export --format xlsx --output 完成情况.xlsx
      hrkpi export --by region -i examples/regional/indicators -d examples/regional/data -o 地区.md
    """
    from hrkpi.api import compute, input_paths
    from hrkpi.core.messages import Msg
    from hrkpi.core.pace import PaceMethod
    from hrkpi.output.files import check_request, export_report
    from hrkpi.output.words import Lang

    if by is ByOption.REGION:
        from hrkpi.api import regional
        from hrkpi.output.files import export_regional

        if columns:
            raise typer.BadParameter(
                str(Msg("--by region has its own columns")), param_hint="--columns"
            )
        inputs = input_paths(indicators, data, regions, targets)
        kind = check_request(
            output, fmt.value if fmt else None, columns=None, bom=bom, inputs=inputs
        )
        pace_method, pace_tolerance = PaceMethod(pace.value), parse_tolerance(tolerance)
        content = regional(
            indicators,
            data,
            regions=regions,
            targets=targets,
            parent=parent,
            only=parse_columns(only),
            order=order.value,
            as_of=parse_date(as_of),
            pace_method=pace_method,
            tolerance=pace_tolerance,
        )
        export_regional(
            content,
            output,
            kind,
            lang=Lang(lang.value),
            each=layout is LayoutOption.EACH,
            findings=_checked(
                findings,
                kind,
                (indicators, data, regions, targets),
                pace_method=pace_method,
                tolerance=pace_tolerance,
            ),
            bom=bom,
            grid=grid.value,
            inputs=inputs,
        )
        _wrote(output, kind.value)
        return EXIT_OK
    wanted = parse_columns(columns)
    inputs = input_paths(indicators, data, regions, targets)
    kind = check_request(output, fmt.value if fmt else None, columns=wanted, bom=bom, inputs=inputs)
    pace_method, pace_tolerance = PaceMethod(pace.value), parse_tolerance(tolerance)
    report = compute(
        indicators,
        data,
        as_of=parse_date(as_of),
        pace_method=pace_method,
        tolerance=pace_tolerance,
        regions=regions,
        targets=targets,
    )
    check_report = _checked(
        findings,
        kind,
        (indicators, data, regions, targets),
        pace_method=pace_method,
        tolerance=pace_tolerance,
    )
    export_report(
        report,
        output,
        kind,
        lang=Lang(lang.value),
        columns=wanted,
        findings=check_report,
        bom=bom,
        grid=grid.value,
        inputs=inputs,
    )
    _wrote(output, kind.value)
    return EXIT_OK


def _checked(
    asked: bool | None,
    kind: ExportFormat,
    inputs: tuple[Path | None, Path | None, Path | None, Path | None],
    *,
    pace_method: PaceMethod,
    tolerance: Fraction,
) -> CheckReport | None:
    """The findings of `hrkpi check` on the export's inputs (indicators, data, regions,
    targets) for the formats that hold them, xlsx and html, unless --no-findings: the
    completion and the regional export add the same findings."""
    from hrkpi.api import check
    from hrkpi.output.files import ExportFormat

    if asked is False or kind not in (ExportFormat.XLSX, ExportFormat.HTML):
        return None
    indicators, data, regions, targets = inputs
    return check(
        indicators,
        data,
        pace_method=pace_method,
        tolerance=tolerance,
        regions=regions,
        targets=targets,
    )


def _wrote(output: str, kind: str) -> None:
    """Say what was written, the output as the user named it (a link is written
    through, a descriptor straight)."""
    from hrkpi.core.messages import Msg

    named = Msg("standard output") if output == "-" else output
    typer.echo(str(Msg("wrote {path} ({format})", path=named, format=kind)), err=True)
