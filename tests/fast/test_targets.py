"""Both engines judge each region by its own target (the example's long CSV)."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.conftest import ROOT, write

from hrkpi.api import Engine, check, series
from hrkpi.checks.findings import Verdict
from hrkpi.core.catalog import Catalog
from hrkpi.core.models import Measure
from hrkpi.core.numbers import parse_figure
from hrkpi.core.regions import RegionHierarchy
from hrkpi.core.targets import AssignedTarget, TargetBook, region_targets
from hrkpi.fast.targets import target_table
from hrkpi.sources.loader import load_catalog

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


# The rule of region_targets written as joins (hrkpi.fast.targets) against the rule
# itself, on every kind of book: named and primary targets, regions with and without
# a parent, regions the hierarchy does not know, years the file does or does not split.
_REGIONS = ["海湾市", "临江区", "云山区", "外省"]
_HIERARCHY = RegionHierarchy.from_pairs(
    [("海湾市", ""), ("临江区", "海湾市"), ("云山区", "海湾市")]
)
_ASSIGNED = st.tuples(
    st.sampled_from(["jobs", "plain", "rate"]),
    st.sampled_from(_REGIONS),
    st.sampled_from([2020, 2021]),
    st.sampled_from(["", "省下达", "力争"]),
    st.booleans(),
    st.sampled_from(["1.10", "4", "0.35", "12000"]),
)


@pytest.fixture(scope="module")
def target_catalog(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    folder = tmp_path_factory.mktemp("targets")
    write(
        folder / "a.yaml",
        """
        indicators:
          - {id: jobs, name: 城镇新增就业, unit: 万人, measure: flow, target: "4.0"}
          - {id: plain, name: 新增企业, unit: 户, measure: flow}
          - {id: rate, name: 登记失业率, unit: "%", measure: rate, direction: lower}
        """,
    )
    return load_catalog(folder)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(_ASSIGNED, max_size=8), st.booleans(), st.booleans())
def test_target_table_is_region_targets(
    target_catalog: Catalog,
    assigned: list[tuple[str, str, int, str, bool, str]],
    book: bool,
    tree: bool,
) -> None:
    seen: set[tuple[str, str, int, str]] = set()
    targets = []
    for ind, region, year, name, primary, value in assigned:
        if (ind, region, year, name) not in seen and ind != "rate":
            seen.add((ind, region, year, name))
            figure = parse_figure(value)
            targets.append(AssignedTarget(ind, region, year, figure, name=name, primary=primary))
    the_book = TargetBook(tuple(targets)) if book else None
    hierarchy = _HIERARCHY if tree else None
    keys = pl.DataFrame(
        [
            (i, r, y)
            for i in ("jobs", "plain", "rate")
            for r in _REGIONS
            for y in (2020, 2021, None)
        ],
        schema={"indicator": pl.String, "region": pl.String, "year": pl.Int32},
        orient="row",
    )
    table = target_table(keys, target_catalog, the_book, hierarchy)
    for ind_id, region, year, t_m, t_s, t_big, t_lit in table.iter_rows():
        assert not t_big  # every target here fits the columns
        ind = target_catalog.indicators[ind_id]
        want = literal = None
        if year is not None and ind.measure is not Measure.RATE:
            named, _ = region_targets(ind, region, year, the_book, hierarchy)
            if named:
                want = named[0].value.value
                literal = named[0].value.literal  # the target as a completion rate prints it
        got = None if t_m is None else Decimal(t_m).scaleb(-t_s)
        assert got == want, (ind_id, region, year)
        assert t_lit == literal, (ind_id, region, year)
    assert table.height == keys.height
