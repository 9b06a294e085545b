"""Every export is atomic: on any failure the target is untouched and nothing is left."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest

import hrkpi.output.xlsx as xlsx_module
from hrkpi.core.errors import ExportError, UsageError
from hrkpi.engine.report import Report
from hrkpi.output.atomic import write_atomic
from hrkpi.output.files import ExportFormat, export_report

FORMATS = ["xlsx", "csv", "md", "json", "html"]


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize("suffix", FORMATS)
def test_each_format_writes_one_file_and_no_temp(
    bundled: Report, tmp_path: Path, suffix: str
) -> None:
    out = export_report(bundled, tmp_path / f"table.{suffix}")
    assert out == (tmp_path / f"table.{suffix}").absolute()
    assert _listing(tmp_path) == [f"table.{suffix}"]
    mode = stat.S_IMODE(out.stat().st_mode)
    umask = os.umask(0)
    os.umask(umask)
    assert mode == 0o666 & ~umask  # not the 0600 of a temp file


def test_failure_in_the_middle_of_an_xlsx_leaves_the_old_file(
    bundled: Report, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "table.xlsx"
    target.write_bytes(b"the old table")
    real_save = xlsx_module.Workbook.save

    def save_then_fail(self: Any, handle: Any) -> None:
        real_save(self, handle)  # the zip is fully written to the temp file ...
        handle.write(b"partial")
        raise RuntimeError("disk on fire")  # ... and then the export fails

    monkeypatch.setattr(xlsx_module.Workbook, "save", save_then_fail)
    with pytest.raises(RuntimeError, match="disk on fire"):
        export_report(bundled, target)
    assert target.read_bytes() == b"the old table"
    assert _listing(tmp_path) == ["table.xlsx"]


def test_a_value_that_cannot_be_written_leaves_no_file(
    bundled: Report, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = {"n": 0}
    real = xlsx_module.excel_value

    def fail_on_the_40th(cell: Any) -> float:
        calls["n"] += 1
        if calls["n"] == 40:
            raise ExportError("the figure cannot be stored exactly in an Excel cell")
        return real(cell)

    monkeypatch.setattr(xlsx_module, "excel_value", fail_on_the_40th)
    with pytest.raises(ExportError):
        export_report(bundled, tmp_path / "table.xlsx")
    assert _listing(tmp_path) == []


@pytest.mark.parametrize("suffix", ["csv", "html"])
def test_failure_while_writing_text_leaves_the_old_file(
    bundled: Report, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str
) -> None:
    target = tmp_path / f"t.{suffix}"
    target.write_text("old", encoding="utf-8")

    def fail_replace(src: Any, dst: Any) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", fail_replace)
    with pytest.raises(ExportError, match=r"Permission denied.*nothing was written"):
        export_report(bundled, target)
    assert target.read_text(encoding="utf-8") == "old"
    assert _listing(tmp_path) == [f"t.{suffix}"]


def test_write_atomic_interrupted(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"

    def interrupted(handle: Any) -> None:
        handle.write(b"half")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, interrupted)
    assert _listing(tmp_path) == []


def test_targets_that_cannot_be_written(bundled: Report, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        export_report(bundled, tmp_path / "missing" / "t.csv")
    with pytest.raises(ExportError, match="is a folder"):
        export_report(bundled, tmp_path, ExportFormat.CSV)
    with pytest.raises(UsageError, match="cannot tell the format"):
        export_report(bundled, tmp_path / "t.txt")
    with pytest.raises(UsageError, match="unknown export format"):
        export_report(bundled, tmp_path / "t.csv", "pdf")
    with pytest.raises(UsageError, match="unknown column 'nope'"):
        export_report(bundled, tmp_path / "t.csv", columns=["name", "nope"])
    with pytest.raises(UsageError, match="BOM applies to CSV only"):
        export_report(bundled, tmp_path / "t.md", bom=True)
    with pytest.raises(UsageError, match="takes no columns"):
        export_report(bundled, tmp_path / "t.json", columns=["name"])
    assert _listing(tmp_path) == []
