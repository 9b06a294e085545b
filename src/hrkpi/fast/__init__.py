"""The fast path: long-format regional data at a million rows, vectorised on
polars, giving the exact engine's figures on every row.

Install it with `pip install 'hrkpi[fast]'`. `available()` tells whether it can
run here; the API falls back to the exact engine when it cannot.
"""

from __future__ import annotations

import importlib.util


def available() -> bool:
    """True when polars is installed."""
    return importlib.util.find_spec("polars") is not None
