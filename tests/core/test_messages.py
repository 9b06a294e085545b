"""Messages: lazy rendering, the language chosen, and a catalogue that keeps up with the code.

The catalogue test walks the source (AST): every `Msg("template", ...)` has a
literal template, its keywords are the template's placeholders, and the Chinese
catalogue holds the template with the same placeholders (and conversions: a
user's value shown with !r stays escaped in both languages). A message added
without its translation fails here, and so does a translation left behind.
"""

from __future__ import annotations

import ast
import string
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from hrkpi.core import messages
from hrkpi.core.errors import InputError, UsageError, problem
from hrkpi.core.messages import Msg, Said, language, reason, use_language, verbatim

SRC = Path(messages.__file__).resolve().parents[1]


def _templates() -> Iterator[tuple[str, int, str, set[str] | None]]:
    """(file, line, template, keywords or None when passed as **mapping) of every Msg call."""
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name != "Msg":
                continue
            where = f"{path.relative_to(SRC)}:{node.lineno}"
            first = node.args[0] if node.args else None
            if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
                yield where, node.lineno, "", None
                continue
            keywords: set[str] | None = {k.arg for k in node.keywords if k.arg is not None}
            if any(k.arg is None for k in node.keywords):
                keywords = None
            yield where, node.lineno, first.value, keywords


def _fields(template: str) -> set[tuple[str, str | None]]:
    """The placeholders of a template: (name, conversion) pairs."""
    return {
        (name, conversion)
        for _, name, _, conversion in string.Formatter().parse(template)
        if name is not None
    }


def _catalogue() -> list[dict[str, str]]:
    entries = yaml.safe_load(messages.CATALOGUE.read_text(encoding="utf-8"))
    assert isinstance(entries, list)
    return entries


def _entry(template: str) -> str:
    """A catalogue entry to paste (and translate) for a template that has none."""
    return yaml.safe_dump(
        [{"en": template, "zh": "TRANSLATE"}], allow_unicode=True, width=1000, sort_keys=False
    )


def test_every_template_is_a_literal_with_its_own_placeholders() -> None:
    wrong = []
    for where, _, template, keywords in _templates():
        if not template:
            wrong.append(f"{where}: the template is not a string literal")
        elif keywords is not None and {n for n, _ in _fields(template)} != keywords:
            wrong.append(f"{where}: {template!r} is given {sorted(keywords)}")
    assert not wrong, "\n".join(wrong)


def test_every_template_has_a_chinese_translation_with_the_same_placeholders() -> None:
    zh = {e["en"]: e["zh"] for e in _catalogue()}
    missing, differ = [], []
    for where, _, template, _ in _templates():
        if not template:
            continue
        if template not in zh:
            missing.append(f"# {where}\n{_entry(template)}")
        elif _fields(zh[template]) != _fields(template):
            differ.append(f"{where}: {template!r} -> {zh[template]!r}")
    assert not missing, "no Chinese for these templates (add to messages_zh.yaml):\n" + "".join(
        missing
    )
    assert not differ, "placeholders differ:\n" + "\n".join(differ)


def test_the_catalogue_holds_each_template_once_and_only_templates_in_use() -> None:
    entries = _catalogue()
    keys = [e["en"] for e in entries]
    assert len(keys) == len(set(keys)), [k for k in keys if keys.count(k) > 1]
    for e in entries:
        assert set(e) == {"en", "zh"} and e["zh"].strip(), e
    used = {t for _, _, t, _ in _templates()}
    stale = [k for k in keys if k not in used]
    assert not stale, "translations no code uses any more (remove them):\n" + "\n".join(stale)


def test_validators_and_readers_raise_messages_not_english_text() -> None:
    """A ValueError of core or sources reaches a user (pydantic and the readers show
    it): its message is a Msg, never text only English can read. (The exception
    classes and problem() take a Msg by type; mypy holds those.)"""
    wrong = []
    for package in ("core", "sources"):
        for path in sorted((SRC / package).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)):
                    continue
                func, args = node.exc.func, node.exc.args
                text = bool(args) and isinstance(args[0], ast.JoinedStr | ast.Constant | ast.BinOp)
                if isinstance(func, ast.Name) and func.id == "ValueError" and text:
                    wrong.append(f"{path.relative_to(SRC)}:{node.lineno}")
    assert not wrong, "raise ValueError(Msg(...)) instead of text:\n" + "\n".join(wrong)


def test_a_message_renders_when_shown_in_the_language_current_then(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(messages.ENV, raising=False)
    made = Msg("a tab character; YAML indents with spaces only: replace it")
    assert language() == "zh"
    assert str(made) == "此处有制表符（Tab）；YAML只能用空格缩进：请改为空格"
    with use_language("en"):
        assert str(made) == "a tab character; YAML indents with spaces only: replace it"
    monkeypatch.setenv(messages.ENV, "en")
    assert str(made).startswith("a tab character")
    monkeypatch.setenv(messages.ENV, "fr")  # not a language hrkpi speaks: the default
    assert str(made).startswith("此处有制表符")


def test_parameters_nest_and_lists_join_in_each_language() -> None:
    inner = Msg("a terminal escape (ESC)")
    outer = Msg(
        "the text holds {what} at character {where}; remove it: text fields hold "
        "printable characters only",
        what=inner,
        where=4,
    )
    assert outer.render("en").startswith("the text holds a terminal escape (ESC) at character 4")
    assert outer.render("zh").startswith("文本第4个字符处有终端转义符（ESC）")
    # Equal messages are one problem (InputError keeps each once), whatever the language.
    assert outer == Msg(outer.template, what=Msg("a terminal escape (ESC)"), where=4)
    assert len({outer, Msg(outer.template, what=inner, where=4)}) == 1


def test_errors_render_lazily() -> None:
    err = InputError([problem("d.yaml", 3, 8, "as_of", verbatim("x"))])
    assert str(err) == "d.yaml:3:8: as_of: x"
    usage = UsageError(
        Msg(
            "{file}: reading Parquet needs polars; install it with pip install 'hrkpi[fast]'",
            file="d.parquet",
        )
    )
    with use_language("en"):
        assert str(usage) == (
            "d.parquet: reading Parquet needs polars; install it with pip install 'hrkpi[fast]'"
        )
    with use_language("zh"):
        assert str(usage) == "d.parquet：读取Parquet需要polars；请用pip install 'hrkpi[fast]'安装"
    assert reason(ValueError(usage.message)) is usage.message
    assert reason(OSError("disk full")).render("zh") == "disk full"


def test_a_message_about_a_mapping_is_one_problem() -> None:
    # YAML gave a mapping where a flag goes: the message quotes it, and the problem
    # is still kept once and sorted (InputError holds a set of them).
    said = Msg("write true or false (是 or 否), not {value!r}", value={"a": 1})
    err = InputError([problem("d.yaml", 2, 1, "x", said), problem("d.yaml", 2, 1, "x", said)])
    assert [p.render("zh") for p in err.problems] == [
        "d.yaml:2:1: x: 请写true或false（是或否），不能写{'a': 1}"
    ]


def test_no_message_sends_a_user_to_a_file_the_package_does_not_install() -> None:
    # docs/ is the repository's, not the installed package's: "see docs/format.md" sent a
    # user of `pip install hrkpi` to a file they do not have.
    wrong = [f"{where}: {t!r}" for where, _, t, _ in _templates() if "docs/" in t]
    wrong += [e["en"] for e in _catalogue() if "docs/" in e["en"] + e["zh"]]
    assert not wrong, "\n".join(wrong)


def test_documentation_links_open_the_project_s_documentation() -> None:
    import tomllib

    root = SRC.parents[1]
    urls = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]["urls"]
    # pyproject.toml names the folder (tree/main/docs); a page is opened as a blob.
    assert urls["Documentation"].replace("/tree/", "/blob/") == messages.DOCS_URL
    assert messages.doc_page("format.md#units") == f"{messages.DOCS_URL}/format.md#units"
    for page, heading in (("format.md", "### Units"), ("format.md", "## Data files")):
        text = (root / "docs" / page).read_text(encoding="utf-8")
        assert heading in text.splitlines()
    assert (root / "docs" / "scale.md").is_file()


def test_words_said_in_each_language_are_shown_in_the_one_asked_for() -> None:
    said = Said("示范省 2020年10月：失业率", "示范省 2020-10: Unemployment rate")
    outer = Msg("{where}: {what}", where=said, what="x")
    assert outer.render("zh") == "示范省 2020年10月：失业率: x"
    assert outer.render("en") == "示范省 2020-10: Unemployment rate: x"
    with use_language("en"):
        assert str(said) == "示范省 2020-10: Unemployment rate"
