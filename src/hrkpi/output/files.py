"""Write a computed report to a file in any export format: the library entry point.

    >>> import hrkpi
    >>> from hrkpi.output.files import export_report
    >>> report = hrkpi.compute()
    >>> export_report(report, Path("完成情况.xlsx"))          # format from the suffix

Every file is written atomically (see `hrkpi.output.atomic`).
"""

from __future__ import annotations

import errno
import io
import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Any

from hrkpi.checks.findings import CheckReport, Finding
from hrkpi.core.errors import ExportError, UsageError
from hrkpi.core.messages import Msg, verbatim
from hrkpi.engine.regional import RegionalReport
from hrkpi.engine.report import Report
from hrkpi.output.atomic import describe, write_bytes_atomic
from hrkpi.output.findingrows import as_findings
from hrkpi.output.outpath import check_target
from hrkpi.output.table import Table, build_table
from hrkpi.output.words import Lang


class ExportFormat(StrEnum):
    """File formats `export_report` writes."""

    XLSX = "xlsx"
    CSV = "csv"
    MARKDOWN = "markdown"
    JSON = "json"
    HTML = "html"
    DOCX = "docx"


SUFFIXES = {
    ".xlsx": ExportFormat.XLSX,
    ".csv": ExportFormat.CSV,
    ".md": ExportFormat.MARKDOWN,
    ".markdown": ExportFormat.MARKDOWN,
    ".json": ExportFormat.JSON,
    ".html": ExportFormat.HTML,
    ".htm": ExportFormat.HTML,
    ".docx": ExportFormat.DOCX,
}


def format_for(path: str | os.PathLike[str], fmt: ExportFormat | str | None = None) -> ExportFormat:
    """The format asked for, or the one the file name's suffix names."""
    if fmt is not None:
        try:
            return ExportFormat(str(fmt).lower())
        except ValueError:
            choices = ", ".join(f.value for f in ExportFormat)
            raise UsageError(
                Msg(
                    "unknown export format {format!r}; choose from {choices}",
                    format=fmt,
                    choices=choices,
                )
            ) from None
    name = os.fspath(path)
    found = SUFFIXES.get(Path(name).suffix.lower()) if name != "-" else None
    if found is None:
        known = ", ".join(SUFFIXES)
        what = Msg("standard output (-)") if name == "-" else verbatim(repr(str(name)))
        raise UsageError(
            Msg(
                "cannot tell the format of {what} from its suffix ({known}); "
                "give the format (--format xlsx|csv|markdown|json|html|docx)",
                what=what,
                known=known,
            )
        )
    return found


def export_table(
    report: Report,
    *,
    lang: Lang = Lang.ZH,
    columns: Sequence[str] | None = None,
) -> Table:
    """The completion table an export shows (the same columns as `hrkpi compute`)."""
    return build_table(report, lang=lang, columns=columns)


def render(
    report: Report,
    fmt: ExportFormat,
    *,
    lang: Lang = Lang.ZH,
    columns: Sequence[str] | None = None,
    findings: Sequence[Finding] | None = None,
    bom: bool = False,
) -> bytes:
    """The text formats' file content as bytes (xlsx: use `export_report`)."""
    if fmt is ExportFormat.JSON:
        from hrkpi.output.jsonout import to_json

        return to_json(report, bare_paths=True).encode("utf-8")
    table = export_table(report, lang=lang, columns=columns)
    if fmt is ExportFormat.CSV:
        from hrkpi.output.text import to_csv

        return to_csv(table, bom=bom).encode("utf-8")
    if fmt is ExportFormat.MARKDOWN:
        from hrkpi.output.text import to_markdown

        return to_markdown(table).encode("utf-8")
    if fmt is ExportFormat.HTML:
        from hrkpi.output.html import to_html

        return to_html(table, report, findings).encode("utf-8")
    raise UsageError(
        Msg("{format} is a binary format; write it with export_report", format=fmt.value)
    )


def check_request(
    path: str | os.PathLike[str],
    fmt: ExportFormat | str | None,
    *,
    columns: Sequence[str] | None,
    bom: bool,
    inputs: Iterable[str | os.PathLike[str]] = (),
) -> ExportFormat:
    """Refuse a request that cannot succeed before any work is done; return its format."""
    check_target(path, inputs=[Path(p) for p in inputs])
    kind = format_for(path, fmt)
    if kind is ExportFormat.JSON and columns:
        raise UsageError(Msg("JSON holds every figure of every indicator; it takes no columns"))
    if bom and kind is not ExportFormat.CSV:
        raise UsageError(Msg("a BOM applies to CSV only, not {format}", format=kind.value))
    return kind


def export_report(
    report: Report,
    path: str | os.PathLike[str],
    fmt: ExportFormat | str | None = None,
    *,
    lang: Lang = Lang.ZH,
    columns: Sequence[str] | None = None,
    findings: CheckReport | Iterable[Finding] | None = None,
    bom: bool = False,
    grid: str = "three-line",
    inputs: Iterable[str | os.PathLike[str]] = (),
) -> Path:
    """Write `report` to `path` as xlsx, csv, markdown, json, html or docx; return the path
    written. `grid` rules a Word table: "three-line" (三线表) or "full".

    `fmt` defaults to the one the suffix names. `columns` are keys or headers
    (JSON always holds every figure, so it takes no columns). `findings` (from
    `hrkpi.api.check`) fill the xlsx findings sheet and the HTML findings list.
    `bom` puts a UTF-8 BOM before CSV so Excel reads the Chinese right. `path`
    may be `-` (standard output), a FIFO or a device; a symbolic link is
    followed. `inputs` are files and folders the report was read from: an
    output that would overwrite one of them is refused.

    Raises UsageError for a request that makes no sense and ExportError when
    the file cannot be written; in either case a file at `path` is left untouched.
    """
    protected = [Path(p) for p in inputs]
    kind = check_request(path, fmt, columns=columns, bom=bom, inputs=protected)
    found = as_findings(findings)
    if kind is ExportFormat.XLSX:
        from hrkpi.output.xlsx import build_workbook

        workbook = build_workbook(export_table(report, lang=lang, columns=columns), report, found)
        return write_bytes_atomic(path, zipped(path, workbook.save), inputs=protected)
    if kind is ExportFormat.DOCX:
        from hrkpi.output.docx import completion_document

        document = completion_document(
            export_table(report, lang=lang, columns=columns), report, grid=_grid(grid)
        )
        return write_bytes_atomic(path, zipped(path, document.save), inputs=protected)
    data = render(report, kind, lang=lang, columns=columns, findings=found, bom=bom)
    return write_bytes_atomic(path, data, inputs=protected)


def zipped(path: str | os.PathLike[str], save: Callable[[Any], None]) -> bytes:
    """A workbook's or document's bytes, zipped in memory by its own `save`.

    In memory first: a zip writer that fails half-way on a full disk would try
    again to finish the file when it is garbage-collected; and openpyxl spools
    each sheet through a temporary file, whose failure is named here.
    """
    buffer = io.BytesIO()
    try:
        save(buffer)
    except Exception as exc:
        failed = _io_error(exc)
        if failed is None:
            raise
        raise ExportError(
            Msg(
                "cannot write {path}: {why} while assembling the file in {folder}; "
                "nothing was written",
                path=os.fspath(path),
                why=describe(failed),
                folder=tempfile.gettempdir(),
            )
        ) from exc
    return buffer.getvalue()


def _io_error(exc: Exception) -> OSError | None:
    """The OSError behind a failed save: itself, or lxml's SerialisationError("IO_EFBIG"),
    which openpyxl's temporary sheet files raise when lxml is installed."""
    if isinstance(exc, OSError):
        return exc
    name = str(exc).removeprefix("IO_")
    if type(exc).__name__ == "SerialisationError" and str(exc).startswith("IO_"):
        code = getattr(errno, name, None)
        if isinstance(code, int):
            return OSError(code, os.strerror(code))
    return None


def export_regional(
    regional: RegionalReport,
    path: str | os.PathLike[str],
    fmt: ExportFormat | str | None = None,
    *,
    lang: Lang = Lang.ZH,
    each: bool = False,
    findings: CheckReport | Iterable[Finding] | None = None,
    bom: bool = False,
    grid: str = "three-line",
    inputs: Iterable[str | os.PathLike[str]] = (),
) -> Path:
    """Write the regional table (各地区完成情况表) as xlsx, docx, csv, markdown, json or
    html; return the path written. `each` gives one table per indicator.

    `findings` (from `hrkpi.api.check` on the same inputs) add a findings sheet after
    the tables' sheets in xlsx and a findings section after the tables in HTML; the
    other formats hold the tables alone. None: neither sheet nor section.

    Raises UsageError or ExportError as `export_report` does; `path` is untouched then.
    """
    from hrkpi.output.regional import build_regional_tables
    from hrkpi.output.regionalfiles import (
        regional_csv,
        regional_html,
        regional_json,
        regional_markdown,
    )

    protected = [Path(p) for p in inputs]
    kind = check_request(path, fmt, columns=None, bom=bom, inputs=protected)
    tables = build_regional_tables(regional, lang=lang, each=each)
    found = as_findings(findings)
    if kind is ExportFormat.XLSX:
        from hrkpi.output.regionalxlsx import regional_workbook

        workbook = regional_workbook(tables, regional, found)
        return write_bytes_atomic(path, zipped(path, workbook.save), inputs=protected)
    if kind is ExportFormat.DOCX:
        from hrkpi.output.docx import regional_document

        document = regional_document(tables, grid=_grid(grid))
        return write_bytes_atomic(path, zipped(path, document.save), inputs=protected)
    text = {
        ExportFormat.CSV: lambda: regional_csv(tables, bom=bom),
        ExportFormat.MARKDOWN: lambda: regional_markdown(tables),
        ExportFormat.JSON: lambda: regional_json(regional),
        ExportFormat.HTML: lambda: regional_html(tables, found, report=regional.report),
    }[kind]()
    return write_bytes_atomic(path, text.encode("utf-8"), inputs=protected)


def _grid(name: str) -> Any:
    from hrkpi.output.docx import Grid

    try:
        return Grid(name)
    except ValueError:
        raise UsageError(
            Msg("unknown grid {name!r}; choose three-line or full", name=name)
        ) from None
