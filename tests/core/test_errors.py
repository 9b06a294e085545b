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
    # Outside it, relative still ("../other/x.yaml"), never absolute: a path in a JSON
    # report or a JUnit file handed on would name the user's own folders.
    elsewhere = tmp_path.parent / "other" / "x.yaml"
    assert display_path(elsewhere) == os.path.join(os.pardir, "other", "x.yaml")


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
