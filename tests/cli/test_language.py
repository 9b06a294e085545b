"""Every message in Chinese by default, in English with --lang en or HRKPI_LANG=en.

The Chinese is asserted whole for a representative set (a YAML syntax hint, an
unknown key with its suggestion, a schema error, a CSV problem, a workbook cell,
an output path refused, usage errors, the summary line); the place and the field
before each message read the same in both languages.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from openpyxl import Workbook
from tests.conftest import write
from typer.testing import CliRunner

import hrkpi
from hrkpi.cli import app

runner = CliRunner()


@pytest.fixture(autouse=True)
def _no_language_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HRKPI_LANG", raising=False)


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_yaml_syntax_hint_in_chinese_at_the_line_to_change(mini: tuple[Path, Path]) -> None:
    ind, data = mini
    _replace(ind / "a.yaml", 'unit: "%"', "unit: %")
    result = runner.invoke(app, ["validate", "-i", str(ind), "-d", str(data)])
    assert result.exit_code == 2
    assert (
        "indicators/a.yaml:15:11: YAML格式错误：值不能以'%'（YAML指令）开头，除非加引号："
        '请加上引号，如unit: "%"'
    ) in result.output
    assert "Traceback" not in result.output


def test_an_unknown_key_and_its_suggestion_in_both_languages(
    mini: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    ind, data = mini
    _replace(data / "d.yaml", "value: 3.56", "valeu: 3.56")
    args = ["validate", "-i", str(ind), "-d", str(data)]
    chinese = runner.invoke(app, args)
    assert chinese.exit_code == 2
    assert "data/d.yaml:9:5: figures.rate.valeu: 无法识别的键'valeu'；是否应为'value'？" in (
        chinese.output
    )
    monkeypatch.setenv("HRKPI_LANG", "en")
    english = runner.invoke(app, args)
    assert english.exit_code == 2
    assert (
        "data/d.yaml:9:5: figures.rate.valeu: unknown key 'valeu'; did you mean 'value'?"
        in english.output
    )


def test_a_schema_error_in_chinese(mini: tuple[Path, Path]) -> None:
    ind, data = mini
    _replace(ind / "a.yaml", "measure: stock", "measure: stok")
    result = runner.invoke(app, ["validate", "-i", str(ind), "-d", str(data)])
    assert result.exit_code == 2
    assert (
        "indicators/a.yaml:25:14: indicators.3.measure: 'stok'不是flow、stock或rate之一；"
        "是否应为'stock'？"
    ) in result.output


def test_a_csv_problem_in_chinese(mini: tuple[Path, Path]) -> None:
    ind, _ = mini
    csv = write(
        ind.parent / "long" / "d.csv",
        "indicator,region,as_of,valeu\njobs,测试市,2020-06-30,4.22\n",
    )
    result = runner.invoke(app, ["check", "-i", str(ind), "-d", str(csv)])
    assert result.exit_code == 2
    assert "long/d.csv:1:4: 无法识别的列'valeu'；是否应为'value'？" in result.output
    assert "long/d.csv:1:1: value: 缺少列'value'；请加到表头中" in result.output


def test_a_workbook_cell_in_chinese(mini: tuple[Path, Path]) -> None:
    ind, _ = mini
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "2020年1-6月"
    sheet.append(["地区", "再就业"])
    sheet.append(["测试市", " 4.22"])
    (ind.parent / "book").mkdir()
    book.save(ind.parent / "book" / "d.xlsx")
    result = runner.invoke(app, ["check", "-i", str(ind), "-d", str(ind.parent / "book")])
    assert result.exit_code == 2
    assert (
        "book/d.xlsx:2020年1-6月!B2: 数字' 4.22'以文本形式存放且前后有空格；"
        "请删去空格（或把单元格改为数值）"
    ) in result.output


def test_usage_errors_in_chinese_and_with_lang_en_in_english() -> None:
    unknown = runner.invoke(app, ["compute", "--frmat", "json"])
    assert unknown.exit_code == 2
    assert unknown.output.startswith("用法：hrkpi compute [选项]\n运行'hrkpi compute --help'")
    assert "错误：没有选项--frmat（可用的相近选项：--data、--format）" in unknown.output
    language = runner.invoke(app, ["compute", "--lang", "fr"])
    assert language.exit_code == 2
    assert "错误：'--lang'的值无效：'fr'不是'zh'、'en'之一" in language.output
    english = runner.invoke(app, ["compute", "--lang", "en", "--frmat", "json"])
    assert english.exit_code == 2
    assert "Usage: hrkpi compute [OPTIONS]" in english.output
    assert "No such option" in english.output and "--frmat" in english.output
    command = runner.invoke(app, ["comptue"])
    assert command.exit_code == 2
    assert "错误：没有命令'comptue'。是否应为'compute'？" in command.output
    missing = runner.invoke(app, ["--no-color"])
    assert missing.exit_code == 2
    assert missing.output == (
        "用法：hrkpi [选项] 命令 [参数]...\n运行'hrkpi --help'查看帮助。\n\n错误：缺少命令。\n"
    )


def test_usage_errors_list_and_lead_as_every_other_error() -> None:
    # 'chek' is close to check and to schema: click names both, as one text
    # "'check', 'schema'"; in Chinese a list is joined with 、 as every message's.
    zh = runner.invoke(app, ["chek"])
    assert zh.exit_code == 2
    assert zh.output.endswith("\n错误：没有命令'chek'。是否应为'check'、'schema'？\n")
    # In English click's words, led by "error:" as an input error is, never "Error:".
    en = runner.invoke(app, ["--lang", "en", "chek"])
    assert en.exit_code == 2
    assert en.output == (
        "Usage: hrkpi [OPTIONS] COMMAND [ARGS]...\nTry 'hrkpi --help' for help.\n\n"
        "error: No such command 'chek'. Did you mean 'check', 'schema'?\n"
    )
    bad = runner.invoke(app, ["--lang", "en", "compute", "-d", "/nonexistent/data"])
    assert bad.exit_code == 2
    assert bad.output.startswith("error: /nonexistent/data: ")


def test_what_was_written_and_the_summary_in_each_language(tmp_path: Path) -> None:
    out = tmp_path / "t.csv"
    chinese = runner.invoke(app, ["export", "-o", str(out)])
    assert chinese.exit_code == 0, chinese.output
    assert chinese.stderr == f"已写入{out}（csv）\n"
    english = runner.invoke(app, ["export", "--lang", "en", "-o", str(out)])
    assert english.exit_code == 0, english.output
    assert english.stderr == f"wrote {out} (csv)\n"
    assert runner.invoke(app, ["validate"]).stdout == "校验通过：17个章节共142个指标，142个数字\n"
    ok = runner.invoke(app, ["validate"], env={"HRKPI_LANG": "en"})
    assert ok.stdout == "ok: 142 indicators in 17 sections, 142 stated figures\n"


def test_bad_input_ends_with_the_count_in_the_runs_language(mini: tuple[Path, Path]) -> None:
    ind, data = mini
    _replace(data / "d.yaml", "as_of: 2020-06-30", "as_of: 2020-06-31")
    args = ["check", "-i", str(ind), "-d", str(data)]
    chinese = runner.invoke(app, args)
    assert chinese.exit_code == 2
    assert chinese.output == (
        "错误：data/d.yaml:3:8: as_of: '2020-06-31'不是有效日期：2020-06只有30天\n"
        "共1个问题；未作任何计算。\n"
    )
    english = runner.invoke(app, [*args, "--lang", "en"])
    assert english.exit_code == 2
    assert english.output == (
        "error: data/d.yaml:3:8: as_of: '2020-06-31' is not a date: 2020-06 has 30 days\n"
        "1 problem found; nothing was computed.\n"
    )
    # validate computes nothing: its problems end with the validation that failed.
    args[0] = "validate"
    chinese = runner.invoke(app, args)
    assert chinese.exit_code == 2
    assert chinese.output == (
        "错误：data/d.yaml:3:8: as_of: '2020-06-31'不是有效日期：2020-06只有30天\n"
        "共1个问题；校验未通过。\n"
    )
    english = runner.invoke(app, [*args, "--lang", "en"])
    assert english.output.endswith("\n1 problem found; validation failed.\n")


def test_an_output_path_refused_in_chinese(tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "-o", str(tmp_path / "missing") + "/"])
    assert result.exit_code == 2
    assert result.stderr == (
        f"错误：无法写入{tmp_path / 'missing'}/：以斜杠结尾的名称是文件夹；"
        "请在其后加上文件名（如table.xlsx）\n"
    )
    folder = runner.invoke(app, ["export", "-o", str(tmp_path / "no" / "t.xlsx")])
    assert folder.exit_code == 2
    assert "：文件夹no不存在；请先创建" in folder.stderr


def test_hrkpi_lang_is_zh_or_en_for_every_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HRKPI_LANG", "fr")
    for args in (["validate"], ["schema", "data"], ["compute"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 2, args
        assert "HRKPI_LANG的值无效：'fr'不是'zh'、'en'之一" in result.output, result.output
    monkeypatch.setenv("HRKPI_LANG", "en")
    english = runner.invoke(app, ["compute", "--format", "csv", "--columns", "no,name"])
    assert english.exit_code == 0
    assert english.stdout.splitlines()[0] == "No.,Indicator"
    chinese = runner.invoke(app, ["compute", "--lang", "zh", "--format", "csv", "--columns", "no"])
    assert chinese.stdout.splitlines()[0] == "序号"


# A compute that waits, so Ctrl-C arrives mid-run (the real CLI, in its own process).
SLOW_COMPUTE = """
import sys, time
from pathlib import Path
import hrkpi.api

marker = Path(sys.argv[1])

def slow(*args, **kwargs):
    marker.write_text("started")
    time.sleep(60)

hrkpi.api.compute = slow
sys.argv = ["hrkpi", "compute", *sys.argv[2:]]
from hrkpi.cli import main
main()
"""


@pytest.mark.parametrize(
    ("args", "env", "said"),
    [
        ([], {}, "提示：已中断\n"),
        (["--lang", "en"], {}, "note: interrupted\n"),
        ([], {"HRKPI_LANG": "en"}, "note: interrupted\n"),
    ],
)
def test_ctrl_c_is_noted_in_the_runs_language(
    tmp_path: Path, args: list[str], env: dict[str, str], said: str
) -> None:
    marker = tmp_path / "started"
    src = str(Path(hrkpi.__file__).resolve().parents[1])  # absolute: this checkout's
    environ = {k: v for k, v in os.environ.items() if k != "HRKPI_LANG"}
    proc = subprocess.Popen(
        [sys.executable, "-c", SLOW_COMPUTE, str(marker), *args],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        env={**environ, "PYTHONPATH": src, "NO_COLOR": "1", **env},
    )
    deadline = time.monotonic() + 60
    while not marker.exists():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "compute never started"
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert err == said
