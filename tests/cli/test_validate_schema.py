"""`hrkpi validate`, `hrkpi schema`, `--version` and usage errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from tests.conftest import ROOT, write
from typer.testing import CliRunner

from hrkpi import __version__
from hrkpi.api import validate
from hrkpi.cli import app
from hrkpi.core.errors import InputError

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
        "8 problems found; validation failed.",
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
        "2 problems found; validation failed.",
    ]


def _regional_inputs(tmp_path: Path) -> None:
    """The regional example's definitions, two figures of new_jobs as a CSV."""
    shutil.copytree(ROOT / "examples" / "regional" / "indicators", tmp_path / "ind")
    write(
        tmp_path / "dat" / "d.csv",
        """
        indicator,region,period,value
        new_jobs,临江区,2021-01/06,2150
        new_jobs,云山区,2021-01/06,1500
        """,
    )


VALIDATE_REGIONAL = ["validate", "-i", "ind", "-d", "dat", "--regions", "r.csv"]


def test_validate_takes_lang_regions_and_targets_as_compute_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # validate had none of the three: a user could not check the files compute reads.
    monkeypatch.chdir(tmp_path)
    _regional_inputs(tmp_path)
    write(tmp_path / "r.csv", "region,parent\n海湾市,\n临江区,海湾市\n云山区,海湾市\n")
    write(tmp_path / "t.csv", "indicator,region,year,target\nnew_jobs,临江区,2021,4000\n")
    args = [*VALIDATE_REGIONAL, "--targets", "t.csv"]
    english = runner.invoke(app, [*args, "--lang", "en"])
    assert english.exit_code == 0, english.output
    # 4 indicators in the example's 2 sections, the 2 rows of d.csv, 1 row of t.csv,
    # and 3 regions in r.csv.
    assert english.stdout.splitlines() == [
        "ok: 4 indicators in 2 sections, 2 stated figures, 1 regional targets",
        "region hierarchy: 3 regions",
    ]
    chinese = runner.invoke(app, args, env={"HRKPI_LANG": ""})
    assert chinese.stdout.splitlines() == [
        "校验通过：2个章节共4个指标，2个数字，1个地区目标",
        "地区层级：3个地区",
    ]
    bundled = runner.invoke(app, ["validate", "--lang", "en"])
    assert bundled.stdout == "ok: 142 indicators in 17 sections, 142 stated figures\n"


def test_validate_lists_every_problem_of_the_regions_and_targets_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _regional_inputs(tmp_path)
    write(tmp_path / "r.csv", "region,parent\n海湾市,\n临江区,海湾\n")
    write(tmp_path / "t.csv", "indicator,region,yaer,target\nnew_jobs,临江区,2021,4000\n")
    args = [*VALIDATE_REGIONAL, "--targets", "t.csv", "--lang", "en"]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        "error: r.csv:3:2: parent: parent '海湾' of '临江区' is not listed as a region; "
        "did you mean '海湾市'?",
        "error: t.csv:1:1: year: missing column 'year'; add it to the header",
        "error: t.csv:1:3: yaer: unknown column 'yaer'; did you mean 'year'?",
        "3 problems found; validation failed.",
    ]
    # With the hierarchy right, the data's and the targets' regions it does not list
    # (云山区) are said, as compute refuses them, with a target that is no figure.
    write(tmp_path / "r.csv", "region,parent\n海湾市,\n临江区,海湾市\n")
    write(
        tmp_path / "t.csv",
        "indicator,region,year,target\nnew_jobs,临江区,2021,abc\nnew_jobs,云山区,2021,100\n",
    )
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        "error: dat/d.csv:3:1: region: region '云山区' is not in r.csv; add it there or "
        "fix the name",
        "error: t.csv:2:4: target: 'abc' is not a stated figure; write a number such as "
        '"4.22", "-12.44", optionally with one approximation word such as "近84" or "1400多"',
        "error: t.csv:3:2: region: region '云山区' is not in r.csv; add it there or fix the name",
        "3 problems found; validation failed.",
    ]
    # The fast path (large long-format data) lists the same problems.
    for engine in ("exact", "fast"):
        with pytest.raises(InputError) as raised:
            validate("ind", "dat", regions="r.csv", targets="t.csv", engine=engine)
        assert [(p.file, p.line, p.column, p.field) for p in raised.value.problems] == [
            ("dat/d.csv", 3, 1, "region"),
            ("t.csv", 2, 4, "target"),
            ("t.csv", 3, 2, "region"),
        ]
    missing = runner.invoke(app, [*VALIDATE_REGIONAL, "--targets", "none.csv", "--lang", "en"])
    assert missing.exit_code == 2
    assert missing.output == "error: none.csv: no such targets file; check the --targets path\n"


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


def test_validate_with_a_broken_regions_file_lists_what_check_lists(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The example's workbook has a 合计 row in each of its 11 sheets, whose region is
    # the rows' common parent in the hierarchy. With the regions file broken (青湖区's
    # parent 北海市 is not listed), validate listed the one real problem and the 11 合计
    # rows as "give the region hierarchy" (the hierarchy it had been given); check only
    # the real one. Both now list the regions file's problem alone.
    monkeypatch.chdir(tmp_path)
    example = ROOT / "examples" / "regional"
    shutil.copytree(example / "indicators", tmp_path / "indicators")
    shutil.copytree(example / "data", tmp_path / "data")
    write(
        tmp_path / "bad.csv",
        "region,parent,level\n海湾市,,city\n临江区,海湾市,county\n云山区,海湾市,county\n"
        "青湖区,北海市,county\n新港区,海湾市,county\n",
    )
    args = ["-i", "indicators", "-d", "data", "--regions", "bad.csv", "--lang", "en"]
    expected = [
        "error: bad.csv:5:2: parent: parent '北海市' of '青湖区' is not listed as a region; "
        "did you mean '海湾市'?",
    ]
    # Each ends with what came of it: validate computes nothing, check computed nothing.
    endings = {
        "validate": "1 problem found; validation failed.",
        "check": "1 problem found; nothing was computed.",
    }
    for command, ending in endings.items():
        result = runner.invoke(app, [command, *args])
        assert result.exit_code == 2, (command, result.output)
        assert result.output.splitlines() == [*expected, ending], command


def test_validate_s_help_says_what_it_does_with_the_regions_file() -> None:
    # validate checks the file (and that the data's regions are listed in it); it sums
    # nothing, which the --regions help of compute and check said for it too.
    def help_of(lang: str) -> str:
        result = runner.invoke(
            app, ["validate", "--help"], terminal_width=400, env={"HRKPI_LANG": lang}
        )
        assert result.exit_code == 0, result.output
        return " ".join(result.output.split())

    english = help_of("en")
    assert (
        "--regions FILE Region hierarchy CSV (region,parent) to validate; the regions of the "
        "data and of the targets must be listed in it. Default: regions.csv in the data folder."
    ) in english
    assert "children's sums" not in english
    chinese = help_of("zh")
    assert "要校验的地区层级CSV（region,parent）；数据和目标中的地区都须在其中列出。" in chinese
    assert "地区层级文件和目标文件（选项所指定的，或数据文件夹中的）也一并校验。" in chinese
    assert "下级地区之和" not in chinese and "所给的" not in chinese


def test_a_targets_folder_is_said_to_be_a_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As --regions says it: "no such targets file" sent a user looking for a missing file.
    monkeypatch.chdir(tmp_path)
    (tmp_path / "tf").mkdir()
    for command in ("validate", "check"):
        result = runner.invoke(app, [command, "--targets", "tf", "--lang", "en"])
        assert result.exit_code == 2
        assert (
            result.output == "error: tf: this is a folder, not a file; check the --targets path\n"
        )
    chinese = runner.invoke(app, ["validate", "--targets", "tf"], env={"HRKPI_LANG": ""})
    assert chinese.output == "错误：tf：这是文件夹，不是文件；请检查--targets的路径\n"
