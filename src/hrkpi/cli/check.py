"""`hrkpi check`: rounding-aware consistency of every stated figure, for CI."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated, BinaryIO

import typer

from hrkpi.cli import (
    EXIT_FAILED,
    EXIT_OK,
    DataOpt,
    FailUncheckedOpt,
    IndicatorsOpt,
    LangOpt,
    LangOption,
    PaceOpt,
    PaceOption,
    ToleranceOpt,
    command,
    parse_date,
    parse_tolerance,
)
from hrkpi.cli.regionopts import TargetsOpt
from hrkpi.cli.scaleopts import EngineOpt, EngineOption, RegionsOpt, VerboseOpt


class CheckFormat(StrEnum):
    """How `check` prints its findings."""

    TEXT = "text"
    JSON = "json"
    GITHUB = "github"


class RoundingOption(StrEnum):
    """How the source rounded its figures."""

    HALF_EVEN = "half_even"
    HALF_UP = "half_up"
    TRUNCATE = "truncate"
    EITHER = "either"
    NEAREST = "nearest"


class MethodOption(StrEnum):
    """GB/T 8170 comparison method for limits."""

    FULL = "full"
    ROUNDED = "rounded"


@command("check")
def check_cmd(
    indicators: IndicatorsOpt = None,
    data: DataOpt = None,
    fmt: Annotated[
        CheckFormat,
        typer.Option(
            "--format",
            "-f",
            help="Output format; github: workflow annotations (::error file=…,line=…::) "
            "on each problem, then the problems as text.",
        ),
    ] = CheckFormat.TEXT,
    junit: Annotated[
        str | None,
        typer.Option(
            "--junit", metavar="FILE", help="Also write JUnit XML to this file (- for stdout)."
        ),
    ] = None,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict", help="Fail on warn-level thresholds too, and when nothing could be checked."
        ),
    ] = False,
    fail_unchecked: FailUncheckedOpt = False,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="YYYY-MM-DD",
            help="Check only the documents dated then (the others still serve as bases).",
        ),
    ] = None,
    rounding: Annotated[
        RoundingOption | None,
        typer.Option("--rounding", help="Override how the data's figures were rounded."),
    ] = None,
    method: Annotated[
        MethodOption | None,
        typer.Option(
            "--method",
            help="Judge limits by the full (全数值比较法) or rounded value (修约值比较法).",
        ),
    ] = None,
    lang: LangOpt = LangOption.ZH,
    problems_only: Annotated[
        bool, typer.Option("--problems-only", help="List only inconsistencies and missed limits.")
    ] = False,
    pace: PaceOpt = PaceOption.DAYS,
    tolerance: ToleranceOpt = "1",
    regions: RegionsOpt = None,
    targets: TargetsOpt = None,
    engine: EngineOpt = EngineOption.AUTO,
    verbose: VerboseOpt = False,
) -> int:
    """Check every stated figure against the others, within its rounding.

    Exit 0 when every figure is consistent and no limit fails, 1 otherwise, 2 on bad input.

    Example:
      hrkpi check --junit check.xml
    """
    from hrkpi.api import Engine, check, input_paths
    from hrkpi.cli import annotate_errors
    from hrkpi.cli.progress import progress_bar
    from hrkpi.core.models import CompareMethod
    from hrkpi.core.numbers import RoundingMode
    from hrkpi.core.pace import PaceMethod
    from hrkpi.output.checktext import iter_json, iter_text
    from hrkpi.output.controls import visible
    from hrkpi.output.words import Lang, engine_note

    if fmt is CheckFormat.GITHUB:
        annotate_errors()
    inputs = input_paths(indicators, data, regions)
    to_file = False  # --junit names a file (not stdout, a pipe or a device)
    if junit is not None:
        from hrkpi.output.outpath import Kind, check_target

        # Before the work, as export does.
        to_file = check_target(junit, inputs=inputs).kind is Kind.FILE
    language = Lang(lang.value)
    with progress_bar(language) as bar:
        report = check(
            indicators,
            data,
            regions=regions,
            targets=targets,
            rounding=RoundingMode(rounding.value) if rounding else None,
            method=CompareMethod(method.value) if method else None,
            pace_method=PaceMethod(pace.value),
            tolerance=parse_tolerance(tolerance),
            engine=Engine(engine.value),
            progress=bar,
            as_of=parse_date(as_of),
        )
    flags = {"strict": strict, "unchecked": fail_unchecked}
    if verbose:
        sys.stderr.write(engine_note(report.engine, report.exact_rows, language) + "\n")
    shown = problems_only or fmt is CheckFormat.GITHUB
    # Text and a JUnit file together: each finding is built once for both, the text
    # printed while the file is written (JUnit to stdout, a pipe or a device is
    # written whole first, as alone, so the two never interleave).
    together = to_file and fmt is not CheckFormat.JSON
    if fmt is CheckFormat.GITHUB:
        from hrkpi.output.github import check_annotations

        annotations = check_annotations(report, lang=language, **flags)
        if together:
            sys.stdout.write(annotations)
    if junit is not None:
        from hrkpi.output.atomic import write_atomic
        from hrkpi.output.junit import iter_junit, iter_text_junit

        # Streamed into the temporary file that becomes FILE: no tree of cases is held.
        def write_junit(handle: BinaryIO) -> None:
            if together:
                pairs = iter_text_junit(report, lang=language, problems_only=shown, **flags)
                for text, xml in pairs:
                    sys.stdout.write(visible(text))
                    handle.write(xml.encode("utf-8"))
                return
            for piece in iter_junit(report, lang=language, **flags):
                handle.write(piece.encode("utf-8"))

        write_atomic(junit, write_junit, inputs=inputs)
    if fmt is CheckFormat.GITHUB and not together:
        sys.stdout.write(annotations)
    # Streamed: a million findings are printed as they are made, never held as one text;
    # text for people shows control characters, never passes them to a terminal.
    if fmt is CheckFormat.JSON:
        for piece in iter_json(report, lang=language, problems_only=shown, **flags):
            sys.stdout.write(piece)
    elif not together:
        for piece in iter_text(report, lang=language, problems_only=shown, **flags):
            sys.stdout.write(visible(piece))
    return EXIT_FAILED if report.failed(**flags) else EXIT_OK
