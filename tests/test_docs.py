"""docs/cli.md is the `--help` of every command in Chinese, docs/cli.en.md in English, so
neither can drift.

Regenerate both after changing an option or its help (and its Chinese in
hrkpi/cli/helpzh.py):

    HRKPI_UPDATE_DOCS=1 python -m pytest tests/test_docs.py
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

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


def _section(path: str, heading: str) -> str:
    """The text of a doc's section, from its heading to the next of its level."""
    text = (ROOT / "docs" / path).read_text(encoding="utf-8")
    level = heading.split(" ")[0]
    body = text.split(heading + "\n", 1)[1]
    return re.split(rf"^{level} ", body, maxsplit=1, flags=re.M)[0]


def test_check_s_rule_table_names_each_rule_as_the_output_does() -> None:
    from hrkpi.output.findwords import KIND_LABELS

    # The rule table (kind, 核对项, relation, fast path) names every rule once, by the
    # words a finding's line starts with (目标分解, never 下级地区目标合计).
    rows = re.findall(r"^\| `(\w+)` \| ([^|]+?) \|", _section("check.md", "## The rules"), re.M)
    assert dict(rows) == {k.value: zh for k, (zh, _) in KIND_LABELS.items()}
    assert len(rows) == len(KIND_LABELS)


def test_scale_s_series_table_gives_both_headers() -> None:
    from hrkpi.output.words import SERIES_HEADERS

    table = _section("scale.md", "## The series table")
    for key, zh in SERIES_HEADERS.items():
        assert f"{zh} `{key}`" in table, key


def test_scale_names_a_region_total_s_finding_as_check_prints_it(tmp_path: Path) -> None:
    # 县1 300 + 县2 200 = 市 500: one finding at the parent's row.
    (tmp_path / "i.yaml").write_text(
        "indicators:\n  - {id: jobs, name: 新增就业, unit: 人, measure: flow}\n", encoding="utf-8"
    )
    (tmp_path / "r.csv").write_text("region,parent\n市,\n县1,市\n县2,市\n", encoding="utf-8")
    (tmp_path / "d.csv").write_text(
        "indicator,region,period,value\njobs,市,2021-06,500\njobs,县1,2021-06,300\n"
        "jobs,县2,2021-06,200\n",
        encoding="utf-8",
    )
    args = ["check", "-i", str(tmp_path / "i.yaml"), "-d", str(tmp_path / "d.csv")]
    result = CliRunner().invoke(app, [*args, "--regions", str(tmp_path / "r.csv")])
    assert result.exit_code == 0, result.output
    assert "一致 地区合计：市 2021年6月：新增就业 500 = 县1 300 + 县2 200" in result.stdout
    scale = (ROOT / "docs" / "scale.md").read_text(encoding="utf-8")
    assert "reports it as a `region_sum` finding (地区合计" in scale


def test_json_period_is_the_period_s_code_as_check_says(tmp_path: Path) -> None:
    (tmp_path / "i.yaml").write_text(
        "indicators:\n  - {id: jobs, name: 新增就业, unit: 人, measure: flow, target: '1000'}\n",
        encoding="utf-8",
    )
    (tmp_path / "d.csv").write_text(
        "indicator,region,period,value,completion\njobs,某县,2020年上半年,500,50.00\n",
        encoding="utf-8",
    )
    args = ["check", "-i", str(tmp_path / "i.yaml"), "-d", str(tmp_path / "d.csv")]
    result = CliRunner().invoke(app, [*args, "-f", "json"])
    assert result.exit_code == 0, result.output
    [finding] = json.loads(result.stdout)["findings"]
    assert finding["period"] == "2020-H1"  # the period's code, not 2020年上半年 as written
    text = (ROOT / "docs" / "check.md").read_text(encoding="utf-8")
    assert "as the data writes it" not in text
    assert "`2020-H1` for a row written 2020年上半年" in text
