"""Python's cycle collector paused while many long-lived objects are made.

Building a million findings, or the tens of thousands of observations and results of
a completion table, makes objects that all live until the work is done and hold no
cycles: each of the collector's passes, set off by the allocations themselves, walks
them again and frees nothing. Paused, reference counting frees what it always did; a
cycle made meanwhile waits for the first pass after. Measured: a third of the CPU of
listing 137k findings (15.5 s against 10.3 s), and about 45% of `hrkpi compute` on a
million stated figures (21.7 s against 12.0 s of CPU, the peak memory the same).

The first pass after a pause walks everything the pause made (the collector counts
them all as new): about 2 s for a table of 29,000 rows. What lives to the end of the
process needs no walk at all, so in hrkpi's own process (`own_process`, called by the
CLI's entry point, never by a library caller) a pause `kept` freezes what it made
(`gc.freeze`, as the CLI does with what start-up made): reference counting still
frees each of them, the collector never looks at them again.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_own = False  # the process is hrkpi's own (its CLI's), not a caller's or a test's


def own_process() -> None:
    """Mark the process as hrkpi's own: `kept` pauses freeze what they made."""
    global _own
    _own = True


def settle() -> None:
    """In hrkpi's own process, keep every object made so far (modules, classes: what
    start-up imported, which lives as long as the process) out of the cyclic collector's
    walks: 3% of a run on the bundled report. Called by the CLI's entry point and, once a
    command's imports are done, by its progress bar; objects made later are collected as
    ever."""
    if _own:
        gc.freeze()


@contextmanager
def collector_paused(*, kept: bool = False) -> Iterator[None]:
    """The cycle collector off for the block (or the function it decorates), as it was
    after: nested pauses and a collector already off are left as they were. `kept`: what
    the block made lives to the end of the process (in hrkpi's own process it is then
    frozen out of the collector's walks)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            if kept and _own:
                gc.freeze()
            gc.enable()
