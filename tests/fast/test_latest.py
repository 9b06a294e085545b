"""The completion table of a large dataset: the fast path picks each region's latest
figures and the exact engine computes them, the same table as the exact path's."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from benchmarks.generate import generate

from hrkpi.api import Engine, compute
from hrkpi.output.table import build_table
from hrkpi.output.text import to_csv


@pytest.mark.parametrize("as_of", [None, dt.date(2021, 7, 31)])
def test_latest_table_is_the_exact_one(tmp_path: Path, as_of: dt.date | None) -> None:
    generate(tmp_path, 1500, seed=11, errors=2)
    tables = []
    for engine in (Engine.EXACT, Engine.FAST):
        report = compute(tmp_path / "indicators", tmp_path / "data", as_of=as_of, engine=engine)
        tables.append(to_csv(build_table(report)))
    assert tables[0] == tables[1]
    lines = tables[0].splitlines()
    assert len(lines) > 20
    # Year on year from last year's figure shows on the latest rows (2022 data).
    if as_of is None:
        assert any(cell for line in lines[1:] for cell in line.split(",")[9:10])


def test_report_date_is_the_latest_period_end(tmp_path: Path) -> None:
    generate(tmp_path, 1500, seed=11, errors=0)
    report = compute(tmp_path / "indicators", tmp_path / "data", engine=Engine.FAST)
    assert report.as_of == dt.date(2022, 12, 31)
