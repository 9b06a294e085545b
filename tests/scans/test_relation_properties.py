"""Properties of the scan on generated passages for the relations of issue #9: a
consistent passage never fails, and one figure moved outside what its rounding allows
always does (shares, partitions, margins, partial lists, increments, restatements)."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st
from tests.scans.test_properties import _fails, _passes, outside

from hrkpi.core.numbers import format_decimal


def _signed_moves(lo: int, hi: int) -> st.SearchStrategy[int]:
    return st.integers(lo, hi).flatmap(lambda k: st.sampled_from([k, -k]))


def _share_text(total: int, part: int, share: str) -> str:
    return f"全市城镇新增就业{total}人，其中高校毕业生{part}人，占{share}%。"


@settings(max_examples=60, deadline=None)
@given(st.integers(200, 99_999), st.data(), _signed_moves(1, 5))
def test_share(total: int, data: st.DataObject, move: int) -> None:
    part = data.draw(st.integers(1, total - 1))
    stated = format_decimal(Fraction(part * 100, total), 1)
    assert _passes(_share_text(total, part, stated), "share")
    # Counts are exact: the share is one number, and only one literal holds it.
    moved = Fraction(stated) + Fraction(move, 10)
    if 0 < moved < 100 and outside(Fraction(part * 100, total), moved, 1):
        assert _fails(_share_text(total, part, format_decimal(moved, 1)), "share")


def _partition_text(shares: list[str]) -> str:
    first, second, third = shares
    return (
        f"全县从业人员中，第一产业从业人员占{first}%；第二产业从业人员占{second}%；"
        f"第三产业从业人员占{third}%。"
    )


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(1, 10_000), min_size=3, max_size=3), st.data())
def test_share_partition(people: list[int], data: st.DataObject) -> None:
    total = sum(people)
    shares = [format_decimal(Fraction(p * 100, total), 1) for p in people]
    assert _passes(_partition_text(shares), "share_sum")
    # Three shares at one decimal span 0.3 together: a move of 0.4 or more is beyond it.
    which = data.draw(st.integers(0, 2))
    move = data.draw(_signed_moves(4, 9))
    moved = Fraction(shares[which]) + Fraction(move, 10)
    if moved > 0:
        shares[which] = format_decimal(moved, 1)
        assert _fails(_partition_text(shares), "share_sum")


def _margin_text(value: str, limit: str, by: str) -> str:
    return f"城镇登记失业率为{value}%，低于{limit}%的控制目标{by}个百分点。"


@settings(max_examples=60, deadline=None)
@given(st.integers(30, 60), st.integers(1, 250), _signed_moves(2, 6))
def test_margin(limit_tenths: int, below: int, move: int) -> None:
    limit = Fraction(limit_tenths, 10)
    value = limit - Fraction(below, 100)
    if value <= 0:
        return
    by = Fraction(below, 100)
    text = _margin_text(format_decimal(value, 2), format_decimal(limit, 1), format_decimal(by, 2))
    assert _passes(text, "margin")
    # The value spans 0.01 and the distance 0.01: two steps away they can no longer meet.
    moved = by + Fraction(move, 100)
    if moved > 0:
        text = _margin_text(
            format_decimal(value, 2), format_decimal(limit, 1), format_decimal(moved, 2)
        )
        assert _fails(text, "margin")


def _partial_text(total: int, parts: list[int]) -> str:
    listed = "、".join(
        f"{name}{p}人" for name, p in zip(("高校毕业生", "困难人员"), parts, strict=True)
    )
    return f"全市城镇新增就业{total}人，其中{listed}。"


@settings(max_examples=60, deadline=None)
@given(st.integers(1_000, 99_999), st.data())
def test_partial_parts(total: int, data: st.DataObject) -> None:
    # Parts short of the total by more than a slip of the pen (1%): a partial list.
    room = total * 98 // 100
    first = data.draw(st.integers(1, room - 1))
    second = data.draw(st.integers(1, room - first))
    assert _passes(_partial_text(total, [first, second]), "partial_parts")
    # One part larger than the total (beyond a slip of the pen, or the list would be
    # read as the whole's parts): each is at most the total even when they overlap.
    over = data.draw(st.integers(total + total // 50 + 10, total * 2))
    assert _fails(_partial_text(total, [first, over]), "partial_parts")


def _increments_text(total: int, parts: list[int]) -> str:
    return (
        f"全市参保人数{total * 20}人，比上年末增加{total}人，"
        f"其中职工增加{parts[0]}人、居民增加{parts[1]}人。"
    )


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 50_000), st.integers(1, 50_000), st.data())
def test_increments(first: int, second: int, data: st.DataObject) -> None:
    total = first + second
    assert _passes(_increments_text(total, [first, second]), "increments")
    # A slip of the pen: at most 9 and at most 1% of the total as printed.
    limit = min(9, (total - 9) // 100)
    if limit <= 0:
        return  # a total under 100 missed by one may be a partial list: not judged
    slip = data.draw(_signed_moves(1, limit))
    assert _fails(_increments_text(total + slip, [first, second]), "increments")


def _restated_text(headline: str, body: int) -> str:
    return (
        f"一、总体情况。上半年全市城镇新增就业{headline}万人。\n"
        f"二、就业工作。上半年全市城镇新增就业{body}人，完成全年目标任务的52.1%。"
    )


@settings(max_examples=60, deadline=None)
@given(st.integers(10_000, 999_999), st.integers(1, 2), st.sampled_from([1, -1]))
def test_restatement(people: int, places: int, move: int) -> None:
    headline = format_decimal(Fraction(people, 10_000), places)
    text = _restated_text(headline, people)
    if Fraction(headline) * 10_000 != people:  # printed alike, a restatement is harmless
        assert _passes(text, "restatement")
    moved = Fraction(headline) + Fraction(move, 10**places)
    if outside(Fraction(people, 10_000), moved, places):
        assert _fails(_restated_text(format_decimal(moved, places), people), "restatement")


def _sex_ratio_text(male: int, female: int, ratio: str) -> str:
    return (
        f"年末全县户籍人口{male + female}人。从性别结构看，男性人口{male}人，女性人口{female}人，"
        f"总人口性别比为{ratio}（以女性为100）。"
    )


@settings(max_examples=60, deadline=None)
@given(st.integers(1_000, 900_000), st.integers(1_000, 900_000), _signed_moves(1, 5))
def test_ratio(male: int, female: int, move: int) -> None:
    exact = Fraction(male * 100, female)
    stated = format_decimal(exact, 2)
    assert _passes(_sex_ratio_text(male, female, stated), "ratio")
    moved = Fraction(stated) + Fraction(move, 100)
    if moved > 0 and outside(exact, moved, 2):
        assert _fails(_sex_ratio_text(male, female, format_decimal(moved, 2)), "ratio")


def _pace_text(done: int, target: int, rate: str, ahead: str) -> str:
    return (
        f"截至2021年6月末，全市失业人员再就业{done}人，完成全年任务数{target}人的{rate}%，"
        f"超序时进度{ahead}个百分点。"
    )


@settings(max_examples=60, deadline=None)
@given(st.integers(60, 99), st.integers(10, 200), _signed_moves(1, 20))
def test_margin_to_pace(percent: int, hundreds: int, move: int) -> None:
    target = hundreds * 100
    done = target * percent // 100
    rate = Fraction(done * 100, target)  # exact: a whole percent of a round target
    ahead = rate - 50  # by months: 6/12
    text = _pace_text(done, target, format_decimal(rate, 1), format_decimal(ahead, 1))
    assert _passes(text, "margin")
    # Either reckoning may be the report's (by days 2021-06-30 is 181/365): a distance is
    # wrong only when it fits neither. The rate as printed spans 0.1 and so does the
    # distance: they meet within 0.1 of each other.
    moved = ahead + Fraction(move, 10)
    by_days = rate - Fraction(181 * 100, 365)
    tenth = Fraction(1, 10)
    if abs(moved - ahead) > tenth and abs(moved - by_days) > tenth:
        text = _pace_text(done, target, format_decimal(rate, 1), format_decimal(moved, 1))
        assert _fails(text, "margin")
