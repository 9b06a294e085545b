"""References between inputs, checked once everything is read: relations naming
indicators that exist, in units that can meet, at dates that can be ordered.

A relation that names a missing indicator, a share whose total is not stated at
the same date, a restatement in a unit of another kind or a change against a date
that is not before the figure's own are bad input: exit 2, at file:line:column,
saying what to do.
"""

from __future__ import annotations

import datetime as dt

from hrkpi.core.catalog import Catalog
from hrkpi.core.errors import Problem, problem, shown_key
from hrkpi.core.messages import Msg, verbatim
from hrkpi.core.models import Indicator
from hrkpi.core.observations import Observation
from hrkpi.core.periods import Period
from hrkpi.core.text import nearest
from hrkpi.core.units import PERCENT, Unit, points_unit
from hrkpi.sources.yamldoc import Document, dotted


def _unknown(ind_id: str, catalog: Catalog, what: str) -> Msg:
    close = nearest(ind_id, catalog.indicators)
    if close:
        return Msg(
            "unknown indicator {id!r} in {what}; did you mean {close!r}?",
            id=ind_id,
            what=what,
            close=close[0],
        )
    return Msg("unknown indicator {id!r} in {what}; define it or fix the id", id=ind_id, what=what)


def definition_problems(
    indicator: Indicator, doc: Document, i: int, catalog: Catalog
) -> list[Problem]:
    """A definition's section, parts, 其中 parts and ratio: each names what exists,
    in units that fit."""
    found = []
    if indicator.section is not None and indicator.section not in catalog.sections:
        close = nearest(indicator.section, catalog.sections)
        if close:
            said = Msg(
                "unknown section {section!r}; did you mean {close!r}?",
                section=indicator.section,
                close=close[0],
            )
        else:
            said = Msg(
                "unknown section {section!r}; define it under sections:", section=indicator.section
            )
        where = ("indicators", i, "section")
        found.append(problem(doc.path, *doc.mark(where), dotted(where), said))
    for j, part in enumerate(indicator.parts):
        loc: tuple[str | int, ...] = ("indicators", i, "parts", j)
        other = catalog.indicators.get(part)
        if other is None:
            found.append(
                problem(
                    doc.path,
                    *doc.mark(loc),
                    dotted(loc),
                    Msg(
                        "unknown indicator {id!r} in {what}; define it or fix the id",
                        id=part,
                        what="parts",
                    ),
                )
            )
        elif other.unit.base != indicator.unit.base:
            found.append(
                problem(
                    doc.path,
                    *doc.mark(loc),
                    dotted(loc),
                    Msg(
                        "part {part!r} is in {unit}, which cannot add up to {own}; "
                        "parts need the same kind of unit",
                        part=part,
                        unit=other.unit.symbol,
                        own=indicator.unit.symbol,
                    ),
                )
            )
    for j, part in enumerate(indicator.of_which):
        loc = ("indicators", i, "of_which", j)
        other = catalog.indicators.get(part)
        if other is None:
            found.append(
                problem(doc.path, *doc.mark(loc), dotted(loc), _unknown(part, catalog, "of_which"))
            )
        elif other.unit.base != indicator.unit.base:
            found.append(
                problem(
                    doc.path,
                    *doc.mark(loc),
                    dotted(loc),
                    Msg(
                        "part {part!r} is in {unit}, which cannot be part of {own}; "
                        "parts need the same kind of unit",
                        part=part,
                        unit=other.unit.symbol,
                        own=indicator.unit.symbol,
                    ),
                )
            )
    ratio = indicator.ratio
    if ratio is not None:
        for key in ("numerator", "denominator"):
            ind_id = getattr(ratio, key)
            if ind_id not in catalog.indicators:
                at: tuple[str | int, ...] = ("indicators", i, "ratio", key)
                said = _unknown(ind_id, catalog, key)
                found.append(problem(doc.path, *doc.mark(at), dotted(at), said))
    return found


def _date_key(obs: Observation) -> Period | dt.date:
    return obs.period if obs.period is not None else obs.as_of


def _at(obs: Observation, key: str, column: str = "") -> tuple[int, int, str]:
    """Where a field of a stated figure stands, and its name as a user reads it: the
    YAML path (figures.x.shares.1.of: items counted from 1) or the CSV column (share_of)."""
    if key in obs.marks:
        return (*obs.marks[key], f"figures.{obs.indicator}.{shown_key(key)}")
    if column and column in obs.marks:
        return (*obs.marks[column], column)
    return obs.line, 1, f"figures.{obs.indicator}.{shown_key(key)}"


def _problem(obs: Observation, line: int, column: int, field: str, message: Msg) -> Problem:
    """A problem of `obs`'s, in its file (and a workbook's sheet)."""
    return problem(obs.file, line, column, field, message, sheet=obs.sheet)


def relation_problems(observations: list[Observation], catalog: Catalog) -> list[Problem]:
    """Every stated relation's references: shares, margins, restatements, change dates."""
    stated = {
        (o.region, o.indicator, _date_key(o)) for o in observations if o.stated.value is not None
    }
    found = []
    for obs in observations:
        ind = catalog.indicators[obs.indicator]
        found.extend(_share_problems(obs, ind, catalog, stated))
        found.extend(_margin_problems(obs, ind))
        found.extend(_restated_problems(obs, ind))
        found.extend(_change_dates(obs))
    return found


def _share_problems(
    obs: Observation,
    ind: Indicator,
    catalog: Catalog,
    stated: set[tuple[str, str, Period | dt.date]],
) -> list[Problem]:
    found = []
    for k, share in enumerate(obs.stated.shares):
        line, col, field = _at(obs, f"shares.{k}.of", "share_of")
        region, of = share.total(obs.indicator, obs.region)
        total = catalog.indicators.get(of)
        if total is None:
            found.append(_problem(obs, line, col, field, _unknown(of, catalog, "of")))
        elif total.unit.base != ind.unit.base:
            found.append(
                _problem(
                    obs,
                    line,
                    col,
                    field,
                    Msg(
                        "{of!r} is in {unit}, {id!r} in {own}: a share is of a total of the "
                        "same kind",
                        of=of,
                        unit=total.unit.symbol,
                        id=obs.indicator,
                        own=ind.unit.symbol,
                    ),
                )
            )
        elif obs.stated.value is not None and (region, of, _date_key(obs)) not in stated:
            # A share with the part's value needs the total's (a share alone is checked
            # with its partition, share_sum).
            when = obs.period.code if obs.period is not None else obs.as_of.isoformat()
            found.append(
                _problem(
                    obs,
                    line,
                    col,
                    field,
                    Msg(
                        "the total {of!r} has no stated value for {region} at {when}; state it "
                        "(value:) in the same report, or record the share as a rate indicator "
                        "of its own",
                        of=of,
                        region=verbatim(region) if region else Msg("the data"),
                        when=when,
                    ),
                )
            )
    return found


def _margin_problems(obs: Observation, ind: Indicator) -> list[Problem]:
    found = []
    for k, margin in enumerate(obs.stated.margins):
        labels = [t.label for t in ind.thresholds if t.label] + [t.name for t in ind.named_targets]
        if margin.limit is None and margin.label is not None and margin.label not in labels:
            known = verbatim("、".join(labels)) if labels else Msg("none")
            found.append(
                _problem(
                    obs,
                    *_at(obs, f"margins.{k}.label"),
                    Msg(
                        "no threshold or target of {id!r} is labelled {label!r} (defined: "
                        "{known}); give the limit as printed (limit:) or use a defined label",
                        id=obs.indicator,
                        label=margin.label,
                        known=known,
                    ),
                )
            )
        if margin.unit is None or _margin_unit_fits(margin.unit, ind):
            continue
        found.append(
            _problem(
                obs,
                *_at(obs, f"margins.{k}.unit", "margin_unit"),
                Msg(
                    "a distance in {unit} cannot be measured against {own}; use the figure's "
                    "unit, 个百分点 for a rate, or %",
                    unit=margin.unit.symbol,
                    own=ind.unit.symbol,
                ),
            )
        )
    return found


def _margin_unit_fits(unit: Unit, ind: Indicator) -> bool:
    """The figure's own kind of unit, its points (个百分点 for a rate in %), or % (a
    distance relative to the limit: 比目标高5%)."""
    return unit.base in (ind.unit.base, PERCENT) or unit.symbol == points_unit(ind.unit)


def _restated_problems(obs: Observation, ind: Indicator) -> list[Problem]:
    found = []
    for k, again in enumerate(obs.stated.restated):
        if again.unit is None or again.unit.base == ind.unit.base:
            continue
        found.append(
            _problem(
                obs,
                *_at(obs, f"restated.{k}.unit"),
                Msg(
                    "unit {unit!r} cannot be the same figure as {own!r}; a restatement is in a "
                    "unit of the same kind (亿人 and 万人, not 万人 and 万人次)",
                    unit=again.unit.symbol,
                    own=ind.unit.symbol,
                ),
            )
        )
    return found


def _change_dates(obs: Observation) -> list[Problem]:
    found = []
    for k, change in enumerate(obs.stated.changes):
        base = change.base
        if isinstance(base, dt.date) and base >= obs.as_of:
            found.append(
                _problem(
                    obs,
                    *_at(obs, f"changes.{k}.base", "base"),
                    Msg(
                        "the change is against {base}, which is not before the figure's own "
                        "date {as_of}; a change compares with an earlier date: correct the "
                        "base or the figure's as_of",
                        base=base.isoformat(),
                        as_of=obs.as_of.isoformat(),
                    ),
                )
            )
    return found
