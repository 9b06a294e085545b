"""Outputs of a computed report: one module per format.

`export_report` writes any format to a file atomically; the format modules
(`text`, `jsonout`, `xlsx`, `html`) are imported on first use, so printing CSV
never loads openpyxl.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_EXPORTS = {
    "EXPORT_COLUMNS": "hrkpi.export.files",
    "ExportFormat": "hrkpi.export.files",
    "export_report": "hrkpi.export.files",
    "export_table": "hrkpi.export.files",
    "format_for": "hrkpi.export.files",
}
__all__ = ["EXPORT_COLUMNS", "ExportFormat", "export_report", "export_table", "format_for"]

if TYPE_CHECKING:
    from hrkpi.export.files import (
        EXPORT_COLUMNS,
        ExportFormat,
        export_report,
        export_table,
        format_for,
    )


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'hrkpi.export' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
