"""`hrkpi schema`: the JSON Schema of each kind of file hrkpi reads or writes, for
editors, its descriptions in the run's language.

The descriptions are the models' own (a Field's description, a model's docstring),
in English; their Chinese is in `schema_zh.yaml`, keyed by the English, as the
messages' is in `hrkpi/core/messages_zh.yaml`.
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
SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
# `check` is the same as `findings`: the JSON of hrkpi check.
KINDS = ("indicators", "data", "report", "findings", "check", "scan")


def json_schema(kind: str, lang: Lang = Lang.ZH) -> dict[str, Any]:
    """The JSON Schema of `kind` (one of KINDS), its descriptions in `lang`."""
    schema = _model(kind).model_json_schema()
    schema["$schema"] = SCHEMA_DIALECT
    schema["title"] = f"hrkpi {kind}"
    if lang is Lang.ZH:
        zh = catalogue()
        for node in _described(schema):
            # A description without its Chinese stays English (tests/output/test_schemas.py
            # keeps the catalogue complete).
            node["description"] = zh.get(node["description"], node["description"])
    return schema


def descriptions(schema: dict[str, Any]) -> Iterator[str]:
    """Every description in `schema`, in document order."""
    for node in _described(schema):
        yield node["description"]


@cache
def catalogue() -> dict[str, str]:
    """English description -> Chinese."""
    import yaml

    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    entries = yaml.load(CATALOGUE.read_text(encoding="utf-8"), Loader=loader)
    return {e["en"]: e["zh"] for e in entries}


def _described(node: Any) -> Iterator[dict[str, Any]]:
    """The objects of a schema that hold a description (a property named
    "description" is an object, not text: only text descriptions count)."""
    if isinstance(node, dict):
        if isinstance(node.get("description"), str):
            yield node
        for key, value in node.items():
            if key != "description" or not isinstance(value, str):
                yield from _described(value)
    elif isinstance(node, list):
        for item in node:
            yield from _described(item)


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
