"""`hrkpi export` through Typer's runner: files, exit codes and messages."""

from __future__ import annotations

import os
import shutil
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from hrkpi.cli import app

runner = CliRunner()
# English messages, as the tests below assert them (Chinese is the default).
EN = {"HRKPI_LANG": "en"}


@pytest.mark.parametrize(
    ("fmt", "name", "expected"),
    [
        ("xlsx", "t.xlsx", b"PK"),
        ("csv", "t.csv", "序号,指标名称".encode()),
        ("markdown", "t.md", "**目标任务完成情况表".encode()),
        ("json", "t.json", b"{"),
        ("html", "t.html", b"<!DOCTYPE html>"),
    ],
)
def test_each_format(tmp_path: Path, fmt: str, name: str, expected: bytes) -> None:
    out = tmp_path / name
    result = runner.invoke(app, ["export", "--format", fmt, "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(expected)
    # Said in the run's language, Chinese by default (English: tests/cli/test_language.py).
    assert result.stderr == f"已写入{out}（{fmt}）\n"


def test_format_from_suffix_and_options(tmp_path: Path) -> None:
    out = tmp_path / "table.xlsx"
    result = runner.invoke(
        app, ["export", "-o", str(out), "--lang", "en", "--columns", "no,name,completion"]
    )
    assert result.exit_code == 0, result.output
    wb = load_workbook(out)
    ws = wb.worksheets[0]
    assert [c.value for c in ws[2]] == ["No.", "Indicator", "Completion"]
    assert ws["C4"].value == 1.055 and ws["C4"].number_format == "0.00%"  # 4.22 / 4
    assert Decimal(repr(ws["C5"].value)) == Decimal("0.7333")  # 0.66 / 0.9
    # hrkpi check ran: its findings fill sheet 2.
    findings = wb.worksheets[1]
    assert findings.title == "Check findings"
    assert findings["B3"].value == "Re-employment of unemployed persons"
    assert findings.max_row > 5


def test_no_findings(tmp_path: Path) -> None:
    out = tmp_path / "t.xlsx"
    result = runner.invoke(app, ["export", "-o", str(out), "--no-findings"])
    assert result.exit_code == 0, result.output
    assert "未提供核对结果" in load_workbook(out).worksheets[1]["A3"].value


def test_csv_bom(tmp_path: Path) -> None:
    out = tmp_path / "t.csv"
    result = runner.invoke(app, ["export", "-f", "csv", "-o", str(out), "--bom"])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith("\ufeff序号".encode())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "{tmp}/missing/t.xlsx"], "the folder"),
        (["-o", "{tmp}"], "is a folder"),
        (["-o", "{tmp}/t.txt"], "cannot tell the format"),
        (["-o", "{tmp}/t.csv", "--columns", "name,bogus"], "unknown column 'bogus'"),
        (["-o", "{tmp}/t.html", "--bom"], "BOM applies to CSV only"),
        (["-o", "{tmp}/t.json", "--columns", "name"], "takes no columns"),
        (["-o", "{tmp}/t.csv", "--indicators", "{tmp}/nowhere"], "nowhere"),
    ],
)
def test_bad_input_exits_2_without_traceback(tmp_path: Path, args: list[str], message: str) -> None:
    before = sorted(tmp_path.iterdir())
    argv = ["export", *(a.format(tmp=tmp_path) for a in args)]
    result = runner.invoke(app, argv, env=EN)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert sorted(tmp_path.iterdir()) == before  # nothing written


def test_output_is_required() -> None:
    result = runner.invoke(app, ["export", "--format", "csv"])
    assert result.exit_code == 2
    assert "--output" in result.output


def test_bad_format_value(tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "--format", "pdf", "-o", str(tmp_path / "t.pdf")])
    assert result.exit_code == 2
    assert "pdf" in result.output


def test_compute_csv_and_export_csv_have_the_same_columns(tmp_path: Path) -> None:
    # One table model: the same defaults, and headers in either language accepted.
    out = tmp_path / "t.csv"
    for columns in (None, "no,完成率,Completion,上年同期"):
        extra = ["--columns", columns] if columns else []
        printed = runner.invoke(app, ["compute", "--format", "csv", *extra])
        assert printed.exit_code == 0, printed.output
        written = runner.invoke(app, ["export", "--format", "csv", "-o", str(out), *extra])
        assert written.exit_code == 0, written.output
        assert out.read_text(encoding="utf-8") == printed.stdout
    assert printed.stdout.splitlines()[0] == "序号,完成率,完成率,上年同期"


def test_unknown_column_names_the_choices() -> None:
    result = runner.invoke(app, ["compute", "--format", "csv", "--columns", "no,完成度"], env=EN)
    assert result.exit_code == 2
    assert "unknown column '完成度'" in result.output and "completion (完成率)" in result.output


def test_no_absolute_path_in_any_export(tmp_path: Path) -> None:
    # The data lives outside the working directory; nothing written may name its folder.
    from tests.conftest import DATA, INDICATORS

    elsewhere = tmp_path / "private" / "bureau"
    shutil.copytree(INDICATORS, elsewhere / "indicators")
    shutil.copytree(DATA, elsewhere / "data")
    (elsewhere / "data" / "2020H1_xiamen.yaml").write_text(
        (DATA / "2020H1_xiamen.yaml")
        .read_text(encoding="utf-8")
        .replace("completion: 105.5", "completion: 107.5"),
        encoding="utf-8",
    )
    work = tmp_path / "work"
    work.mkdir()
    os.chdir(work)
    paths = ["-i", str(elsewhere / "indicators"), "-d", str(elsewhere / "data")]
    for suffix in ("xlsx", "csv", "md", "json", "html"):
        target = work / f"t.{suffix}"
        result = runner.invoke(app, ["export", "-o", str(target), *paths])
        assert result.exit_code == 0, result.output
        data = target.read_bytes()
        if suffix == "xlsx":
            with zipfile.ZipFile(target) as z:
                data = b"".join(z.read(n) for n in z.namelist())
        assert str(tmp_path).encode() not in data, suffix
        assert b"private/bureau" not in data, suffix
    junit = work / "check.xml"
    result = runner.invoke(app, ["check", "--format", "json", "--junit", str(junit), *paths])
    assert result.exit_code == 1
    for text in (result.stdout, junit.read_text(encoding="utf-8")):
        assert str(tmp_path) not in text
