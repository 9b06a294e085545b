"""Messages shared by the YAML and CSV loaders."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hrkpi.core.catalog import Catalog
from hrkpi.core.errors import Problem, problem
from hrkpi.core.messages import Msg, doc_page, either, reason, verbatim
from hrkpi.core.text import nearest, shown


def pydantic_message(err: Any) -> Msg:
    """A validation error in plain words, with what to write instead (no library jargon)."""
    kind = str(err["type"])
    ctx = err.get("ctx") or {}
    given = err.get("input")
    if kind in ("value_error", "assertion_error"):
        # hrkpi's own validators raise a Msg: kept whole, worded when shown.
        error = ctx.get("error")
        if isinstance(error, BaseException):
            return reason(error)
        msg = str(err["msg"])
        for prefix in ("Value error, ", "Assertion failed, "):
            msg = msg.removeprefix(prefix)
        return verbatim(msg)
    if kind in ("enum", "literal_error"):
        expected = str(ctx.get("expected", "")).replace("'", "")
        choices = [c.strip() for c in expected.replace(" or ", ", ").split(",") if c.strip()]
        close = nearest(str(given), choices) if given else []
        if close:
            return Msg(
                "{given} is not one of {expected}; did you mean {close!r}?",
                given=shown(given),
                expected=either(choices),
                close=close[0],
            )
        return Msg("{given} is not one of {expected}", given=shown(given), expected=either(choices))
    if kind == "string_pattern_mismatch":
        return Msg(
            "{given} is not an id: an id is lower_snake_case (letters a-z, digits "
            "and _, starting with a letter), such as reemployment",
            given=shown(given),
        )
    if kind == "string_too_long":
        return Msg(
            "{given} is longer than {limit} characters; shorten it",
            given=shown(given),
            limit=ctx.get("max_length"),
        )
    if kind == "string_too_short":
        return Msg("this text is empty; write it out")
    if kind.startswith("int_"):
        return Msg("expected a whole number such as 2, not {given}", given=shown(given))
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        low, high = ctx.get("ge", ctx.get("gt")), ctx.get("le", ctx.get("lt"))
        if low is not None:
            return Msg(
                "{given} is out of range: it must be at least {low}", given=shown(given), low=low
            )
        return Msg(
            "{given} is out of range: it must be at most {high}", given=shown(given), high=high
        )
    if kind == "list_type":
        return Msg("expected a list here (one '- ' line per item), not {kind}", kind=_kind(given))
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        if isinstance(given, str) and "：" in given:
            return full_width_colon(given)
        return Msg(
            "expected keys here (such as value: 4.22, on the next line and indented), not {kind}",
            kind=_kind(given),
        )
    if kind in ("string_type", "string_unicode"):
        return Msg("expected text here, not {kind}", kind=_kind(given))
    if kind.startswith(("bool", "date", "datetime", "time")):
        return Msg(
            "{given} does not fit here; see {doc} for how to write it",
            given=shown(given),
            doc=doc_page("format.md"),
        )
    return Msg(
        "{given} does not fit here; see {doc}", given=shown(given), doc=doc_page("format.md")
    )


def _kind(value: Any) -> Msg:
    if isinstance(value, list):
        return Msg("a list")
    if isinstance(value, dict):
        return Msg("a mapping of keys")
    if value is None:
        return Msg("nothing")
    return Msg("the single value {value}", value=shown(value))


def unknown_indicator(
    path: Path, mark: tuple[int, int], field_: str, ind_id: str, catalog: Catalog
) -> Problem:
    close = catalog.suggest(ind_id)
    if close:
        said = Msg(
            "no indicator {id} is defined; did you mean {close!r}?", id=shown(ind_id), close=close
        )
    else:
        said = Msg("no indicator {id} is defined; define it in indicators/ first", id=shown(ind_id))
    return problem(path, *mark, field_, said)


def full_width_colon(text: str) -> Msg:
    """A key and its value joined by a full-width colon (value：4.22, typed with a
    Chinese input method): YAML reads it as one text."""
    key, _, value = text.partition("：")
    return Msg(
        "{text} joins a key and its value with a full-width colon '：'; use a half-width "
        "colon ':' and a space: {fixed}",
        text=shown(text),
        fixed=f"{key.strip()}: {value.strip()}".rstrip(),
    )
