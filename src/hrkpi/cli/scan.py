"""`hrkpi scan`: read a report as written and check every relation its figures state."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from hrkpi.cli import command
from hrkpi.cli.boundary import EXIT_FAILED, EXIT_OK
from hrkpi.cli.options import (
    FailUncheckedOpt,
    LangOpt,
    LangOption,
    PaceOpt,
    PaceOption,
    ToleranceOpt,
    parse_date,
    parse_tolerance,
)


class ScanFormat(StrEnum):
    """How `scan` prints its findings."""

    TEXT = "text"
    JSON = "json"
    GITHUB = "github"


@command("scan")
def scan_cmd(
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="FILE",
            help="Report files: .txt or .md (UTF-8 or GB18030), .html, .docx, .pdf.",
            show_default=False,
        ),
    ],
    fmt: Annotated[
        ScanFormat,
        typer.Option("--format", "-f", help="text, json, or github (workflow annotations)."),
    ] = ScanFormat.TEXT,
    lang: LangOpt = LangOption.ZH,
    write_data: Annotated[
        Path | None,
        typer.Option(
            "--write-data",
            metavar="DIR",
            help="Also write what was read as DIR/indicators and DIR/data YAML for hrkpi check.",
        ),
    ] = None,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict", help="Fail on warn-level limits too, and when nothing could be checked."
        ),
    ] = False,
    fail_unchecked: FailUncheckedOpt = False,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="YYYY-MM-DD",
            help="The date the figures stand at. Default: read from the text (截至6月末).",
        ),
    ] = None,
    pace: PaceOpt = PaceOption.DAYS,
    tolerance: ToleranceOpt = "1",
) -> int:
    """Find the figures of a report as written and check every relation they state.

    Exit 0 when every figure is consistent, 1 when one cannot be right, 2 on bad input.

    Example:
      hrkpi scan data/source/2020H1_xiamen.txt
    """
    from hrkpi.api import scan
    from hrkpi.core.pace import PaceMethod
    from hrkpi.output.words import Lang

    report = scan(
        files,
        as_of=parse_date(as_of),
        pace_method=PaceMethod(pace.value),
        tolerance=parse_tolerance(tolerance),
    )
    if write_data is not None:
        from hrkpi.output.scandata import write_scan_data

        write_scan_data(report, write_data)
    language = Lang(lang.value)
    if fmt is ScanFormat.JSON:
        from hrkpi.output.scanjson import to_json

        sys.stdout.write(to_json(report, lang=language, strict=strict, unchecked=fail_unchecked))
    elif fmt is ScanFormat.GITHUB:
        from hrkpi.output.scantext import to_github

        sys.stdout.write(to_github(report, lang=language, strict=strict, unchecked=fail_unchecked))
    else:
        from hrkpi.output.scantext import to_text

        sys.stdout.write(to_text(report, lang=language, strict=strict, unchecked=fail_unchecked))
    return EXIT_FAILED if report.failed(strict=strict, unchecked=fail_unchecked) else EXIT_OK
