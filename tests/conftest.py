"""Shared test helpers: paths of the bundled report and small file builders."""

from __future__ import annotations

import os
import textwrap
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from hrkpi.core.messages import use_language

# Hypothesis' per-example deadline is a wall-clock limit: on a loaded CI machine a case
# of a few milliseconds took hundreds and failed the run. Speed is measured in
# benchmarks/, never asserted in tests, so no test keeps the deadline.
settings.register_profile("hrkpi", deadline=None)
settings.load_profile("hrkpi")

# The terminal's size is the test's to give: pytest-xdist's workers inherit COLUMNS=80
# from execnet, which narrows the tables that CliRunner's output (a pipe) draws at 160.
for _told in ("COLUMNS", "LINES"):
    os.environ.pop(_told, None)

ROOT = Path(__file__).resolve().parents[1]
INDICATORS = ROOT / "indicators"
DATA = ROOT / "data"


def write(path: Path, text: str) -> Path:
    """Write dedented text (UTF-8) and return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def sheet_renamed(book: Path, old: str, new: str) -> Path:
    """The workbook with its sheet `old` named `new` in its workbook.xml: a name Excel and
    openpyxl refuse to write ([, ], :) but other tools save and openpyxl reads."""
    shown = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}
    name = "".join(shown.get(c, c) for c in new)
    parts = {}
    with zipfile.ZipFile(book) as z:
        for info in z.infolist():
            parts[info.filename] = z.read(info.filename)
    before = f'name="{old}"'.encode()
    assert parts["xl/workbook.xml"].count(before) == 1
    parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(before, f'name="{name}"'.encode())
    with zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as z:
        for filename, data in parts.items():
            z.writestr(filename, data)
    return book


@pytest.fixture(autouse=True, scope="session")
def _load_cache_of_the_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The bundled report's load cache (hrkpi.sources.loadcache) in a folder of the
    run's own, not the user's: child processes inherit it."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HRKPI_CACHE_DIR", str(tmp_path_factory.mktemp("hrkpi-cache")))
        yield


@pytest.fixture(autouse=True)
def _work_in_tmp_path(request: pytest.FixtureRequest) -> None:
    """A test with files of its own runs in their folder, as a user would: hrkpi shows
    paths relative to the working directory, so messages read "data/d.yaml:3:8"."""
    if "tmp_path" in request.fixturenames:
        tmp = request.getfixturevalue("tmp_path")
        request.getfixturevalue("monkeypatch").chdir(tmp)


# Library tests assert the English templates of messages (the msgids, as the code
# writes them); the Chinese wording is asserted in tests/core/test_messages.py and
# through the CLI, whose default it is.
_ENGLISH_DIRS = {"core", "sources", "engine", "checks", "fast", "output", "hostile"}


@pytest.fixture
def english() -> Iterator[None]:
    """Messages rendered in English, chosen in-process (as --lang does), not through
    HRKPI_LANG: a command run through the runner keeps its own default, Chinese."""
    with use_language("en"):
        yield


@pytest.fixture(autouse=True)
def _library_messages_in_english(request: pytest.FixtureRequest) -> None:
    if request.path.parent.name in _ENGLISH_DIRS and request.path.name != "test_messages.py":
        request.getfixturevalue("english")


@pytest.fixture
def mini(tmp_path: Path) -> tuple[Path, Path]:
    """A tiny valid project: one section, three indicators, one data file."""
    ind = write(
        tmp_path / "indicators" / "a.yaml",
        """
        sections:
          - id: s1
            code: 一
            title: 就业
        indicators:
          - id: jobs
            name: 再就业
            section: s1
            unit: 万人
            measure: flow
            target: "4"
          - id: rate
            name: 失业率
            section: s1
            unit: "%"
            measure: rate
            direction: lower
            thresholds:
              - word: 以内
                value: "4"
          - id: insured
            name: 参保人数
            section: s1
            unit: 万人
            measure: stock
        """,
    )
    data = write(
        tmp_path / "data" / "d.yaml",
        """
        source: 测试报告
        region: 测试市
        as_of: 2020-06-30
        figures:
          jobs:
            value: 4.22
            completion: 105.5
          rate:
            value: 3.56
          insured:
            value: 323.27
            changes:
              - base: same_period_last_year
                pct: 6.38
        """,
    )
    return ind.parent, data.parent


def made_by(monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> list[Any]:
    """Every object `module.name` (a class) makes while the test runs, in order: the
    class replaced in its module by a maker that keeps them."""
    made: list[Any] = []
    real = getattr(module, name)

    def spied(*args: Any, **kwargs: Any) -> Any:
        made.append(real(*args, **kwargs))
        return made[-1]

    monkeypatch.setattr(module, name, spied)
    return made


@pytest.fixture
def column_words(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Every `ColumnWords` the run makes (hrkpi.output.columnwords), kept to count what
    it worded from columns (`worded`) and built in full (`built`)."""
    from hrkpi.output import columnwords

    return made_by(monkeypatch, columnwords, "ColumnWords")


@pytest.fixture
def column_cases(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Every `ColumnCases` the run makes (hrkpi.output.columncases), kept to count what
    the columns made (`worded`)."""
    from hrkpi.output import columncases

    return made_by(monkeypatch, columncases, "ColumnCases")
