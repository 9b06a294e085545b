"""`hrkpi check`'s outputs made in one pass over the findings: each finding is built
(and described) once for the standard output (text, JSON or GitHub annotations) and
for the JUnit XML, whichever of them a run asks for.

`iter_outputs` gives pairs of pieces (standard output, JUnit XML); joined, each side is
byte for byte what that output is alone. With `--junit` the command holds the standard
output's pieces in `HeldText` until the XML is written, so a JUnit file that cannot be
written leaves nothing printed.
"""

from __future__ import annotations

from collections.abc import Iterator
from types import TracebackType
from typing import IO, TYPE_CHECKING

from hrkpi.checks.findings import PROBLEMS, CheckReport, Finding, LazyFindings, Verdict
from hrkpi.core.errors import ExportError, os_reason
from hrkpi.core.messages import Msg
from hrkpi.output.checktext import describe, finding_text, iter_text, text_end
from hrkpi.output.controls import visible
from hrkpi.output.findwords import Words
from hrkpi.output.words import Lang

if TYPE_CHECKING:  # (polars: imported by the listings of the fast path only)
    from hrkpi.output.columnwords import Lines

# The JUnit writer (ElementTree), the JSON models (pydantic) and the annotations are
# imported by the runs that use them: a plain `check` does not pay for them at start-up.


def iter_outputs(
    report: CheckReport,
    *,
    fmt: str,
    lang: Lang = Lang.ZH,
    strict: bool = False,
    problems_only: bool = False,
    unchecked: bool = False,
    junit: bool = False,
) -> Iterator[tuple[str | Lines, str]]:
    """(standard output, JUnit XML) pieces: `fmt` text (`iter_text`, control characters
    shown), JSON (`iter_json`) or GitHub annotations followed by the problems as text;
    beside them `iter_junit`'s pieces when `junit`, else empty strings. Each finding
    is read once; without `junit` the text and JSON read only what they list. A text
    piece may be `Lines` (already shown as printed; `write_piece` writes it)."""
    if fmt == "github":
        yield from _github(report, lang=lang, junit=junit, strict=strict, unchecked=unchecked)
        return
    if not junit:
        if fmt == "json":
            from hrkpi.output.checkjson import iter_json
        pieces = (
            iter_json(
                report, lang=lang, strict=strict, problems_only=problems_only, unchecked=unchecked
            )
            if fmt == "json"
            else map(
                _shown,
                iter_text(
                    report,
                    lang=lang,
                    strict=strict,
                    problems_only=problems_only,
                    unchecked=unchecked,
                ),
            )
        )
        for piece in pieces:
            yield piece, ""
        return
    if fmt == "json":
        yield from _json_junit(
            report, lang=lang, problems_only=problems_only, strict=strict, unchecked=unchecked
        )
        return
    from hrkpi.output.junit import iter_text_junit

    pairs = iter_text_junit(
        report, lang=lang, strict=strict, problems_only=problems_only, unchecked=unchecked
    )
    for text, xml in pairs:
        yield visible(text), xml


def _shown(piece: str | Lines) -> str | Lines:
    """A piece of the text report with control characters shown (`Lines` already are)."""
    return piece if not isinstance(piece, str) else visible(piece)


def write_piece(stream: IO[str], piece: str | Lines) -> None:
    """A piece of `iter_outputs`' standard output into the text stream `stream` (a `Lines`
    as UTF-8 straight into its binary buffer, the text before it flushed first)."""
    if isinstance(piece, str):
        stream.write(piece)
        return
    stream.flush()
    piece.write_to(stream.buffer)  # type: ignore[attr-defined]


def _json_junit(
    report: CheckReport, *, lang: Lang, problems_only: bool, strict: bool, unchecked: bool
) -> Iterator[tuple[str, str]]:
    """The JSON and the JUnit XML of every finding, each finding read once: the JSON
    pulls the findings it lists through `listed`, which writes every finding's test
    case (listed or not) on its way; each JSON piece goes out with the cases made
    while it was being made. (Findings kept as columns too: the JSON builds every one
    it lists, and making the cases from columns after it saved about 7% of the CPU at
    100k for 60 MB more memory and every finding built twice.)"""
    from hrkpi.output.checkjson import iter_json
    from hrkpi.output.junit import JunitCases

    cases = JunitCases(report, lang=lang, strict=strict, unchecked=unchecked)
    made: list[str] = []

    def listed() -> Iterator[Finding]:
        for f in report.findings:
            made.append(cases.case(f))
            if not problems_only or f.verdict in PROBLEMS:
                yield f

    pieces = iter_json(
        report,
        lang=lang,
        strict=strict,
        problems_only=problems_only,
        unchecked=unchecked,
        findings=listed(),
    )
    for piece in pieces:
        xml = "".join(made)
        made.clear()
        yield piece, xml
    yield "", "".join(made) + cases.end()


def _github(
    report: CheckReport, *, lang: Lang, junit: bool, strict: bool, unchecked: bool
) -> Iterator[tuple[str, str]]:
    """The annotations (and test cases) a finding at a time, then the problems as text,
    held until the last annotation: each problem is described once for both. Without
    the JUnit file and `unchecked`, only the problems are read (nothing else is
    annotated)."""
    from hrkpi.output.github import finding_annotation, finding_level
    from hrkpi.output.junit import JunitCases, kept_as_columns

    words = Words(lang, report.catalog)
    cases = JunitCases(report, lang=lang, strict=strict, unchecked=unchecked) if junit else None
    held: list[str] = []
    findings = report.findings if junit or unchecked else report.problems()
    writer = cases
    if cases is not None and isinstance(report.findings, LazyFindings) and kept_as_columns(report):
        # Kept as columns (the fast path): every case made a chunk at a time, the frequent
        # ones from columns (hrkpi.output.columncases); only the findings annotated built.
        from hrkpi.output.columncases import text_junit

        for _, xml in text_junit(report.findings, cases, problems_only=True, text=False):
            yield "", xml
        annotated = PROBLEMS | ({v for v in Verdict if v.is_unchecked} if unchecked else set())
        findings, cases = report.findings.only(annotated), None
    for f in findings:
        level = finding_level(f, strict=strict, unchecked=unchecked)
        note, lines = "", None
        if level is not None:  # every problem listed (inconsistent, failed, warned) has one
            lines = describe(f, words)
            note = finding_annotation(f, level, lines, words) + "\n"
            if f.verdict in PROBLEMS:
                held.append(visible(finding_text(lines)))
        yield note, cases.case(f, lines) if cases else ""
    for text in held:
        yield text, ""
    end = text_end(report, lang=lang, listed=bool(held), strict=strict, unchecked=unchecked)
    yield visible(end), writer.end() if writer else ""


class HeldText:
    """Text held until it may be printed: in memory up to `MEMORY` bytes of UTF-8, then
    in an unnamed temporary file (bounded memory for a million findings). Used as a
    context manager; `write`, then `pieces` to read it back."""

    MEMORY = 8 << 20

    def __init__(self) -> None:
        import tempfile  # only with --junit

        self._file: IO[str] = tempfile.SpooledTemporaryFile(  # noqa: SIM115 (closed on exit)
            max_size=self.MEMORY, mode="w+", encoding="utf-8", errors="surrogatepass", newline=""
        )

    def __enter__(self) -> HeldText:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._file.close()

    def write(self, text: str | Lines) -> None:
        """Hold `text` after what is held."""
        try:
            self._file.write(str(text))
        except OSError as exc:
            import tempfile

            raise ExportError(
                Msg(
                    "cannot hold the report in a temporary file ({folder}) while the JUnit "
                    "file is written: {why}; nothing was written",
                    folder=tempfile.gettempdir(),
                    why=os_reason(exc),
                )
            ) from exc

    def pieces(self, size: int = 1 << 20) -> Iterator[str]:
        """What was held, from the start, `size` characters at a time."""
        self._file.seek(0)
        while piece := self._file.read(size):
            yield piece
