"""`hrkpi check --format json`: a versioned JSON model (`hrkpi schema findings`) with
every finding's data beside its words, written a finding at a time.

Apart from hrkpi.output.checktext so that a text report never imports pydantic's model
machinery (about a third of `hrkpi check`'s start-up).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from pydantic import BaseModel, ConfigDict, Field

from hrkpi.checks.findings import CheckKind, CheckReport, Finding, Role, UsedFigure
from hrkpi.core.errors import shown_key
from hrkpi.core.intervals import Interval
from hrkpi.output.checktext import counts, shown
from hrkpi.output.figures import bound_text, value_text
from hrkpi.output.findjson import finding_json
from hrkpi.output.findreasons import message
from hrkpi.output.findwords import Words, relation
from hrkpi.output.sumwords import period_and_target
from hrkpi.output.words import Lang

# 2: findings as data (figures, candidates, hint) and words in --lang; 3: the verdict
# target_not_printed, the finding's field (restatements), passed under --fail-unchecked;
# 4: borrowed_targets; 5: a finding's `field` counts a list's items from 1 (changes.1.pct),
# as messages do
SCHEMA_VERSION = 5


class _Out(BaseModel):
    """The JSON models' base: built when first used (`--format json`, the schema), not
    when the text report is written."""

    model_config = ConfigDict(defer_build=True)


class IntervalOut(_Out):
    """An interval of values, ends as decimal strings (rounded outwards to 6 decimals)."""

    lo: str
    hi: str
    lo_closed: bool
    hi_closed: bool

    @classmethod
    def of(cls, iv: Interval) -> IntervalOut:
        """Convert an exact interval."""
        return cls(
            lo=bound_text(iv.lo, 6, up=False),
            hi=bound_text(iv.hi, 6, up=True),
            lo_closed=iv.lo_closed,
            hi_closed=iv.hi_closed,
        )


FILE = "The file's path, as a tool opens it (a workbook's alone: its sheet is in sheet)."
SHEET = "A workbook's sheet the figure stands on; empty for any other file."


class FigureOut(_Out):
    """A stated figure a check used."""

    role: Role = Field(
        description="What the figure is to the relation (quoted: a number of its quote)."
    )
    indicator: str
    region: str
    literal: str = Field(description="As written: 4.22, 近84, -12.44.")
    unit: str
    file: str = Field(description=FILE)
    sheet: str = Field(description=SHEET)
    line: int
    interval: IntervalOut | None = Field(description="Its rounding interval, in its unit.")


class CandidateOut(_Out):
    """An admissible reading: a whole-number base and the rate it gives."""

    base: str
    value: str


class HintOut(_Out):
    """A structured fix hint."""

    code: str = Field(description="sign_slip or total_or_part.")
    figure: str = Field(description="The figure the hint proposes (sign_slip), or empty.")


class LimitOut(_Out):
    """A limit as judged."""

    value: str
    word: str
    label: str
    method: str = Field(description="full (全数值比较法) or rounded (修约值比较法).")
    met: bool
    margin: str | None = Field(description="Distance inside the limit (negative: outside).")
    claim_within: bool | None


class PaceOut(_Out):
    """A stated pace status against the statuses the figure allows."""

    stated: str
    pace: str
    lowest: str
    highest: str


class FindingOut(_Out):
    """One relation checked."""

    kind: CheckKind = Field(
        description="The rule (hrkpi.checks.rules): completion, change_pct, composition, "
        "quote (a figure its own quote does not print) ..."
    )
    indicator: str
    region: str = Field(
        description="The figure's region: a data row's own (its line names it), else the report's."
    )
    verdict: str = Field(
        description="consistent, inconsistent, not_checkable, target_not_printed, pass, warn, fail"
    )
    file: str = Field(description=FILE)
    sheet: str = Field(description=SHEET)
    line: int
    stated: str | None
    unit: str
    computed: IntervalOut | None = Field(description="What the inputs allow for the figure.")
    consistent_values: list[str] | None = Field(
        description="Lowest and highest stated values that would be consistent."
    )
    candidates: list[CandidateOut] = Field(
        description="The only admissible values, where not every value in a range is."
    )
    figures: list[FigureOut]
    missing: list[str]
    base: str
    period: str = Field(
        description="The published period's code (2021-01/06; 2020-H1 for 2020年上半年), or "
        "a region sum's date or a data row's that states no period (2021-03-31), a target "
        "split's year; a data row's line names it as the report does (2021年1-6月, "
        "2021年3月31日)."
    )
    target: str = Field(
        description="The target a split divides (省下达, 目标); empty for any other finding."
    )
    reason: str | None = Field(description="Why not checkable: previous_implied, revised ...")
    field: str = Field(
        description="For a restatement or a quote: the field (value, completion, "
        "changes.1.pct: a list's items counted from 1, as messages count them)."
    )
    hint: HintOut | None
    implied: str | None = Field(description="A figure the check implies, in implied_unit.")
    implied_unit: str
    limit: LimitOut | None
    pace: PaceOut | None
    source: str
    quote: str
    location: str
    relation: str = Field(description="The relation in words, in the run's language.")
    message: str = Field(description="Why the verdict and what to do, in the run's language.")


class Summary(_Out):
    """Counts of findings by verdict."""

    checks: int
    consistent: int
    inconsistent: int
    not_checkable: int
    target_not_printed: int
    thresholds_passed: int
    warnings: int
    failures: int


class CheckOut(_Out):
    """The result of `hrkpi check --format json` (`hrkpi schema findings`)."""

    schema_version: int = SCHEMA_VERSION
    lang: str
    passed: bool = Field(description="False when the run exits 1.")
    strict: bool
    fail_unchecked: bool = Field(
        description="Whether relations that could not be checked fail the run."
    )
    summary: Summary
    borrowed_targets: list[str] = Field(
        description="Regions measured against the indicator definition's target (usually "
        "the parent's) for want of a region hierarchy and of their own targets; empty "
        "when none is."
    )
    findings: list[FindingOut]


def summary(report: CheckReport) -> Summary:
    """Count the findings."""
    # Counts are ints: built without validation (the validators are not needed).
    return Summary.model_construct(**counts(report)._asdict())


def _figure_out(u: UsedFigure) -> FigureOut:
    return FigureOut(
        role=u.role,
        indicator=u.indicator,
        region=u.region,
        literal=u.literal,
        unit=u.unit,
        file=u.file,
        sheet=u.sheet,
        line=u.line,
        interval=IntervalOut.of(u.interval) if u.interval and not u.interval.empty else None,
    )


def finding_out(f: Finding, words: Words) -> FindingOut:
    """The JSON form of a finding, its words in `words`' language."""
    limit = None
    if f.limit is not None:
        margin = f.limit.margin
        limit = LimitOut(
            value=f.limit.value,
            word=f.limit.word,
            label=f.limit.label,
            method=f.limit.method,
            met=f.limit.met,
            margin=value_text(margin, f.limit.margin_places) if margin is not None else None,
            claim_within=f.limit.claim_within,
        )
    pace = None
    if f.pace is not None:
        pace = PaceOut(
            stated=f.pace.stated,
            pace=value_text(f.pace.pace, 2),
            lowest=f.pace.lowest,
            highest=f.pace.highest,
        )
    period, target = period_and_target(f)
    return FindingOut(
        kind=f.kind,
        indicator=f.indicator,
        region=f.region,
        verdict=f.verdict.value,
        file=f.file,
        sheet=f.sheet,
        line=f.line,
        stated=f.stated,
        unit=f.unit,
        computed=IntervalOut.of(f.computed) if f.computed and not f.computed.empty else None,
        consistent_values=list(f.consistent_values) if f.consistent_values else None,
        candidates=[CandidateOut(base=c.base, value=c.value) for c in f.candidates],
        figures=[_figure_out(u) for u in f.figures],
        missing=list(f.missing),
        base=f.base,
        period=period,
        target=target,
        reason=f.reason.value if f.reason else None,
        field=shown_key(f.field),
        hint=HintOut(code=f.hint.code.value, figure=f.hint.figure) if f.hint else None,
        implied=f.implied,
        implied_unit=f.implied_unit,
        limit=limit,
        pace=pace,
        source=f.source,
        quote=f.quote,
        location=f.location,
        relation=relation(f, words),
        message=message(f, words),
    )


def to_json(
    report: CheckReport,
    *,
    lang: Lang = Lang.ZH,
    strict: bool = False,
    problems_only: bool = False,
    unchecked: bool = False,
) -> str:
    """The check report as indented JSON (the summary always counts every finding)."""
    return "".join(
        iter_json(
            report, lang=lang, strict=strict, problems_only=problems_only, unchecked=unchecked
        )
    )


def iter_json(
    report: CheckReport,
    *,
    lang: Lang = Lang.ZH,
    strict: bool = False,
    problems_only: bool = False,
    unchecked: bool = False,
    findings: Iterable[Finding] | None = None,
) -> Iterator[str]:
    """`to_json` in pieces, one finding at a time: a million findings stream out
    without the whole document ever being held (the text equals `CheckOut`'s dump).
    `findings`: those to list when the caller reads them itself (`check --junit`)."""
    words = Words(lang, report.catalog)
    head = CheckOut(
        lang=lang.value,
        passed=not report.failed(strict=strict, unchecked=unchecked),
        strict=strict,
        fail_unchecked=unchecked,
        summary=summary(report),
        borrowed_targets=list(report.borrowed),
        findings=[],
    ).model_dump_json(indent=2)
    before, _, after = head.rpartition('"findings": []')
    first = True
    for text in _texts(shown(report, problems_only) if findings is None else findings, words):
        # (the lead apart: a piece of findings is not copied again to join it)
        yield before + '"findings": [\n    ' if first else ",\n    "
        yield text
        first = False
    yield (before + '"findings": []' if first else "\n  ]") + after + "\n"


def _texts(findings: Iterable[Finding], words: Words) -> Iterator[str]:
    """Each finding's JSON (`finding_out`'s dump, written directly: findjson), or for
    findings kept as columns (the fast path) a chunk's at a time, joined as listed, the
    frequent ones made from their columns (hrkpi.output.columnjson)."""
    if getattr(findings, "store_pieces", None) is None:
        for f in findings:
            yield finding_json(f, words, "    ")
        return
    from hrkpi.output.columnjson import json_chunks

    yield from json_chunks(findings, words)
