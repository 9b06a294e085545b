"""benchmarks/run.py's comparison of hrkpi's series table with the pandas script's:
each differing cell classed as pandas' float artefact or as "other"."""

from __future__ import annotations

from pathlib import Path

from benchmarks.run import HEADER, _differences, exact_pace
from tests.conftest import write

TARGETS = """\
indicator,region,year,target
ind_021,市17县19,2022,511
ind_021,市17县20,2022,500
ind_030,市01县01,2021,16016
"""


def _row(**cells: str) -> str:
    base = dict.fromkeys(HEADER, "")
    base.update(cells)
    return ",".join(base[h] for h in HEADER)


def _tables(tmp_path: Path, pairs: list[tuple[str, str]]) -> tuple[Path, Path, Path]:
    header = ",".join(HEADER)
    ours = write(tmp_path / "hrkpi.csv", "\n".join([header, *(a for a, _ in pairs)]) + "\n")
    theirs = write(tmp_path / "pandas.csv", "\n".join([header, *(b for _, b in pairs)]) + "\n")
    return ours, theirs, write(tmp_path / "targets.csv", TARGETS)


def _pace_row(region: str, value: str, status: str, as_of: str = "2022-04-30") -> str:
    return _row(
        region=region,
        indicator="ind_021",
        period=f"2022-01/{as_of[5:7]}",
        as_of=as_of,
        unit="万元",
        value=value,
        pace_status=status,
    )


def test_the_10m_example_lies_exactly_one_point_from_pace() -> None:
    # 173.11 / 511 - 120 / 365 = (173.11 * 365 - 120 * 511) / (511 * 365)
    #                          = 1865.15 / 186515 = 0.01: one point, so on pace ...
    assert exact_pace("173.11", "511", "2022-04-30") == ("on_pace", True)
    # ... while in floats the completion comes out a hair above pace + 1 (pandas: ahead).
    assert 173.11 / 511 * 100 > 120 / 365 * 100 + 1


def test_exact_pace_away_from_a_boundary() -> None:
    # 2022-04-30 is day 120 of 365: pace 32.876...%; 200 of 500 is 40%: ahead.
    assert exact_pace("200", "500", "2022-04-30") == ("ahead", False)
    assert exact_pace("150", "500", "2022-04-30") == ("behind", False)  # 30%
    assert exact_pace("500", "500", "2022-04-30") == ("completed", True)  # 100% exactly
    assert exact_pace("168", "500", "2022-04-30") == ("on_pace", False)  # 33.6%
    # 2020 is a leap year: 2020-06-30 is day 182 of 366.
    assert exact_pace("1", "3", "2020-06-30")[0] == "behind"  # 33.3% < 49.7% - 1


def test_a_status_at_the_boundary_is_classed_as_pandas_artefact(tmp_path: Path) -> None:
    pairs = [
        (_pace_row("市17县19", "173.11", "on_pace"), _pace_row("市17县19", "173.11", "ahead")),
        # hrkpi wrong (40% is ahead): not pandas' artefact.
        (_pace_row("市17县20", "200", "on_pace"), _pace_row("市17县20", "200", "ahead")),
    ]
    rows, kinds, examples = _differences(*_tables(tmp_path, pairs))
    assert rows == 2
    assert kinds == {
        "negative zero": 0,
        "rounding tie": 0,
        "tolerance boundary": 1,
        "other": 1,
    }
    assert examples == [
        "市17县19 ind_021 2022-01/04 pace_status: hrkpi on_pace, pandas ahead",
        "市17县20 ind_021 2022-01/04 pace_status: hrkpi on_pace, pandas ahead",
    ]


def test_at_the_boundary_but_hrkpi_off_is_other(tmp_path: Path) -> None:
    # Exactly one point from pace is on pace; were hrkpi to say ahead and pandas on
    # pace, hrkpi would be the one wrong.
    pairs = [(_pace_row("市17县19", "173.11", "ahead"), _pace_row("市17县19", "173.11", "on_pace"))]
    assert _differences(*_tables(tmp_path, pairs))[1]["other"] == 1


def test_rows_it_cannot_recompute_stay_other(tmp_path: Path) -> None:
    pairs = [
        # an approximate figure, and a region without a target of its own
        (_pace_row("市17县19", "近174", "on_pace"), _pace_row("市17县19", "近174", "ahead")),
        (_pace_row("市99县99", "173.11", "on_pace"), _pace_row("市99县99", "173.11", "ahead")),
    ]
    assert _differences(*_tables(tmp_path, pairs))[1]["other"] == 2


def test_number_cells_keep_their_kinds(tmp_path: Path) -> None:
    pairs = [
        (
            _row(region="市01县01", indicator="ind_030", yoy="0.00", completion="12.35"),
            _row(region="市01县01", indicator="ind_030", yoy="-0.00", completion="12.34"),
        ),
        (
            _row(region="市01县01", indicator="ind_030", completion="12.35"),
            _row(region="市01县01", indicator="ind_030", completion="12.37"),
        ),
    ]
    assert _differences(*_tables(tmp_path, pairs))[1] == {
        "negative zero": 1,
        "rounding tie": 1,
        "tolerance boundary": 0,
        "other": 1,
    }
