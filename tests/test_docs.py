"""docs/cli.md is the `--help` of every command in Chinese, docs/cli.en.md in English, so
neither can drift.

Regenerate both after changing an option or its help (and its Chinese in
hrkpi/cli/helpzh.py):

    HRKPI_UPDATE_DOCS=1 python -m pytest tests/test_docs.py
"""

from __future__ import annotations

import os
import re

import pytest
from tests.conftest import ROOT
from typer.main import get_command
from typer.testing import CliRunner

from hrkpi.cli import app

CLI_MD = ROOT / "docs" / "cli.md"
REFERENCES = {"zh": CLI_MD, "en": ROOT / "docs" / "cli.en.md"}
BEGIN, END = "<!-- BEGIN GENERATED HELP -->", "<!-- END GENERATED HELP -->"


def _commands() -> list[str]:
    group = get_command(app)
    return list(group.commands)  # type: ignore[attr-defined]


def _help(args: list[str], lang: str = "zh") -> str:
    result = CliRunner().invoke(
        app, [*args, "--help"], terminal_width=88, prog_name="hrkpi", env={"HRKPI_LANG": lang}
    )
    assert result.exit_code == 0, result.output
    return result.output.rstrip() + "\n"


def generated(lang: str) -> str:
    """The generated part of docs/cli.md (zh) or docs/cli.en.md (en)."""
    parts = [BEGIN, "", "## hrkpi", "", "```text", _help([], lang).rstrip(), "```", ""]
    for name in _commands():
        parts += [f"## hrkpi {name}", "", "```text", _help([name], lang).rstrip(), "```", ""]
    parts.append(END)
    return "\n".join(parts)


@pytest.mark.parametrize("lang", sorted(REFERENCES))
def test_cli_reference_matches_help(lang: str) -> None:
    path = REFERENCES[lang]
    text = path.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(BEGIN) + ".*" + re.escape(END), re.S)
    assert pattern.search(text), f"{path.name} lost its generated-help markers"
    fresh = pattern.sub(lambda _: generated(lang), text)
    if os.environ.get("HRKPI_UPDATE_DOCS"):
        path.write_text(fresh, encoding="utf-8")
        return
    assert fresh == text, f"{path.name} is stale: run HRKPI_UPDATE_DOCS=1 pytest tests/test_docs.py"


def test_every_command_is_documented_and_has_an_example() -> None:
    for lang, path in REFERENCES.items():
        text = path.read_text(encoding="utf-8")
        example = {"zh": "示例：\n    hrkpi", "en": "Example"}[lang]
        for name in _commands():
            assert f"## hrkpi {name}" in text
            assert example in _help([name], lang), f"hrkpi {name} --help has no example ({lang})"


def test_readme_links_exist() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for link in re.findall(r"\]\(((?:docs)/[^)#]+)", readme):
        assert (ROOT / link).exists(), link


def test_format_lists_every_limit() -> None:
    from hrkpi.core.limits import LIMITS

    text = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    for name, (value, _) in LIMITS.items():
        row = next((line for line in text.splitlines() if f"`{name}`" in line), "")
        assert f"{value:,}" in row or str(value) in row, (name, value, row)
