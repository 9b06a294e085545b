"""hrkpi: indicators as code for public-sector work reports.

    >>> import hrkpi
    >>> report = hrkpi.compute()          # the bundled 2020 first-half report
    >>> table = hrkpi.build_table(report)

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
    "load",
    "validate",
]

if TYPE_CHECKING:
    from hrkpi.api import check, compute, load, validate
    from hrkpi.errors import HrkpiError, InputError, Problem, UsageError
    from hrkpi.labels import Lang
    from hrkpi.pace import PaceMethod
    from hrkpi.table import build_table


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'hrkpi' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
