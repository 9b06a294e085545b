"""`hrkpi check` says when regions are measured against the definition's target: data
of several regions, no region hierarchy, no targets of their own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.conftest import write
from typer.testing import CliRunner

from hrkpi.cli import app

runner = CliRunner()

INDICATORS = """
indicators:
  - id: jobs
    name: 城镇新增就业
    unit: 人
    measure: flow
    target: "4000"
"""
# A city's 4000 target, and two counties' half-year figures measured against it:
# 2100 / 4000 = 52.50%, 1300 / 4000 = 32.50% (both consistent as stated).
ROWS = """
indicator,region,period,value,completion
jobs,临江县,2021-01/06,2100,52.50
jobs,云山县,2021-01/06,1300,32.50
"""
ZH_NOTE = (
    "注：未给出地区层级（--regions），临江县、云山县也没有本级目标（--targets）："
    "均按指标定义的目标（通常为上级的目标）计算\n"
)
EN_NOTE = (
    "Note: no region hierarchy (--regions), and 临江县, 云山县 have no targets of their "
    "own (--targets): each is measured against the indicator definition's target "
    "(usually the parent's)\n"
)


def _args(tmp_path: Path, engine: str) -> list[str]:
    ind = write(tmp_path / "indicators" / "a.yaml", INDICATORS)
    data = write(tmp_path / "data" / "d.csv", ROWS)
    return ["check", "-i", str(ind.parent), "-d", str(data.parent), "--engine", engine]


@pytest.mark.parametrize("engine", ["exact", "fast"])
def test_the_borrowed_target_is_noted_in_both_languages_and_json(
    tmp_path: Path, engine: str
) -> None:
    args = _args(tmp_path, engine)
    zh = runner.invoke(app, args)
    assert zh.exit_code == 0, zh.output
    # After the findings, before the counts.
    assert f"\n\n{ZH_NOTE}共核对2项：一致2" in zh.stdout
    en = runner.invoke(app, [*args, "--lang", "en"])
    assert en.exit_code == 0, en.output
    assert f"\n\n{EN_NOTE}2 checks: 2 consistent" in en.stdout
    assert ZH_NOTE in runner.invoke(app, [*args, "--problems-only"]).stdout
    data = json.loads(runner.invoke(app, [*args, "--format", "json"]).stdout)
    assert data["borrowed_targets"] == ["临江县", "云山县"]
    assert data["schema_version"] == 5


@pytest.mark.parametrize("engine", ["exact", "fast"])
def test_no_note_with_a_hierarchy_or_own_targets(tmp_path: Path, engine: str) -> None:
    args = _args(tmp_path, engine)
    regions = write(
        tmp_path / "regions.csv",
        "region,parent,level\n海湾市,,city\n临江县,海湾市,county\n云山县,海湾市,county\n",
    )
    own = write(
        tmp_path / "targets.csv",
        "indicator,region,year,target\njobs,临江县,2021,4000\njobs,云山县,2021,4000\n",
    )
    # Under the hierarchy the counties have no target of their own (never the city's);
    # given their own 4000 each, the completions are consistent.
    for extra, counts in (
        (["--regions", str(regions)], "共核对2项：一致0，不一致0，无法核对2"),
        (["--targets", str(own)], "共核对2项：一致2，不一致0，无法核对0"),
    ):
        result = runner.invoke(app, [*args, *extra])
        assert result.exit_code == 0, result.output
        assert "注：" not in result.stdout
        assert counts in result.stdout
        data = json.loads(runner.invoke(app, [*args, *extra, "--format", "json"]).stdout)
        assert data["borrowed_targets"] == []


def test_no_note_for_one_region(tmp_path: Path) -> None:
    args = _args(tmp_path, "exact")
    one = ROWS.replace("云山县,2021-01/06,1300", "临江县,2021-01/03,1300")
    write(tmp_path / "data" / "d.csv", one)
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "共核对2项：一致2" in result.stdout and "注：" not in result.stdout


# 临江县's half year (dated 2021-06-30) and 云山县's first quarter (2021-03-31): with
# --as-of only that date's figures are checked, and only their regions are noted.
DATED_ROWS = """
indicator,region,period,value,completion
jobs,临江县,2021-01/06,2100,52.50
jobs,云山县,2021-01/03,1300,32.50
"""


@pytest.mark.parametrize(
    ("as_of", "noted"), [("2021-06-30", ["临江县"]), ("2021-03-31", ["云山县"])]
)
def test_as_of_notes_the_regions_of_that_date(tmp_path: Path, as_of: str, noted: list[str]) -> None:
    args = [*_args(tmp_path, "exact"), "--as-of", as_of]
    write(tmp_path / "data" / "d.csv", DATED_ROWS)
    result = runner.invoke(app, [*args, "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "1 check: 1 consistent" in result.stdout
    # Before: both counties, though one of them has no figure that date.
    assert f"and {noted[0]} has no target of its own" in result.stdout
    data = json.loads(runner.invoke(app, [*args, "--format", "json"]).stdout)
    assert data["borrowed_targets"] == noted


def test_as_of_a_date_whose_regions_have_their_own_targets(tmp_path: Path) -> None:
    # 临江县 has its own 2021 target (4000, as the city's): its half year is checked
    # against it. 云山县's first quarter of 2020, the year before any own target, is
    # measured against the definition's: noted from the whole data, not that date.
    args = _args(tmp_path, "exact")
    write(tmp_path / "data" / "d.csv", DATED_ROWS.replace("2021-01/03", "2020-01/03"))
    own = write(tmp_path / "targets.csv", "indicator,region,year,target\njobs,临江县,2021,4000\n")
    args += ["--targets", str(own)]
    whole = json.loads(runner.invoke(app, [*args, "-f", "json"]).stdout)
    assert whole["summary"]["consistent"] == 2
    assert whole["borrowed_targets"] == ["云山县"]
    dated = [*args, "--as-of", "2021-06-30"]
    result = runner.invoke(app, dated)
    assert result.exit_code == 0, result.output
    assert "共核对1项：一致1" in result.stdout
    assert "注：" not in result.stdout  # before: 云山县 noted, though not checked
    assert json.loads(runner.invoke(app, [*dated, "-f", "json"]).stdout)["borrowed_targets"] == []
