"""The JSON form of a computed report: a documented, stable pydantic model.

Every figure is a decimal string rounded by GB/T 8170 to its display
decimals, never a float, so a consumer gets exactly what the table shows.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import PurePath

from pydantic import BaseModel, Field

from hrkpi.core.numbers import format_decimal
from hrkpi.engine.indicator import ChangeResult, IndicatorResult, ThresholdResult
from hrkpi.engine.report import Report
from hrkpi.output.table import PCT_DECIMALS

SCHEMA_VERSION = 1


def _dec(value: Fraction | None, decimals: int) -> str | None:
    return None if value is None else format_decimal(value, decimals)


def _exact(value: Fraction) -> str:
    """A number as a decimal string with as many decimals as it has (0.5, 1, 0.25);
    one that never ends, such as 1/3 (only from Python), to _MAX_PLACES."""
    places = 0
    while (value * 10**places).denominator != 1 and places < _MAX_PLACES:
        places += 1
    return format_decimal(value, places)


_MAX_PLACES = 12


class ChangeOut(BaseModel):
    """A stated change with the figures computed from it."""

    base: str = Field(description="same_period_last_year, end_of_last_year or a date.")
    previous: str | None = Field(description="Base value, in the indicator's unit.")
    previous_implied: bool = Field(description="True when derived from the stated change.")
    absolute: str | None = Field(description="current - previous, in the indicator's unit.")
    relative: str | None = Field(description="Growth rate in %, computed.")
    points: str | None = Field(description="Change in percentage points (rates).")
    stated_abs: str | None
    stated_pct: str | None
    stated_pp: str | None


class ShareOut(BaseModel):
    """A share recomputed from the part's and the total's stated values."""

    of: str = Field(description="The total's indicator id.")
    pct: str = Field(description="part / total x 100, at two decimals.")


class ThresholdOut(BaseModel):
    """A limit and its judgement."""

    kind: str
    limit: str
    upper: str | None
    inclusive: bool
    level: str
    method: str
    met: bool
    margin: str = Field(description="Distance inside the limit (negative: outside).")


class TargetOut(BaseModel):
    """One named target and the value against it."""

    name: str = Field(description="As the plan names it: 目标, 省下达, 力争.")
    target: str = Field(description="The target as written, in the indicator's unit.")
    completion: str | None = Field(description="Completion rate in % (flows and stocks).")
    gap: str = Field(description="value - target, in the unit (points for a rate).")
    reached: bool


class IndicatorOut(BaseModel):
    """One row of the completion table."""

    id: str
    name: str
    name_en: str | None
    section: str | None
    section_code: str | None
    region: str
    unit: str
    measure: str
    direction: str
    as_of: str | None
    stated: str | None = Field(description="The value as the report writes it.")
    value: str | None = Field(description="The value in the indicator's unit and decimals.")
    target: str | None
    targets: list[TargetOut] = Field(
        default_factory=list, description="Every named target, the primary (target) first."
    )
    target_source: str | None = Field(
        None,
        description="definition, assigned (a targets file), or none: the region has no "
        "target of its own.",
    )
    completion: str | None = Field(description="Completion rate in %.")
    over_plan: str | None = Field(description="Completion above 100%, in %.")
    pace: str | None = Field(description="Schedule pace in %.")
    pace_status: str | None = Field(description="completed, ahead, on_pace or behind.")
    changes: list[ChangeOut]
    thresholds: list[ThresholdOut]
    parts: list[str]
    parts_sum: str | None
    implied_target: str | None = Field(
        description="The annual target a stated completion rate implies, when none is defined."
    )
    ratio: str | None = Field(description="A ratio indicator's value from its operands.")
    shares: list[ShareOut] = Field(description="Each stated share recomputed: part / total.")
    file: str | None
    line: int | None


class ReportOut(BaseModel):
    """The result of `hrkpi compute --format json`."""

    schema_version: int = SCHEMA_VERSION
    as_of: str | None
    pace_method: str
    pace: str | None
    pace_tolerance: str = Field(description="Percentage points either side of pace (0.5).")
    sources: list[str]
    indicators: list[IndicatorOut]


def _change(c: ChangeResult, d: int) -> ChangeOut:
    s = c.stated
    return ChangeOut(
        base=str(s.base.value if hasattr(s.base, "value") else s.base.isoformat()),
        previous=_dec(c.previous, c.decimals),
        previous_implied=c.previous_implied,
        absolute=_dec(c.absolute, c.decimals),
        relative=_dec(c.relative, PCT_DECIMALS),
        points=_dec(c.points, PCT_DECIMALS),
        stated_abs=s.abs.literal if s.abs else None,
        stated_pct=s.pct.literal if s.pct else None,
        stated_pp=s.pp.literal if s.pp else None,
    )


def _threshold(t: ThresholdResult, d: int) -> ThresholdOut:
    th = t.threshold
    return ThresholdOut(
        kind=str(th.kind),
        limit=th.value.literal,
        upper=th.upper.literal if th.upper else None,
        inclusive=bool(th.inclusive),
        level=th.level.value,
        method=th.method.value,
        met=t.met,
        margin=format_decimal(t.margin, d),
    )


def indicator_out(r: IndicatorResult, report: Report, *, bare_paths: bool = False) -> IndicatorOut:
    """The JSON row of one result."""
    ind = r.indicator
    section = report.catalog.section_of(ind)
    obs = r.observation
    d = r.value_decimals
    return IndicatorOut(
        id=ind.id,
        name=ind.name,
        name_en=ind.name_en,
        section=ind.section,
        section_code=section.code if section else None,
        region=r.region,
        unit=ind.unit.symbol,
        measure=ind.measure.value,
        direction=ind.direction.value,
        as_of=obs.as_of.isoformat() if obs else None,
        stated=obs.stated.value.literal if obs and obs.stated.value else None,
        value=_dec(r.value, d),
        target=ind.target.literal if ind.target else None,
        targets=[
            TargetOut(
                name=t.target.name,
                target=t.target.value.literal,
                completion=_dec(t.completion, PCT_DECIMALS),
                gap=format_decimal(t.gap, max(d, t.target.value.decimals, 0)),
                reached=t.reached,
            )
            for t in r.targets
        ],
        target_source=r.target_source.value if r.target_source else None,
        completion=_dec(r.completion, PCT_DECIMALS),
        over_plan=_dec(r.over_plan, PCT_DECIMALS),
        pace=_dec(r.pace, PCT_DECIMALS),
        pace_status=r.pace_status.value if r.pace_status else None,
        changes=[_change(c, d) for c in r.changes],
        thresholds=[_threshold(t, max(d, PCT_DECIMALS)) for t in r.thresholds],
        parts=list(ind.parts),
        parts_sum=_dec(r.parts_sum, r.parts_decimals),
        implied_target=_dec(r.relations.implied_target, d),
        ratio=_dec(r.relations.ratio, max(d, PCT_DECIMALS)),
        shares=[
            ShareOut(of=of, pct=format_decimal(p, PCT_DECIMALS)) for of, p in r.relations.shares
        ],
        file=(PurePath(obs.shown_file).name if bare_paths else obs.shown_file) if obs else None,
        line=obs.line if obs else None,
    )


def report_out(report: Report, *, bare_paths: bool = False) -> ReportOut:
    """The JSON model of a whole report (files by name only with `bare_paths`, as in
    an export that may be mailed out)."""
    return ReportOut(
        as_of=report.as_of.isoformat() if report.as_of else None,
        pace_method=report.pace_method.value,
        pace=_dec(report.pace, PCT_DECIMALS),
        pace_tolerance=_exact(report.tolerance),
        sources=report.sources,
        indicators=[indicator_out(r, report, bare_paths=bare_paths) for r in report.results],
    )


def to_json(report: Report, *, bare_paths: bool = False) -> str:
    """The report as indented JSON text."""
    return report_out(report, bare_paths=bare_paths).model_dump_json(indent=2) + "\n"
