"""Schema errors: where a key belongs, and files of the other kind said once."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import DATA, INDICATORS, write

from hrkpi.api import load
from hrkpi.core.dataschema import Change, DataFile, StatedFigure
from hrkpi.core.errors import InputError
from hrkpi.core.indicatorschema import Indicator, IndicatorFile, Threshold
from hrkpi.sources.validation import model_at, salvage, unknown_key
from hrkpi.sources.yamldoc import load_document


def test_the_model_at_a_path() -> None:
    assert model_at(IndicatorFile, ("indicators", 0)) is Indicator
    assert model_at(IndicatorFile, ("indicators", 3, "thresholds", 1)) is Threshold
    assert model_at(DataFile, ("figures", "jobs")) is StatedFigure
    assert model_at(DataFile, ("figures", "jobs", "changes", 0)) is Change
    assert model_at(DataFile, ("region",)) is None


@pytest.mark.parametrize(
    ("key", "model", "says"),
    [
        ("targte", Indicator, "unknown key 'targte'; did you mean 'target'?"),
        # Valid in another model: never "did you mean 'quote'?" for 'quote'.
        (
            "quote",
            Indicator,
            "'quote' is not a key in an indicator (indicators:): it belongs in a stated figure "
            "(figures: <id>:) or a restatement (restated:); move it there or remove it",
        ),
        (
            "target",
            StatedFigure,
            "'target' is not a key in a stated figure (figures: <id>:): it belongs in an "
            "indicator (indicators:)",
        ),
        ("pct", StatedFigure, "it belongs in a change (changes:)"),
        ("zzz", Change, "unknown key 'zzz' in a change (changes:); remove it or check"),
    ],
)
def test_unknown_keys(key: str, model: type, says: str) -> None:
    assert says in str(unknown_key(key, model))


def test_swapped_folders_are_said_once_per_folder(tmp_path: Path) -> None:
    import shutil

    shutil.copytree(INDICATORS, tmp_path / "indicators")
    shutil.copytree(DATA, tmp_path / "data")
    with pytest.raises(InputError) as info:
        load(tmp_path / "data", tmp_path / "indicators")
    messages = [str(p.message) for p in info.value.problems]
    assert messages == [
        "this is a data file (it has figures:), not indicator definitions: pass it with "
        "--data (and the definitions with --indicators)",
        "every file in indicators (9 files) holds indicator definitions: pass "
        "the folder with --indicators (not --data)",
    ]


def test_a_single_swapped_file(tmp_path: Path) -> None:
    ind = write(
        tmp_path / "ind" / "a.yaml",
        "indicators:\n  - {id: a, name: 甲, unit: 人, measure: stock}\n",
    )
    with pytest.raises(InputError) as info:
        load(ind.parent, ind)
    [problem] = info.value.problems
    assert str(problem.message).startswith(
        "this is an indicator definitions file (it has indicators:)"
    )


def test_a_file_s_valid_entries_are_salvaged_with_their_places(tmp_path: Path) -> None:
    file = write(
        tmp_path / "a.yaml",
        """
        sections:
          - id: s1
            title: 就业
          - id: s2
            code: 二
            title: 社保
        indicators:
          - id: a
            name: 甲
            unit: 人
            measure: flw
          - id: b
            name: 乙
            unit: 人
            measure: flow
        headers:
          乙人数: b
          坏: "not an id"
        """,
    )
    doc = load_document(file)
    salvaged = salvage(IndicatorFile, doc)
    assert salvaged is not None
    # The second section and the second indicator are valid: kept, at their own places.
    assert [s.id for s in salvaged.model.sections] == ["s2"]
    assert [i.id for i in salvaged.model.indicators] == ["b"]
    assert salvaged.kept == {"sections": [1], "indicators": [1]}
    assert [s["id"] for s in salvaged.dropped["sections"]] == ["s1"]
    assert [i["id"] for i in salvaged.dropped["indicators"]] == ["a"]
    assert salvaged.model.headers == {"乙人数": "b"}
    assert salvaged.dropped["headers"] == ["坏"]


def test_a_file_with_a_wrong_top_level_is_not_salvaged(tmp_path: Path) -> None:
    file = write(tmp_path / "d.yaml", "source: x\nregion: y\nfigures:\n  a:\n    value: 1\n")
    assert salvage(DataFile, load_document(file)) is None  # as_of is missing
