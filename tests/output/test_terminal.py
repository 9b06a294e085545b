"""The terminal table fits the width it is given: COLUMNS or the terminal's."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.ptyrun import on_a_terminal

from hrkpi.engine.report import Report
from hrkpi.output.table import build_table
from hrkpi.output.termfit import NAME_MIN, fit, wrap
from hrkpi.output.terminal import print_table
from hrkpi.output.textwidth import display_width
from hrkpi.output.words import Lang

NUMBER = re.compile(r"[+\-]?\d[\d.,]*%?")


def shown(report: Report, width: int, monkeypatch: pytest.MonkeyPatch, **kw: object) -> str:
    monkeypatch.setenv("COLUMNS", str(width))
    out = io.StringIO()
    lang = kw.pop("lang", Lang.ZH)
    columns = kw.pop("columns", None)
    table = build_table(report, lang=lang, columns=columns)  # type: ignore[arg-type]
    print_table(table, report, file=out, keep_empty=columns is not None)
    return out.getvalue()


def numbers(report: Report, lang: Lang = Lang.ZH) -> list[str]:
    """Every figure the table shows, as its text (236.60, 105.50%, +6.38%)."""
    table = build_table(report, lang=lang)
    found = []
    for row in table.indicator_rows():
        for key, cell in row.cells.items():
            if key != "pace" and cell.number is not None:
                found += NUMBER.findall(cell.text)
    return found


@pytest.mark.parametrize("width", [200, 160, 120, 100, 80, 66, 50, 40, 30])
@pytest.mark.parametrize("lang", [Lang.ZH, Lang.EN])
def test_every_line_fits_and_no_number_is_broken(
    bundled: Report, monkeypatch: pytest.MonkeyPatch, width: int, lang: Lang
) -> None:
    text = shown(bundled, width, monkeypatch, lang=lang)
    lines = text.splitlines()
    assert max(display_width(line) for line in lines) <= width
    tokens = [t for line in lines for t in NUMBER.findall(line)]
    for figure in set(numbers(bundled, lang)):
        assert tokens.count(figure) >= numbers(bundled, lang).count(figure), figure


def test_80_columns_are_readable(bundled: Report, monkeypatch: pytest.MonkeyPatch) -> None:
    text = shown(bundled, 80, monkeypatch)
    lines = text.splitlines()
    assert len(lines) < 300  # 1,122 lines before, names cut into two-character pieces
    layout = fit(build_table(bundled), 80)
    name = next(c for c in layout.columns if c.key == "name")
    assert name.width >= 20  # ten Chinese characters a line
    assert "│    1 │ 失业人员再就业" in text and "│    5 │ 就业登记在岗职工" in text
    assert "完成率 105.50%" in text and "是否达标 达标，余" in text and "0.44个百分点" in text


def test_wide_terminals_get_every_non_empty_column_with_the_tables_headers(
    bundled: Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    for lang in (Lang.ZH, Lang.EN):
        header = shown(bundled, 400, monkeypatch, lang=lang).splitlines()[2]
        table = build_table(bundled, lang=lang)
        filled = {k for r in table.indicator_rows() for k, c in r.cells.items() if c.text}
        expected = [c.header(lang) for c in table.columns if c.key in filled - {"pace"}]
        assert len(expected) >= 14
        got = [h.strip() for h in header.strip("┃").split("┃")]
        assert got == expected
    text = shown(bundled, 400, monkeypatch)
    assert "序时进度 49.73% (按天)" in text  # the pace every row shares, said once


def test_empty_columns_are_left_out_unless_asked_for(
    bundled: Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = shown(bundled, 120, monkeypatch, columns=["no", "name", "completion", "ytd_previous"])
    header = text.splitlines()[2]
    assert [h.strip() for h in header.strip("┃").split("┃")] == [
        "序号",
        "指标名称",
        "完成率",
        "上年末",
    ]


def test_narrow_terminals_get_the_compact_view(
    bundled: Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = shown(bundled, 40, monkeypatch)
    assert "┃" not in text and "│" not in text
    assert "1 失业人员再就业\n" in text
    assert "    单位 万人  年度目标 4  累计完成 4.22\n" in text
    assert "    完成率 105.50%  进度状态 已完成\n" in text


@given(
    st.lists(
        st.one_of(
            st.sampled_from(["就业", "失业人员", "再就业", "完成", "：", "，", "（", "）", " "]),
            st.from_regex(r"[+\-]?[0-9]{1,4}(\.[0-9]{1,2})?%?", fullmatch=True),
            st.from_regex(r"[A-Za-z]{1,9}", fullmatch=True).map(lambda w: w + " "),
        ),
        max_size=30,
    ),
    st.integers(min_value=12, max_value=60),
)
def test_wrapping_never_splits_a_number_or_a_word(parts: list[str], width: int) -> None:
    text = "".join(parts)
    lines = wrap(text, width)
    assert all(display_width(line) <= width for line in lines)
    squeezed = "".join(lines).replace(" ", "")
    assert squeezed == text.replace(" ", "")  # nothing lost, nothing added
    ends, at = set(), 0
    for line in lines:
        at += len(line.replace(" ", ""))
        ends.add(at)
    for match in NUMBER.finditer(text):
        if display_width(match[0]) > width:
            continue  # figures run together past a line's width: cut, as nothing else fits
        start = match.start() - text[: match.start()].count(" ")
        inside = range(start + 1, start + len(match[0]))
        assert not ends.intersection(inside), (match[0], lines)


def test_wrap_keeps_figures_whole() -> None:
    assert wrap("达标，余0.44个百分点", 8) == ["达标，余", "0.44个百", "分点"]
    assert wrap("Employment of hard-to-employ urban persons", 16) == [
        "Employment of",
        "hard-to-employ",
        "urban persons",
    ]
    assert wrap("+1.23 (+2.28%)", 8) == ["+1.23", "(+2.28%)"]
    # Marks glued to a figure give way before the figure is cut.
    assert wrap("（（0.00000.0", 12) == ["（（", "0.00000.0"]
    assert wrap("-0000.00%：：", 12) == ["-0000.00%", "：："]
    assert all(len(line) >= 4 for line in wrap("就业登记在岗职工：来厦务工人员", NAME_MIN)[:-1])


def _run(env: dict[str, str], size: tuple[int, int] | None = None) -> str:
    """hrkpi compute in a child: on a pseudo-terminal of `size` (columns, rows), or piped."""
    full = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    full.update(env)
    if size is None:
        return subprocess.run(
            [sys.executable, "-m", "hrkpi", "compute"],
            capture_output=True,
            text=True,
            env=full,
            timeout=120,
        ).stdout
    _, shown = on_a_terminal(["compute"], {**full, "TERM": "xterm", "NO_COLOR": "1"}, size=size)
    return re.sub(r"\x1b\[[0-9;]*m", "", shown)  # bold and dim take no columns


def test_a_real_80_column_terminal() -> None:
    lines = _run({}, size=(80, 24)).splitlines()
    assert max(display_width(line) for line in lines) <= 80
    assert len(lines) < 300


def test_piped_output_honours_columns() -> None:
    narrow = _run({"COLUMNS": "72"}).splitlines()
    assert max(display_width(line) for line in narrow) <= 72
    wide = _run({}).splitlines()  # no terminal, no COLUMNS: as wide as a page of a sheet
    assert 100 < max(display_width(line) for line in wide) <= 160


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("width", ["200", "80", "40"])
def test_no_color_writes_no_escape_code_on_a_terminal(
    bundled: Report, monkeypatch: pytest.MonkeyPatch, width: str
) -> None:
    # NO_COLOR (and --no-color, which sets it) means plain text: rich's own no_color
    # keeps bold and italic, which the compact view used.
    monkeypatch.setenv("COLUMNS", width)
    coloured = _Terminal()
    print_table(build_table(bundled), bundled, file=coloured, color=True)
    assert "\x1b[" in coloured.getvalue()
    monkeypatch.setenv("NO_COLOR", "1")
    plain = _Terminal()
    print_table(build_table(bundled), bundled, file=plain)
    assert "\x1b" not in plain.getvalue() and "失业人员再就业" in plain.getvalue()
