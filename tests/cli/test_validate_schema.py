"""`hrkpi validate`, `hrkpi schema`, `--version` and usage errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.conftest import write
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


def test_validate_lists_every_problem_of_every_section_and_file_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each problem below used to show only once those before it were fixed: a section's
    # missing key hid the duplicate id and the unknown section; definitions with a
    # problem hid the data's unknown ids and units; a figure's misspelt key hid the
    # other figures' units; a bad regions.csv hid everything else.
    monkeypatch.chdir(tmp_path)
    write(
        tmp_path / "ind" / "a.yaml",
        """
        sections:
          - id: s1
            title: 就业
        indicators:
          - id: jobs
            name: 再就业
            section: s9
            unit: 万人
            measure: flow
          - id: jobs
            name: 再就业
            section: s1
            unit: 万人
            measure: flow
        """,
    )
    write(
        tmp_path / "dat" / "d.yaml",
        """
        source: 测试
        region: 测试市
        as_of: 2020-06-30
        figures:
          jobs:
            value: 4.22
            changes:
              - base: end_of_last_year
                abs: 3
                abs_unit: 家
          jbos:
            value: 1
          other:
            valeu: 3
        """,
    )
    write(tmp_path / "dat" / "regions.csv", "region,parent\n思明区,厦门\n")
    result = runner.invoke(app, ["validate", "-i", "ind", "-d", "dat"], env=EN)
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        "error: dat/d.yaml:10:19: figures.jobs.changes.1.abs_unit: abs_unit '家' cannot be "
        "converted to the indicator's '万人'; use a unit of the same kind",
        "error: dat/d.yaml:11:3: figures.jbos: no indicator 'jbos' is defined; "
        "did you mean 'jobs'?",
        "error: dat/d.yaml:13:3: figures.other: no indicator 'other' is defined; "
        "define it in indicators/ first",
        "error: dat/d.yaml:14:5: figures.other.valeu: unknown key 'valeu'; did you mean 'value'?",
        "error: dat/regions.csv:2:2: parent: parent '厦门' of '思明区' is not listed as "
        "a region; add a line for '厦门' (with its own parent, or none for the top)",
        "error: ind/a.yaml:2:5: sections.1.code: missing required key 'code'; add it",
        "error: ind/a.yaml:7:14: indicators.1.section: unknown section 's9'; "
        "define it under sections:",
        "error: ind/a.yaml:10:9: indicators.2.id: indicator 'jobs' is already defined at "
        "ind/a.yaml:5; ids must be unique",
        "8 problems found; nothing was computed.",
    ]


def test_validate_lists_a_targets_file_s_problems_with_the_data_s(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The targets file beside the data was read only once the data was right.
    monkeypatch.chdir(tmp_path)
    write(
        tmp_path / "dat" / "d.yaml",
        """
        source: 测试
        region: 厦门市
        as_of: 2020-06-30
        figures:
          reemploymnet:
            value: 4.22
        """,
    )
    write(
        tmp_path / "dat" / "targets.csv",
        "indicator,region,year,target\nreemployment,厦门市,2020,abc\n",
    )
    result = runner.invoke(app, ["validate", "-d", "dat"], env=EN)
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        "error: dat/d.yaml:5:3: figures.reemploymnet: no indicator 'reemploymnet' is "
        "defined; did you mean 'reemployment'?",
        "error: dat/targets.csv:2:4: target: 'abc' is not a stated figure; write a number "
        'such as "4.22", "-12.44", optionally with one approximation word such as "近84" '
        'or "1400多"',
        "2 problems found; nothing was computed.",
    ]


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
