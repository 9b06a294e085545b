"""Groups decided two at a time (hrkpi.fast.workers): results and errors in the groups'
order, whatever order the threads finish in."""

from __future__ import annotations

import threading
import time
from contextvars import ContextVar

import pytest

from hrkpi.fast.workers import in_order, read_ahead

_SAID: ContextVar[str] = ContextVar("said", default="unset")


def test_results_come_in_the_items_order_when_a_later_one_finishes_first() -> None:
    second_done = threading.Event()
    finished: list[int] = []

    def work(n: int) -> int:
        if n == 0:  # the first waits until the second has finished
            assert second_done.wait(10)
        finished.append(n)
        if n == 1:
            second_done.set()
        return n * n

    assert in_order(work, [0, 1, 2, 3], at_once=2) == [0, 1, 4, 9]
    assert finished[0] == 1  # really run at once, the second first


def test_one_at_a_time_runs_them_in_turn() -> None:
    seen: list[str] = []

    def work(n: int) -> int:
        seen.append(threading.current_thread().name)
        return -n

    main = threading.current_thread().name
    assert in_order(work, [1, 2, 3], at_once=1) == [-1, -2, -3]
    assert seen == [main] * 3


def test_the_first_error_in_order_is_raised_and_the_rest_dropped() -> None:
    second_failed = threading.Event()
    begun: list[int] = []
    ended: list[int] = []

    def work(n: int) -> int:
        begun.append(n)
        try:
            if n == 0:
                # The second fails first; the first fails after it, and its error is the
                # one raised (as deciding them one after another would).
                assert second_failed.wait(10)
                time.sleep(0.05)
                raise ValueError("first")
            if n == 1:
                second_failed.set()
                raise KeyError("second")
            return n
        finally:
            ended.append(n)

    with pytest.raises(ValueError, match="first"):
        in_order(work, list(range(40)), at_once=2)
    # Nothing runs on once the error is raised, and the items after the failure that
    # had not begun never do, however slow the caller's thread is to look.
    assert sorted(begun) == sorted(ended) == [0, 1]


def test_a_later_items_failure_is_raised_when_the_earlier_ones_succeed() -> None:
    second_failed = threading.Event()
    begun: list[int] = []

    def work(n: int) -> int:
        begun.append(n)
        if n == 0:
            assert second_failed.wait(10)
            time.sleep(0.1)  # (the other worker meanwhile free to take the rest)
            return 0
        second_failed.set()
        raise KeyError("second")

    with pytest.raises(KeyError, match="second"):
        in_order(work, list(range(40)), at_once=2)
    assert sorted(begun) == [0, 1]


def test_each_item_runs_in_the_callers_context() -> None:
    token = _SAID.set("the caller's")
    try:
        assert in_order(lambda n: f"{_SAID.get()} {n}", [1, 2, 3]) == [
            "the caller's 1",
            "the caller's 2",
            "the caller's 3",
        ]
    finally:
        _SAID.reset(token)


def test_read_ahead_gives_every_item_in_order_one_read_ahead_at_most() -> None:
    read: list[int] = []
    used: list[int] = []

    def reading(n: int) -> int:
        read.append(n)
        return n * 10

    for got in read_ahead(reading, [1, 2, 3, 4]):
        time.sleep(0.02)  # (time for a read ahead to run)
        used.append(got)
        assert len(read) <= len(used) + 1
    assert used == [10, 20, 30, 40] and read == [1, 2, 3, 4]
    assert list(read_ahead(reading, [])) == [] and list(read_ahead(reading, [5])) == [50]
