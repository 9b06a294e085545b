"""Messages shared by the YAML and CSV loaders."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hrkpi.core.catalog import Catalog
from hrkpi.core.errors import Problem, problem
from hrkpi.core.text import nearest, shown


def pydantic_message(err: Any) -> str:
    """A validation error in plain words, with what to write instead (no library jargon)."""
    kind = str(err["type"])
    ctx = err.get("ctx") or {}
    given = err.get("input")
    if kind in ("value_error", "assertion_error"):
        msg = str(err["msg"])
        for prefix in ("Value error, ", "Assertion failed, "):
            msg = msg.removeprefix(prefix)
        return msg
    if kind in ("enum", "literal_error"):
        expected = str(ctx.get("expected", "")).replace("'", "")
        choices = [c.strip() for c in expected.replace(" or ", ", ").split(",") if c.strip()]
        close = nearest(str(given), choices) if given else []
        hint = f"; did you mean {close[0]!r}?" if close else ""
        return f"{shown(given)} is not one of {expected}{hint}"
    if kind == "string_pattern_mismatch":
        return (
            f"{shown(given)} is not an id: an id is lower_snake_case (letters a-z, digits "
            "and _, starting with a letter), such as reemployment"
        )
    if kind == "string_too_long":
        return f"{shown(given)} is longer than {ctx.get('max_length')} characters; shorten it"
    if kind == "string_too_short":
        return "this text is empty; write it out"
    if kind.startswith("int_"):
        return f"expected a whole number such as 2, not {shown(given)}"
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        low, high = ctx.get("ge", ctx.get("gt")), ctx.get("le", ctx.get("lt"))
        side = f"at least {low}" if low is not None else f"at most {high}"
        return f"{shown(given)} is out of range: it must be {side}"
    if kind == "list_type":
        return f"expected a list here (one '- ' line per item), not {_kind(given)}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return (
            f"expected keys here (such as value: 4.22, on the next line and indented), "
            f"not {_kind(given)}"
        )
    if kind in ("string_type", "string_unicode"):
        return f"expected text here, not {_kind(given)}"
    if kind.startswith(("bool", "date", "datetime", "time")):
        return f"{shown(given)} does not fit here; see docs/format.md for how to write it"
    return f"{shown(given)} does not fit here; see docs/format.md"


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping of keys"
    if value is None:
        return "nothing"
    return f"the single value {shown(value)}"


def unknown_indicator(
    path: Path, mark: tuple[int, int], field_: str, ind_id: str, catalog: Catalog
) -> Problem:
    close = catalog.suggest(ind_id)
    hint = f"; did you mean {close!r}?" if close else "; define it in indicators/ first"
    return problem(path, *mark, field_, f"no indicator {shown(ind_id)} is defined{hint}")
