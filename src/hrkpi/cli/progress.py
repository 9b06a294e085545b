"""The progress bar of a long run, its stages in the run's language.

The library reports stages by English keys ("reading data"); the bar shows them
as hrkpi.output.words.STAGES words them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from hrkpi.output.words import Lang

Progress = Callable[[str, int, int], None]


@contextmanager
def progress_bar(lang: Lang) -> Iterator[Progress]:
    """A progress callback for hrkpi.api that shows a bar on a terminal (after a second)."""
    from hrkpi.core.collector import settle
    from hrkpi.output.terminal import ProgressBar
    from hrkpi.output.words import stage_label

    settle()  # the command's modules are imported by now

    with ProgressBar() as bar:
        bar(stage_label("starting", lang), 0, 1)

        def report(stage: str, done: int, total: int) -> None:
            bar(stage_label(stage, lang), done, total)

        yield report
