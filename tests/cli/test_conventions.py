"""The conventions of shell tools: colours only on a terminal and never with NO_COLOR
or --no-color, --debug for a traceback, --version, tab completion."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from tests.ptyrun import on_a_terminal
from typer.testing import CliRunner

import hrkpi.api
from hrkpi.cli import app
from hrkpi.core.version import __version__

# A foreground or background colour: SGR 30-37, 38;..., 39-47, 90-97, 100-107.
COLOUR = re.compile(r"\x1b\[(?:[0-9;]*;)?(?:3[0-9]|4[0-7]|9[0-7]|10[0-7])(?:;[0-9;]*)?m")


def _on_a_terminal(args: list[str], env: dict[str, str]) -> str:
    """Run hrkpi with stdout and stderr on a pseudo-terminal; return what it showed."""
    full_env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    full_env.update({"TERM": "xterm-256color", "COLUMNS": "120", **env})
    return on_a_terminal(args, full_env, tty_stdin=False, timeout=60)[1]


@pytest.mark.parametrize("args", [["compute"], ["compute", "-d", "/nonexistent/data"]])
def test_colours_on_a_terminal_and_never_with_no_color(args: list[str]) -> None:
    coloured = _on_a_terminal(args, {})
    assert COLOUR.search(coloured), "a terminal should get colours"
    english = {"HRKPI_LANG": "en"}
    for plain in (
        _on_a_terminal(args, {"NO_COLOR": "1", **english}),
        _on_a_terminal(["--no-color", *args], english),
    ):
        assert not COLOUR.search(plain), plain[:400]
        assert ("error: " in plain) == ("-d" in args)


def test_debug_shows_the_traceback_of_an_internal_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("a planted bug")

    monkeypatch.setattr(hrkpi.api, "compute", broken)
    runner = CliRunner()
    plain = runner.invoke(app, ["compute"], env={"HRKPI_LANG": "en"})
    assert plain.exit_code == 3
    assert "internal error: ZeroDivisionError: a planted bug" in plain.output
    assert "add --debug or set HRKPI_DEBUG=1" in plain.output
    assert "Traceback" not in plain.output
    for args, env in ((["--debug", "compute"], {}), (["compute"], {"HRKPI_DEBUG": "1"})):
        shown = runner.invoke(app, args, env=env)
        assert shown.exit_code == 3
        assert "Traceback (most recent call last)" in shown.output
        assert 'raise ZeroDivisionError("a planted bug")' in shown.output


def test_version() -> None:
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output == f"hrkpi {__version__}\n"


def test_tab_completion(tmp_path: Path) -> None:
    script = str(Path(sys.executable).with_name("hrkpi"))  # the console script users run
    env = {**os.environ, "_HRKPI_COMPLETE": "complete_bash", "COMP_WORDS": "hrkpi ex"}
    done = subprocess.run(
        [script],
        env={**env, "COMP_CWORD": "1"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.stdout.split() == ["export"]
    env["COMP_WORDS"] = "hrkpi export --for"
    done = subprocess.run(
        [script],
        env={**env, "COMP_CWORD": "2"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.stdout.split() == ["--format"]
    # --show-completion is a flag: typer finds the shell among the process's ancestors
    # (shellingham), so it is run from bash, as a user would, whatever runs the tests (a
    # run with no shell among its ancestors got "Shell  not supported.").
    shown = subprocess.run(
        ["bash", "-c", '"$0" --show-completion; exit $?', script],
        env={k: v for k, v in os.environ.items() if not k.startswith("_TYPER_COMPLETE")},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "complete -o default -F _hrkpi_completion hrkpi" in shown.stdout, shown.stderr


def test_a_shell_named_after_the_completion_option_is_the_one_used() -> None:
    # (whatever shell runs the tests: zsh's script, not the caller's)
    zsh = CliRunner().invoke(app, ["--show-completion", "zsh"])
    assert zsh.exit_code == 0 and zsh.output.startswith("#compdef hrkpi"), zsh.output
    fish = CliRunner().invoke(app, ["--show-completion", "FISH"])
    assert fish.exit_code == 0 and fish.output.startswith("complete --command hrkpi")


def test_a_shell_hrkpi_does_not_complete_is_bad_usage_in_the_runs_language() -> None:
    zh = CliRunner().invoke(app, ["--show-completion", "csh"])
    assert zh.exit_code == 2
    assert "hrkpi不为'csh'提供补全；请在该选项后写明shell：bash、zsh、fish、powershell或pwsh" in (
        zh.output
    )
    en = CliRunner().invoke(app, ["--lang", "en", "--install-completion", "csh"])
    assert en.exit_code == 2
    assert "Invalid value for '--install-completion': 'csh' is not a shell hrkpi" in en.output


def test_no_shell_found_asks_for_one(monkeypatch: pytest.MonkeyPatch) -> None:
    import typer._completion_shared

    monkeypatch.setattr(typer._completion_shared, "_get_shell_name", lambda: None)
    said = CliRunner().invoke(app, ["--show-completion"])
    assert said.exit_code == 2 and "无法判断运行hrkpi的是哪种shell；请在该选项后写明shell" in (
        said.output
    )


def test_installing_completion_says_where_in_chinese(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    done = CliRunner().invoke(app, ["--install-completion", "fish"])
    script = tmp_path / ".config" / "fish" / "completions" / "hrkpi.fish"
    assert done.exit_code == 0, done.output
    assert done.output == f"已为fish安装补全：{script}\n新打开的终端中即可使用补全。\n"
    assert "_HRKPI_COMPLETE=complete_fish" in script.read_text(encoding="utf-8")
