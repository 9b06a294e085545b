"""`--help` in Chinese by default, in English with --lang en or HRKPI_LANG=en.

Every string the help shows is looked up in one table (hrkpi/cli/helpzh.py): the
first test renders every command's help, records each lookup, and fails when a
string has no Chinese (listing the entries to add) or when an entry is shown
nowhere. The others check what a user reads: no English words left in the
Chinese help, lines that fit the terminal, and the language chosen as for every
other message.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from hrkpi.cli import app, helpzh
from hrkpi.cli.helptext import width_of, wrap

runner = CliRunner()
COMMANDS = [[], *([name] for name in get_command(app).commands)]  # type: ignore[attr-defined]


@pytest.fixture(autouse=True)
def _no_language_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HRKPI_LANG", raising=False)


def _help(args: list[str], width: int = 88, **kw: Any) -> str:
    result = runner.invoke(app, [*args, "--help"], terminal_width=width, prog_name="hrkpi", **kw)
    assert result.exit_code == 0, result.output
    return result.output


class _Recorded(dict[str, str]):
    def __init__(self, entries: dict[str, str]) -> None:
        super().__init__(entries)
        self.asked: list[str] = []

    def get(self, key: str, default: Any = None) -> Any:
        self.asked.append(key)
        return super().get(key, default)


def test_every_string_of_the_help_has_its_chinese_and_every_entry_is_shown(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    recorded = _Recorded(helpzh.ZH)
    monkeypatch.setattr(helpzh, "ZH", recorded)
    for args in COMMANDS:
        _help(args)
    missing = sorted({k for k in recorded.asked if k not in helpzh.ZH})
    assert not missing, "no Chinese for these (add to hrkpi/cli/helpzh.py):\n" + "\n".join(
        f"    {k!r}: 'TRANSLATE'," for k in missing
    )
    unused = sorted(set(helpzh.ZH) - set(recorded.asked))
    assert not unused, "entries no help shows any more (remove them):\n" + "\n".join(unused)


def test_each_chinese_entry_names_the_options_and_files_its_english_names() -> None:
    # "--by region: ..." must still say --by region; ".docx" and HRKPI_LANG stay as typed.
    names = re.compile(r"--[a-z][a-z-]*|\.[a-z]{2,4}(?![a-z])|HRKPI_[A-Z]+|::error")
    wrong = []
    for en, zh in helpzh.ZH.items():
        if sorted(names.findall(en)) != sorted(names.findall(zh)):
            wrong.append(f"{en!r}\n  -> {zh!r}")
        if en == zh and en != "YYYY-MM-DD":
            wrong.append(f"{en!r} is not translated")
    assert not wrong, "\n".join(wrong)


# Latin words a Chinese help may show: names of formats, programs and standards, the
# options' values as typed (after --by, in <a|b>), environment variables, examples.
_ALLOWED = """
hrkpi CSV csv YAML JSON Schema Excel Markdown markdown HTML html Word xlsx JUnit XML
Parquet UTF BOM GB shell FIFO NO_COLOR COLUMNS github text json docx pdf txt md
zh en days months indicator region hierarchy rank wide each full rounded three line
exact fast auto indicators data report findings check scan completion compute
export validate schema parent year target targets regions name error file col table yaml
YYYY MM DD bash zsh fish powershell pwsh
"""
ALLOWED = set(_ALLOWED.split())


def _latin_words(help_text: str) -> set[str]:
    words = set()
    for line in help_text.splitlines():
        if line.lstrip().startswith("hrkpi ") or "\\" in line:  # an example command
            continue
        line = re.sub(r"<[^>]*>|--?[a-z][a-z-]*|HRKPI_[A-Z_]+", " ", line)
        words |= set(re.findall(r"[A-Za-z][A-Za-z_]+", line))
    return words


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(["hrkpi", *a]))
def test_the_chinese_help_has_no_english_words(args: list[str]) -> None:
    text = _help(args)
    assert text.startswith("用法：hrkpi")
    assert "选项：\n" in text and "显示本帮助并退出。" in text
    assert _latin_words(text) <= ALLOWED, sorted(_latin_words(text) - ALLOWED)


def test_the_root_help_in_chinese_and_in_english_on_request() -> None:
    chinese = _help([])
    assert chinese.startswith(
        "用法：hrkpi [选项] 命令 [参数]...\n\n"
        "  把政府工作报告的指标写成代码：完成率、序时进度、增减变化、控制目标，以及每个所列数字是\n"
        "  否前后一致。\n"
    )
    assert "  compute   计算目标任务完成情况表：完成率、序时进度、增减变化和控制目标。\n" in chinese
    assert "[环境变量：HRKPI_DEBUG]" in chinese
    for english in (_help(["--lang", "en"]), _help([], env={"HRKPI_LANG": "en"})):
        assert english.startswith("Usage: hrkpi [OPTIONS] COMMAND [ARGS]...\n")
        assert "\nOptions:\n" in english and "\nCommands:\n" in english
        assert "  --help                Show this message and exit.\n" in english
        assert "[env var: HRKPI_DEBUG]" in english


@pytest.mark.parametrize(
    ("args", "env", "lang"),
    [
        (["compute"], {}, "zh"),
        (["compute", "--lang", "en"], {}, "en"),
        (["compute", "--lang", "EN"], {}, "en"),  # any case
        (["compute", "--lang=En"], {}, "en"),
        (["--lang", "en", "compute"], {}, "en"),  # the group's, for the command that follows
        (["--lang", "en", "compute", "--lang", "zh"], {}, "zh"),  # the command's own wins
        (["scan"], {"HRKPI_LANG": "en"}, "en"),
        (["scan", "--lang", "ZH"], {"HRKPI_LANG": "en"}, "zh"),
        (["validate"], {"HRKPI_LANG": "EN"}, "en"),
    ],
)
def test_the_language_of_a_commands_help(args: list[str], env: dict[str, str], lang: str) -> None:
    text = _help(args, env=env)
    command = next(a for a in args if not a.startswith("-") and a.lower() not in ("en", "zh"))
    if lang == "zh":
        assert text.startswith(f"用法：hrkpi {command} [选项]")
        assert "\n  示例：\n    hrkpi " in text
    else:
        assert text.startswith(f"Usage: hrkpi {command} [OPTIONS]")
        assert "\n  Example" in text


def test_lang_in_any_case_runs_the_command_in_that_language() -> None:
    english = runner.invoke(app, ["compute", "--lang", "EN", "-f", "csv", "--columns", "no,name"])
    assert english.exit_code == 0, english.output
    assert english.stdout.splitlines()[0] == "No.,Indicator"
    chinese = runner.invoke(
        app, ["--lang", "Zh", "validate"], env={"HRKPI_LANG": "en"}
    )  # the group's --lang over the environment, for the command that follows
    assert chinese.stdout == "校验通过：17个章节共142个指标，142个数字\n"
    refused = runner.invoke(app, ["compute", "--lang", "fr"])
    assert refused.exit_code == 2
    assert "'fr'不是'zh'、'en'之一" in refused.output


def test_an_argument_and_its_placeholder_in_chinese() -> None:
    scan = _help(["scan"])
    assert scan.startswith("用法：hrkpi scan [选项] 文件...\n")
    assert "\n参数：\n  文件...  报告文件：.txt或.md（UTF-8或GB18030）、.html、.docx、" in scan
    assert "[必填]" in scan
    assert "  --write-data 目录 " in scan
    schema = _help(["schema"])
    assert schema.startswith("用法：hrkpi schema [选项] [类型]\n")
    assert "[默认：indicators]" in schema
    english = _help(["scan"], env={"HRKPI_LANG": "en"})
    assert english.startswith("Usage: hrkpi scan [OPTIONS] FILE...\n")
    assert "\nArguments:\n  FILE...  Report files:" in english


@pytest.mark.parametrize("width", [88, 60])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_line_fits_the_terminal(width: int, lang: str) -> None:
    for args in COMMANDS:
        for line in _help(args, width=width, env={"HRKPI_LANG": lang}).splitlines():
            assert width_of(line) <= width, (args, line)
            assert not re.match(r"\s*[，。、；：）]", line), (args, line)  # no line starts so


def test_wrapping_counts_a_chinese_character_as_two_columns() -> None:
    # 10 columns hold five characters; a closing mark stays with the word it closes.
    assert wrap("计算完成情况表：完成率", 10) == ["计算完成情", "况表：完成", "率"]
    assert wrap("（完成率）和进度", 8) == ["（完成", "率）和进", "度"]  # nor ends with （
    assert wrap("use --engine exact 或者", 12) == ["use --engine", "exact 或者"]
    assert wrap("a-very-long-path-name", 8) == ["a-very-l", "ong-path", "-name"]
    assert width_of("完成率 ok") == 9
