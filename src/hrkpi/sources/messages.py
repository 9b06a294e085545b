"""Messages shared by the YAML and CSV loaders."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

from hrkpi.core.catalog import Catalog
from hrkpi.core.errors import Problem, problem
from hrkpi.core.models import Indicator, StatedFigure


def pydantic_message(err: Any) -> str:
    """Pydantic's message, with its prefixes removed and a hint on how to fix it."""
    msg = str(err["msg"])
    for prefix in ("Value error, ", "Assertion failed, "):
        if msg.startswith(prefix):
            msg = msg[len(prefix) :]
    kind = str(err["type"])
    if kind in ("enum", "literal_error"):
        msg += f" (got {err.get('input')!r})"
    elif kind.startswith(("date", "datetime")):
        msg += f" (got {err.get('input')!r}); write a real calendar date as YYYY-MM-DD"
    elif kind.startswith(("int_", "bool_")):
        msg += f" (got {err.get('input')!r})"
    return msg


def unknown_indicator(
    path: Path, mark: tuple[int, int], field_: str, ind_id: str, catalog: Catalog
) -> Problem:
    close = difflib.get_close_matches(ind_id, catalog.indicators, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else "; define it in indicators/ first"
    return problem(path, *mark, field_, f"no indicator {ind_id!r} is defined{hint}")


def unit_problem(indicator: Indicator, stated: StatedFigure) -> str | None:
    if stated.unit is not None and stated.unit.base != indicator.unit.base:
        return (
            f"unit {stated.unit.symbol!r} cannot be converted to the indicator's "
            f"{indicator.unit.symbol!r}; use a unit of the same kind"
        )
    return None


def abs_unit_problems(indicator: Indicator, stated: StatedFigure) -> list[tuple[int, str]]:
    """(change index, message) for each change whose abs_unit cannot convert."""
    return [
        (
            i,
            f"abs_unit {change.abs_unit.symbol!r} cannot be converted to the indicator's "
            f"{indicator.unit.symbol!r}; use a unit of the same kind",
        )
        for i, change in enumerate(stated.changes)
        if change.abs_unit is not None and change.abs_unit.base != indicator.unit.base
    ]
