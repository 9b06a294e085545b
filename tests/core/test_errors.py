"""How paths are shown in messages and outputs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import hrkpi
from hrkpi.core.errors import display_path

PACKAGE = Path(hrkpi.__file__).resolve().parent


def test_paths_are_relative_to_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert display_path(tmp_path / "d" / "x.yaml") == os.path.join("d", "x.yaml")
    assert display_path("d/x.yaml") == os.path.join("d", "x.yaml")
    assert display_path("./d/x.yaml") == os.path.join("d", "x.yaml")


def test_a_path_outside_the_working_directory_is_shown_as_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Data at /tmp/.../other/x.yaml, run from a folder beside it: the absolute path,
    # never "../other/x.yaml" climbing out of the working directory.
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    elsewhere = tmp_path / "other" / "x.yaml"
    assert display_path(elsewhere) == str(elsewhere)
    assert display_path(str(elsewhere)) == str(elsewhere)
    # Given relative, it stays as the user wrote it.
    assert display_path("../other/x.yaml") == os.path.join(os.pardir, "other", "x.yaml")


def test_from_the_root_an_absolute_path_keeps_its_slash(monkeypatch: pytest.MonkeyPatch) -> None:
    # Run from /, /tmp/x/data.csv was shown as tmp/x/data.csv.
    root = Path(os.path.abspath(os.sep))
    monkeypatch.chdir(root)
    given = root / "tmp" / "x" / "data.csv"
    assert display_path(given) == str(given)
    relative = os.path.join("tmp", "x", "data.csv")
    assert display_path(relative) == relative


def test_a_file_inside_the_installed_package_is_shown_from_its_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # After `pip install .` the bundled report lives in site-packages/hrkpi/bundled;
    # "../../.venv/lib/python3.11/site-packages/hrkpi/bundled/..." says nothing useful.
    monkeypatch.chdir(tmp_path)
    bundled = PACKAGE / "bundled" / "data" / "2020H1_xiamen.yaml"
    assert display_path(bundled) == "hrkpi/bundled/data/2020H1_xiamen.yaml"
    assert display_path(PACKAGE / "core" / "messages_zh.yaml") == "hrkpi/core/messages_zh.yaml"
    # From inside the package's folder, the plain relative path.
    monkeypatch.chdir(PACKAGE)
    assert display_path(PACKAGE / "core" / "errors.py") == os.path.join("core", "errors.py")
