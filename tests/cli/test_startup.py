"""What start-up leaves out: the pydantic adapter of an option whose value is plain,
the commands a run does not name, and (in hrkpi's own process only) the collector's
walks over what start-up made. Each keeps what a user sees unchanged."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer.main
from typer.testing import CliRunner

import hrkpi
import hrkpi.cli.coerce
from hrkpi.cli import _invoked, app
from hrkpi.cli.coerce import _Plain

runner = CliRunner()

# The plain coercion replaces typer's own only where typer has the internals it builds
# on (typer._coercion, from 0.29); an older typer keeps its coercion and has no adapter
# to compare with, and the rest of the suite runs on it as on any other.
needs_typers_adapter = pytest.mark.skipif(
    not hrkpi.cli.coerce._INTERNALS, reason="this typer coerces without pydantic adapters"
)


def _params() -> list[tuple[Any, Any]]:
    """(command context, parameter) for every typer option of every command."""
    group = typer.main.get_command(app)
    found = []
    for command in [group, *group.commands.values()]:  # type: ignore[attr-defined]
        ctx = command.make_context(command.name, ["--help"], resilient_parsing=True)
        found += [(ctx, p) for p in command.params if hasattr(p, "type_descriptor")]
    return found


def _values(param: Any, paths: list[str]) -> list[Any]:
    values: list[Any] = [None, param.default, "text", "", "ZH", "en", "Days", "csv", *paths]
    choices = param.type_descriptor.choices or ()
    for choice in choices:
        values += [choice, choice.value, choice.value.upper()]
    return values


def _outcome(coerce: Any, value: Any, param: Any, ctx: Any) -> tuple[str, Any]:
    try:
        return "value", coerce(value, param=param, ctx=ctx)
    except Exception as exc:  # the message and kind a user would see
        return type(exc).__name__, str(exc)


@needs_typers_adapter
def test_every_option_takes_every_value_as_typers_adapter_does(tmp_path: Path) -> None:
    from typer._coercion import build_runtime_param

    # Paths as given on a command line: a file, a folder, one that does not exist, "-".
    (tmp_path / "data.csv").write_text("indicator,value\n", encoding="utf-8")
    paths = [str(tmp_path / "data.csv"), str(tmp_path), str(tmp_path / "missing.csv"), "-"]
    compared = 0
    for ctx, param in _params():
        plain = _Plain(param.type_descriptor)
        typers = build_runtime_param(param.type_descriptor)
        for value in _values(param, paths):
            got = _outcome(plain.coerce, value, param, ctx)
            assert got == _outcome(typers.coerce, value, param, ctx), (param.name, value)
            if got[0] == "value" and got[1] is not None:
                assert type(got[1]) is type(_outcome(typers.coerce, value, param, ctx)[1])
            compared += 1
    assert compared > 800  # six commands, their options, and the group's


@needs_typers_adapter
def test_a_default_run_builds_no_adapter_and_a_bad_value_is_typers_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from typer._coercion import build_runtime_param

    built: list[Any] = []

    def counting(descriptor: Any) -> Any:
        built.append(descriptor)
        return build_runtime_param(descriptor)

    monkeypatch.setattr(hrkpi.cli.coerce, "build_runtime_param", counting)
    result = runner.invoke(app, ["compute", "--lang", "EN", "--format", "csv"])
    assert result.exit_code == 0 and "completion" in result.output.lower()
    assert built == []
    result = runner.invoke(app, ["compute", "--lang", "en", "--format", "yaml"])
    assert result.exit_code == 2
    assert "'yaml' is not one of 'table', 'json', 'csv', 'markdown'" in result.output
    assert len(built) == 1  # the one value that is no choice went to typer's adapter


@pytest.mark.parametrize(
    ("argv", "command"),
    [
        (["compute"], "compute"),
        (["check", "--lang", "en"], "check"),
        (["--lang", "en", "--no-color", "--debug", "export", "out.xlsx"], "export"),
        (["--lang=en", "scan", "report.txt"], "scan"),
        (["--lang", "compute"], None),  # compute is --lang's value: no command named
        (["--help", "compute"], None),  # the group's help lists every command
        (["--version"], None),
        (["comput"], None),  # misspelt: the group suggests among them all
        (["--", "compute"], None),
        ([], None),
    ],
)
def test_which_command_a_run_names(argv: list[str], command: str | None) -> None:
    assert _invoked(argv) == command


def test_shell_completion_sees_every_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_HRKPI_COMPLETE", "complete_bash")
    assert _invoked(["compute"]) is None


def test_a_run_through_the_runner_freezes_nothing() -> None:
    before = gc.get_freeze_count()
    assert runner.invoke(app, ["compute", "--format", "csv"]).exit_code == 0
    assert gc.get_freeze_count() == before  # only hrkpi's own process (main) freezes


def _child(args: list[str]) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "NO_COLOR", "FORCE_COLOR")}
    src = str(Path(hrkpi.__file__).resolve().parents[1])
    return subprocess.run(
        [sys.executable, "-m", "hrkpi", *args],
        capture_output=True,
        text=True,
        env={**env, "PYTHONPATH": src, "HRKPI_LANG": "en"},
        timeout=120,
    )


@pytest.mark.parametrize(
    "args",
    [
        ["compute", "--format", "markdown"],  # one command built: the same table
        ["--lang", "zh", "compute", "--format", "csv"],
        ["check", "--problems-only"],
        ["comput"],  # every command built: the same suggestion
        ["compute", "--format", "yaml"],
    ],
)
def test_hrkpi_itself_says_what_the_whole_app_says(args: list[str]) -> None:
    child = _child(args)
    whole = CliRunner().invoke(app, args, env={"HRKPI_LANG": "en"}, prog_name="python -m hrkpi")
    assert child.returncode == whole.exit_code
    assert child.stdout + child.stderr == whole.output
