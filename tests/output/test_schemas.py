"""`hrkpi schema`: descriptions and titles in Chinese by default, English with --lang en,
and catalogues (hrkpi/output/schema_zh.yaml, schema_titles_zh.yaml) that keep up with
the models."""

from __future__ import annotations

import json
import re
from typing import Any

import yaml
from typer.testing import CliRunner

from hrkpi.cli import app
from hrkpi.output.schemas import CATALOGUE, KINDS, TITLES, descriptions, json_schema, titles
from hrkpi.output.words import Lang

runner = CliRunner()
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def _english() -> list[str]:
    return [d for kind in KINDS for d in descriptions(json_schema(kind, Lang.EN))]


def test_every_description_has_its_chinese_and_every_entry_is_used() -> None:
    entries = yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))
    catalogue = {e["en"]: e["zh"] for e in entries}
    assert len(catalogue) == len(entries), "an English description listed twice"
    english = set(_english())
    missing = [d for d in dict.fromkeys(_english()) if d not in catalogue]
    assert not missing, "add to schema_zh.yaml and translate:\n" + "".join(
        f"- en: {json.dumps(d, ensure_ascii=False)}\n  zh: \n" for d in missing
    )
    unused = [e for e in catalogue if e not in english]
    assert not unused, f"no longer in any schema, remove from schema_zh.yaml: {unused}"
    untranslated = [zh for zh in catalogue.values() if not CJK.search(zh)]
    assert not untranslated


def test_every_title_has_its_chinese_and_every_entry_is_used() -> None:
    entries = yaml.safe_load(TITLES.read_text(encoding="utf-8"))
    catalogue = {e["en"]: e["zh"] for e in entries}
    assert len(catalogue) == len(entries), "an English title listed twice"
    english = [t for kind in KINDS for t in titles(json_schema(kind, Lang.EN))]
    missing = [t for t in dict.fromkeys(english) if t not in catalogue]
    assert not missing, "add to schema_titles_zh.yaml and translate:\n" + "".join(
        f"- en: {json.dumps(t, ensure_ascii=False)}\n  zh: \n" for t in missing
    )
    unused = [e for e in catalogue if e not in set(english)]
    assert not unused, f"no longer in any schema, remove from schema_titles_zh.yaml: {unused}"
    untranslated = [zh for zh in catalogue.values() if not CJK.search(zh)]
    assert not untranslated


def _without_descriptions(node: Any) -> Any:
    if isinstance(node, dict):
        return {
            k: _without_descriptions(v)
            for k, v in node.items()
            if not (k in ("description", "title") and isinstance(v, str))
        }
    if isinstance(node, list):
        return [_without_descriptions(v) for v in node]
    return node


def _printed(args: list[str], env: dict[str, str] | None = None) -> dict[str, Any]:
    result = runner.invoke(app, args, env=env)
    assert result.exit_code == 0, result.output
    schema: dict[str, Any] = json.loads(result.stdout)
    return schema


def test_schema_speaks_chinese_first() -> None:
    zh = _printed(["schema", "data"])
    change = zh["$defs"]["Change"]
    assert change["description"] == "报告所述相对于某一基数的变化：同比、较上年末，或自某日以来。"
    assert change["properties"]["pp"]["description"] == "比率的变化，以个百分点计，带符号。"
    # The titles an editor shows beside each key, from the field and model names.
    assert (change["title"], change["properties"]["pp"]["title"]) == ("变化", "百分点变化")
    assert zh["title"] == "hrkpi 数据文件"
    # Every description and title of every kind is Chinese; nothing English is left.
    for kind in KINDS:
        printed = _printed(["schema", kind])
        for said in [*descriptions(printed), *titles(printed)]:
            assert CJK.search(said), (kind, said)


def test_schema_in_english_with_lang_en() -> None:
    for args, env in (
        (["schema", "data", "--lang", "en"], None),
        (["--lang", "en", "schema", "data"], None),
        (["schema", "data"], {"HRKPI_LANG": "en"}),
    ):
        en = _printed(args, env)
        change = en["$defs"]["Change"]
        assert change["description"] == (
            "A change the report states against a base: 同比, 较上年末, or since a date."
        )
        assert change["properties"]["pp"]["description"] == (
            "Change of a rate, in 个百分点, signed."
        )
        assert (change["title"], change["properties"]["pp"]["title"]) == ("Change", "Pp")
        assert en["title"] == "hrkpi data"


def test_only_the_descriptions_and_titles_differ() -> None:
    for kind in KINDS:
        zh, en = _printed(["schema", kind]), _printed(["schema", kind, "--lang", "en"])
        assert _without_descriptions(zh) == _without_descriptions(en)
        assert len(list(descriptions(zh))) == len(list(descriptions(en)))
        assert len(list(titles(zh))) == len(list(titles(en)))
