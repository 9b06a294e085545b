"""Input models: thresholds resolved from the report's words, and the API's lazy names."""

from __future__ import annotations

from fractions import Fraction

import pytest
from pydantic import ValidationError

import hrkpi
from hrkpi.core.models import Threshold, ThresholdKind
from hrkpi.engine.indicator import limits


@pytest.mark.parametrize(
    ("word", "kind", "inclusive"),
    [
        ("以上", ThresholdKind.FLOOR, True),
        ("不低于", ThresholdKind.FLOOR, True),
        ("超过", ThresholdKind.FLOOR, False),
        ("以内", ThresholdKind.CEILING, True),
        ("不高于", ThresholdKind.CEILING, True),
        ("低于", ThresholdKind.CEILING, False),
        ("不满", ThresholdKind.CEILING, False),
    ],
)
def test_threshold_words(word: str, kind: ThresholdKind, inclusive: bool) -> None:
    t = Threshold.model_validate({"word": word, "value": "4"})
    assert (t.kind, t.inclusive) == (kind, inclusive)


def test_about_band_limits() -> None:
    t = Threshold.model_validate({"word": "左右", "value": "4", "tolerance": "0.5"})
    assert limits(t) == (Fraction("3.5"), Fraction("4.5"))


def test_threshold_needs_kind_and_band_needs_width() -> None:
    with pytest.raises(ValidationError, match="give the threshold a kind"):
        Threshold.model_validate({"value": "4"})
    with pytest.raises(ValidationError, match="a band needs an upper end"):
        Threshold.model_validate({"kind": "band", "value": "4"})
    with pytest.raises(ValidationError, match="unknown threshold word"):
        Threshold.model_validate({"word": "大约", "value": "4"})


def test_public_api_names_resolve() -> None:
    for name in hrkpi.__all__:
        assert getattr(hrkpi, name) is not None
    with pytest.raises(AttributeError):
        _ = hrkpi.nothing_here  # type: ignore[attr-defined]
