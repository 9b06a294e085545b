"""`hrkpi check`: rounding-aware consistency of every stated figure, for CI."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated, BinaryIO

import typer

from hrkpi.cli import command
from hrkpi.cli.boundary import EXIT_FAILED, EXIT_OK
from hrkpi.cli.options import (
    DataOpt,
    FailUncheckedOpt,
    IndicatorsOpt,
    LangOpt,
    LangOption,
    PaceOpt,
    PaceOption,
    ToleranceOpt,
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
    from hrkpi.cli.boundary import annotate_errors
    from hrkpi.cli.progress import progress_bar
    from hrkpi.core.models import CompareMethod
    from hrkpi.core.numbers import RoundingMode
    from hrkpi.core.pace import PaceMethod
    from hrkpi.output.checkpass import HeldText, iter_outputs, write_piece
    from hrkpi.output.words import Lang, engine_note

    if fmt is CheckFormat.GITHUB:
        annotate_errors()
    inputs = input_paths(indicators, data, regions)
    if junit is not None:
        from hrkpi.output.outpath import check_target

        check_target(junit, inputs=inputs)  # before the work, as export does
    language = Lang(lang.value)
    # A plain listing: the groups word what is listed (only the problems, when only they
    # are) as they decide it.
    plain = fmt is CheckFormat.TEXT and junit is None
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
            listed_in=language if plain else None,
            problems_only=problems_only and plain,
        )
    flags = {"strict": strict, "unchecked": fail_unchecked}
    if verbose:
        sys.stderr.write(engine_note(report.engine, report.exact_rows, language) + "\n")
    # Streamed: a million findings are printed as they are made, never held as one text;
    # each finding is read once for every output asked for (hrkpi.output.checkpass).
    pieces = iter_outputs(
        report,
        fmt=fmt.value,
        lang=language,
        problems_only=problems_only or fmt is CheckFormat.GITHUB,
        junit=junit is not None,
        **flags,
    )
    if junit is None:
        for out, _ in pieces:
            write_piece(sys.stdout, out)
    else:
        from hrkpi.output.atomic import write_atomic

        # The XML streamed into the temporary file that becomes FILE (JUnit to stdout
        # is written whole, first), the standard output held until it is written: a
        # file that cannot be written leaves nothing printed (exit 2).
        with HeldText() as held:

            def write_junit(handle: BinaryIO) -> None:
                for out, xml in pieces:
                    held.write(out)
                    handle.write(xml.encode("utf-8"))

            write_atomic(junit, write_junit, inputs=inputs)
            for out in held.pieces():
                sys.stdout.write(out)
    return EXIT_FAILED if report.failed(**flags) else EXIT_OK
