"""What `scan --write-data` writes keeps each figure's sentence as its quote, so an edit
of the data that drifts from the report is caught by `hrkpi check` (the quote rule)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from hrkpi.cli import app

runner = CliRunner()

TEXT = "截至6月底，全区失业人员再就业4.23万人，完成全年任务数4万人的105.8%。\n"


def test_an_edit_that_drifts_from_the_quote_is_caught(tmp_path: Path) -> None:
    path = tmp_path / "draft.txt"
    path.write_text(TEXT, encoding="utf-8")
    out = tmp_path / "out"
    assert runner.invoke(app, ["scan", str(path), "--write-data", str(out)]).exit_code == 0
    args = ["check", "-i", str(out / "indicators"), "-d", str(out / "data")]
    # As written: 4.23 / 4 = 105.75%, printed 105.8%; the quote holds every figure.
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    assert "引文" not in first.stdout
    [data] = (out / "data").glob("*.yaml")
    text = data.read_text(encoding="utf-8")
    assert "4.23" in text and "quote: 截至6月底" in text
    # 4.22 / 4 = 105.5% would fit a 105.5 rate; against 105.8% and its quote it cannot.
    data.write_text(text.replace("4.23", "4.22", 1), encoding="utf-8")
    again = runner.invoke(app, args)
    assert again.exit_code == 1, again.output
    assert "不一致 引文数字" in again.stdout
    assert "引文中同类数字为4.23万人、4万人" in again.stdout
