"""A targets CSV read by columns (hrkpi.fast.targetread) holds exactly what the
exact reader (hrkpi.sources.targetfile) reads; any file it cannot take as plain
goes to the exact reader, so both engines choose the same targets, decide the
same splits and word bad input alike."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.conftest import write
from typer.testing import CliRunner

from hrkpi.api import Engine, check, series
from hrkpi.checks.findings import CheckKind, Verdict
from hrkpi.checks.targets import target_splits
from hrkpi.cli import app
from hrkpi.core.errors import InputError
from hrkpi.core.targets import TargetBook
from hrkpi.fast import targetread
from hrkpi.fast.targetread import ColumnBook, read_target_columns
from hrkpi.fast.targets import target_table
from hrkpi.fast.targetsplits import split_files, splits
from hrkpi.sources.loader import load_catalog
from hrkpi.sources.regions import load_regions
from hrkpi.sources.targetfile import load_targets

INDICATORS = """
indicators:
  - {id: jobs, name: 城镇新增就业, unit: 人, measure: flow, target: "4000"}
  - id: money
    name: 就业补助资金支出
    unit: 万元
    measure: flow
    targets:
      - {name: 目标, value: "1200.5"}
      - {name: 力争, value: "1300"}
  - id: rate
    name: 城镇调查失业率
    unit: "%"
    measure: rate
    direction: lower
    thresholds:
      - {word: 以内, value: "5.5"}
"""
REGIONS = "region,parent\n省,\n市甲,省\n市乙,省\n县一,市甲\n县二,市甲\n县三,市乙\n县四,市乙\n"
DATA = """indicator,region,period,value,completion
jobs,省,2021-01/06,2100,52.50
jobs,市甲,2021-01/06,1300,52.00
jobs,县一,2021-01/06,800,53.33
jobs,县二,2021-01/06,500,55.56
jobs,市乙,2021-01/06,800,53.33
jobs,县三,2021-01/06,420,26.25
jobs,县四,2021-01/06,380,
money,省,2021-01/06,640.5,53.35
money,市甲,2021-01/06,350,50.00
money,县一,2021-01/06,300.1,50.00
money,县二,2021-01/06,50,8.33
"""
# 市甲's 2,500 split 1,500 + 900 (short: inconsistent); 市乙's 1,500 with no target
# for 县四 (not checkable); 省's definition 4,000 split 2,500 + 1,500 (consistent);
# money: 力争 for the cities (1,350 over 省's 1,300), 目标 for the counties only.
PLAIN = """indicator,region,year,target,name
jobs,市甲,2021,2500,
jobs,县一,2021,1500,
jobs,县二,2021,900,
jobs,市乙,2021,1500,
jobs,县三,2021,1600,
money,县一,2021,600.25,
money,县二,2021,600.25,
money,市甲,2021,700,力争
money,市乙,2021,650,力争
money,县一,2021,360,力争
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    write(tmp_path / "indicators" / "a.yaml", INDICATORS)
    write(tmp_path / "regions.csv", REGIONS)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "d.csv").write_text(DATA, encoding="utf-8")
    return tmp_path


def _both(tmp_path: Path, name: str, content: bytes) -> tuple[ColumnBook | None, TargetBook]:
    path = tmp_path / name
    path.write_bytes(content)
    catalog = load_catalog(tmp_path / "indicators")
    hierarchy = load_regions(tmp_path / "regions.csv")
    return (
        read_target_columns(path, catalog, hierarchy),
        load_targets([path], catalog, hierarchy),
    )


def _utf8(text: str) -> bytes:
    return text.encode("utf-8")


PLAIN_FILES = {
    "plain": _utf8(PLAIN),
    "bom": _utf8("\ufeff" + PLAIN),
    "gbk": PLAIN.encode("gbk"),
    "crlf": _utf8(PLAIN.replace("\n", "\r\n")),
    "chinese header": _utf8(
        PLAIN.replace("indicator,region,year,target,name", "指标,地区,年度,目标,目标名称")
    ),
    "spaces and blank rows": _utf8(
        PLAIN.replace("jobs,县一,2021,1500,", " jobs , 县一,\u30002021 ,1500\u3000,  ").replace(
            "money,县一,2021,600.25,", "\n,,,,\n  \nmoney,县一,2021,600.25,"
        )
        + "\n\n"
    ),
    "empty unit and primary cells": _utf8(
        "indicator,region,year,target,name,unit,primary\n"
        + "".join(line + ",,\n" for line in PLAIN.splitlines()[1:])
    ),
    "no name column, long targets": _utf8(
        "year,target,region,indicator\n"
        "2021,9007199254740993,县一,jobs\n"  # 2^53 + 1: the exact engine decides its rows
        "2021,123456789012345678.123456789012,县二,jobs\n"
        "2021,0.5,市甲,jobs\n"
        "2022,4000,市乙,jobs"
    ),
}


@pytest.mark.parametrize("name", PLAIN_FILES)
def test_a_plain_file_is_read_by_columns_as_the_exact_reader_reads_it(
    project: Path, name: str
) -> None:
    columns, exact = _both(project, "t.csv", PLAIN_FILES[name])
    assert isinstance(columns, ColumnBook)
    assert list(columns) == list(exact)
    assert len(columns) == len(exact) and columns.files == exact.files
    assert columns.regions() == exact.regions()
    for ind in ("jobs", "money", "rate", "none"):
        for year in (2021, 2022):
            assert columns.covers(ind, year) == exact.covers(ind, year)
            for region in ("省", "市甲", "市乙", "县一", "县二", "县三", "县四"):
                assert columns.of(ind, region, year) == exact.of(ind, region, year)


def test_a_book_keeps_a_bounded_number_of_its_targets_made(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Listing every finding asks for every target once: all kept, at ten million
    # figures they held 314 MB. The ones let go are made again alike.
    monkeypatch.setattr(targetread, "_MADE", 3)
    columns, exact = _both(project, "t.csv", PLAIN_FILES["plain"])
    assert isinstance(columns, ColumnBook)
    for _ in range(2):
        for region in ("市甲", "县一", "县二", "市乙", "县三"):
            for ind in ("jobs", "money"):
                assert columns.of(ind, region, 2021) == exact.of(ind, region, 2021)
                assert len(columns._made) <= 3
    assert list(columns) == list(exact) and len(columns._made) <= 3


@pytest.mark.parametrize("name", PLAIN_FILES)
def test_target_table_and_splits_agree(project: Path, name: str) -> None:
    columns, exact = _both(project, "t.csv", PLAIN_FILES[name])
    assert columns is not None
    catalog = load_catalog(project / "indicators")
    hierarchy = load_regions(project / "regions.csv")
    keys = pl.DataFrame(
        [
            (i, r, y)
            for i in ("jobs", "money", "rate")
            for r in ("省", "市甲", "市乙", "县一", "县二", "县三", "县四", "外省")
            for y in (2021, 2022, None)
        ],
        schema={"indicator": pl.String, "region": pl.String, "year": pl.Int32},
        orient="row",
    )
    order = ["indicator", "region", "year"]
    assert (
        target_table(keys, catalog, columns, hierarchy)
        .sort(order, nulls_last=True)
        .equals(target_table(keys, catalog, exact, hierarchy).sort(order, nulls_last=True))
    )
    quick, slow = (
        splits(catalog, columns, hierarchy),
        list(target_splits(catalog, exact, hierarchy)),
    )
    assert [(s.file, s.line, s.verdict) for s in quick] == [
        (s.file, s.line, s.verdict) for s in slow
    ]
    assert [s.finding() for s in quick] == [s.finding() for s in slow]
    # The files they name are known before they are decided (the findings' order).
    assert {s.file for s in quick} <= split_files(catalog, columns)
    assert {s.file for s in slow} <= split_files(catalog, exact)
    assert {f.file for s in quick for f in [s.finding()]} == {s.file for s in quick}


def test_the_splits_of_the_plain_file(project: Path) -> None:
    columns, _ = _both(project, "t.csv", _utf8(PLAIN))
    assert columns is not None
    catalog = load_catalog(project / "indicators")
    made = splits(catalog, columns, load_regions(project / "regions.csv"))
    found = {(s.indicator, s.parent, s.target.name): s.finding() for s in made}
    # A split is held for the whole check: building its finding keeps none of its
    # children's targets (at ten million figures those of 36,000 splits held 190 MB).
    assert all(s.found is None for s in made)
    # Each decided split carries its children's sum as the columns made it (so building
    # its finding sums no Fractions), and it is the sum of the children it names.
    for s in made:
        if s.verdict is Verdict.NOT_CHECKABLE:
            assert s.summed is None
        else:
            assert s.summed == sum(t.value.exact for t in s.kids.values() if t is not None)
    assert [s.finding() for s in made] == list(found.values())
    # Worked by hand: 1,500 + 900 = 2,400 < 2,500; 县四 has no jobs target; 2,500 +
    # 1,500 = 4,000, the definition's; 700 + 650 = 1,350 >= 1,300; no city has a
    # money 目标; 县二 has no money 力争.
    assert {k: (f.verdict, f.computed.lo if f.computed else None) for k, f in found.items()} == {
        ("jobs", "市甲", "目标"): (Verdict.INCONSISTENT, 2400),
        ("jobs", "市乙", "目标"): (Verdict.NOT_CHECKABLE, None),
        ("jobs", "省", "目标"): (Verdict.CONSISTENT, 4000),
        ("money", "省", "目标"): (Verdict.NOT_CHECKABLE, None),
        ("money", "省", "力争"): (Verdict.CONSISTENT, 1350),
        ("money", "市甲", "力争"): (Verdict.NOT_CHECKABLE, None),
    }
    assert found[("jobs", "市乙", "目标")].missing == ("县四",)
    assert found[("jobs", "市甲", "目标")].line == 2  # the parent's own target, t.csv:2
    assert found[("jobs", "省", "目标")].file.endswith("a.yaml")  # the definition's


# Files the exact reader reads on its own, or refuses; the columns never guess.
EXACT_FILES = {
    "quotes": PLAIN.replace("jobs,县一,2021,1500,", 'jobs,"县一",2021,1500,'),
    "approximate target": PLAIN.replace("jobs,县一,2021,1500,", "jobs,县一,2021,约1500,"),
    "target with its unit": PLAIN.replace("jobs,县一,2021,1500,", "jobs,县一,2021,1500人,"),
    "thousands separator": PLAIN.replace("jobs,县三,2021,1600,", 'jobs,县三,2021,"1,600",'),
    "unit cell": PLAIN.replace("target,name\n", "target,name,unit\n").replace(
        "jobs,县三,2021,1600,", "jobs,县三,2021,0.16,万人"
    ),
    "primary cell": PLAIN.replace("target,name\n", "target,name,primary\n").replace(
        "money,县一,2021,360,力争", "money,县一,2021,360,力争,true"
    ),
    "full-width year": PLAIN.replace("jobs,县二,2021,900,", "jobs,县二,２０２１,900,"),
    "extra cell": PLAIN.replace("jobs,县二,2021,900,", "jobs,县二,2021,900,,备注"),
    "lone carriage returns": PLAIN.replace("\n", "\r"),
    "duplicate row": PLAIN + "jobs,县一,2021,1500,\n",
    "region unknown to the hierarchy": PLAIN + "jobs,外省,2021,100,\n",
    "unknown indicator": PLAIN + "jobz,县一,2021,100,\n",
    "lower-is-better indicator": PLAIN + "rate,县一,2021,5.0,\n",
    "blank target cell": PLAIN + "jobs,县四,2021,,\n",
    "zero target": PLAIN + "jobs,县四,2021,0.00,\n",
    "year out of range": PLAIN + "jobs,县四,1899,100,\n",
    "control character in a name": PLAIN + "jobs,县四,2021,100,力\x1b争\n",
    "unknown column": PLAIN.replace("target,name", "target,nmae"),
    "missing column": PLAIN.replace(
        "indicator,region,year,target,name", "indicator,region,target,name"
    ),
    "too many decimals": PLAIN + "jobs,县四,2021,1.1234567890123,\n",
}


def _exact_file(name: str) -> bytes:
    return _utf8(EXACT_FILES[name])


@pytest.mark.parametrize("name", EXACT_FILES)
def test_any_other_file_goes_to_the_exact_reader(project: Path, name: str) -> None:
    path = project / "t.csv"
    path.write_bytes(_exact_file(name))
    catalog = load_catalog(project / "indicators")
    assert read_target_columns(path, catalog, load_regions(project / "regions.csv")) is None


def test_other_encodings_and_formats_go_to_the_exact_reader(project: Path) -> None:
    catalog = load_catalog(project / "indicators")
    hierarchy = load_regions(project / "regions.csv")
    bad = project / "bad.csv"
    bad.write_bytes(_utf8(PLAIN) + b"jobs,\xff\xfe,2021,1,\n")  # neither UTF-8 nor GBK
    yaml = write(
        project / "t.yaml",
        "year: 2021\ntargets:\n  - {indicator: jobs, region: 县一, target: '1'}\n",
    )
    assert read_target_columns(bad, catalog, hierarchy) is None
    assert read_target_columns(yaml, catalog, hierarchy) is None
    assert read_target_columns(project / "missing.csv", catalog, hierarchy) is None


def _run(project: Path, targets: Path, engine: str) -> tuple[int, str]:
    args = ["check", "-i", str(project / "indicators"), "-d", str(project / "data")]
    args += ["--regions", str(project / "regions.csv"), "--targets", str(targets)]
    result = CliRunner().invoke(app, [*args, "--engine", engine])
    return result.exit_code, result.output


@pytest.mark.parametrize("name", EXACT_FILES)
def test_both_engines_read_and_word_every_such_file_alike(project: Path, name: str) -> None:
    targets = project / "t.csv"
    targets.write_bytes(_exact_file(name))
    slow = _run(project, targets, "exact")
    assert _run(project, targets, "fast") == slow
    try:
        exact = check(
            project / "indicators",
            project / "data",
            regions=project / "regions.csv",
            targets=targets,
            engine=Engine.EXACT,
        )
    except InputError as exc:
        assert slow[0] == 2 and "t.csv:" in slow[1], slow
        with pytest.raises(InputError) as quick:
            check(
                project / "indicators",
                project / "data",
                regions=project / "regions.csv",
                targets=targets,
                engine=Engine.FAST,
            )
        assert [str(p) for p in quick.value.problems] == [str(p) for p in exc.problems]
        return
    fast = check(
        project / "indicators",
        project / "data",
        regions=project / "regions.csv",
        targets=targets,
        engine=Engine.FAST,
    )
    assert list(fast.findings) == list(exact.findings)


@pytest.mark.parametrize("name", PLAIN_FILES)
def test_both_engines_check_and_compute_alike(project: Path, name: str) -> None:
    targets = project / "t.csv"
    targets.write_bytes(PLAIN_FILES[name])
    args = (project / "indicators", project / "data")
    options = {"regions": project / "regions.csv", "targets": targets}
    slow = check(*args, **options, engine=Engine.EXACT)
    quick = check(*args, **options, engine=Engine.FAST)
    assert list(quick.findings) == list(slow.findings)
    assert series(*args, **options, engine=Engine.FAST).to_csv() == (
        series(*args, **options, engine=Engine.EXACT).to_csv()
    )
    if name == "plain":
        kinds = {f.kind for f in slow.findings}
        assert {CheckKind.TARGET_SPLIT, CheckKind.COMPLETION} <= kinds
        assert slow.count(Verdict.INCONSISTENT) >= 1


_ROW = st.tuples(
    st.sampled_from(["jobs", "money", "rate", "jobz"]),
    st.sampled_from(["省", "市甲", "市乙", "县一", "县二", "县三", "县四", "外省"]),
    st.sampled_from([2021, 2022]),
    st.sampled_from(["", "力争", "目标"]),
    st.sampled_from(["1500", "0.35", "600.25", "2500", "0", "9007199254740993", "约300"]),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(_ROW, min_size=1, max_size=14))
def test_any_file_is_read_alike_or_left_to_the_exact_reader(
    project: Path, rows: list[tuple[str, str, int, str, str]]
) -> None:
    text = "indicator,region,year,target,name\n" + "".join(
        f"{i},{r},{y},{t},{n}\n" for i, r, y, n, t in rows
    )
    path = project / "t.csv"
    path.write_bytes(_utf8(text))
    catalog = load_catalog(project / "indicators")
    hierarchy = load_regions(project / "regions.csv")
    keys = [(i, r, y, n) for i, r, y, n, _ in rows]
    plain = (
        all(i in ("jobs", "money") and r != "外省" for i, r, _, _ in keys)
        and all(t not in ("0", "约300") for *_, t in rows)
        and len(set(keys)) == len(keys)
    )
    columns = read_target_columns(path, catalog, hierarchy)
    assert (columns is not None) == plain
    if columns is None:
        return
    exact = load_targets([path], catalog, hierarchy)
    assert list(columns) == list(exact)
    quick, slow = (
        splits(catalog, columns, hierarchy),
        list(target_splits(catalog, exact, hierarchy)),
    )
    assert [(s.file, s.line, s.verdict) for s in quick] == [
        (s.file, s.line, s.verdict) for s in slow
    ]
    assert [s.finding() for s in quick] == [s.finding() for s in slow]
    # The files they name are known before they are decided (the findings' order).
    assert {s.file for s in quick} <= split_files(catalog, columns)
    assert {s.file for s in slow} <= split_files(catalog, exact)
    assert {f.file for s in quick for f in [s.finding()]} == {s.file for s in quick}


def test_the_fast_path_asks_for_columns_and_the_exact_path_for_a_book(project: Path) -> None:
    from hrkpi.api.inputs import _targets
    from hrkpi.core.observations import Dataset

    catalog = load_catalog(project / "indicators")
    hierarchy = load_regions(project / "regions.csv")
    plain = write(project / "t.csv", PLAIN)
    quoted = write(project / "q.csv", EXACT_FILES["quotes"])
    assert isinstance(_targets(plain, None, catalog, None, hierarchy), ColumnBook)
    book = _targets(plain, None, catalog, Dataset([]), hierarchy)
    assert book is not None and not isinstance(book, ColumnBook)
    read = _targets(quoted, None, catalog, None, hierarchy)
    assert read is not None and not isinstance(read, ColumnBook)
    assert list(read) == list(load_targets([quoted], catalog, hierarchy))
