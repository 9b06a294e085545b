"""A YAML document against an input model: every error located, in plain words.

Pydantic's errors are mapped back to the YAML node that caused them
(file:line:column). A misspelt key gets the nearest key of the model it stands
in; a key that belongs to another kind of entry says where it belongs; a data
file given as definitions (or the reverse) is said once, not once per key.
"""

from __future__ import annotations

import types
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, TypeAdapter, ValidationError

from hrkpi.core.dataschema import Change, DataFile, Margin, Restated, Share, StatedFigure
from hrkpi.core.errors import Problem, problem
from hrkpi.core.indicatorschema import (
    Indicator,
    IndicatorFile,
    Ratio,
    Section,
    Threshold,
    UnitDeclaration,
)
from hrkpi.core.messages import Msg, doc_page, either
from hrkpi.core.text import cut, nearest
from hrkpi.sources.messages import pydantic_message
from hrkpi.sources.yamldoc import Document, Path_, dotted

M = TypeVar("M", bound=BaseModel)

# What each kind of entry is called in a message (a model unknown here is "an entry").
PLACES: dict[type[BaseModel], Msg] = {
    IndicatorFile: Msg("the top level of an indicators file"),
    Section: Msg("a section (sections:)"),
    Indicator: Msg("an indicator (indicators:)"),
    Threshold: Msg("a threshold (thresholds:)"),
    DataFile: Msg("the top level of a data file"),
    StatedFigure: Msg("a stated figure (figures: <id>:)"),
    Change: Msg("a change (changes:)"),
    Share: Msg("a share (shares:)"),
    Margin: Msg("a margin (margins:)"),
    Restated: Msg("a restatement (restated:)"),
    Ratio: Msg("a ratio (ratio:)"),
    UnitDeclaration: Msg("a declared unit (units:)"),
}
_DATA_KEYS = {
    "figures",
    "as_of",
    "period",
    "source",
    "region",
    "published",
    "publisher",
    "rounding",
}
_DEFINITION_KEYS = {"indicators", "sections", "units", "headers"}
# A file of the other kind (see loader.collapse_wrong_kind, which says it once a folder).
DATA_NOT_DEFINITIONS = Msg(
    "this is a data file (it has figures:), not indicator definitions: "
    "pass it with --data (and the definitions with --indicators)"
)
DEFINITIONS_NOT_DATA = Msg(
    "this is an indicator definitions file (it has indicators:), not data: "
    "pass it with --indicators (and the data with --data)"
)
WRONG_KIND = (DATA_NOT_DEFINITIONS, DEFINITIONS_NOT_DATA)


def wrong_kind(model: type[BaseModel], data: Any) -> Msg | None:
    """A data file given as definitions, or definitions given as data; else None."""
    if not isinstance(data, dict):
        return None
    keys = set(data)
    if model is IndicatorFile and "figures" in keys and not keys & _DEFINITION_KEYS:
        return DATA_NOT_DEFINITIONS
    if model is DataFile and keys & _DEFINITION_KEYS and not keys & _DATA_KEYS:
        return DEFINITIONS_NOT_DATA
    return None


def validate_model(model: type[M], doc: Document, problems: list[Problem]) -> M | None:
    """Validate a document against a model; append every error as a located Problem."""
    if doc.data is None and model is DataFile:
        problems.append(
            problem(
                doc.path,
                1,
                1,
                "",
                Msg(
                    "the file is empty; a data file needs source, region, "
                    "as_of and figures (see {doc})",
                    doc=doc_page("format.md#data-files"),
                ),
            )
        )
        return None
    if doc.data is not None and not isinstance(doc.data, dict):
        line, col = doc.mark(())
        problems.append(
            problem(
                doc.path,
                line,
                col,
                "",
                Msg(
                    "the file must be a mapping of keys "
                    "(source:, figures: ...), not a list or a single value"
                ),
            )
        )
        return None
    other = wrong_kind(model, doc.data)
    if other is not None:
        problems.append(problem(doc.path, 1, 1, "", other))
        return None
    try:
        return model.model_validate(doc.data if doc.data is not None else {})
    except ValidationError as exc:
        problems.extend(located(exc, doc, model))
        return None


@dataclass
class Salvaged(Generic[M]):
    """What of a file that is not valid as a whole is: its valid entries, validated."""

    model: M
    # Of each list field, the index in the file of each entry kept (the model's
    # entry k stands at kept[field][k] in the file).
    kept: dict[str, list[int]]
    # The entries left out (each list's and mapping's), as the file has them.
    dropped: dict[str, list[Any]]


def salvage(model: type[M], doc: Document) -> Salvaged[M] | None:
    """`doc` validated entry by entry: its lists' and mappings' valid entries, so what
    they hold is checked further (a duplicate id, an unknown section, a unit that does
    not convert) in the run that reports the other entries' problems. None when even
    those do not make a valid file (its top level is wrong), or the file is of the
    other kind."""
    data = doc.data
    if not isinstance(data, dict) or wrong_kind(model, data) is not None:
        return None
    reduced = dict(data)
    kept: dict[str, list[int]] = {}
    dropped: dict[str, list[Any]] = {}
    for name, info in model.model_fields.items():
        raw = data.get(name)
        origin, args = get_origin(info.annotation), get_args(info.annotation)
        if origin is list and isinstance(raw, list):
            item: TypeAdapter[Any] = TypeAdapter(args[0])
            kept[name] = [i for i, v in enumerate(raw) if _valid(item, v)]
            reduced[name] = [raw[i] for i in kept[name]]
            good = set(kept[name])
            dropped[name] = [v for i, v in enumerate(raw) if i not in good]
        elif origin is dict and isinstance(raw, dict):
            entry: TypeAdapter[Any] = TypeAdapter(dict[args[0], args[1]])  # type: ignore[valid-type]
            reduced[name] = {k: v for k, v in raw.items() if _valid(entry, {k: v})}
            dropped[name] = [k for k in raw if k not in reduced[name]]
    try:
        return Salvaged(model.model_validate(reduced), kept, dropped)
    except ValidationError:
        return None


def _valid(adapter: TypeAdapter[Any], value: Any) -> bool:
    try:
        adapter.validate_python(value)
    except ValidationError:
        return False
    return True


def located(
    exc: ValidationError, doc: Document, model: type[BaseModel], prefix: Path_ = ()
) -> list[Problem]:
    """Each error of `exc` at its node in `doc` (the document validated against `model`)."""
    found = []
    for err in exc.errors():
        loc = (*prefix, *err["loc"])
        known = doc.known_prefix(loc)
        kind = err["type"]
        if kind == "extra_forbidden":
            key = str(loc[-1])
            line, col = doc.mark(loc, key=True)
            message = unknown_key(key, model_at(model, loc[len(prefix) : -1]))
        elif kind == "missing":
            line, col = doc.mark(known)
            message = Msg("missing required key {key!r}; add it", key=str(loc[-1]))
            known = loc
        else:
            line, col = doc.mark(known)
            # pydantic may add union or validator names after the known path;
            # the problem is shown at the deepest node the file has.
            message = pydantic_message(err)
        shown = loc if kind == "extra_forbidden" else known
        found.append(problem(doc.path, line, col, dotted(shown), message))
    return found


def unknown_key(key: str, model: type[BaseModel] | None) -> Msg:
    """An unknown key: the nearest key of its own model, or where it belongs instead."""
    shown = cut(key)
    own = list(model.model_fields) if model is not None else []
    close = nearest(key, own)
    if close:
        return Msg("unknown key {key!r}; did you mean {close!r}?", key=shown, close=close[0])
    elsewhere = [place for m, place in PLACES.items() if m is not model and key in m.model_fields]
    here = PLACES.get(model) if model is not None else None
    if elsewhere and here is not None:
        return Msg(
            "{key!r} is not a key in {here}: it belongs in {there}; move it there or remove it",
            key=shown,
            here=here,
            there=either(elsewhere),
        )
    if elsewhere:
        return Msg(
            "{key!r} is not a key: it belongs in {there}; move it there or remove it",
            key=shown,
            there=either(elsewhere),
        )
    if here is not None and own:
        return Msg(
            "unknown key {key!r} in {here}; remove it or check {doc} (keys here: {keys})",
            doc=doc_page("format.md"),
            key=shown,
            here=here,
            keys=tuple(own),
        )
    if own:
        return Msg(
            "unknown key {key!r}; remove it or check {doc} (keys here: {keys})",
            doc=doc_page("format.md"),
            key=shown,
            keys=tuple(own),
        )
    return Msg(
        "unknown key {key!r}; remove it or check {doc}", key=shown, doc=doc_page("format.md")
    )


def model_at(model: type[BaseModel], path: Path_) -> type[BaseModel] | None:
    """The model of the entry at `path` below `model` (None where the path leaves models)."""
    current: type[BaseModel] = model
    i = 0
    while i < len(path):
        field = current.model_fields.get(str(path[i]))
        if field is None:
            return None
        sub = _submodel(field.annotation)
        if sub is None:
            return None
        # A list or mapping of entries: the next part is the index or key.
        i += 2 if _is_collection(field.annotation) else 1
        current = sub
    return current


def _submodel(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _submodel(arg)
        if found is not None:
            return found
    return None


def _is_collection(annotation: Any) -> bool:
    origin = get_origin(annotation)
    if origin in (list, dict):
        return True
    if origin in (Union, types.UnionType):
        return any(_is_collection(a) for a in get_args(annotation))
    return False
