"""What was read, as the catalog and dataset `hrkpi check` runs on (the YAML files' models).

Only figures that take part in a relation become indicators: a completion, a change,
a limit, a pace claim, a total or a part. Each relation remembers the figures it was
read from and which check findings it stands for.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
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
from hrkpi.scans.numerals import FigureClass
from hrkpi.scans.relations import Relation, change_groups, join, relations_of, with_rules
from hrkpi.scans.text import line_col

_CEILINGS = ("以内", "以下", "低于", "不超过", "不高于")


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
    in_sums = {id(x) for c in reading.compositions for x in (c.total, *c.parts)}
    members = [e for e in reading.entries if _takes_part(e, in_sums)]
    for n, e in enumerate(members, start=1):
        ids[id(e)] = f"{prefix}i{n:03d}"
    catalog = Catalog()
    observations: list[Observation] = []
    relations: list[Relation] = []
    parts_of: dict[int, list[Composition]] = {}
    for c in reading.compositions:
        parts_of.setdefault(id(c.total), []).append(c)
    for e in members:
        ind_id = ids[id(e)]
        comps = parts_of.get(id(e), [])
        comp = comps[0] if comps else None
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
        relations.extend(
            with_rules(e, comp, relations_of(ind_id, e, comp, stated, pace is not None))
        )
        for k, other in enumerate(comps[1:], start=2):
            _breakdown(where, e, ind, stated, other, k, ids, catalog, observations, relations)
        if e.pace and e.pace.status == "half" and e.completion and e.completion.rate.figure:
            _half(where, e, catalog, observations, relations)
    return Built(catalog, Dataset(observations), relations)


def _breakdown(
    where: _Where,
    e: Entry,
    ind: Indicator,
    stated: StatedFigure,
    comp: Composition,
    k: int,
    ids: dict[int, str],
    catalog: Catalog,
    observations: list[Observation],
    relations: list[Relation],
) -> None:
    """A second breakdown of a total (by destination, then by township): an indicator has
    one list of parts, so the figure stands again, as its own indicator, for this one."""
    alias = f"{ind.id}_{k}"
    catalog.indicators[alias] = ind.model_copy(
        update={
            "id": alias,
            "name": f"{ind.name}（{k}）",
            "target": None,
            "thresholds": [],
            "direction": Direction.HIGHER,
            "parts": [ids[id(p)] for p in comp.parts],
        }
    )
    again = StatedFigure(value=stated.value, quote=stated.quote, location=stated.location)
    bare = replace(e, changes=[], completion=None, limit=None, pace=None)
    observations.append(_observation(where, alias, bare, again))
    relations.extend(with_rules(bare, comp, relations_of(alias, bare, comp, again, False)))


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


def _takes_part(e: Entry, in_sums: set[int]) -> bool:
    if id(e) in in_sums:
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


__all__ = ["Built", "FigureClass", "Relation", "build"]


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
            join(e.completion.span, e.pace.span),
            [(rate, "rate")],
            ind_id,
            "threshold",
            rate.figure.literal,
        )
    )


__all__ = ["Built", "FigureClass", "Relation", "build"]
