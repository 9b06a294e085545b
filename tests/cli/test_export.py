"""`hrkpi export` through Typer's runner: files, exit codes and messages."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from hrkpi.cli import app

runner = CliRunner()


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
    assert f"wrote {out}" in result.stderr or f"wrote {name}" in result.stderr


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
    result = runner.invoke(app, argv)
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
