"""The progress bar's stages in the run's language: the library reports English keys
("reading data"), the CLI shows them as hrkpi.output.words.STAGES words them."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import pytest
from typer.testing import CliRunner

import hrkpi.output.terminal
from hrkpi.cli import app
from hrkpi.output.words import STAGES

runner = CliRunner()
REGIONAL = Path(__file__).resolve().parents[2] / "examples" / "regional"
LONG = ["-i", str(REGIONAL / "indicators"), "-d", str(REGIONAL / "long.csv")]


class _Bar:
    """Stands for the progress bar: keeps every stage it is shown."""

    shown: ClassVar[list[str]] = []

    def __enter__(self) -> _Bar:
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    def __call__(self, stage: str, done: int, total: int) -> None:
        _Bar.shown.append(stage)


@pytest.fixture
def bar(monkeypatch: pytest.MonkeyPatch) -> type[_Bar]:
    monkeypatch.delenv("HRKPI_LANG", raising=False)
    monkeypatch.setattr(hrkpi.output.terminal, "ProgressBar", lambda: _Bar())
    _Bar.shown = []
    return _Bar


RUNS = [
    ["compute"],
    ["check"],
    ["compute", "--series"],
    ["compute", "--series", "--engine", "fast", *LONG],
    ["check", "--engine", "fast", *LONG],
    ["compute", "--by", "region", "-i", str(REGIONAL / "indicators"), "-d", str(REGIONAL / "data")],
]


@pytest.mark.parametrize("args", RUNS, ids=" ".join)
def test_every_stage_is_shown_in_chinese_or_in_english(bar: type[_Bar], args: list[str]) -> None:
    chinese, english = {zh for zh, _ in STAGES.values()}, {en for _, en in STAGES.values()}
    assert runner.invoke(app, args).exit_code in (0, 1)
    assert bar.shown and set(bar.shown) <= chinese, bar.shown
    assert bar.shown[0] == "开始"
    bar.shown = []
    assert runner.invoke(app, [*args, "--lang", "en"]).exit_code in (0, 1)
    assert bar.shown and set(bar.shown) <= english, bar.shown


def test_a_stage_the_words_do_not_know_is_shown_as_named() -> None:
    from hrkpi.output.words import Lang, stage_label

    assert stage_label("reading data", Lang.ZH) == "读取数据"
    assert stage_label("reading data", Lang.EN) == "reading data"
    assert stage_label("weighing", Lang.ZH) == "weighing"
    assert all(zh != en for zh, en in STAGES.values())
