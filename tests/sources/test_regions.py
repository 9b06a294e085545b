"""Region hierarchy files: parents, children, and located errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import write

from hrkpi.core.errors import InputError
from hrkpi.sources.regions import load_regions


def test_hierarchy_children_in_file_order(tmp_path: Path) -> None:
    file = write(
        tmp_path / "regions.csv",
        """
        region,parent,level
        福建省,,province
        厦门市,福建省,city
        思明区,厦门市,county
        湖里区,厦门市,county
        """,
    )
    h = load_regions(file)
    assert h.children == {"福建省": ["厦门市"], "厦门市": ["思明区", "湖里区"]}
    assert h.parent["湖里区"] == "厦门市"
    assert h.level["福建省"] == "province"
    assert len(h) == 4


def test_hierarchy_errors_name_line_and_column(tmp_path: Path) -> None:
    file = write(
        tmp_path / "regions.csv",
        """
        region,parent
        A,B
        B,A
        A,
        C,C
        """,
    )
    with pytest.raises(InputError) as info:
        load_regions(file)
    text = str(info.value)
    file = file.name  # shown relative to the working directory (the test's folder)
    assert f"{file}:4:1: region: region 'A' is listed twice (first at line 2); list it once" in text
    assert f"{file}:5:2: parent: a region cannot be its own parent" in text
    assert f"{file}:2:2: parent: region 'A' is its own ancestor" in text


def test_a_parent_must_be_listed(tmp_path: Path) -> None:
    # 思明区 -> 厦门 (a typo for 厦门市) would make a region of its own.
    file = write(tmp_path / "regions.csv", "region,parent\n福建省,\n厦门市,福建省\n思明区,厦门\n")
    with pytest.raises(InputError) as info:
        load_regions(file)
    assert str(info.value) == (
        f"{file.name}:4:2: parent: parent '厦门' of '思明区' is not listed as a region; "
        "did you mean '厦门市'?"
    )


def test_depth_and_loops_are_found_in_one_linear_walk(tmp_path: Path) -> None:
    n = 50_000  # deeper than any recursion, longer than any quadratic walk allows
    chain = write(
        tmp_path / "chain.csv",
        "region,parent\nr0,\n" + "".join(f"r{i},r{i - 1}\n" for i in range(1, n)),
    )
    with pytest.raises(InputError) as info:
        load_regions(chain)
    # Named once, at the first region past the limit.
    assert str(info.value) == (
        f"{chain.name}:14:2: parent: region 'r12' lies 13 levels deep; a hierarchy has at most "
        "12 (limit MAX_REGION_DEPTH): check its parents"
    )
    loop = write(
        tmp_path / "loop.csv",
        "region,parent\n" + "".join(f"r{i},r{(i + 1) % n}\n" for i in range(n)),
    )
    with pytest.raises(InputError) as info:
        load_regions(loop)
    [problem] = info.value.problems
    assert problem.line == 2 and f"; {n} regions)" in str(problem.message)


def test_control_characters_in_a_region_name(tmp_path: Path) -> None:
    file = write(tmp_path / "regions.csv", 'region,parent\n福建省,\n"厦门\x1b[2J",福建省\n')
    with pytest.raises(InputError, match=r"regions.csv:3:1: region: the text holds a terminal"):
        load_regions(file)
