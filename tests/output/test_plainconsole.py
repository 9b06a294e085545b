"""Output to a pipe or a file is drawn without rich's console, exactly as with it.

`hrkpi.output.terminal.plain_width` says what width rich's console would take where
rich would see no terminal; where it cannot say (a terminal, colour asked for), the
table goes through rich as before. Each case below draws the same table both ways.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.conftest import ROOT

import hrkpi
from hrkpi.engine.report import Report
from hrkpi.output import terminal
from hrkpi.output.regional import build_regional_tables
from hrkpi.output.table import build_table
from hrkpi.output.termfit import wrap, wrap_tokens
from hrkpi.output.words import Lang

EXAMPLE = ROOT / "examples" / "regional"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def no_terminal_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in ("COLUMNS", "FORCE_COLOR", "TTY_COMPATIBLE", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_the_width_rich_would_take_off_a_terminal(no_terminal_env: pytest.MonkeyPatch) -> None:
    env = no_terminal_env
    assert terminal.plain_width(io.StringIO()) == 160  # a pipe without COLUMNS
    env.setenv("COLUMNS", "100")
    assert terminal.plain_width(io.StringIO()) == 100
    env.setenv("COLUMNS", " 100")  # rich reads it unstripped (and then asks the system)
    assert terminal.plain_width(io.StringIO()) is None
    env.setenv("COLUMNS", "wide")
    assert terminal.plain_width(io.StringIO()) == 160
    env.delenv("COLUMNS")
    assert terminal.plain_width(_Terminal()) is None  # a terminal: rich measures it
    assert terminal.plain_width(io.StringIO(), color=True) is None  # colour asked for
    env.setenv("FORCE_COLOR", "")  # set, even empty: rich decides
    assert terminal.plain_width(io.StringIO()) is None
    env.delenv("FORCE_COLOR")
    env.setenv("TTY_COMPATIBLE", "1")
    assert terminal.plain_width(io.StringIO()) is None


def _both(draw: object, monkeypatch: pytest.MonkeyPatch) -> tuple[str, str]:
    """What `draw(out)` writes without rich's console, and with it (plain_width None)."""
    plain = io.StringIO()
    draw(plain)  # type: ignore[operator]
    with monkeypatch.context() as m:
        m.setattr(terminal, "plain_width", lambda *a, **k: None)
        rich = io.StringIO()
        draw(rich)  # type: ignore[operator]
    return plain.getvalue(), rich.getvalue()


@pytest.mark.parametrize("columns", [None, "200", "100", "72", "40"])
@pytest.mark.parametrize("lang", [Lang.ZH, Lang.EN])
def test_the_completion_table_is_the_same_without_riches_console(
    bundled: Report, no_terminal_env: pytest.MonkeyPatch, columns: str | None, lang: Lang
) -> None:
    if columns:
        no_terminal_env.setenv("COLUMNS", columns)
    table = build_table(bundled, lang=lang)
    plain, rich = _both(lambda out: terminal.print_table(table, bundled, file=out), no_terminal_env)
    assert plain == rich
    assert ("失业人员再就业" if lang is Lang.ZH else "Completion table") in plain
    assert "\x1b" not in plain


@pytest.mark.parametrize("columns", [None, "100", "50"])
def test_the_regional_tables_are_the_same_without_riches_console(
    no_terminal_env: pytest.MonkeyPatch, columns: str | None
) -> None:
    if columns:
        no_terminal_env.setenv("COLUMNS", columns)
    june = hrkpi.regional(EXAMPLE / "indicators", EXAMPLE / "data", as_of=dt.date(2021, 6, 30))
    tables = build_regional_tables(june, lang=Lang.ZH)
    plain, rich = _both(lambda out: terminal.print_regional(tables, file=out), no_terminal_env)
    assert plain == rich and "\x1b" not in plain


def test_no_progress_console_where_stderr_is_no_terminal(
    no_terminal_env: pytest.MonkeyPatch,
) -> None:
    no_terminal_env.setattr("sys.stderr", io.StringIO())
    with terminal.ProgressBar(delay=0) as bar:
        bar("reading", 1, 2)
    assert bar._console is None  # nothing made, nothing shown


@given(
    st.text(alphabet="ab 1.5%，（）中文\u00a0\t-\n", max_size=14),
    st.integers(min_value=0, max_value=30),
)
def test_a_text_that_fits_is_wrapped_as_the_token_loop_wraps_it(text: str, width: int) -> None:
    assert wrap(text, width) == wrap_tokens(text, width)
