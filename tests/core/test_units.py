"""Units and multipliers."""

from __future__ import annotations

from fractions import Fraction

import pytest

from hrkpi.core.units import compatible, get_unit


def test_wan_converts_to_persons() -> None:
    wan, person = get_unit("万人"), get_unit("人")
    assert wan.to_base(Fraction("4.22")) == 42200
    assert person.from_base(wan.to_base(Fraction(4))) == 40000
    assert compatible(wan, person)


def test_money_multipliers() -> None:
    assert get_unit("亿元").to_base(Fraction("2.18")) == 218_000_000
    assert get_unit("万元").to_base(Fraction("3757.24")) == 37_572_400


def test_persons_and_person_times_do_not_mix() -> None:
    assert not compatible(get_unit("人"), get_unit("人次"))
    assert not compatible(get_unit("家"), get_unit("人"))


def test_percent_flags() -> None:
    assert get_unit("%").is_percent and get_unit("个百分点").is_percent
    assert get_unit("件").is_count and not get_unit("万元").is_count


def test_unknown_unit_suggests() -> None:
    with pytest.raises(ValueError, match=r"unknown unit '万元元' \(did you mean '万元'"):
        get_unit("万元元")


def test_a_slip_suggests_the_common_unit() -> None:
    with pytest.raises(ValueError, match=r"did you mean '万人'"):
        get_unit("万仁")


def test_other_spellings() -> None:
    assert get_unit("pp").symbol == "个百分点"
    assert get_unit("萬人").symbol == "万人"
    assert get_unit(" 万 人 ").symbol == "万人"
