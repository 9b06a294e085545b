"""The regional table on a terminal: it fits the width it is given, never cuts or
breaks a figure, and writes no escape code when colour is off."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from tests.conftest import ROOT

import hrkpi
from hrkpi.output.regional import RegionalTable, build_regional_tables
from hrkpi.output.table import build_table
from hrkpi.output.terminal import print_regional, print_table
from hrkpi.output.textwidth import display_width
from hrkpi.output.words import Lang

EXAMPLE = ROOT / "examples" / "regional"
JUNE = hrkpi.regional(EXAMPLE / "indicators", EXAMPLE / "data", as_of=dt.date(2021, 6, 30))
NUMBER = re.compile(r"[+\-]?\d[\d.,]*%?")


class Terminal(io.StringIO):
    """A text stream that says it is a terminal (as a real one would)."""

    def isatty(self) -> bool:
        return True


def shown(
    tables: list[RegionalTable], width: int, monkeypatch: pytest.MonkeyPatch, **kw: object
) -> str:
    monkeypatch.setenv("COLUMNS", str(width))
    out = io.StringIO()
    print_regional(tables, file=out, **kw)  # type: ignore[arg-type]
    return out.getvalue()


def figures(tables: list[RegionalTable]) -> list[str]:
    """Every figure the cells hold, as written (2150, 53.75%, 力争4200's 4200 ...)."""
    return [n for t in tables for row in t.rows for cell in row for n in NUMBER.findall(cell.text)]


@pytest.mark.parametrize("width", [200, 160, 120, 100, 80, 66, 50, 40, 30])
@pytest.mark.parametrize("lang", [Lang.ZH, Lang.EN])
@pytest.mark.parametrize("each", [False, True])
def test_every_line_fits_and_every_figure_is_whole(
    monkeypatch: pytest.MonkeyPatch, width: int, lang: Lang, each: bool
) -> None:
    tables = build_regional_tables(JUNE, lang=lang, each=each)
    text = shown(tables, width, monkeypatch)
    lines = text.splitlines()
    assert max(display_width(line) for line in lines) <= width
    assert "…" not in text
    tokens = [t for line in lines for t in NUMBER.findall(line)]
    for figure in set(figures(tables)):
        assert tokens.count(figure) >= figures(tables).count(figure), figure


def test_80_columns_show_each_indicator_side_by_side(monkeypatch: pytest.MonkeyPatch) -> None:
    text = shown(build_regional_tables(JUNE), 80, monkeypatch)
    lines = text.splitlines()
    # One table per indicator (the four side by side need ~190 columns), each with its
    # regions as rows: 临江区's row holds its target, value, completion and status whole.
    [row] = [line for line in lines if line.startswith("│ 临江区") and "2150" in line]
    assert [t for t in re.split(r"[│ ]+", row) if t][:6] == [
        "临江区",
        "4000",
        "2150",
        "53.75%",
        "超进度",
        "1",
    ]
    # The other target, 力争4200 at 51.19%, is there whole, perhaps over two lines.
    assert "力争4200" in text and "51.19%" in text
    assert text.count("城镇新增就业（人）") == 1
    assert "▲欠进度（城镇新增就业）：云山区" in text


def test_a_narrow_terminal_gets_a_block_per_region(monkeypatch: pytest.MonkeyPatch) -> None:
    text = shown(build_regional_tables(JUNE), 40, monkeypatch)
    assert "┃" not in text  # no box at 40 columns: a block per region
    block = text.split("临江区\n", 1)[1].split("\n云山区", 1)[0]
    assert "目标 4000" in block and "完成 2150" in block and "完成率 53.75%" in block


def test_no_colour_means_no_escape_code_at_all(monkeypatch: pytest.MonkeyPatch) -> None:
    tables = build_regional_tables(JUNE)
    monkeypatch.setenv("COLUMNS", "80")
    coloured = Terminal()
    print_regional(tables, file=coloured, color=True)
    assert "\x1b[" in coloured.getvalue()  # a terminal gets bold and colour ...
    off = Terminal()
    print_regional(tables, file=off, color=False)  # ... --no-color none at all
    assert "\x1b" not in off.getvalue()
    monkeypatch.setenv("NO_COLOR", "1")
    for width in ("80", "40", "200"):
        monkeypatch.setenv("COLUMNS", width)
        env = Terminal()
        print_regional(tables, file=env)
        assert "\x1b" not in env.getvalue()
        assert "▲欠进度" in env.getvalue()


def test_districts_without_a_hierarchy_say_whose_target_they_are_measured_by(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The example's district figures alone: no regions.csv, no targets.csv. Each district
    # is then measured against the definition's (the city's) 12000, and the table says so.
    rows = (EXAMPLE / "long.csv").read_text("utf-8").splitlines()
    (tmp_path / "d.csv").write_text(
        "\n".join(r for r in rows if "海湾市" not in r) + "\n", encoding="utf-8"
    )
    content = hrkpi.regional(EXAMPLE / "indicators", tmp_path / "d.csv", as_of=dt.date(2021, 6, 30))
    assert content.borrowed == ["临江区", "云山区", "青湖区", "新港区"]
    [table] = build_regional_tables(content)
    note = (
        "注：未给出地区层级（--regions），临江区、云山区、青湖区、新港区也没有本级目标"
        "（--targets）：均按指标定义的目标（通常为上级的目标）计算"
    )
    assert table.notes[0] == note
    text = shown([table], 200, monkeypatch)
    assert note in text
    # The completion table says it too.
    report = hrkpi.compute(EXAMPLE / "indicators", tmp_path / "d.csv", as_of=dt.date(2021, 6, 30))
    out = io.StringIO()
    print_table(build_table(report), report, file=out)
    assert note in out.getvalue()
    [en] = build_regional_tables(content, lang=Lang.EN)
    assert en.notes[0].startswith("Note: no region hierarchy (--regions), and 临江区, 云山区")
    # With the hierarchy and the targets (the example as shipped), no such note.
    assert JUNE.borrowed == []
    assert not any(n.startswith("注") for t in build_regional_tables(JUNE) for n in t.notes)


def test_one_region_without_a_hierarchy_keeps_the_definitions_target() -> None:
    report = hrkpi.compute()  # the bundled report: one city, its own targets
    out = io.StringIO()
    print_table(build_table(report), report, file=out)
    assert "--regions" not in out.getvalue()


# The progress bar's cursor controls: hide and show the cursor, erase a line, move up.
_CURSOR = re.compile(r"\x1b\[(?:\?25[hl]|2K|[0-9]*A)")


def test_no_color_on_a_real_terminal() -> None:
    """`hrkpi --no-color compute --by region` on a pseudo-terminal of 80 columns."""
    import os

    from tests.ptyrun import on_a_terminal

    args = ["--by", "region", "-i", str(EXAMPLE / "indicators"), "-d", str(EXAMPLE / "data")]
    shown = {}
    for flag in ([], ["--no-color"]):
        env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "NO_COLOR")}
        _, shown[bool(flag)] = on_a_terminal(
            [*flag, "compute", *args, "--as-of", "2021-06-30"],
            {**env, "TERM": "xterm", "PYTHONPATH": str(ROOT / "src")},
            size=(80, 24),
        )
    assert "\x1b[" in shown[False]  # a terminal gets bold and colour ...
    # ... --no-color none. A run that takes a second (a loaded machine) also shows the
    # progress bar on stderr, drawn with cursor moves and line erases only (no colour or
    # style) and cleared when done: those are left out, every other escape code counts.
    plain = _CURSOR.sub("", shown[True])
    assert "▲欠进度" in plain and "\x1b" not in plain
    lines = [line.rsplit("\r", 1)[-1] for line in plain.replace("\r\n", "\n").splitlines()]
    assert max(display_width(line) for line in lines) <= 80  # as each line is left shown
