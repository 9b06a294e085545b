"""`hrkpi schema`: the JSON Schema of each kind of file hrkpi reads or writes, for
editors, its descriptions in the run's language.

The descriptions are the models' own (a Field's description, a model's docstring),
in English; their Chinese is in `schema_zh.yaml`, keyed by the English, as the
messages' is in `hrkpi/core/messages_zh.yaml`. The titles (pydantic's, from the
field and model names: "Base", "StatedFigure") likewise, in `schema_titles_zh.yaml`.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hrkpi.output.words import Lang

if TYPE_CHECKING:
    from pydantic import BaseModel

CATALOGUE = Path(__file__).with_name("schema_zh.yaml")
TITLES = Path(__file__).with_name("schema_titles_zh.yaml")
SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
# `check` is the same as `findings`: the JSON of hrkpi check.
KINDS = ("indicators", "data", "report", "findings", "check", "scan")


def json_schema(kind: str, lang: Lang = Lang.ZH) -> dict[str, Any]:
    """The JSON Schema of `kind` (one of KINDS), its descriptions in `lang`."""
    schema = _model(kind).model_json_schema()
    schema["$schema"] = SCHEMA_DIALECT
    schema["title"] = f"hrkpi {kind}"
    if lang is Lang.ZH:
        # A description or title without its Chinese stays English
        # (tests/output/test_schemas.py keeps the catalogues complete).
        for key, zh in (("description", catalogue()), ("title", title_catalogue())):
            for node in _holding(schema, key):
                node[key] = zh.get(node[key], node[key])
    return schema


def descriptions(schema: dict[str, Any]) -> Iterator[str]:
    """Every description in `schema`, in document order."""
    for node in _holding(schema, "description"):
        yield node["description"]


def titles(schema: dict[str, Any]) -> Iterator[str]:
    """Every title in `schema`, in document order."""
    for node in _holding(schema, "title"):
        yield node["title"]


@cache
def catalogue() -> dict[str, str]:
    """English description -> Chinese."""
    return _read(CATALOGUE)


@cache
def title_catalogue() -> dict[str, str]:
    """English title -> Chinese."""
    return _read(TITLES)


def _read(path: Path) -> dict[str, str]:
    import yaml

    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    entries = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    return {e["en"]: e["zh"] for e in entries}


def _holding(node: Any, key: str) -> Iterator[dict[str, Any]]:
    """The objects of a schema that hold text under `key` (a property named
    "description" or "title" is an object, not text: only text counts)."""
    if isinstance(node, dict):
        if isinstance(node.get(key), str):
            yield node
        for k, value in node.items():
            if k != key or not isinstance(value, str):
                yield from _holding(value, key)
    elif isinstance(node, list):
        for item in node:
            yield from _holding(item, key)


def _model(kind: str) -> type[BaseModel]:
    if kind == "indicators":
        from hrkpi.core.indicatorschema import IndicatorFile

        return IndicatorFile
    if kind == "data":
        from hrkpi.core.dataschema import DataFile

        return DataFile
    if kind == "report":
        from hrkpi.output.jsonout import ReportOut

        return ReportOut
    if kind == "scan":
        from hrkpi.output.scanjson import ScanOut

        return ScanOut
    if kind in ("findings", "check"):
        from hrkpi.output.checkjson import CheckOut

        return CheckOut
    raise ValueError(f"unknown schema kind {kind!r}; one of {', '.join(KINDS)}")
