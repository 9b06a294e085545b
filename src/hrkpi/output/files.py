"""Write a computed report to a file in any export format: the library entry point.

    >>> import hrkpi
    >>> from hrkpi.output.files import export_report
    >>> report = hrkpi.compute()
    >>> export_report(report, Path("完成情况.xlsx"))          # format from the suffix

Every file is written atomically (see `hrkpi.output.atomic`).
"""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Iterable, Sequence
from enum import StrEnum
from pathlib import Path

from hrkpi.checks.findings import CheckReport, Finding
from hrkpi.core.errors import ExportError, UsageError
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


SUFFIXES = {
    ".xlsx": ExportFormat.XLSX,
    ".csv": ExportFormat.CSV,
    ".md": ExportFormat.MARKDOWN,
    ".markdown": ExportFormat.MARKDOWN,
    ".json": ExportFormat.JSON,
    ".html": ExportFormat.HTML,
    ".htm": ExportFormat.HTML,
}


def format_for(path: str | os.PathLike[str], fmt: ExportFormat | str | None = None) -> ExportFormat:
    """The format asked for, or the one the file name's suffix names."""
    if fmt is not None:
        try:
            return ExportFormat(str(fmt).lower())
        except ValueError:
            choices = ", ".join(f.value for f in ExportFormat)
            raise UsageError(f"unknown export format {fmt!r}; choose from {choices}") from None
    name = os.fspath(path)
    found = SUFFIXES.get(Path(name).suffix.lower()) if name != "-" else None
    if found is None:
        known = ", ".join(SUFFIXES)
        what = "standard output (-)" if name == "-" else repr(str(name))
        raise UsageError(
            f"cannot tell the format of {what} from its suffix ({known}); "
            "give the format (--format xlsx|csv|markdown|json|html)"
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
    raise UsageError(f"{fmt.value} is a binary format; write it with export_report")


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
        raise UsageError("JSON holds every figure of every indicator; it takes no columns")
    if bom and kind is not ExportFormat.CSV:
        raise UsageError(f"a BOM applies to CSV only, not {kind.value}")
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
    inputs: Iterable[str | os.PathLike[str]] = (),
) -> Path:
    """Write `report` to `path` as xlsx, csv, markdown, json or html; return the path written.

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
        # Zipped in memory first: a zip writer that fails half-way on a full disk
        # would try again to finish the file when it is garbage-collected.
        buffer = io.BytesIO()
        try:
            workbook.save(buffer)  # openpyxl spools each sheet through a temporary file
        except OSError as exc:
            raise ExportError(
                f"cannot write {os.fspath(path)}: {describe(exc)} while "
                f"assembling the workbook in {tempfile.gettempdir()}; nothing was written"
            ) from exc
        return write_bytes_atomic(path, buffer.getvalue(), inputs=protected)
    data = render(report, kind, lang=lang, columns=columns, findings=found, bom=bom)
    return write_bytes_atomic(path, data, inputs=protected)
