"""Option values taken as they are when they plainly are what the option asks for.

This typer coerces every option's value, the defaults included, through a pydantic
`TypeAdapter` it builds on first use: twenty options of `hrkpi compute` build twenty
adapters and, with the first, pydantic's schema machinery, which was a third of a
run on the bundled report (170 M of 1,350 M instructions). The values of a run are
almost always a missing option (None), one of an enum's choices, or text for a text
option, and for those the adapter returns what typer's own functions return (choices
through typer's `coerce_cli_choice`, text through its `_parse_cli_str`). Those are
taken here; anything else (a path, a number, a value that is not a choice) goes to
typer's adapter as before, so every message and every value is typer's own.

Typer releases without these internals (before 0.29, which coerce without pydantic)
keep their own coercion.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

try:  # typer's internals: a release without them keeps its own coercion
    from typer._coercion import build_runtime_param
    from typer._param_types import coerce_cli_choice

    _INTERNALS = True
except ImportError:  # pragma: no cover - older typer
    _INTERNALS = False


class _Plain:
    """A parameter's coercion: plain values here, the rest through typer's adapter
    (built when first needed, as typer builds it)."""

    def __init__(self, descriptor: Any) -> None:
        self._descriptor = descriptor
        self._built: Any = None

    def _typer(self) -> Any:
        if self._built is None:
            self._built = build_runtime_param(self._descriptor)
        return self._built

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        if value is None and not (param.multiple or param.nargs == -1):
            return None  # as typer's RuntimeParam.coerce, before any adapter
        annotation = self._descriptor.annotation
        info = self._descriptor.parameter_info
        if info.parser is None and not param.multiple and param.nargs == 1:
            if isinstance(annotation, type) and issubclass(annotation, Enum):
                if isinstance(value, (str, annotation)):
                    try:
                        return coerce_cli_choice(
                            value,
                            choices=tuple(annotation),
                            case_sensitive=info.case_sensitive,
                            ctx=ctx,
                        )
                    except ValueError:
                        pass  # not a choice: typer's adapter words the error
            elif annotation is str and type(value) is str:
                return value  # typer's _parse_cli_str, then pydantic's str: the same text
        return self._typer().coerce(value, param=param, ctx=ctx)


def plain_values(params: list[Any]) -> None:
    """Give each typer parameter of a command that has not coerced a value yet the
    plain coercion above."""
    if not _INTERNALS:
        return
    for param in params:
        descriptor = getattr(param, "type_descriptor", None)
        if descriptor is not None and getattr(param, "_runtime_param", False) is None:
            param._runtime_param = _Plain(descriptor)
