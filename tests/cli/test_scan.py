"""`hrkpi scan` through Typer's runner: exit codes, the three formats, --write-data, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from tests.conftest import DATA
from typer.testing import CliRunner

from hrkpi.cli import app

runner = CliRunner()
# English messages, as the tests below assert them (Chinese is the default).
EN = {"HRKPI_LANG": "en"}
SOURCE = str(DATA / "source" / "2020H1_xiamen.txt")
WRONG = (
    "全市失业人员再就业4.22万人，完成全年任务数4万人的107.5%。\n"
    "城镇登记失业率为3.56%，在年度控制目标4%以内。\n"
)


def _file(tmp_path: Path, text: str, name: str = "draft.txt") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_bundled_text_passes_in_chinese() -> None:
    result = runner.invoke(app, ["scan", SOURCE])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "（UTF-8 文本；截至2020-06-30，据正文）" in out.split("\n")[0]
    assert (
        "第11行 一致 完成率：全市失业人员再就业【4.22万人】,完成全年任务数【4万人】的【105.5%】"
        in out
    )
    assert "共核对23项：一致17，不一致0，无法核对5，达标1，预警0，未达标0；未读懂0处" in out
    assert out.rstrip().endswith("通过")


def test_english() -> None:
    result = runner.invoke(app, ["scan", SOURCE, "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "line 11 consistent completion rate: " in result.stdout
    assert "23 checks: 17 consistent, 0 inconsistent, 5 not checkable" in result.stdout
    assert result.stdout.rstrip().endswith("PASSED")


def test_a_wrong_figure_fails_with_the_values_that_would_be_right(tmp_path: Path) -> None:
    result = runner.invoke(app, ["scan", _file(tmp_path, WRONG)])
    assert result.exit_code == 1, result.output
    assert "第1行 不一致 完成率：全市失业人员再就业【4.22万人】" in result.stdout
    assert "可一致的陈述值：105.4%至105.6%" in result.stdout
    assert result.stdout.rstrip().endswith("未通过")


def test_json_follows_its_schema_and_its_spans_point_into_the_text(tmp_path: Path) -> None:
    result = runner.invoke(app, ["scan", _file(tmp_path, WRONG), "--format", "json"])
    assert result.exit_code == 1
    out = json.loads(result.stdout)
    schema = json.loads(runner.invoke(app, ["schema", "scan"]).stdout)
    jsonschema.validate(out, schema)
    assert out["version"] == 1 and out["passed"] is False
    (file,) = out["files"]
    text = file["text"]
    kinds = [(f["kind"], f["verdict"]) for f in file["findings"]]
    assert kinds == [
        ("completion", "inconsistent"),
        ("threshold", "pass"),
        ("threshold_claim", "consistent"),
    ]
    first = file["findings"][0]
    assert first["check"]["consistent_values"] == ["105.4", "105.6"]
    for f in file["findings"]:
        s, e = f["span"]
        assert text[s:e] == f["text"]
        for fig in f["figures"]:
            assert text[fig["span"][0] : fig["span"][1]] == fig["text"]


def test_github_annotations(tmp_path: Path) -> None:
    path = _file(tmp_path, WRONG)
    result = runner.invoke(app, ["scan", path, "--format", "github", "--lang", "en"])
    assert result.exit_code == 1
    first = result.stdout.split("\n")[0]
    assert first.startswith("::error file=")
    # At the figure judged: 107.5% stands in column 28.
    assert ",line=1,col=28,title=hrkpi scan%3A completion rate::" in first
    assert "stated 107.5%25; consistent: 105.4%25 to 105.6%25" in first


def test_target_not_printed_is_a_notice_and_passes(tmp_path: Path) -> None:
    path = _file(tmp_path, "全县城镇新增就业3125人，完成年度目标任务的52.1%。")
    result = runner.invoke(app, ["scan", path, "--format", "github"])
    assert result.exit_code == 0
    assert result.stdout.startswith("::notice ")
    # --fail-unchecked, as hrkpi check's: a relation that could not be checked fails.
    failing = runner.invoke(app, ["scan", path, "--format", "github", "--fail-unchecked"])
    assert failing.exit_code == 1 and failing.stdout.startswith("::error ")
    text = runner.invoke(app, ["scan", path]).stdout
    # 3125 / 52.15% to 3125 / 52.05%, ends closed: a printed 52.1% may be a tie either way.
    assert (
        "报告未列明全年目标，由3125与52.1%推算目标在[5992.32, 6003.85]人之间，含整数目标6000人"
        in text
    )


def test_nothing_to_check_passes_unless_strict(tmp_path: Path) -> None:
    path = _file(tmp_path, "上半年，市人社局深入贯彻落实各项部署，统筹推进各项工作。\n")
    result = runner.invoke(app, ["scan", path])
    assert result.exit_code == 0
    assert "没有找到可核对的关系（读到0个数字）" in result.stdout
    assert runner.invoke(app, ["scan", path, "--strict"]).exit_code == 1


def test_write_data_checks_the_same(tmp_path: Path) -> None:
    out = tmp_path / "draft"
    result = runner.invoke(app, ["scan", _file(tmp_path, WRONG), "--write-data", str(out)])
    assert result.exit_code == 1
    check = runner.invoke(app, ["check", "-i", str(out / "indicators"), "-d", str(out / "data")])
    assert check.exit_code == 1, check.output
    assert "不一致 完成率" in check.stdout


def test_bad_input_names_every_file_and_exits_2(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    result = runner.invoke(app, ["scan", str(empty), str(binary), SOURCE], env=EN)
    assert result.exit_code == 2
    assert "empty.txt:1:1: the file is empty" in result.output
    assert "photo.txt:1:1: this is a binary file" in result.output
    assert "Traceback" not in result.output


def test_a_bad_date_is_a_usage_error() -> None:
    result = runner.invoke(app, ["scan", SOURCE, "--as-of", "2020-13-01"], env=EN)
    assert result.exit_code == 2
    assert "not a date" in result.output


def test_a_word_draft(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    for line in WRONG.strip().split("\n"):
        document.add_paragraph(line)
    path = tmp_path / "草稿.docx"
    document.save(str(path))
    result = runner.invoke(app, ["scan", str(path)])
    assert result.exit_code == 1, result.output
    assert "（Word 文档；未读到数据截止日期）" in result.stdout.split("\n")[0]
    assert "第1行 不一致 完成率" in result.stdout


def test_write_data_onto_a_file_is_bad_input(tmp_path: Path) -> None:
    target = tmp_path / "taken"
    target.write_text("x", encoding="utf-8")
    result = runner.invoke(
        app, ["scan", _file(tmp_path, WRONG), "--write-data", str(target)], env=EN
    )
    assert result.exit_code == 2
    assert "it is a file; give a folder" in result.output
    assert target.read_text(encoding="utf-8") == "x"
