"""`--format github`: workflow annotations at the file and line of each problem."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tests.conftest import DATA, INDICATORS
from typer.testing import CliRunner

from hrkpi.cli import app
from hrkpi.output.github import annotation

runner = CliRunner()
# English messages, as the tests below assert them (Chinese is the default).
EN = {"HRKPI_LANG": "en"}


@pytest.fixture
def draft(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The bundled report with 105.5% misstated as 107.5% (4.22 / 4 gives 105.5%)."""
    shutil.copytree(INDICATORS, tmp_path / "indicators")
    shutil.copytree(DATA, tmp_path / "data")
    data = tmp_path / "data" / "2020H1_xiamen.yaml"
    text = data.read_text(encoding="utf-8")
    data.write_text(text.replace("completion: 105.5\n", "completion: 107.5\n", 1), "utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_check_annotates_the_misstated_figure(draft: Path) -> None:
    result = runner.invoke(app, ["check", "-i", "indicators", "-d", "data", "-f", "github"])
    assert result.exit_code == 1, result.output
    errors = [line for line in result.stdout.splitlines() if line.startswith("::error ")]
    # The rate fails, and no longer is the number its quote prints (105.5%).
    assert len(errors) == 2 and "引文数字" in errors[1], errors
    head, message = errors[0].split("::", 2)[1:]
    assert head == (
        "error file=data/2020H1_xiamen.yaml,line=12,"
        "title=hrkpi check%3A 完成率 不一致%3A 失业人员再就业 (厦门市)"
    )
    assert message.startswith("不一致 完成率：失业人员再就业完成率107.5%25 = 4.22 ÷ 4 × 100%25")
    assert (
        "%0A    " not in message
        and "%0A陈述值107.5%25；可一致的陈述值：105.4%25至105.6%25" in message
    )
    assert result.stdout.rstrip().endswith("未通过")


def test_check_annotates_in_english(draft: Path) -> None:
    args = ["check", "-i", "indicators", "-d", "data", "-f", "github", "--lang", "en"]
    result = runner.invoke(app, args)
    assert result.exit_code == 1, result.output
    (error, quote) = [line for line in result.stdout.splitlines() if line.startswith("::error ")]
    assert "title=hrkpi check%3A quoted figure FAIL" in quote
    assert ",title=hrkpi check%3A completion rate FAIL%3A Re-employment of unemployed persons" in (
        error
    )
    assert "%0Astated 107.5%25; consistent: 105.4%25 to 105.6%25" in error
    assert result.stdout.rstrip().endswith("FAILED")


def test_check_without_problems_annotates_nothing() -> None:
    result = runner.invoke(app, ["check", "-f", "github"])
    assert result.exit_code == 0, result.output
    assert "::" not in result.stdout and result.stdout.rstrip().endswith("通过")


def test_validate_annotates_every_problem(draft: Path) -> None:
    data = draft / "data" / "2020H1_xiamen.yaml"
    text = data.read_text(encoding="utf-8")
    data.write_text(text.replace("    value: 4.22\n", "    value: 4.2.2\n", 1), "utf-8")
    result = runner.invoke(
        app, ["validate", "-i", "indicators", "-d", "data", "-f", "github"], env=EN
    )
    assert result.exit_code == 2
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert len(annotations) == 1
    assert annotations[0].startswith(
        "::error file=data/2020H1_xiamen.yaml,line=11,col=12,title=hrkpi%3A bad input::"
        "figures.reemployment.value: '4.2.2' is not a stated figure"
    )
    assert "data/2020H1_xiamen.yaml:11:12: figures.reemployment.value:" in result.stderr


def test_validate_ok_and_a_usage_error() -> None:
    ok = runner.invoke(app, ["validate", "-f", "github"], env=EN)
    assert ok.exit_code == 0 and ok.stdout.startswith("ok: ")
    missing = runner.invoke(app, ["validate", "-f", "github", "-d", "no/such/folder"], env=EN)
    assert missing.exit_code == 2
    assert missing.stdout.startswith("::error title=hrkpi%3A bad input::no/such/folder: no such")


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("a\nb", "::error file=a%2Cb.yaml,line=3::a%0Ab"),
        ("100% of 4:2", "::error file=a%2Cb.yaml,line=3::100%25 of 4:2"),
        ("cr\r\nlf\rx", "::error file=a%2Cb.yaml,line=3::cr%0Alf\\x0dx"),
        ("\x1b]0;t\x07", "::error file=a%2Cb.yaml,line=3::\\x1b]0;t\\x07"),
    ],
)
def test_annotation_escaping(message: str, expected: str) -> None:
    assert annotation("error", message, file="a,b.yaml", line=3) == expected
