"""`hrkpi validate`, `hrkpi schema`, `--version` and usage errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hrkpi import __version__
from hrkpi.cli import app

runner = CliRunner()
# English messages, as the tests below assert them (Chinese is the default).
EN = {"HRKPI_LANG": "en"}


def test_validate_bundled() -> None:
    result = runner.invoke(app, ["validate"], env=EN)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("ok: ")


def test_validate_lists_every_problem(mini: tuple[Path, Path]) -> None:
    ind, data = mini
    text = (data / "d.yaml").read_text(encoding="utf-8")
    (data / "d.yaml").write_text(
        text.replace("value: 3.56", "valeu: 3.56").replace("  insured:", "  insurred:"),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["validate", "-i", str(ind), "-d", str(data)], env=EN)
    assert result.exit_code == 2
    assert "unknown key 'valeu'; did you mean 'value'?" in result.output
    assert "no indicator 'insurred' is defined; did you mean 'insured'?" in result.output
    assert "2 problems found" in result.output


def test_an_open_quote_in_definitions_is_said_where_it_opens(
    mini: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The quote left open on line 7 is closed by the one of target: "4" on line 11; the
    # message spoke of indentation (a data file's, with no quote after, said the quote).
    ind, _ = mini
    monkeypatch.chdir(ind.parent)
    text = (ind / "a.yaml").read_text(encoding="utf-8")
    (ind / "a.yaml").write_text(text.replace("name: 再就业", 'name: "再就业'), encoding="utf-8")
    result = runner.invoke(app, ["validate", "-i", "indicators", "-d", "data"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert result.output.splitlines()[0] == (
        "错误：indicators/a.yaml:7:11: YAML格式错误：此处开始的引号在本行没有闭合："
        "YAML会一直读到第11行的引号，把第8至11行都当作文字；请在本行补上结束引号"
    )


def test_schema_is_json_schema() -> None:
    for kind in ("indicators", "data", "report", "check"):
        result = runner.invoke(app, ["schema", kind])
        assert result.exit_code == 0, result.output
        schema = json.loads(result.stdout)
        assert schema["$schema"].endswith("2020-12/schema")
    indicators = json.loads(runner.invoke(app, ["schema", "indicators"]).stdout)
    indicator = indicators["$defs"]["Indicator"]
    assert indicator["additionalProperties"] is False
    # Built-in units are offered to editors; a declared unit is any text.
    [builtin, declared] = indicator["properties"]["unit"]["anyOf"]
    assert "万人" in builtin["enum"] and "倍" in builtin["enum"]
    assert "enum" not in declared


def test_version_and_usage() -> None:
    assert runner.invoke(app, ["--version"]).output.strip() == f"hrkpi {__version__}"
    assert runner.invoke(app, ["nope"]).exit_code == 2
    assert runner.invoke(app, ["compute", "--bogus"]).exit_code == 2
