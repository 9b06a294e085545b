"""`.pre-commit-hooks.yaml` works for a repository of indicators: pre-commit itself
installs hrkpi from this repository and runs both hooks."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from tests.conftest import DATA, INDICATORS, ROOT


@pytest.fixture(scope="module")
def indicators_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A user's git repository holding indicators/ and data/ (the bundled report's)."""
    repo = tmp_path_factory.mktemp("indicators-repo")
    shutil.copytree(INDICATORS, repo / "indicators")
    shutil.copytree(DATA, repo / "data")
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    return repo


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """pre-commit's cache: the hook environment is built once for the module."""
    return tmp_path_factory.mktemp("pre-commit-home")


def _try(repo: Path, home: Path, hook: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), hook, "--all-files"],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"},
    )


def test_the_hooks_are_declared() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [h["id"] for h in hooks] == ["hrkpi-validate", "hrkpi-check"]
    for hook in hooks:
        assert hook["language"] == "python" and hook["pass_filenames"] is False
        assert hook["entry"].startswith(f"hrkpi {hook['id'].removeprefix('hrkpi-')} ")


def test_both_hooks_pass_on_a_consistent_report(indicators_repo: Path, home: Path) -> None:
    for hook in ("hrkpi-validate", "hrkpi-check"):
        done = _try(indicators_repo, home, hook)
        assert done.returncode == 0, done.stdout + done.stderr
        assert "Passed" in done.stdout


def test_the_check_hook_fails_on_a_misstated_figure(indicators_repo: Path, home: Path) -> None:
    data = indicators_repo / "data" / "2020H1_xiamen.yaml"
    text = data.read_text(encoding="utf-8")
    data.write_text(text.replace("completion: 105.5\n", "completion: 107.5\n", 1), "utf-8")
    subprocess.run(["git", "add", "-A"], cwd=indicators_repo, check=True)
    done = _try(indicators_repo, home, "hrkpi-check")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "hrkpi check" in done.stdout and "Failed" in done.stdout
    assert "data/2020H1_xiamen.yaml:12: 不一致 完成率：失业人员再就业完成率107.5%" in done.stdout
    assert "陈述值107.5%；可一致的陈述值：105.4%至105.6%" in done.stdout
