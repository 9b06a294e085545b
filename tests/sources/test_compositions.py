"""Compositions checked whole before use: circles and doubled parts, located."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import write

from hrkpi.api import load
from hrkpi.core.errors import InputError

DATA = "source: 测试\nregion: 测试市\nas_of: 2020-06-30\nfigures:\n  c:\n    value: 1\n"


def _problems(tmp_path: Path, indicators: str) -> list[str]:
    write(tmp_path / "ind" / "a.yaml", indicators)
    write(tmp_path / "data" / "d.yaml", DATA)
    with pytest.raises(InputError) as info:
        load(tmp_path / "ind", tmp_path / "data")
    return [str(p).replace(str(tmp_path) + "/", "") for p in info.value.problems]


def test_a_circle_of_totals_is_refused_at_the_part_that_closes_it(tmp_path: Path) -> None:
    # A = B + C and B = A + D: no figures can satisfy both.
    problems = _problems(
        tmp_path,
        """
        indicators:
          - {id: a, name: 甲, unit: 人, measure: stock, parts: [b, c]}
          - {id: b, name: 乙, unit: 人, measure: stock, parts: [a, d]}
          - {id: c, name: 丙, unit: 人, measure: stock}
          - {id: d, name: 丁, unit: 人, measure: stock}
        """,
    )
    assert problems == [
        "ind/a.yaml:3:55: indicators.2.parts.1: the parts go round in a circle "
        "(a -> b -> a; 2 indicators): a total cannot be a part of its own parts; remove one "
        "of these parts"
    ]


def test_a_part_listed_twice(tmp_path: Path) -> None:
    problems = _problems(
        tmp_path,
        """
        indicators:
          - {id: a, name: 甲, unit: 人, measure: stock, parts: [c, d, c]}
          - {id: c, name: 丙, unit: 人, measure: stock}
          - {id: d, name: 丁, unit: 人, measure: stock}
        """,
    )
    assert problems == [
        "ind/a.yaml:2:61: indicators.1.parts.3: part 'c' is listed twice; list it once"
    ]


def test_a_part_of_two_totals_is_allowed(tmp_path: Path) -> None:
    write(
        tmp_path / "ind" / "a.yaml",
        """
        indicators:
          - {id: a, name: 甲, unit: 人, measure: stock, parts: [c, d]}
          - {id: b, name: 乙, unit: 人, measure: stock, parts: [c, e]}
          - {id: c, name: 丙, unit: 人, measure: stock}
          - {id: d, name: 丁, unit: 人, measure: stock}
          - {id: e, name: 戊, unit: 人, measure: stock}
        """,
    )
    write(tmp_path / "data" / "d.yaml", DATA)
    catalog, _ = load(tmp_path / "ind", tmp_path / "data")
    assert catalog.indicators["b"].parts == ["c", "e"]


def test_a_long_chain_is_walked_without_recursion(tmp_path: Path) -> None:
    n = 5000  # far past Python's recursion limit
    lines = ["indicators:"]
    for i in range(n):
        parts = f", parts: [i{i + 1}]" if i + 1 < n else ", parts: [i0]"
        lines.append(f"  - {{id: i{i}, name: 指标{i}, unit: 人, measure: stock{parts}}}")
    [unknown, problem] = _problems(tmp_path, "\n".join(lines) + "\n")
    # The data's figure c names none of these indicators: said in the same run.
    assert unknown.startswith("data/d.yaml:5:3: figures.c: no indicator 'c' is defined")
    assert f"indicators.{n}.parts.1: the parts go round in a circle" in problem
    assert f"; {n} indicators)" in problem
