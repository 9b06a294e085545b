"""What was read, as the catalog and dataset `hrkpi check` runs on (the YAML files' models).

Only figures that take part in a relation become indicators: a completion, a change,
a limit, a pace claim, a share, a margin, a total or a part, a restated figure. Each
relation remembers the figures it was read from and which check findings it stands for.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from fractions import Fraction

from hrkpi.core.catalog import Catalog
from hrkpi.core.models import (
    Direction,
    Indicator,
    Measure,
    PaceStatus,
    StatedFigure,
    Threshold,
)
from hrkpi.core.numbers import Figure, RoundingMode, figure_in
from hrkpi.core.observations import Dataset, Observation
from hrkpi.core.pace import PaceMethod, pace_share
from hrkpi.core.relations import Ratio
from hrkpi.core.units import Unit, declare_unit, get_unit
from hrkpi.scans.model import Composition, Entry, PaceClaim, Reading
from hrkpi.scans.numerals import EXTRA_UNITS, FigureClass
from hrkpi.scans.relations import Found, Relation, join, relations_of, share_sum, with_rules
from hrkpi.scans.stated import (
    Where,
    changes,
    margins,
    observation,
    quote,
    restated,
    shares,
)
from hrkpi.scans.text import line_col

_CEILINGS = ("以内", "以下", "低于", "不超过", "不高于")


@dataclass
class Built:
    """A scanned text as check's input, with the relations behind it."""

    catalog: Catalog
    dataset: Dataset
    relations: list[Relation] = field(default_factory=list)


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
    where = Where(text, path, region, source, as_of, prefix)
    units = _units(reading)
    members = _members(reading)
    ids = {id(e): f"{prefix}i{n:03d}" for n, e in enumerate(members, start=1)}
    catalog = Catalog()
    observations: list[Observation] = []
    relations: list[Relation] = []
    comps_of: dict[int, list[Composition]] = {}
    for c in reading.compositions:
        comps_of.setdefault(id(c.total), []).append(c)
    for e in members:
        ind_id = ids[id(e)]
        comps = comps_of.get(id(e), [])
        sums = [c for c in comps if not c.partial and c.rule != "restatement"]
        found = Found(
            comp=sums[0] if sums else None,
            partial=next((c for c in comps if c.partial), None),
            restated=[c for c in comps if c.rule == "restatement"],
        )
        unit = e.token.unit if e.token is not None else units.get(id(e))
        if e.ratio is not None:
            unit = _ratio_unit(e, catalog)
        if unit is None:
            continue
        pace = e.pace if (pace_known and e.pace and e.pace.status != "half") else None
        rate = e.completion.rate.figure if e.completion else None
        if pace is not None and rate is not None:
            pace = _clear_pace(pace, rate, pace_share(as_of, pace_method) * 100, tolerance)
        ind = Indicator.model_validate(
            dict(
                id=ind_id,
                name=_name(e),
                unit=unit,
                measure=_measure(e, unit),
                direction=Direction.LOWER
                if e.limit and e.limit.word in _CEILINGS
                else Direction.HIGHER,
                target=_target(e, unit),
                thresholds=[_threshold(e)] if e.limit else [],
                parts=[ids[id(p)] for p in found.comp.parts] if found.comp else [],
                of_which=[ids[id(p)] for p in found.partial.parts] if found.partial else [],
                of_which_overlap=bool(found.partial and found.partial.overlap),
                ratio=_ratio(e, ids),
            )
        )
        catalog.indicators[ind_id] = ind
        if e.token is None and not e.changes and not e.shares:
            # A partition's total the text does not print: no figure of its own, but
            # its parts' shares add up to 100.
            if found.comp is not None:
                relations.extend(with_rules(e, comps, share_sum(ind_id, e, found.comp)))
            continue
        stated = StatedFigure.model_validate(
            dict(
                value=e.token.figure if e.token else None,
                completion=e.completion.rate.figure if e.completion else None,
                changes=changes(e.changes, unit),
                shares=shares(e, ids),
                margins=margins(e, unit) if e.token else [],
                restated=restated(found.restated, unit, text),
                meets_threshold=True if e.limit else None,
                pace_status=PaceStatus(pace.status) if pace else None,
                quote=quote(text, e.sentence),
                location=f"第{e.paragraph}段",
            )
        )
        observations.append(observation(where, ind_id, e, stated, found.restated))
        rels = relations_of(ind_id, e, found, stated, pace is not None)
        relations.extend(with_rules(e, comps, rels))
        for k, other in enumerate(sums[1:], start=2):
            _breakdown(where, e, ind, stated, other, k, ids, catalog, observations, relations)
        if e.pace and e.pace.status == "half" and e.completion and e.completion.rate.figure:
            _half(where, e, catalog, observations, relations)
    _declare(members, catalog)
    return Built(catalog, Dataset(observations), relations)


def _declare(members: list[Entry], catalog: Catalog) -> None:
    """Declare the units read that hrkpi has not built in (万亿元), as a folder would."""
    tokens = [e.token for e in members]
    tokens += [c.token for e in members for c in e.changes]
    tokens += [m.token for e in members for m in e.margins]
    tokens += [m.limit for e in members for m in e.margins]
    for t in tokens:
        unit = t.unit if t is not None else None
        if unit is not None and unit.symbol in EXTRA_UNITS:
            catalog.units.setdefault(unit.symbol, unit)


# 性别比 is males per 100 females: a unit of its own, as hrkpi check declares it.
SEX_RATIO_UNIT = "女=100"


def _ratio_unit(e: Entry, catalog: Catalog) -> Unit:
    """倍 for a ratio of two figures; 女=100 (declared in the catalog) for 性别比."""
    if e.ratio is None or e.ratio.kind != "sex":
        return get_unit("倍")
    if SEX_RATIO_UNIT not in catalog.units:
        catalog.units[SEX_RATIO_UNIT] = declare_unit(
            SEX_RATIO_UNIT, SEX_RATIO_UNIT, 0, english="per 100 women", known=catalog.units
        )
    return catalog.units[SEX_RATIO_UNIT]


def _ratio(e: Entry, ids: dict[int, str]) -> Ratio | None:
    claim = e.ratio
    if claim is None or claim.numerator is None or claim.denominator is None:
        return None
    per = "100" if claim.kind == "sex" else None
    return Ratio.model_validate(
        {
            "numerator": ids[id(claim.numerator)],
            "denominator": ids[id(claim.denominator)],
            "per": per,
        }
    )


def _units(reading: Reading) -> dict[int, Unit]:
    """The unit of entries with no figure: a part stating only a change or a share is
    counted in its total's unit (or its partition's)."""
    units: dict[int, Unit] = {}
    for c in reading.compositions:
        unit = c.unit or (c.total.token.unit if c.total.token is not None else None)
        if unit is None:
            continue
        if c.total.token is None:
            units[id(c.total)] = unit
        for part in c.parts:
            if part.token is None:
                units[id(part)] = unit
    return units


def _members(reading: Reading) -> list[Entry]:
    """The entries that take part in a relation, in text order; a partition's total that
    the text does not print comes after them."""
    in_sums = {
        id(x)
        for c in reading.compositions
        for x in ((c.total,) if c.rule == "restatement" else (c.total, *c.parts))
    }
    totals = {id(s.total) for e in reading.entries for s in e.shares if s.total is not None}
    totals |= {
        id(x)
        for e in reading.entries
        if e.ratio is not None
        for x in (e, e.ratio.numerator, e.ratio.denominator)
    }
    taking = in_sums | totals
    members = [e for e in reading.entries if _takes_part(e, taking)]
    known = {id(e) for e in members}
    for c in reading.compositions:
        if id(c.total) not in known:
            members.append(c.total)
            known.add(id(c.total))
    return members


def _breakdown(
    where: Where,
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
            "of_which": [],
            "of_which_overlap": False,
        }
    )
    again = StatedFigure.model_validate(
        dict(value=stated.value, quote=stated.quote, location=stated.location)
    )
    bare = replace(e, changes=[], completion=None, limit=None, pace=None, shares=[], margins=[])
    observations.append(observation(where, alias, bare, again, []))
    rels = relations_of(alias, bare, Found(comp=comp), again, False)
    relations.extend(with_rules(bare, [comp], rels))


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
    return bool(
        e.completion
        or e.limit
        or e.margins
        or any(s.total is not None for s in e.shares)
        or any(c.base is not None for c in e.changes)
    )


def _name(e: Entry) -> str:
    name = e.name.strip()
    if any("\u4e00" <= ch <= "\u9fff" for ch in name):
        return name[:60]
    literal = e.token.figure.literal if e.token and e.token.figure else ""
    return f"第{e.paragraph}段的数字{literal}"


def _measure(e: Entry, unit: Unit) -> Measure:
    if unit.is_ratio:
        return Measure.RATE
    return Measure.FLOW if e.completion and e.completion.target else Measure.STOCK


def _target(e: Entry, unit: Unit) -> Figure | None:
    if e.completion is None or e.completion.target is None:
        return None
    target = e.completion.target
    assert target.figure is not None and target.unit is not None
    return figure_in(target.figure, target.unit, unit)


def _threshold(e: Entry) -> Threshold:
    assert e.limit is not None and e.limit.token.figure is not None
    return Threshold.model_validate(
        dict(word=e.limit.word, value=str(e.limit.token.figure.value), label=e.limit.label)
    )


def _half(
    where: Where,
    e: Entry,
    catalog: Catalog,
    observations: list[Observation],
    relations: list[Relation],
) -> None:
    """时间过半、任务过半: the completion rate itself is stated above half (a limit claim)."""
    assert e.completion is not None and e.pace is not None
    rate = e.completion.rate
    ind_id = f"{where.prefix}i_half_{len(catalog.indicators):03d}"
    catalog.indicators[ind_id] = Indicator.model_validate(
        dict(
            id=ind_id,
            name=f"{_name(e)}：完成率",
            unit="%",
            measure=Measure.RATE,
            thresholds=[
                Threshold.model_validate(dict(word="超过", value="50", label="时间过半、任务过半"))
            ],
        )
    )
    stated = StatedFigure.model_validate(
        dict(
            value=rate.figure,
            meets_threshold=True,
            quote=quote(where.text, e.sentence),
            location=f"第{e.paragraph}段",
        )
    )
    line, col = line_col(where.text, rate.start)
    observations.append(
        Observation(
            ind_id,
            where.region,
            where.as_of,
            stated,
            RoundingMode.NEAREST,
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
