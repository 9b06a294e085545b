"""What a user installs: the wheel's metadata, its license, one version everywhere,
and the README's commands for an activated environment."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest
from tests.conftest import ROOT

from hrkpi.core.version import __version__


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(out)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    (path,) = out.glob("hrkpi-*.whl")
    return zipfile.ZipFile(path)


def _metadata(wheel: zipfile.ZipFile) -> tuple[dict[str, list[str]], str]:
    name = next(n for n in wheel.namelist() if n.endswith(".dist-info/METADATA"))
    message = Parser().parsestr(wheel.read(name).decode("utf-8"))
    fields: dict[str, list[str]] = {}
    for key, value in message.items():
        fields.setdefault(key, []).append(value)
    return fields, name


def test_the_wheel_says_what_it_is(wheel: zipfile.ZipFile) -> None:
    meta, _ = _metadata(wheel)
    assert meta["Version"] == [__version__]  # the one source, core/version.py
    assert meta["License-Expression"] == ["MIT"]
    assert "Typing :: Typed" in meta["Classifier"]
    assert "Natural Language :: Chinese (Simplified)" in meta["Classifier"]
    urls = dict(u.split(", ", 1) for u in meta["Project-URL"])
    assert set(urls) >= {"Homepage", "Repository", "Documentation", "Issues", "Changelog"}
    names = wheel.namelist()
    assert "hrkpi/py.typed" in names
    assert any(n.endswith("licenses/LICENSE") for n in names)
    assert "hrkpi/bundled/data/2020H1_xiamen.yaml" in names  # the default report travels
    assert "hrkpi/core/messages_zh.yaml" in names  # every message's Chinese travels too
    assert "hrkpi/output/schema_zh.yaml" in names  # and the schemas' descriptions'
    assert "hrkpi/output/schema_titles_zh.yaml" in names  # and their titles'


def test_license_is_mit_as_declared() -> None:
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License") and "WITHOUT WARRANTY OF ANY KIND" in text


def test_the_version_has_one_source() -> None:
    import importlib.metadata

    assert importlib.metadata.version("hrkpi") == __version__
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'dynamic = ["version"]' in pyproject and "\nversion =" not in pyproject
    assert re.search(rf"^## {re.escape(__version__)}$", _changelog(), re.M)


def _changelog() -> str:
    return (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")


def test_readme_says_how_to_activate_the_environment() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert ". .venv/bin/activate" in readme
    assert ".venv\\Scripts\\activate" in readme  # Windows
    start = readme.index(". .venv/bin/activate")
    assert readme.index("## Use") > start  # before the commands that need it


def test_readme_shows_github_annotations_and_pre_commit() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "--format github" in readme and "::error file=" in readme
    assert "id: hrkpi-validate" in readme and "id: hrkpi-check" in readme


def test_docs_images_exist() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for image in re.findall(r"!\[[^]]*\]\(([^)]+)\)", readme):
        assert (ROOT / image).is_file(), image
    assert (ROOT / "CHANGELOG.md").is_file() and Path(ROOT / "LICENSE").is_file()


def test_the_installed_package_runs_outside_the_repository(
    wheel: zipfile.ZipFile, tmp_path: Path
) -> None:
    # As after `pip install .` (not editable): the package in site-packages, run from
    # a folder of the user's. The bundled report's files are named from the package
    # (hrkpi/bundled/...), not by a climb of ../.. into site-packages.
    site = tmp_path / "site-packages"
    wheel.extractall(site)
    elsewhere = tmp_path / "work"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("HRKPI_")}
    env["PYTHONPATH"] = str(site)  # absolute, and before this checkout's src
    run = subprocess.run(
        [sys.executable, "-m", "hrkpi", "check"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    first = run.stdout.splitlines()[0]
    assert first.startswith("hrkpi/bundled/data/2020H1_xiamen.yaml:12: 一致 完成率"), first
    assert "site-packages" not in run.stdout and ".." not in run.stdout.split(":")[0]
    # The README's regional example needs the clone (examples/ is not installed).
    assert not (site / "examples").exists()
