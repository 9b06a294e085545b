"""The cycle collector paused around work that makes many long-lived objects
(hrkpi.core.collector): restored as it was, and frozen only in hrkpi's own process."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

import hrkpi.core.collector as collector
from hrkpi.core.collector import collector_paused


@pytest.fixture
def enabled() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    gc.unfreeze()  # (what a test froze goes back to the collector)
    # As it was, whatever the test did: a collector left off for the rest of the run
    # grew pytest's process until forking it for the hostile cases took seconds.
    if was:
        gc.enable()
    else:
        gc.disable()


def test_a_pause_turns_the_collector_off_and_back_on(enabled: None) -> None:
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():  # nested: still off, and not turned on by the inner one
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_collector_already_off_stays_off(enabled: None) -> None:
    gc.disable()
    with collector_paused(kept=True):
        assert not gc.isenabled()
    assert not gc.isenabled()


def test_an_error_inside_still_restores_it(enabled: None) -> None:
    with pytest.raises(ZeroDivisionError), collector_paused():
        1 / 0  # noqa: B018
    assert gc.isenabled()


def test_as_a_decorator_each_call_pauses(enabled: None) -> None:
    seen = []

    @collector_paused()
    def work() -> None:
        seen.append(gc.isenabled())

    work()
    work()
    assert seen == [False, False] and gc.isenabled()


@pytest.mark.parametrize("own", [False, True])
def test_kept_work_is_frozen_only_in_hrkpis_own_process(
    enabled: None, monkeypatch: pytest.MonkeyPatch, own: bool
) -> None:
    monkeypatch.setattr(collector, "_own", own)
    gc.unfreeze()
    with collector_paused(kept=True):
        made = [[i] for i in range(1000)]  # tracked objects made during the pause
    frozen = gc.get_freeze_count()
    assert (frozen >= len(made)) if own else frozen == 0
    gc.unfreeze()
    with collector_paused():  # not kept: never frozen, even in hrkpi's own process
        more = [[i] for i in range(1000)]
    assert gc.get_freeze_count() == 0 and len(more) == 1000
