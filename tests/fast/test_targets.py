"""Both engines judge each region by its own target (the example's long CSV)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tests.conftest import ROOT

from hrkpi.api import Engine, check, series
from hrkpi.checks.findings import Verdict

EXAMPLE = ROOT / "examples" / "regional"


@pytest.fixture(scope="module")
def long_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("long")
    shutil.copy(EXAMPLE / "long.csv", data / "2021.csv")
    shutil.copy(EXAMPLE / "data" / "targets.csv", data / "targets.csv")
    shutil.copy(EXAMPLE / "data" / "regions.csv", data / "regions.csv")
    return data


def test_series_agree_and_use_each_regions_target(long_data: Path) -> None:
    fast = series(EXAMPLE / "indicators", long_data, engine=Engine.FAST)
    exact = series(EXAMPLE / "indicators", long_data, engine=Engine.EXACT)
    assert fast.to_csv() == exact.to_csv()
    row = next(
        line
        for line in exact.to_csv().splitlines()
        if line.startswith("临江区,new_jobs,2021-01/06")
    )
    assert ",2150,53.75,ahead," in row


def test_checks_agree(long_data: Path) -> None:
    fast = check(EXAMPLE / "indicators", long_data, engine=Engine.FAST)
    exact = check(EXAMPLE / "indicators", long_data, engine=Engine.EXACT)
    for verdict in Verdict:
        assert fast.count(verdict) == exact.count(verdict), verdict
    assert not exact.failed()
