"""The templates hrkpi.output.columnwords words findings by: a finding with its row's
own figures as placeholders (slots) that `describe` passes through as written, its
line split into literal text and slot names, filled from a row's cells or made a polars
expression over a chunk's columns."""

from __future__ import annotations

import re
from dataclasses import replace
from fractions import Fraction
from typing import Any

import polars as pl

from hrkpi.checks.findings import CheckKind, Finding, Role, Verdict
from hrkpi.fast.wordcells import FROM_ABS, PRIOR_ELSEWHERE

_SLOT = re.compile("\ue000(\\w+)\ue001")
# A slot's column in wordcells' cells (children's figures are k0, k1, ... beside them).
_COLUMNS = {
    "name": "name",
    "file": "file",
    "line": "line",
    "stated": "stated",
    "smag": "smag",
    "value": "value_lit",
    "target": "target",
    "prev": "prev",
    "pfile": "pfile",
    "pline": "pline",
    "amag": "amag",
    "region": "region",
    "period": "period_label",
    "margin": "margin",
}
# A missed limit's margin in the finding a template is made of: a number no figure
# of it shows, so its text in the line (at the finding's places) is the slot.
_MARGIN = Fraction(987654321013)
_CHANGES = (CheckKind.CHANGE_PCT, CheckKind.CHANGE_ABS, CheckKind.CHANGE_PP)
Template = list[str]  # literal text and slot names, alternately (literal first)


def slot(name: str) -> str:
    """A placeholder `describe` passes through as written."""
    return f"\ue000{name}\ue001"


def _stub(f: Finding, c: dict[str, Any]) -> Finding | None:
    """`f` with its row's own figures as placeholders (None: a figure of a role the
    columns do not give)."""
    figures = []
    kids = 0
    elsewhere = c["pvar"] == PRIOR_ELSEWHERE
    for u in f.figures:
        if u.role in (Role.VALUE, Role.TOTAL):
            figures.append(replace(u, literal=slot("value"), file=slot("file")))
        elif u.role is Role.TARGET:
            figures.append(replace(u, literal=slot("target")))
        elif u.role is Role.PREVIOUS:
            where: dict[str, Any] = (
                {"file": slot("pfile"), "line": slot("pline")}
                if elsewhere
                else {"file": slot("file")}
            )
            figures.append(replace(u, literal=slot("prev"), **where))
        elif u.role is Role.ABS and c["pvar"] == FROM_ABS:
            sign = "-" if c["aneg"] else ""
            figures.append(replace(u, literal=sign + slot("amag")))
        elif u.role is Role.CHILD:
            figures.append(replace(u, literal=slot(f"k{kids}")))
            kids += 1
        else:
            return None
    if f.kind is CheckKind.COMPLETION:
        stated = slot("stated")
    elif f.kind in _CHANGES:
        stated = ("-" if c["sneg"] else "") + slot("smag")
    else:
        stated = slot("value")
    line: Any = slot("line")
    # (the row's region and period, named before the relation: findwords.place_words)
    region = slot("region") if f.region else ""
    period = slot("period") if f.period else ""
    limit = f.limit
    if f.kind is CheckKind.THRESHOLD and f.verdict is not Verdict.PASS:
        assert limit is not None
        limit = replace(limit, margin=-_MARGIN)
    return replace(
        f,
        limit=limit,
        file=slot("file"),
        line=line,
        indicator=slot("name"),
        region=region,
        stated=stated,
        figures=tuple(figures),
        period=period,
    )


def _template(text: str) -> Template:
    return _SLOT.split(text)


def _filled(template: Template, values: dict[str, Any]) -> str | None:
    out = []
    for i, piece in enumerate(template):
        if i % 2 == 0:
            out.append(piece)
        else:
            value = values.get(piece)
            if value is None:
                return None
            out.append(str(value))
    return "".join(out)


def _expr(template: Template) -> pl.Expr:
    parts = [
        pl.lit(piece) if i % 2 == 0 else pl.col(_COLUMNS.get(piece, piece))
        for i, piece in enumerate(template)
    ]
    return pl.concat_str([*parts, pl.lit("\n")])
