"""`hrkpi check --junit FILE` beside text, JSON or GitHub annotations: each finding
built once for both outputs, both byte for byte what each writes alone."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest
from tests.checkfiles import INDICATORS
from tests.conftest import write
from typer.testing import CliRunner

import hrkpi
from hrkpi.checks.findings import Finding
from hrkpi.cli import app
from hrkpi.fast.findstore import Maker
from hrkpi.output.checktext import to_text
from hrkpi.output.controls import visible
from hrkpi.output.github import check_annotations
from hrkpi.output.junit import to_junit
from hrkpi.output.words import Lang

runner = CliRunner()

# 2100 / 4000 = 52.50% (consistent); 52.60 is not; 4.60% misses its 4.50% ceiling,
# 3.20% meets it: five findings, two of them problems. One region (no borrowed target).
ROWS = """
indicator,region,period,value,completion,quote
jobs,甲,2021-01/06,2100,52.50,再就业2100人，完成年度目标的52.50%
jobs,甲,2021-01/03,2100,52.60,再就业2100人，完成52.60%
rate,甲,2021-06,4.60,,失业率4.60%
rate,甲,2021-03,3.20,,失业率3.20%
"""


def _project(tmp_path: Path) -> list[str]:
    ind = write(tmp_path / "indicators" / "a.yaml", INDICATORS)
    data = write(tmp_path / "data" / "d.csv", ROWS)
    return ["check", "-i", str(ind.parent), "-d", str(data.parent), "--engine", "fast"]


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many findings the fast path builds, one entry per built chunk (the text
    builds one finding of each kind it words from columns, and the rest:
    hrkpi.output.columnwords)."""
    built: list[int] = []
    make = Maker.make

    def counted(self: Maker, chunk: pl.DataFrame) -> list[Finding]:
        made = make(self, chunk)
        built.append(len(made))
        return made

    monkeypatch.setattr(Maker, "make", counted)
    return built


def _reference(tmp_path: Path, lang: Lang, strict: bool, unchecked: bool) -> bytes:
    """The JUnit file as the writer alone makes it (`iter_junit` on the API's report)."""
    report = hrkpi.check(tmp_path / "indicators", tmp_path / "data", engine="fast")
    return to_junit(report, lang=lang, strict=strict, unchecked=unchecked).encode("utf-8")


# Four rows, four findings. Alone, each output reads those it lists (the two problems
# under --problems-only, and the GitHub annotations, which are of problems only; the
# full text builds the two problems and one finding of each kind it words from columns,
# here the other two: hrkpi.output.columnwords); with the JUnit file every finding is
# read once for both (before: text and JUnit apart with JSON, the annotations and again
# the problems' text with --format github). With --format github the annotations build
# the problems they annotate, and the cases are made from columns as the text is
# (hrkpi.output.columncases: the two problems again and one finding of each kind made
# from columns), not every finding built for the XML alone.
@pytest.mark.parametrize(
    ("extra", "alone_builds", "junit_builds"),
    [
        ([], 4, 4),
        (["--problems-only"], 2, 4),
        (["--format", "json"], 4, 4),
        (["--format", "json", "--problems-only"], 2, 4),
        (["--format", "github"], 2, 6),
        (["--format", "github", "--fail-unchecked"], 4, 6),
        (["--lang", "en", "--strict"], 4, 4),
        (["--format", "json", "--lang", "en", "--strict"], 4, 4),
    ],
)
def test_each_finding_is_built_once_for_every_output(
    tmp_path: Path, builds: list[int], extra: list[str], alone_builds: int, junit_builds: int
) -> None:
    args = [*_project(tmp_path), *extra]
    alone = runner.invoke(app, args)
    assert alone.exit_code == 1, alone.output  # 52.60 and 4.60% are problems
    assert sum(builds) == alone_builds
    builds.clear()
    junit = tmp_path / "out.xml"
    both = runner.invoke(app, [*args, "--junit", str(junit)])
    assert both.exit_code == 1, both.output
    assert sum(builds) == junit_builds
    assert both.stdout == alone.stdout
    lang = Lang.EN if "en" in extra else Lang.ZH
    expected = _reference(tmp_path, lang, "--strict" in extra, "--fail-unchecked" in extra)
    assert junit.read_bytes() == expected
    assert expected.count(b"<testcase ") == 4


def test_github_prints_the_annotations_then_the_problems(tmp_path: Path) -> None:
    # The same bytes as the two writers alone, one after the other.
    out = runner.invoke(app, [*_project(tmp_path), "--format", "github"])
    assert out.exit_code == 1, out.output
    report = hrkpi.check(tmp_path / "indicators", tmp_path / "data", engine="fast")
    annotations = check_annotations(report)
    assert annotations.count("::error ") == 2  # 52.60 and 4.60%
    assert out.stdout == annotations + visible(to_text(report, problems_only=True))


def _run(args: list[str]) -> subprocess.CompletedProcess[str]:
    src = str(Path(hrkpi.__file__).resolve().parents[1])  # absolute: this checkout's
    env = {k: v for k, v in os.environ.items() if k != "HRKPI_LANG"}
    return subprocess.run(
        [sys.executable, "-m", "hrkpi", *args],
        capture_output=True,
        text=True,
        env={**env, "PYTHONPATH": src},
        check=False,
    )


def test_junit_to_stdout_is_written_whole_before_the_text(tmp_path: Path) -> None:
    args = _project(tmp_path)
    text = _run(args).stdout
    xml = _run([*args, "--format", "json", "--junit", "-"]).stdout
    xml = xml[: xml.index("</testsuites>\n") + len("</testsuites>\n")]
    both = _run([*args, "--junit", "-"])
    assert both.returncode == 1, both.stderr
    assert xml.count("<testcase ") == 4
    assert both.stdout == xml + text
