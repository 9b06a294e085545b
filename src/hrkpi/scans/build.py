"""What was read, as the catalog and dataset `hrkpi check` runs on (the YAML files' models).

Only figures that take part in a relation become indicators: a completion, a change,
a limit, a pace claim, a total or a part. Each relation remembers the figures it was
read from and which check findings it stands for.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from hrkpi.core.catalog import Catalog
from hrkpi.core.models import (
    Change,
    Direction,
    Indicator,
    Measure,
    PaceStatus,
    StatedFigure,
    Threshold,
)
from hrkpi.core.numbers import Figure, RoundingMode, parse_figure
from hrkpi.core.observations import Dataset, Observation
from hrkpi.core.pace import PaceMethod, pace_share
from hrkpi.core.units import Unit
from hrkpi.scans.model import ChangeClaim, Composition, Entry, PaceClaim, Reading, Span
from hrkpi.scans.numerals import FigureClass, Token
from hrkpi.scans.text import line_col

_CEILINGS = ("以内", "以下", "低于", "不超过", "不高于")


@dataclass
class Relation:
    """One relation read from the text, and the check findings that judge it."""

    kind: str  # completion, change, limit, pace, composition, parts_growth, restatement
    rule: str
    span: Span
    figures: list[tuple[Token, str]]  # (figure, role)
    indicator: str
    group: str  # the findings' group: completion, change, threshold, pace, composition
    stated: str | None  # the literal a finding carries as `stated`
    rules: list[str] = field(default_factory=list)  # every rule that read a part of it


@dataclass
class Built:
    """A scanned text as check's input, with the relations behind it."""

    catalog: Catalog
    dataset: Dataset
    relations: list[Relation] = field(default_factory=list)


@dataclass
class _Where:
    text: str
    path: str
    region: str
    source: str
    as_of: dt.date
    prefix: str


def build(
    reading: Reading,
    text: str,
    *,
    path: str,
    region: str,
    source: str,
    as_of: dt.date,
    prefix: str = "",
    pace_known: bool = True,
    pace_method: PaceMethod = PaceMethod.DAYS,
    tolerance: Fraction = Fraction(1),
) -> Built:
    """Turn a reading into indicators, observations and relations."""
    where = _Where(text, path, region, source, as_of, prefix)
    ids: dict[int, str] = {}
    units: dict[int, Unit] = {}
    for c in reading.compositions:
        for part in c.parts:
            if part.token is None and c.total.token is not None and c.total.token.unit:
                units[id(part)] = c.total.token.unit
    members = [e for e in reading.entries if _takes_part(e, reading.compositions)]
    for n, e in enumerate(members, start=1):
        ids[id(e)] = f"{prefix}i{n:03d}"
    catalog = Catalog()
    observations: list[Observation] = []
    relations: list[Relation] = []
    parts_of = {id(c.total): c for c in reading.compositions}
    for e in members:
        ind_id = ids[id(e)]
        comp = parts_of.get(id(e))
        unit = e.token.unit if e.token is not None else units.get(id(e))
        if unit is None:
            continue
        pace = e.pace if (pace_known and e.pace and e.pace.status != "half") else None
        rate = e.completion.rate.figure if e.completion else None
        if pace is not None and rate is not None:
            pace = _clear_pace(pace, rate, pace_share(as_of, pace_method) * 100, tolerance)
        ind = Indicator(
            id=ind_id,
            name=_name(e),
            unit=unit,
            measure=_measure(e, unit),
            direction=Direction.LOWER
            if e.limit and e.limit.word in _CEILINGS
            else Direction.HIGHER,
            target=_target(e, unit),
            thresholds=[_threshold(e)] if e.limit else [],
            parts=[ids[id(p)] for p in comp.parts] if comp else [],
        )
        catalog.indicators[ind_id] = ind
        stated = StatedFigure(
            value=e.token.figure if e.token else None,
            completion=e.completion.rate.figure if e.completion else None,
            changes=_changes(e.changes, unit),
            meets_threshold=True if e.limit else None,
            pace_status=PaceStatus(pace.status) if pace else None,
            quote=_quote(text, e.sentence),
            location=f"第{e.paragraph}段",
        )
        observations.append(_observation(where, ind_id, e, stated))
        relations.extend(_rules(e, comp, _relations(ind_id, e, comp, stated, pace is not None)))
        if e.pace and e.pace.status == "half" and e.completion and e.completion.rate.figure:
            _half(where, e, catalog, observations, relations)
    return Built(catalog, Dataset(observations), relations)


def _clear_pace(
    pace: PaceClaim, rate: Figure, pace_pct: Fraction, tolerance: Fraction
) -> PaceClaim | None:
    """A pace claim whose reading is clear: 快于 or 慢于 a completion within the tolerance
    of pace would be "on pace" to check though the words are true; 100% or more is
    "completed", and "ahead of pace" is then a figure of speech. Neither is judged."""
    c = rate.exact
    if c >= 100 and pace.status != PaceStatus.ON_PACE:
        return None
    if pace.status in (PaceStatus.AHEAD, PaceStatus.BEHIND) and abs(c - pace_pct) <= tolerance:
        return None
    return pace


def _takes_part(e: Entry, comps: list[Composition]) -> bool:
    if any(e is c.total or any(p is e for p in c.parts) for c in comps):
        return True
    if e.token is None:
        return False
    return bool(e.completion or e.limit or any(c.base is not None for c in e.changes))


def _name(e: Entry) -> str:
    name = e.name.strip()
    if any("\u4e00" <= ch <= "\u9fff" for ch in name):
        return name[:60]
    literal = e.token.figure.literal if e.token and e.token.figure else ""
    return f"第{e.paragraph}段的数字{literal}"


def _measure(e: Entry, unit: Unit) -> Measure:
    if unit.is_percent:
        return Measure.RATE
    return Measure.FLOW if e.completion and e.completion.target else Measure.STOCK


def _target(e: Entry, unit: Unit) -> Figure | None:
    if e.completion is None or e.completion.target is None:
        return None
    t = e.completion.target
    assert t.figure is not None and t.unit is not None
    exact = t.figure.exact * t.unit.multiplier / unit.multiplier
    return parse_figure(_decimal(exact))


def _decimal(x: Fraction) -> str:
    """An exact decimal fraction as plain text (a power-of-ten unit change is exact)."""
    d = Decimal(x.numerator) / Decimal(x.denominator)
    text = format(d.normalize(), "f")
    return text


def _threshold(e: Entry) -> Threshold:
    assert e.limit is not None and e.limit.token.figure is not None
    return Threshold(word=e.limit.word, value=str(e.limit.token.figure.value), label=e.limit.label)


def _signed(fig: Figure, sign: int) -> Figure:
    if sign > 0:
        return fig
    lit = fig.literal
    return parse_figure(lit[1:] if lit.startswith("-") else f"-{lit}")


def _changes(claims: list[ChangeClaim], unit: Unit) -> list[Change]:
    """One Change per base: 较2019年底增加1.23万人, 增幅2.28% is one change (abs and pct)."""
    fields: dict[object, dict[str, object]] = {}
    for c in claims:
        if c.base is None or c.token.figure is None:
            continue
        f = fields.setdefault(c.base, {"base": c.base})
        f[c.kind] = c.token.figure if c.kind == "previous" else _signed(c.token.figure, c.sign)
        if c.kind == "abs" and c.token.unit and c.token.unit != unit:
            f["abs_unit"] = c.token.unit
    return [Change.model_validate(f) for f in fields.values()]


def change_groups(claims: list[ChangeClaim]) -> list[list[ChangeClaim]]:
    """The claims of each Change, in the order `_changes` makes them."""
    groups: dict[object, list[ChangeClaim]] = {}
    for c in claims:
        if c.base is not None and c.token.figure is not None:
            groups.setdefault(c.base, []).append(c)
    return list(groups.values())


def _quote(text: str, span: Span) -> str:
    return " ".join(text[span[0] : span[1]].split())


def _observation(where: _Where, ind_id: str, e: Entry, stated: StatedFigure) -> Observation:
    anchor = e.token or (e.changes[0].token if e.changes else None)
    line, col = line_col(where.text, anchor.start if anchor else e.span[0])
    marks = {"value": (line, col)}
    if e.completion:
        marks["completion"] = line_col(where.text, e.completion.rate.start)
    if e.limit:
        marks["meets_threshold"] = line_col(where.text, e.limit.token.start)
    if e.pace:
        marks["pace_status"] = line_col(where.text, e.pace.span[0])
    for i, claims in enumerate(change_groups(e.changes)):
        for c in claims:
            marks[f"changes.{i}.{c.kind}"] = line_col(where.text, c.token.start)
    return Observation(
        indicator=ind_id,
        region=where.region,
        as_of=where.as_of,
        stated=stated,
        rounding=RoundingMode.HALF_EVEN,
        source=where.source,
        file=where.path,
        line=line,
        marks=marks,
    )


def _relations(
    ind_id: str, e: Entry, comp: Composition | None, stated: StatedFigure, pace: bool
) -> list[Relation]:
    out: list[Relation] = []
    value = [(e.token, "value")] if e.token else []
    if e.completion and stated.completion is not None:
        figs = [*value, (e.completion.rate, "rate")]
        if e.completion.target:
            figs.insert(1, (e.completion.target, "target"))
        span = _join(e.span, e.completion.span)
        out.append(
            Relation(
                "completion",
                e.completion.rule,
                span,
                figs,
                ind_id,
                "completion",
                stated.completion.literal,
            )
        )
        if pace and e.pace:
            out.append(
                Relation(
                    "pace",
                    e.pace.rule,
                    _join(span, e.pace.span),
                    figs,
                    ind_id,
                    "pace",
                    str(stated.pace_status.value) if stated.pace_status else None,
                )
            )
    for claims, change in zip(change_groups(e.changes), stated.changes, strict=True):
        # The finding carries the % when one is stated, else the points or the amount.
        shown = change.pct or change.pp or change.abs or change.previous
        span = e.span
        for c in claims:
            span = _join(span, c.span)
        out.append(
            Relation(
                "change",
                claims[-1].rule,
                span,
                [*value, *((c.token, "change") for c in claims)],
                ind_id,
                "change",
                shown.literal if shown else None,
            )
        )
    if e.limit and e.token and e.token.figure:
        out.append(
            Relation(
                "limit",
                e.limit.rule,
                _join(e.span, e.limit.span),
                [*value, (e.limit.token, "limit")],
                ind_id,
                "threshold",
                e.token.figure.literal,
            )
        )
    if comp is not None:
        figs = [*value] + [(p.token, "part") for p in comp.parts if p.token]
        if comp.growth:
            pct = next((c for c in e.changes if c.kind == "pct"), None)
            figs = [(pct.token, "change")] if pct else []
            figs += [(p.changes[0].token, "part") for p in comp.parts]
            pct_lit = next((ch.pct.literal for ch in stated.changes if ch.pct), None)
            out.append(
                Relation(
                    "parts_growth", comp.rule, comp.span, figs, ind_id, "parts_growth", pct_lit
                )
            )
        else:
            kind = "restatement" if comp.rule == "restatement" else "composition"
            literal = e.token.figure.literal if e.token and e.token.figure else None
            out.append(Relation(kind, comp.rule, comp.span, figs, ind_id, "composition", literal))
            pct = next((c for c in e.changes if c.kind == "pct"), None)
            if pct is not None:  # check also judges the total's growth within its parts'
                grown = [(pct.token, "change")] + [
                    (c.token, "part") for p in comp.parts for c in p.changes if c.kind == "pct"
                ]
                literal = next((ch.pct.literal for ch in stated.changes if ch.pct), None)
                out.append(
                    Relation(
                        "parts_growth", comp.rule, comp.span, grown, ind_id, "parts_growth", literal
                    )
                )
    return out


def _rules(e: Entry, comp: Composition | None, out: list[Relation]) -> list[Relation]:
    entries = [e, *(comp.parts if comp else [])]
    found = {x.rule for x in entries} | {c.rule for x in entries for c in x.changes}
    for rel in out:
        rel.rules = sorted((found | {rel.rule}) - {""})
    return out


def _join(a: Span, b: Span) -> Span:
    return min(a[0], b[0]), max(a[1], b[1])


def _half(
    where: _Where,
    e: Entry,
    catalog: Catalog,
    observations: list[Observation],
    relations: list[Relation],
) -> None:
    """时间过半、任务过半: the completion rate itself is stated above half (a limit claim)."""
    assert e.completion is not None and e.pace is not None
    rate = e.completion.rate
    ind_id = f"{where.prefix}i_half_{len(catalog.indicators):03d}"
    catalog.indicators[ind_id] = Indicator(
        id=ind_id,
        name=f"{_name(e)}：完成率",
        unit="%",
        measure=Measure.RATE,
        thresholds=[Threshold(word="超过", value="50", label="时间过半、任务过半")],
    )
    stated = StatedFigure(
        value=rate.figure,
        meets_threshold=True,
        quote=_quote(where.text, e.sentence),
        location=f"第{e.paragraph}段",
    )
    line, col = line_col(where.text, rate.start)
    observations.append(
        Observation(
            ind_id,
            where.region,
            where.as_of,
            stated,
            RoundingMode.HALF_EVEN,
            where.source,
            where.path,
            line,
            {"value": (line, col), "meets_threshold": line_col(where.text, e.pace.span[0])},
        )
    )
    assert rate.figure is not None
    relations.append(
        Relation(
            "pace",
            e.pace.rule,
            _join(e.completion.span, e.pace.span),
            [(rate, "rate")],
            ind_id,
            "threshold",
            rate.figure.literal,
        )
    )


__all__ = ["Built", "FigureClass", "Relation", "build"]
