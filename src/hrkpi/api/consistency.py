"""The consistency of what a report states: `check` on its data (every stated figure,
every limit), `scan` on its text as written. Both return findings, never sentences."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING

from hrkpi.api.engines import Engine, _fast_frame, _restated_rows
from hrkpi.api.inputs import (
    PathArg,
    Progress,
    Tolerance,
    _choice,
    _dataset_figures,
    _exact_inputs,
    _frame_figures,
    _frame_regions,
    _hierarchy,
    _say,
    _targets,
    _unlisted_regions,
    as_path,
)
from hrkpi.core.errors import InputError, UsageError
from hrkpi.core.messages import Msg
from hrkpi.core.models import CompareMethod
from hrkpi.core.numbers import RoundingMode
from hrkpi.core.pace import PaceMethod, pace_tolerance
from hrkpi.engine.indicator import DEFAULT_TOLERANCE

# The rules and the scanner are imported where used: `hrkpi compute` starts without them.
if TYPE_CHECKING:
    from hrkpi.checks.findings import CheckReport
    from hrkpi.core.catalog import Catalog
    from hrkpi.fast.frame import Frame
    from hrkpi.output.words import Lang
    from hrkpi.scans.result import ScanReport

__all__ = ["check", "scan"]


def check(
    indicators: PathArg = None,
    data: PathArg = None,
    *,
    regions: PathArg = None,
    rounding: RoundingMode | str | None = None,
    method: CompareMethod | str | None = None,
    pace_method: PaceMethod | str = PaceMethod.DAYS,
    tolerance: Tolerance = DEFAULT_TOLERANCE,
    engine: Engine | str = Engine.AUTO,
    progress: Progress | None = None,
    problems_only: bool = False,
    as_of: dt.date | None = None,
    targets: PathArg = None,
    listed_in: Lang | None = None,
) -> CheckReport:
    """Check every stated figure for consistency and every limit (`hrkpi check`).

    `rounding` overrides the data files' rounding modes; `method` overrides the
    thresholds' comparison methods (full or rounded value, GB/T 8170);
    `regions` names a hierarchy whose parents' figures are checked against
    their children's sums. `problems_only` lists only inconsistencies, failed
    limits and warnings (the rest are counted). Both engines list the same
    findings; the fast path's are built when read (`CheckReport.findings` is then
    a lazy sequence), and `exact_rows` counts the rows it re-decided exactly.
    `listed_in`: the findings (`problems_only`: the problems) will be listed as text in
    this language (hrkpi.output.checktext): the fast path's groups of large data word
    them as they are decided, two at once, so listing them copies their lines.
    """
    from dataclasses import replace

    from hrkpi.checks.series import check_documents
    from hrkpi.core.targets import borrowed_regions

    tol, pace = pace_tolerance(tolerance), _choice(PaceMethod, pace_method)
    mode = None if rounding is None else _choice(RoundingMode, rounding)
    compare = None if method is None else _choice(CompareMethod, method)
    chosen = _choice(Engine, engine)
    hierarchy = _hierarchy(regions, data)
    if chosen is Engine.FAST and as_of is not None:
        raise UsageError(Msg("the fast engine checks every date; use --engine exact with --as-of"))
    # Every rounding mode is read on the columns (hrkpi.fast.literals).
    exact = as_of is not None
    fast = _fast_frame(indicators, data, Engine.EXACT if exact else chosen, progress, parts=True)
    if fast is not None and _restated_rows(fast[1]):
        _restated(chosen, fast[0], fast[1])
        fast = None
    if fast is not None:
        from hrkpi.fast.partrun import Restated
        from hrkpi.fast.run import check as fast_check

        catalog, frame = fast
        _unlisted_regions(hierarchy, _frame_regions(frame))
        book = _targets(targets, data, catalog, None, hierarchy)
        wording = None
        if listed_in is not None:
            from hrkpi.output.columnwords import ColumnWords
            from hrkpi.output.findwords import Words

            wording = ColumnWords(Words(listed_in, catalog))
        try:
            report, exact_rows = fast_check(
                frame,
                catalog,
                hierarchy,
                rounding=mode,
                method=compare,
                pace_method=pace,
                tolerance=tol,
                progress=progress,
                targets=book,
                wording=wording,
                problems_only=problems_only,
            )
        except Restated as restated:  # (large data is asked a group at a time, as checked)
            _restated(chosen, catalog, restated.args[0])
        else:
            figures = _frame_figures(frame)
            borrowed = borrowed_regions(catalog.indicators, figures, book, hierarchy)
            report = replace(report, engine="fast", exact_rows=exact_rows, borrowed=tuple(borrowed))
            return report.only_problems() if problems_only else report
    catalog, dataset, book = _exact_inputs(indicators, data, targets, hierarchy, progress)
    _say(progress, "checking every figure exactly", 1, 2)
    report = check_documents(
        catalog,
        dataset,
        hierarchy,
        as_of=as_of,
        rounding=mode,
        method=compare,
        pace_method=pace,
        tolerance=tol,
        targets=book,
    )
    figures = _dataset_figures(dataset)
    if as_of is not None:  # the regions of the figures checked, among all the data's
        figures = ((o.indicator, o.region, o.as_of.year) for o in dataset if o.dated == as_of)
    among = None if as_of is None else {o.region for o in dataset}
    borrowed = borrowed_regions(catalog.indicators, figures, book, hierarchy, regions=among)
    report = replace(report, borrowed=tuple(borrowed))
    return report.only_problems() if problems_only else report


def _restated(chosen: Engine, catalog: Catalog, frame: Frame) -> None:
    """A figure stated twice with different figures: the exact engine compares them
    (an error naming the figure's place when the fast engine was asked for)."""
    if chosen is Engine.FAST:
        from hrkpi.api.restated import refuse_restated

        raise refuse_restated(frame, catalog)


def scan(
    paths: list[str | os.PathLike[str]] | list[Path],
    *,
    as_of: dt.date | None = None,
    pace_method: PaceMethod | str = PaceMethod.DAYS,
    tolerance: Tolerance = DEFAULT_TOLERANCE,
) -> ScanReport:
    """Read reports as written (.txt, .md, .html, .docx, .pdf) and check every relation
    their figures state with the rules of `hrkpi check` (`hrkpi scan`).

    Raises InputError naming every file that cannot be read as a report.
    """
    from hrkpi.scans.result import ScanReport
    from hrkpi.scans.run import scan_text
    from hrkpi.sources.documents import read_document

    if not paths:
        raise UsageError(Msg("give at least one report file to scan"))
    tol, pace = pace_tolerance(tolerance), _choice(PaceMethod, pace_method)
    documents = []
    problems = []
    for given in paths:
        path = as_path(given)
        assert path is not None
        try:
            documents.append(read_document(path))
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    several = len(documents) > 1
    return ScanReport(
        [
            scan_text(
                doc.text,
                path=doc.path,
                kind=doc.kind,
                encoding=doc.encoding,
                as_of=as_of,
                prefix=f"f{n}_" if several else "",
                pace_method=pace,
                tolerance=tol,
            )
            for n, doc in enumerate(documents, start=1)
        ]
    )
