"""Write a computed report to a file in any export format: the library entry point.

    >>> import hrkpi
    >>> from hrkpi.output.files import export_report
    >>> report = hrkpi.compute()
    >>> export_report(report, Path("完成情况.xlsx"))          # format from the suffix

Every file is written atomically (see `hrkpi.output.atomic`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Any, BinaryIO

from hrkpi.checks.findings import CheckReport, Finding
from hrkpi.core.errors import UsageError
from hrkpi.engine.regional import RegionalReport
from hrkpi.engine.report import Report
from hrkpi.output.atomic import check_target, write_atomic, write_bytes_atomic
from hrkpi.output.findingrows import as_findings
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


def format_for(path: Path, fmt: ExportFormat | str | None = None) -> ExportFormat:
    """The format asked for, or the one the file name's suffix names."""
    if fmt is not None:
        try:
            return ExportFormat(str(fmt).lower())
        except ValueError:
            choices = ", ".join(f.value for f in ExportFormat)
            raise UsageError(f"unknown export format {fmt!r}; choose from {choices}") from None
    found = SUFFIXES.get(Path(path).suffix.lower())
    if found is None:
        known = ", ".join(SUFFIXES)
        raise UsageError(
            f"cannot tell the format of {str(path)!r} from its suffix ({known}); "
            "give the format (--format xlsx|csv|markdown|json|html|docx)"
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
    path: Path, fmt: ExportFormat | str | None, *, columns: Sequence[str] | None, bom: bool
) -> ExportFormat:
    """Refuse a request that cannot succeed before any work is done; return its format."""
    check_target(path)
    kind = format_for(path, fmt)
    if kind is ExportFormat.JSON and columns:
        raise UsageError("JSON holds every figure of every indicator; it takes no columns")
    if bom and kind is not ExportFormat.CSV:
        raise UsageError(f"a BOM applies to CSV only, not {kind.value}")
    return kind


def export_report(
    report: Report,
    path: Path | str,
    fmt: ExportFormat | str | None = None,
    *,
    lang: Lang = Lang.ZH,
    columns: Sequence[str] | None = None,
    findings: CheckReport | Iterable[Finding] | None = None,
    bom: bool = False,
    grid: str = "three-line",
) -> Path:
    """Write `report` to `path` as xlsx, csv, markdown, json, html or docx; return the path
    written. `grid` rules a Word table: "three-line" (三线表) or "full".

    `fmt` defaults to the one the suffix names. `columns` are keys or headers
    (JSON always holds every figure, so it takes no columns). `findings` (from
    `hrkpi.api.check`) fill the xlsx findings sheet and the HTML findings list.
    `bom` puts a UTF-8 BOM before CSV so Excel reads the Chinese right.

    Raises UsageError for a request that makes no sense and ExportError when
    the file cannot be written; in either case `path` is left untouched.
    """
    target = Path(path)
    kind = check_request(target, fmt, columns=columns, bom=bom)
    found = as_findings(findings)
    if kind is ExportFormat.XLSX:
        from hrkpi.output.xlsx import build_workbook

        workbook = build_workbook(export_table(report, lang=lang, columns=columns), report, found)

        def save(handle: BinaryIO) -> None:
            workbook.save(handle)

        return write_atomic(target, save)
    if kind is ExportFormat.DOCX:
        from hrkpi.output.docx import completion_document

        document = completion_document(
            export_table(report, lang=lang, columns=columns), report, grid=_grid(grid)
        )
        return write_atomic(target, document.save)
    data = render(report, kind, lang=lang, columns=columns, findings=found, bom=bom)
    return write_bytes_atomic(target, data)


def export_regional(
    regional: RegionalReport,
    path: Path | str,
    fmt: ExportFormat | str | None = None,
    *,
    lang: Lang = Lang.ZH,
    each: bool = False,
    bom: bool = False,
    grid: str = "three-line",
) -> Path:
    """Write the regional table (各地区完成情况表) as xlsx, docx, csv, markdown, json or
    html; return the path written. `each` gives one table per indicator.

    Raises UsageError or ExportError as `export_report` does; `path` is untouched then.
    """
    from hrkpi.output.regional import build_regional_tables
    from hrkpi.output.regionalfiles import (
        regional_csv,
        regional_html,
        regional_json,
        regional_markdown,
    )

    target = Path(path)
    kind = check_request(target, fmt, columns=None, bom=bom)
    tables = build_regional_tables(regional, lang=lang, each=each)
    if kind is ExportFormat.XLSX:
        from hrkpi.output.regionalxlsx import regional_workbook

        workbook = regional_workbook(tables, regional)
        return write_atomic(target, workbook.save)
    if kind is ExportFormat.DOCX:
        from hrkpi.output.docx import regional_document

        return write_atomic(target, regional_document(tables, grid=_grid(grid)).save)
    text = {
        ExportFormat.CSV: lambda: regional_csv(tables, bom=bom),
        ExportFormat.MARKDOWN: lambda: regional_markdown(tables),
        ExportFormat.JSON: lambda: regional_json(regional),
        ExportFormat.HTML: lambda: regional_html(tables),
    }[kind]()
    return write_bytes_atomic(target, text.encode("utf-8"))


def _grid(name: str) -> Any:
    from hrkpi.output.docx import Grid

    try:
        return Grid(name)
    except ValueError:
        raise UsageError(f"unknown grid {name!r}; choose three-line or full") from None
