"""GitHub Actions workflow annotations: `::error file=…,line=…::message`.

A line of this form on a step's output becomes an annotation on the file and
line in the pull request's diff and the run's summary. `hrkpi check --format
github` writes one per inconsistent figure or failed limit (and per limit
warning), `hrkpi validate --format github` one per problem in the files.

Escaping follows the runner's own rules (actions/toolkit, command.ts): in the
message `%`, CR and LF are percent-encoded; in a property also `:` and `,`.
Other control characters are shown as escapes, never passed on.
"""

from __future__ import annotations

from collections.abc import Iterable

from hrkpi.checks.findings import CheckReport, Finding, Verdict
from hrkpi.core.errors import Problem
from hrkpi.core.messages import Msg
from hrkpi.output.checktext import describe
from hrkpi.output.controls import visible
from hrkpi.output.findwords import Words, kind_label, mark, place_words
from hrkpi.output.words import Lang


def _data(text: str) -> str:
    text = visible(text.replace("\r\n", "\n"))
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


# The title of a bad-input annotation, in the run's language.
BAD_INPUT = Msg("hrkpi: bad input")


def annotation(
    level: str,
    message: str,
    *,
    file: str | None = None,
    line: int | None = None,
    col: int | None = None,
    title: str | None = None,
) -> str:
    """One workflow command line: `level` is error, warning or notice."""
    props = [
        f"{key}={_property(str(value))}"
        for key, value in (("file", file), ("line", line), ("col", col), ("title", title))
        if value is not None and value != ""
    ]
    head = f"::{level} {','.join(props)}" if props else f"::{level}"
    return f"{head}::{_data(message)}"


def problem_annotations(problems: Iterable[Problem]) -> str:
    """An error annotation per input problem, at its file, line and column."""
    lines = []
    for p in problems:
        # (a workbook's problem at its file, the sheet and cell in the title: a file
        # named data/2021.xlsx:1-6月!B7 is none GitHub can show)
        sheet = f"{p.sheet}!{p.cell}" if p.cell else p.sheet
        lines.append(
            annotation(
                "error",
                f"{p.field}: {p.message}" if p.field else str(p.message),
                file=p.file,
                line=p.line or None,
                col=p.column or None,
                title=f"{BAD_INPUT} ({sheet})" if sheet else str(BAD_INPUT),
            )
        )
    return "".join(line + "\n" for line in lines)


def finding_level(f: Finding, *, strict: bool, unchecked: bool) -> str | None:
    """The annotation a finding gets (error, warning), or None when it gets none."""
    if f.verdict.is_problem:
        return "error"
    if f.verdict is Verdict.WARN:
        return "error" if strict else "warning"
    if unchecked and f.verdict.is_unchecked:
        return "error"  # --fail-unchecked: a relation that could not be checked fails
    return None


def check_annotations(
    report: CheckReport, *, lang: Lang = Lang.ZH, strict: bool = False, unchecked: bool = False
) -> str:
    """An annotation per inconsistent figure, failed limit and warning (an error under
    `strict`), and under `unchecked` per relation that could not be checked; in `lang`:
    the finding as `hrkpi check` explains it, at the stated figure's line."""
    words = Words(lang, report.catalog)
    lines = []
    for f in report.findings:
        level = finding_level(f, strict=strict, unchecked=unchecked)
        if level is not None:
            lines.append(finding_annotation(f, level, describe(f, words), words))
    return "".join(line + "\n" for line in lines)


def finding_annotation(f: Finding, level: str, explained: list[str], words: Words) -> str:
    """A finding's annotation (no newline) at `level`, from its lines (`describe`)."""
    first = explained[0].removeprefix(f"{f.shown_file}:{f.line}: ").strip()
    message = "\n".join([first, *(rest.strip() for rest in explained[1:])])
    # (a table's row by its region and period, as the message names it; else the region)
    place = place_words(f, words) or f.region
    # (a workbook's sheet named in the title: the annotation's file is the workbook)
    where = f" ({' '.join(p for p in (f.sheet, place) if p)})" if place or f.sheet else ""
    title = f"hrkpi check: {kind_label(f.kind, words.lang)} {mark(f.verdict, words.lang)}"
    return annotation(
        level,
        message,
        file=f.file,
        line=f.line or None,
        title=f"{title}: {words.name(f.indicator)}{where}",
    )
