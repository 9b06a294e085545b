"""Scan a text: read its relations, run `hrkpi check`'s own rules on them, and place
every finding back on the sentence it came from."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from hrkpi.checks.findings import CheckKind, Finding
from hrkpi.checks.report import check_dataset
from hrkpi.core.pace import PaceMethod
from hrkpi.scans.build import Relation, build
from hrkpi.scans.dates import infer, report_year
from hrkpi.scans.result import FigureRef, NotUnderstood, ScanFile, ScanFinding
from hrkpi.scans.shapes import Context
from hrkpi.scans.structure import read_text
from hrkpi.scans.text import fold, line_col

GROUPS = {
    CheckKind.COMPLETION: "completion",
    CheckKind.CHANGE_PCT: "change",
    CheckKind.CHANGE_ABS: "change",
    CheckKind.CHANGE_PP: "change",
    CheckKind.WHOLE_BASE: "change",
    CheckKind.COMPOSITION: "composition",
    CheckKind.PARTS_GROWTH: "parts_growth",
    # A total's growth rebuilt from parts that state values: the same sentence.
    CheckKind.PARTS_CHANGE: "parts_growth",
    CheckKind.THRESHOLD_CLAIM: "threshold",
    CheckKind.THRESHOLD: "threshold",
    CheckKind.PACE_CLAIM: "pace",
    CheckKind.SHARE: "share",
    CheckKind.SHARE_SUM: "share_sum",
    CheckKind.PARTIAL_PARTS: "partial",
    CheckKind.INCREMENTS: "increments",
    CheckKind.MARGIN: "margin",
    CheckKind.RESTATEMENT: "restatement",
    CheckKind.RATIO: "ratio",
}
REGION = "本地区"  # a report's own area: the scan reads no region names
_CLAIMED = ("rate", "change", "share", "margin", "ratio", "restated")


def scan_text(
    text: str,
    *,
    path: str,
    kind: str = "text",
    encoding: str | None = None,
    as_of: dt.date | None = None,
    prefix: str = "",
    pace_method: PaceMethod = PaceMethod.DAYS,
    tolerance: Fraction = Fraction(1),
) -> ScanFile:
    """Read and check one text (as read from `path`); spans are offsets into `text`."""
    folded = fold(text)
    year = report_year(folded)
    inferred = infer(folded)
    found = as_of or (inferred[0] if inferred else None)
    where_from = "option" if as_of else ("text" if found else "")
    # A year's end read from 年末 dates a base, but judges no pace claim.
    pace_known = as_of is not None or (inferred is not None and inferred[1])
    ctx = Context(year, found, pace_known)
    reading = read_text(folded, ctx)
    source = path.rsplit("/", 1)[-1]
    date = found or dt.date(year or 1970, 12, 31)
    built = build(
        reading,
        text,
        path=path,
        region=REGION,
        source=source,
        as_of=date,
        prefix=prefix,
        pace_known=pace_known,
        pace_method=pace_method,
        tolerance=tolerance,
    )
    report = check_dataset(
        built.catalog, built.dataset, pace_method=pace_method, tolerance=tolerance
    )
    out = ScanFile(
        path=path,
        kind=kind,
        encoding=encoding,
        text=text,
        as_of=found,
        as_of_from=where_from,
        figures=len(reading.tokens),
        catalog=built.catalog,
        dataset=built.dataset,
        source=source,
        region=REGION,
    )
    index: dict[tuple[str, str], list[Relation]] = {}
    for rel in built.relations:
        index.setdefault((rel.indicator, rel.group), []).append(rel)
    for f in report.findings:
        rels = index.get((f.indicator, GROUPS.get(f.kind, "")), [])
        match = next((r for r in rels if r.stated == f.stated), rels[0] if rels else None)
        if match is not None:
            out.findings.append(_finding(text, f, match, built))
    out.findings.sort(key=lambda f: (f.line, f.span[0], f.kind))
    seen: set[tuple[int, int]] = set()
    for span, why in sorted(reading.not_understood):
        if span in seen:
            continue
        seen.add(span)
        line, _ = line_col(text, span[0])
        out.not_understood.append(NotUnderstood(span, text[span[0] : span[1]], line, why))
    return out


def _finding(text: str, f: Finding, rel: Relation, built: object) -> ScanFinding:
    from hrkpi.scans.build import Built

    assert isinstance(built, Built)
    ind = built.catalog.indicators[f.indicator]
    start = min([rel.span[0], *(t.start for t, _ in rel.figures)])
    end = max([rel.span[1], *(t.end for t, _ in rel.figures)])
    # The line of the figure the relation states (a share, a change, a margin), as check
    # gives the stated figure's line; a total's relations stand at the total.
    claimed = [t for t, role in rel.figures if role in _CLAIMED]
    line, col = line_col(text, claimed[-1].start if claimed else start)
    return ScanFinding(
        kind=f.kind.value,
        relation=rel.kind,
        rule=rel.rule,
        rules=rel.rules or [rel.rule],
        span=(start, end),
        text=text[start:end],
        figures=[FigureRef(text[t.start : t.end], t.span, role) for t, role in rel.figures],
        line=line,
        column=col,
        check=f,
        unit=ind.unit.symbol,
    )
