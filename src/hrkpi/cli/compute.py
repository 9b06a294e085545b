"""`hrkpi compute`: the completion table."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

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
from hrkpi.cli.scaleopts import EngineOpt, EngineOption, RegionsOpt, VerboseOpt


class OutputFormat(StrEnum):
    """How `compute` prints its table."""

    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    MARKDOWN = "markdown"


@command("compute")
def compute_cmd(
    indicators: IndicatorsOpt = None,
    data: DataOpt = None,
    as_of: AsOfOpt = None,
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")] = (
        OutputFormat.TABLE
    ),
    lang: LangOpt = LangOption.ZH,
    pace: PaceOpt = PaceOption.DAYS,
    tolerance: ToleranceOpt = "1",
    columns: Annotated[
        str | None,
        typer.Option(
            "--columns",
            metavar="COL,COL,...",
            help="Comma-separated columns for the table, csv and markdown, each a key or a "
            "Chinese or English header (完成率 or completion); default: every column, as "
            "export. The table fits the terminal's width (or COLUMNS).",
        ),
    ] = None,
    bom: Annotated[
        bool, typer.Option("--bom", help="Start a CSV with a UTF-8 BOM, so Excel reads Chinese.")
    ] = False,
    series: Annotated[
        bool,
        typer.Option(
            "--series",
            help="Every stated figure of every period as CSV (completion, pace, year on year, "
            "limit, region sum) instead of the latest table.",
        ),
    ] = False,
    regions: RegionsOpt = None,
    engine: EngineOpt = EngineOption.AUTO,
    by: ByOpt = ByOption.INDICATOR,
    targets: TargetsOpt = None,
    parent: ParentOpt = None,
    order: OrderOpt = OrderOption.HIERARCHY,
    layout: LayoutOpt = LayoutOption.WIDE,
    only: OnlyOpt = None,
    verbose: VerboseOpt = False,
) -> int:
    """Compute the completion table: completion, pace, changes and limits.

    Examples:
      hrkpi compute --format json --lang en
      hrkpi compute --by region -i examples/regional/indicators -d examples/regional/data
    """
    from hrkpi.api import Engine, compute
    from hrkpi.cli.progress import progress_bar
    from hrkpi.core.messages import Msg
    from hrkpi.core.pace import PaceMethod
    from hrkpi.output.table import build_table
    from hrkpi.output.words import Lang

    language = Lang(lang.value)
    if bom and not (series or fmt is OutputFormat.CSV):
        said = Msg("a BOM applies to CSV only, not {format}", format=fmt.value)
        raise typer.BadParameter(str(said), param_hint="--bom")
    if columns and (series or fmt is OutputFormat.JSON):
        said = Msg(
            "--columns applies to the table, csv and markdown: JSON and --series carry every figure"
        )
        raise typer.BadParameter(str(said), param_hint="--columns")
    if by is ByOption.REGION:
        if columns or series:
            said = Msg("--by region has its own columns and no series")
            raise typer.BadParameter(str(said), param_hint="--by")
        from hrkpi.api import regional
        from hrkpi.cli.regional import print_regional_tables

        with progress_bar(language) as bar:
            content = regional(
                indicators,
                data,
                regions=regions,
                targets=targets,
                parent=parent,
                only=parse_columns(only),
                order=order.value,
                as_of=parse_date(as_of),
                pace_method=PaceMethod(pace.value),
                tolerance=parse_tolerance(tolerance),
                engine=Engine(engine.value),
                progress=bar,
            )
        print_regional_tables(content, fmt.value, language, layout is LayoutOption.EACH, bom=bom)
        return EXIT_OK
    if series:
        if fmt not in (OutputFormat.TABLE, OutputFormat.CSV):
            raise typer.BadParameter(str(Msg("--series writes CSV")), param_hint="--format")
        from hrkpi.api import series as compute_series

        with progress_bar(language) as bar:
            rows = compute_series(
                indicators,
                data,
                regions=regions,
                pace_method=PaceMethod(pace.value),
                tolerance=parse_tolerance(tolerance),
                engine=Engine(engine.value),
                progress=bar,
                targets=targets,
            )
        if verbose:
            from hrkpi.output.words import engine_note

            note = engine_note(rows.engine, rows.exact_rows, language)
            sys.stderr.write(note + "\n")
        from hrkpi.output.seriescsv import write_series_csv

        sys.stdout.flush()
        write_series_csv(rows, sys.stdout.buffer, lang=language, bom=bom)
        return EXIT_OK
    with progress_bar(language) as bar:
        report = compute(
            indicators,
            data,
            as_of=parse_date(as_of),
            pace_method=PaceMethod(pace.value),
            tolerance=parse_tolerance(tolerance),
            engine=Engine(engine.value),
            progress=bar,
            regions=regions,
            targets=targets,
        )
    if fmt is OutputFormat.JSON:
        from hrkpi.output.jsonout import to_json

        sys.stdout.write(to_json(report))
        return EXIT_OK
    table = build_table(report, lang=language, columns=parse_columns(columns))
    if fmt is OutputFormat.TABLE:
        from hrkpi.output.terminal import print_table

        print_table(table, report, keep_empty=bool(columns))
    elif fmt is OutputFormat.CSV:
        from hrkpi.output.text import to_csv

        sys.stdout.write(to_csv(table, bom=bom))
    else:
        from hrkpi.output.text import to_markdown

        sys.stdout.write(to_markdown(table))
    return EXIT_OK
