"""The relations a reading states, each with the figures it was read from and the check
findings that judge it (so a finding is placed back on its sentence)."""

from __future__ import annotations

from dataclasses import dataclass, field

from hrkpi.core.models import Base, StatedFigure
from hrkpi.scans.model import ChangeClaim, Composition, Entry, Span
from hrkpi.scans.numerals import Token

Figs = list[tuple[Token, str]]  # (figure, role)


@dataclass
class Relation:
    """One relation read from the text, and the check findings that judge it."""

    kind: str  # completion, change, limit, pace, composition, parts_growth, restatement, ...
    rule: str
    span: Span
    figures: Figs
    indicator: str
    group: str  # the findings' group: completion, change, threshold, pace, composition, ...
    stated: str | None  # the literal a finding carries as `stated`
    rules: list[str] = field(default_factory=list)  # every rule that read a part of it


@dataclass
class Found:
    """What one entry takes part in: its parts, 其中 parts and restatements."""

    comp: Composition | None = None  # the parts that add up to it
    partial: Composition | None = None  # 其中 parts that need not cover it
    restated: list[Composition] = field(default_factory=list)


def relations_of(
    ind_id: str, e: Entry, found: Found, stated: StatedFigure, pace: bool
) -> list[Relation]:
    """Every relation an entry's stated figure takes part in."""
    out: list[Relation] = []
    value: Figs = [(e.token, "value")] if e.token else []
    if e.completion and stated.completion is not None:
        figs = [*value, (e.completion.rate, "rate")]
        if e.completion.target:
            figs.insert(1, (e.completion.target, "target"))
        span = join(e.span, e.completion.span)
        rule = e.completion.rule
        out.append(
            Relation(
                "completion", rule, span, figs, ind_id, "completion", stated.completion.literal
            )
        )
        if pace and e.pace:
            status = str(stated.pace_status.value) if stated.pace_status else None
            span = join(span, e.pace.span)
            out.append(Relation("pace", e.pace.rule, span, figs, ind_id, "pace", status))
    for claims, change in zip(change_groups(e.changes), stated.changes, strict=True):
        # The finding carries the % when one is stated, else the points or the amount.
        shown = change.pct or change.pp or change.abs or change.previous
        span = e.span
        for c in claims:
            span = join(span, c.span)
        figs = [*value, *((c.token, "change") for c in claims)]
        rule = claims[-1].rule
        out.append(
            Relation("change", rule, span, figs, ind_id, "change", shown.literal if shown else None)
        )
    if e.limit and e.token and e.token.figure and e.ratio is None:
        figs = [*value, (e.limit.token, "limit")]
        span = join(e.span, e.limit.span)
        literal = e.token.figure.literal
        out.append(Relation("limit", e.limit.rule, span, figs, ind_id, "threshold", literal))
    ratio = e.ratio
    if ratio is not None and ratio.numerator and ratio.denominator and e.token:
        figs = [
            (t, role)
            for t, role in (
                (ratio.numerator.token, "numerator"),
                (ratio.denominator.token, "denominator"),
                (e.token, "ratio"),
            )
            if t is not None
        ]
        span = join(join(ratio.numerator.span, ratio.denominator.span), e.span)
        ratio_text = stated.value.literal if stated.value else None
        out.append(Relation("ratio", ratio.rule, span, figs, ind_id, "ratio", ratio_text))
    out.extend(_shares(ind_id, e, value, stated))
    out.extend(_margins(ind_id, e, value, stated))
    if found.comp is not None:
        out.extend(_composition(ind_id, e, found.comp, value, stated))
    if found.partial is not None:
        out.extend(_partial(ind_id, e, found.partial, value))
    for r, again in zip(found.restated, stated.restated, strict=True):
        figs = [*value, *((p.token, "restated") for p in r.parts if p.token)]
        out.append(
            Relation(
                "restatement", r.rule, r.span, figs, ind_id, "restatement", again.value.literal
            )
        )
    return out


def _shares(ind_id: str, e: Entry, value: Figs, stated: StatedFigure) -> list[Relation]:
    out = []
    claims = [c for c in e.shares if c.total is not None]
    for claim, share in zip(claims, stated.shares, strict=False):
        figs = list(value)
        span = join(e.span, claim.span)
        if claim.total is not None and claim.total.token is not None:
            figs.append((claim.total.token, "total"))
            span = join(span, claim.total.span)
        figs.append((claim.token, "share"))
        out.append(Relation("share", claim.rule, span, figs, ind_id, "share", share.pct.literal))
    return out


def _margins(ind_id: str, e: Entry, value: Figs, stated: StatedFigure) -> list[Relation]:
    out = []
    for claim, margin in zip(e.margins, stated.margins, strict=True):
        by = margin.below if margin.below is not None else margin.above
        assert by is not None
        figs = list(value)
        if claim.against == "pace" and e.completion is not None:
            figs = [(e.completion.rate, "rate")]
        if claim.limit is not None:
            figs.append((claim.limit, "limit"))
        figs.append((claim.token, "margin"))
        span = join(e.span, claim.span)
        out.append(Relation("margin", claim.rule, span, figs, ind_id, "margin", by.literal))
    return out


def _composition(
    ind_id: str, e: Entry, comp: Composition, value: Figs, stated: StatedFigure
) -> list[Relation]:
    out = []
    literal = e.token.figure.literal if e.token and e.token.figure else None
    pct = next((c for c in e.changes if c.kind == "pct"), None)
    pct_literal = next((ch.pct.literal for ch in stated.changes if ch.pct), None)
    if comp.growth:
        figs: Figs = [(pct.token, "change")] if pct else []
        figs += [(p.changes[0].token, "part") for p in comp.parts]
        out.append(
            Relation(
                "parts_growth", comp.rule, comp.span, figs, ind_id, "parts_growth", pct_literal
            )
        )
    elif not (comp.increments or comp.shares):
        figs = [*value] + [(p.token, "part") for p in comp.parts if p.token]
        out.append(
            Relation("composition", comp.rule, comp.span, figs, ind_id, "composition", literal)
        )
        if pct is not None:  # check also judges the total's growth within its parts'
            grown: Figs = [(pct.token, "change")] + [
                (c.token, "part") for p in comp.parts for c in p.changes if c.kind == "pct"
            ]
            out.append(
                Relation(
                    "parts_growth", comp.rule, comp.span, grown, ind_id, "parts_growth", pct_literal
                )
            )
    total_abs = next((c for c in e.changes if c.kind == "abs"), None)
    abs_literal = next((ch.abs.literal for ch in stated.changes if ch.abs), None)
    if total_abs is not None:  # the parts' changes add up to the total's
        figs = [(total_abs.token, "change")] + [
            (c.token, "part") for p in comp.parts for c in p.changes if c.base == total_abs.base
        ]
        out.append(
            Relation("increments", comp.rule, comp.span, figs, ind_id, "increments", abs_literal)
        )
    out.extend(share_sum(ind_id, e, comp))
    return out


def share_sum(ind_id: str, e: Entry, comp: Composition) -> list[Relation]:
    """The shares of a total's parts add up to 100 (a partition's, even unprinted)."""
    shared = [s for p in comp.parts for s in p.shares if s.total is e]
    if len(shared) < 2:
        return []
    figs: Figs = [(s.token, "share") for s in shared]
    return [Relation("share_sum", comp.rule, comp.span, figs, ind_id, "share_sum", "100")]


def _partial(ind_id: str, e: Entry, comp: Composition, value: Figs) -> list[Relation]:
    literal = e.token.figure.literal if e.token and e.token.figure else None
    figs = [*value] + [(p.token, "part") for p in comp.parts if p.token]
    out = [Relation("partial", comp.rule, comp.span, figs, ind_id, "partial", literal)]
    shared = [s for p in comp.parts for s in p.shares if s.total is e]
    if len(shared) >= 2 and not comp.overlap:
        figs = [(s.token, "share") for s in shared]
        out.append(Relation("share_sum", comp.rule, comp.span, figs, ind_id, "share_sum", "≤100"))
    return out


def with_rules(e: Entry, comps: list[Composition], out: list[Relation]) -> list[Relation]:
    """Each relation with every scan rule that read a part of it."""
    entries = [e, *(p for c in comps for p in c.parts)]
    found = {x.rule for x in entries} | {c.rule for x in entries for c in x.changes}
    found |= {s.rule for x in entries for s in x.shares} | {m.rule for m in e.margins}
    for rel in out:
        rel.rules = sorted((found | {rel.rule}) - {""})
    return out


def join(a: Span, b: Span) -> Span:
    """The span that covers both."""
    return min(a[0], b[0]), max(a[1], b[1])


def change_key(c: ChangeClaim) -> tuple[Base | object, bool]:
    """What makes one Change: its base, and whether it is at comparable prices."""
    return c.base, c.comparable


def change_groups(claims: list[ChangeClaim]) -> list[list[ChangeClaim]]:
    """The claims of each Change, in the order `stated.changes` makes them."""
    groups: dict[object, list[ChangeClaim]] = {}
    for c in claims:
        if c.base is not None and c.token.figure is not None:
            groups.setdefault(change_key(c), []).append(c)
    return list(groups.values())
