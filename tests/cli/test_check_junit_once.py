"""`hrkpi check --junit FILE` with text: each finding built once for both outputs,
both byte for byte what each prints alone."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from tests.checkfiles import INDICATORS
from tests.conftest import write
from typer.testing import CliRunner

import hrkpi
from hrkpi.checks.findings import Finding
from hrkpi.cli import app
from hrkpi.fast.findstore import ColumnFindings

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
    """How many findings the fast path builds, one entry per built chunk."""
    built: list[int] = []
    chunk = ColumnFindings._chunk

    def counted(self: ColumnFindings, start: int, stop: int) -> list[Finding]:
        made = chunk(self, start, stop)
        built.append(len(made))
        return made

    monkeypatch.setattr(ColumnFindings, "_chunk", counted)
    return built


# Four rows, four findings. The text alone builds those it lists (the two problems
# under --problems-only); with the JUnit file every finding is built once for both. The
# GitHub annotations come first on stdout, so they read every finding on their own.
@pytest.mark.parametrize(
    ("extra", "alone_builds", "both_builds"),
    [
        ([], 4, 4),
        (["--problems-only"], 2, 4),
        (["--format", "github"], 4 + 2, 4 + 4),
        (["--lang", "en", "--strict"], 4, 4),
    ],
)
def test_each_finding_is_built_once_for_text_and_junit(
    tmp_path: Path, builds: list[int], extra: list[str], alone_builds: int, both_builds: int
) -> None:
    args = [*_project(tmp_path), *extra]
    alone = runner.invoke(app, args)
    assert alone.exit_code == 1, alone.output  # 52.60 and 4.60% are problems
    text_builds = sum(builds)
    junit = tmp_path / "out.xml"
    xml_alone = runner.invoke(app, [*args, "--format", "json", "--junit", str(junit)])
    assert xml_alone.exit_code == 1
    expected_xml = junit.read_bytes()
    junit.unlink()
    builds.clear()
    both = runner.invoke(app, [*args, "--junit", str(junit)])
    assert both.exit_code == 1, both.output
    assert text_builds == alone_builds
    assert sum(builds) == both_builds  # before: the JUnit file built all four again
    assert both.stdout == alone.stdout
    assert junit.read_bytes() == expected_xml


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
