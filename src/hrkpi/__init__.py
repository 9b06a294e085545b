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

__version__ = "0.1.0"

_EXPORTS = {
    "check": "hrkpi.api",
    "compute": "hrkpi.api",
    "export_report": "hrkpi.export.files",
    "ExportError": "hrkpi.errors",
    "load": "hrkpi.api",
    "validate": "hrkpi.api",
    "HrkpiError": "hrkpi.errors",
    "InputError": "hrkpi.errors",
    "Problem": "hrkpi.errors",
    "UsageError": "hrkpi.errors",
    "Lang": "hrkpi.labels",
    "PaceMethod": "hrkpi.pace",
    "build_table": "hrkpi.table",
}
__all__ = [
    "ExportError",
    "HrkpiError",
    "InputError",
    "Lang",
    "PaceMethod",
    "Problem",
    "UsageError",
    "__version__",
    "build_table",
    "check",
    "compute",
    "export_report",
    "load",
    "validate",
]

if TYPE_CHECKING:
    from hrkpi.api import check, compute, load, validate
    from hrkpi.errors import ExportError, HrkpiError, InputError, Problem, UsageError
    from hrkpi.export.files import export_report
    from hrkpi.labels import Lang
    from hrkpi.pace import PaceMethod
    from hrkpi.table import build_table


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'hrkpi' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
