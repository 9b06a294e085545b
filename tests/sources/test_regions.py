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
