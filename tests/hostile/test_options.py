"""Options: every bad value is a usage error (exit 2) on both engines, at once."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import write
from tests.hostile.bounded import assert_clean, run

BAD_TOLERANCES = ["1e999999999", "1e-999999999", "Infinity", "-Infinity", "inf", "NaN", "-1", "101"]


@pytest.fixture(scope="module")
def long_project(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Long-format CSV data, which either engine reads."""
    root = tmp_path_factory.mktemp("long")
    ind = write(
        root / "indicators" / "a.yaml",
        """
        indicators:
          - id: jobs
            name: 再就业
            unit: 人
            measure: flow
            target: "4000"
        """,
    )
    data = write(
        root / "data" / "d.csv", "indicator,region,period,value\njobs,甲,2021-01/06,2100\n"
    )
    return ind.parent, data.parent


@pytest.mark.parametrize("value", BAD_TOLERANCES)
@pytest.mark.parametrize("engine", ["exact", "fast"])
@pytest.mark.parametrize("command", ["compute", "check"])
def test_bad_pace_tolerance_is_a_usage_error(
    long_project: tuple[Path, Path], value: str, engine: str, command: str
) -> None:
    ind, data = long_project
    ran = run(
        [command, "-i", str(ind), "-d", str(data), "--engine", engine, "--pace-tolerance", value]
    )
    assert_clean(ran, 2, "Invalid value for --pace-tolerance")
    assert "from 0 to 100 with at most 6 decimals" in ran.stderr


@pytest.mark.parametrize("value", ["1e999999999", "Infinity"])
def test_bad_pace_tolerance_in_export(tmp_path: Path, value: str) -> None:
    ran = run(["export", "-o", str(tmp_path / "t.csv"), "--pace-tolerance", value])
    assert_clean(ran, 2, "Invalid value for --pace-tolerance")
    assert list(tmp_path.iterdir()) == []


def test_as_of_before_every_figure_is_refused() -> None:
    # The bundled report's figures are dated 2020-06-12 to 2020-06-30.
    ran = run(["compute", "--as-of", "2019-12-31"])
    assert_clean(ran, 2, "the as-of date 2019-12-31 is before every figure of the data")
    assert "earliest is dated 2020-06-12" in ran.stderr
    assert ran.stdout == b""


@pytest.mark.parametrize("engine", ["exact", "fast"])
def test_as_of_before_the_data_on_both_engines(
    long_project: tuple[Path, Path], engine: str
) -> None:
    ind, data = long_project
    ran = run(
        ["compute", "-i", str(ind), "-d", str(data), "--engine", engine, "--as-of", "2021-05-31"]
    )
    assert_clean(ran, 2, "the as-of date 2021-05-31 is before every figure of the data")
    assert "earliest is dated 2021-06-30" in ran.stderr
