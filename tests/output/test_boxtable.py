"""The plain drawer (hrkpi.output.boxtable) draws the completion table as rich
draws it: the same characters at every width, in both languages, for every
example report; with colour, the same text once its styles are taken out."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from rich.console import Console
from tests.conftest import ROOT

import hrkpi
from hrkpi.output.table import build_table
from hrkpi.output.termfit import fit
from hrkpi.output.terminal import _shared_pace, plain_table, rich_table
from hrkpi.output.words import Lang

REPORTS = [None, *sorted(p.parent for p in (ROOT / "examples").glob("*/indicators"))]


@pytest.mark.parametrize("folder", REPORTS, ids=lambda p: p.name if p else "bundled")
@pytest.mark.parametrize("lang", [Lang.ZH, Lang.EN])
def test_the_plain_table_is_richs_table(folder: Path | None, lang: Lang) -> None:
    report = hrkpi.compute(folder / "indicators", folder / "data") if folder else hrkpi.compute()
    table = build_table(report, lang=lang)
    drawn = 0
    for width in range(40, 240, 11):
        for keep in (False, True):
            layout = fit(
                table, width, keep_empty=keep, leave_out=() if keep else _shared_pace(table, report)
            )
            if layout.compact:
                continue
            theirs = io.StringIO()
            Console(file=theirs, width=width, highlight=False).print(
                rich_table(table, report, layout)
            )
            ours = plain_table(table, report, layout, color=False)
            assert ours == theirs.getvalue(), (width, keep)
            coloured = plain_table(table, report, layout, color=True)
            assert coloured is not None and re.sub(r"\x1b\[[0-9;]*m", "", coloured) == ours
            drawn += 1
    assert drawn > 12
