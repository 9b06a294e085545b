"""The relations a reading states, each with the figures it was read from and the check
findings that judge it (so a finding is placed back on its sentence)."""

from __future__ import annotations

from dataclasses import dataclass, field

from hrkpi.core.models import StatedFigure
from hrkpi.scans.model import ChangeClaim, Composition, Entry, Span
from hrkpi.scans.numerals import Token


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


def relations_of(
    ind_id: str, e: Entry, comp: Composition | None, stated: StatedFigure, pace: bool
) -> list[Relation]:
    out: list[Relation] = []
    value = [(e.token, "value")] if e.token else []
    if e.completion and stated.completion is not None:
        figs = [*value, (e.completion.rate, "rate")]
        if e.completion.target:
            figs.insert(1, (e.completion.target, "target"))
        span = join(e.span, e.completion.span)
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
                    join(span, e.pace.span),
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
            span = join(span, c.span)
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
                join(e.span, e.limit.span),
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


def with_rules(e: Entry, comp: Composition | None, out: list[Relation]) -> list[Relation]:
    entries = [e, *(comp.parts if comp else [])]
    found = {x.rule for x in entries} | {c.rule for x in entries for c in x.changes}
    for rel in out:
        rel.rules = sorted((found | {rel.rule}) - {""})
    return out


def join(a: Span, b: Span) -> Span:
    return min(a[0], b[0]), max(a[1], b[1])


def change_groups(claims: list[ChangeClaim]) -> list[list[ChangeClaim]]:
    """The claims of each Change, in the order `_changes` makes them."""
    groups: dict[object, list[ChangeClaim]] = {}
    for c in claims:
        if c.base is not None and c.token.figure is not None:
            groups.setdefault(c.base, []).append(c)
    return list(groups.values())
