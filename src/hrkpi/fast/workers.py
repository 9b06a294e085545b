"""Groups of indicators decided two at a time: both cores kept busy.

One group of the partitioned plan (about 50,000 rows) is too small for polars to
keep two cores busy on its own: decided one after another, the groups ran at about
1.1 cores (CPU / wall at 1M). Each group's work is mostly polars, which releases the
GIL while it computes (under cProfile its collects took 4.3 s of the groups' 5.5 s),
so two groups decided in two threads keep both cores busy for most of that time.

The results are taken in the groups' order, whatever order the threads finish in,
so the outputs are the same as deciding them one after another; so is the error
raised: that of the first group (in their order) that fails. When one fails (or on
Ctrl-C) the groups not yet begun are dropped and those running are waited for, so
nothing writes into the temporary folder once the error is handed on.
"""

from __future__ import annotations

import contextvars
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def _cores() -> int:
    """The CPU cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


# Groups decided at once. Two keep two cores busy (a group alone keeps about one);
# more would hold more groups' intermediate columns in memory at once, and on one
# core a second thread would only hold a second group's.
AT_ONCE = min(2, _cores())


def in_order(work: Callable[[T], R], items: Sequence[T], at_once: int | None = None) -> list[R]:
    """`work(item)` for every item, `at_once` (default AT_ONCE) running at a time in
    threads, in the order of `items`. Each runs in a copy of the caller's context (its
    declared units, its language). The first error in the items' order is raised, after
    the work running then has ended and the rest is dropped."""
    at_once = at_once or AT_ONCE
    if at_once <= 1 or len(items) <= 1:
        return [work(item) for item in items]
    pool = ThreadPoolExecutor(max_workers=min(at_once, len(items)), thread_name_prefix="hrkpi")
    failed = threading.Event()

    def run(item: T) -> R:
        # A failure drops the items not yet begun. (Checked as each begins: callbacks
        # added to the futures after submitting them came too late when the caller's
        # thread was slow, and the workers had meanwhile run on through the items.)
        if failed.is_set():
            raise _Dropped
        try:
            return work(item)
        except BaseException:
            failed.set()
            raise

    try:
        # (a context each: one context cannot be entered by two threads at once)
        futures: list[Future[R]] = [
            pool.submit(contextvars.copy_context().run, run, item) for item in items
        ]
        results: list[R] = []
        for future in futures:
            try:
                results.append(future.result())
            except _Dropped:
                # (an item taken just as a later one failed: that one's error follows)
                continue
        return results
    finally:
        failed.set()  # (Ctrl-C in the caller: nothing more begins)
        pool.shutdown(wait=True, cancel_futures=True)


class _Dropped(Exception):
    """An item not begun because one before it failed (never raised to the caller)."""


def read_ahead(read: Callable[[T], R], items: Sequence[T]) -> Iterator[R]:
    """`read(item)` for every item in order, the next read in a thread while the caller
    uses the one before (the series table's pieces: each group's file is decompressed
    while the one before is written out). One read is held ahead at most."""
    if len(items) <= 1:
        yield from (read(item) for item in items)
        return
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="hrkpi-read")
    try:
        ahead = pool.submit(contextvars.copy_context().run, read, items[0])
        for nxt in items[1:]:
            done = ahead.result()
            ahead = pool.submit(contextvars.copy_context().run, read, nxt)
            yield done
        yield ahead.result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
