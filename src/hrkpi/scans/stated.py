"""What one entry states, as the models of a data file (StatedFigure's changes, shares,
margins and restatements) and its observation: the same YAML a person would write."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hrkpi.core.models import Change, StatedFigure
from hrkpi.core.numbers import Figure, RoundingMode, figure_in, parse_figure
from hrkpi.core.observations import Observation
from hrkpi.core.relations import Margin, Restated, Share
from hrkpi.core.units import Unit
from hrkpi.scans.model import ChangeClaim, Composition, Entry, Span
from hrkpi.scans.numerals import FigureClass
from hrkpi.scans.relations import change_groups, change_key
from hrkpi.scans.text import line_col


@dataclass
class Where:
    """The text an entry was read from, and how its observations are filed."""

    text: str
    path: str
    region: str
    source: str
    as_of: dt.date
    prefix: str


def _signed(fig: Figure, sign: int) -> Figure:
    if sign > 0:
        return fig
    lit = fig.literal
    return parse_figure(lit[1:] if lit.startswith("-") else f"-{lit}")


def changes(claims: list[ChangeClaim], unit: Unit) -> list[Change]:
    """One Change per base: 较2019年底增加1.23万人, 增幅2.28% is one change (abs and pct);
    a rate at comparable prices (实际增长5.8%) is a change of its own, comparable."""
    out = []
    for group in change_groups(claims):
        f: dict[str, object] = {"base": group[0].base}
        for c in group:
            assert c.token.figure is not None
            f[c.kind] = c.token.figure if c.kind == "previous" else _signed(c.token.figure, c.sign)
            if c.kind == "abs" and c.token.unit and c.token.unit != unit:
                f["abs_unit"] = c.token.unit
        # A growth of money with nothing it could be checked against may be at constant
        # prices (统计公报: 增长速度按不变价格计算): a total's such growth is never rebuilt
        # from its parts' current values, only bounded by their growths.
        money = unit.base == "元" and "pct" in f and "abs" not in f and "previous" not in f
        if change_key(group[0])[1] or money:
            f["comparable"] = True
        out.append(Change.model_validate(f))
    return out


def shares(e: Entry, ids: dict[int, str]) -> list[Share]:
    """占…的X%: each share of a total the text prints (or a partition's)."""
    return [
        Share.model_validate(dict(of=ids[id(c.total)], pct=c.token.figure))
        for c in e.shares
        if c.total is not None and id(c.total) in ids and c.token.figure is not None
    ]


def margins(e: Entry, unit: Unit) -> list[Margin]:
    """低于…0.44个百分点, 超额完成0.22万人, 超序时进度12.3个百分点."""
    out = []
    for m in e.margins:
        assert m.token.figure is not None
        fields: dict[str, object] = {m.side: m.token.figure}
        if m.against == "pace":
            fields["against"] = "pace"
        else:
            if m.limit is not None:
                limit = m.limit
                assert limit.figure is not None and limit.unit is not None
                fields["limit"] = figure_in(limit.figure, limit.unit, unit)
            if m.token.cls is FigureClass.PERCENT and not unit.is_ratio:
                fields["unit"] = "%"  # 比目标高5%: relative to the limit
            elif m.token.cls is FigureClass.AMOUNT and m.token.unit != unit:
                fields["unit"] = m.token.unit
        out.append(Margin.model_validate(fields))
    return out


def restated(comps: list[Composition], unit: Unit, text: str) -> list[Restated]:
    """The same figure printed again elsewhere in the text, in its own unit."""
    out = []
    for c in comps:
        again = c.parts[0]
        t = again.token
        assert t is not None and t.figure is not None and t.unit is not None
        out.append(
            Restated.model_validate(
                dict(
                    value=t.figure,
                    unit=t.unit if t.unit != unit else None,
                    quote=quote(text, again.sentence),
                    location=f"第{again.paragraph}段",
                )
            )
        )
    return out


def quote(text: str, span: Span) -> str:
    """The sentence as printed, on one line."""
    return " ".join(text[span[0] : span[1]].split())


def observation(
    where: Where, ind_id: str, e: Entry, stated: StatedFigure, again: list[Composition]
) -> Observation:
    """The observation of one entry, with where each of its figures stands."""
    anchor = e.token or (e.changes[0].token if e.changes else None)
    anchor = anchor or (e.shares[0].token if e.shares else None)
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
    for k, s in enumerate(x for x in e.shares if x.total is not None):
        marks[f"shares.{k}.pct"] = line_col(where.text, s.token.start)
        marks[f"shares.{k}.of"] = marks[f"shares.{k}.pct"]
    for k, m in enumerate(e.margins):
        marks[f"margins.{k}.{m.side}"] = line_col(where.text, m.token.start)
    for k, r in enumerate(again):
        if r.parts[0].token is not None:
            marks[f"restated.{k}.value"] = line_col(where.text, r.parts[0].token.start)
    return Observation(
        indicator=ind_id,
        region=where.region,
        as_of=where.as_of,
        stated=stated,
        rounding=RoundingMode.NEAREST,
        source=where.source,
        file=where.path,
        line=line,
        marks=marks,
    )
