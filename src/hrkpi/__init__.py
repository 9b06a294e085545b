"""hrkpi: indicators as code for public-sector work reports.

    >>> import hrkpi
    >>> report = hrkpi.compute()          # the bundled 2020 first-half report
    >>> table = hrkpi.build_table(report)
    >>> hrkpi.export_report(report, Path("完成情况.xlsx"), findings=hrkpi.check())

Names are imported on first use, so `hrkpi --help` starts without loading
the models and engine.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from hrkpi.core.version import __version__

_EXPORTS = {
    "check": "hrkpi.api",
    "compute": "hrkpi.api",
    "load": "hrkpi.api",
    "validate": "hrkpi.api",
    "series": "hrkpi.api",
    "scan": "hrkpi.api",
    "ScanReport": "hrkpi.scans.result",
    "regional": "hrkpi.api",
    "RegionalReport": "hrkpi.engine.regional",
    "RegionOrder": "hrkpi.engine.regional",
    "build_regional_tables": "hrkpi.output.regional",
    "RegionalTable": "hrkpi.output.regional",
    "export_regional": "hrkpi.output.files",
    "Engine": "hrkpi.api",
    "export_report": "hrkpi.output.files",
    "export_table": "hrkpi.output.files",
    "ExportFormat": "hrkpi.output.files",
    "build_table": "hrkpi.output.table",
    "Lang": "hrkpi.output.words",
    "HrkpiError": "hrkpi.core.errors",
    "InputError": "hrkpi.core.errors",
    "Problem": "hrkpi.core.errors",
    "UsageError": "hrkpi.core.errors",
    "ExportError": "hrkpi.core.errors",
    "PaceMethod": "hrkpi.core.pace",
    "RoundingMode": "hrkpi.core.numbers",
    "CompareMethod": "hrkpi.core.models",
    "Report": "hrkpi.engine.report",
    "CheckReport": "hrkpi.checks.findings",
    "Finding": "hrkpi.checks.findings",
    "CheckKind": "hrkpi.checks.findings",
    "Verdict": "hrkpi.checks.findings",
}
__all__ = [
    "CheckKind",
    "CheckReport",
    "CompareMethod",
    "Engine",
    "ExportError",
    "ExportFormat",
    "Finding",
    "HrkpiError",
    "InputError",
    "Lang",
    "PaceMethod",
    "Problem",
    "RegionOrder",
    "RegionalReport",
    "RegionalTable",
    "Report",
    "RoundingMode",
    "ScanReport",
    "UsageError",
    "Verdict",
    "__version__",
    "build_regional_tables",
    "build_table",
    "check",
    "compute",
    "export_regional",
    "export_report",
    "export_table",
    "load",
    "regional",
    "scan",
    "series",
    "validate",
]

if TYPE_CHECKING:
    from hrkpi.api import Engine, check, compute, load, regional, scan, series, validate
    from hrkpi.checks.findings import CheckKind, CheckReport, Finding, Verdict
    from hrkpi.core.errors import ExportError, HrkpiError, InputError, Problem, UsageError
    from hrkpi.core.models import CompareMethod
    from hrkpi.core.numbers import RoundingMode
    from hrkpi.core.pace import PaceMethod
    from hrkpi.engine.regional import RegionalReport, RegionOrder
    from hrkpi.engine.report import Report
    from hrkpi.output.files import ExportFormat, export_regional, export_report, export_table
    from hrkpi.output.regional import RegionalTable, build_regional_tables
    from hrkpi.output.table import build_table
    from hrkpi.output.words import Lang
    from hrkpi.scans.result import ScanReport


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'hrkpi' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
