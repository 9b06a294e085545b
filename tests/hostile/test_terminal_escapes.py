"""A name carrying terminal escapes (a YAML "\\e]0;title\\a\\e[2J") never reaches a
terminal as escapes, whether the data is accepted or refused."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from tests.conftest import write
from tests.hostile.bounded import run
from tests.ptyrun import on_a_terminal

# Anything but colour (SGR): a title (OSC), screen clearing, cursor movement, a bell.
NOT_COLOUR = re.compile(r"\x1b(?!\[[0-9;]*m)|[\x00-\x08\x0b\x0c\x0e-\x1a\x1c-\x1f\x7f]")


@pytest.fixture(scope="module")
def escapes(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("escapes")
    ind = write(
        root / "indicators" / "a.yaml",
        r"""
        indicators:
          - id: jobs
            name: "再就业\e]0;pwned\a\e[2J\e[H"
            unit: 人
            measure: flow
            target: "4000"
        """,
    )
    data = write(
        root / "data" / "d.yaml",
        r"""
        source: "测试\e]52;c;ZXZpbA==\a"
        region: "厦门\e[1A"
        as_of: 2020-06-30
        figures:
          jobs:
            value: 2100
        """,
    )
    return ind.parent, data.parent


COMMANDS = [
    ["compute"],
    ["compute", "-f", "markdown"],
    ["compute", "-f", "csv"],
    ["check"],
    ["validate"],
    ["export", "-f", "markdown", "-o", "-"],
    ["export", "-f", "csv", "-o", "-"],
    ["export", "-f", "csv", "-o", "/dev/stdout"],
]


def _on_a_terminal(args: list[str]) -> tuple[int, str]:
    env = {**os.environ, "TERM": "xterm", "COLUMNS": "120"}
    return on_a_terminal(args, env, tty_stdin=False, timeout=60)


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_no_escape_reaches_a_terminal(escapes: tuple[Path, Path], command: list[str]) -> None:
    ind, data = escapes
    code, shown = _on_a_terminal([*command, "-i", str(ind), "-d", str(data)])
    assert code in (0, 1, 2), shown
    assert "Traceback" not in shown
    assert not NOT_COLOUR.search(shown), repr(shown[:2000])


@pytest.mark.parametrize("command", [c for c in COMMANDS if "csv" not in c], ids=" ".join)
def test_no_escape_in_text_for_people_when_piped(
    escapes: tuple[Path, Path], command: list[str]
) -> None:
    ind, data = escapes
    ran = run([*command, "-i", str(ind), "-d", str(data)])
    assert ran.code in (0, 1, 2), ran.stderr
    shown = ran.stdout.decode("utf-8") + ran.stderr
    assert not NOT_COLOUR.search(shown.replace("\r\n", "\n")), repr(shown[:2000])
