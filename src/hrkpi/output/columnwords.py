"""A check's findings as text, the frequent ones worded from columns.

A default `hrkpi check` prints every finding; at a million rows most are consistent
rates and changes and limits met. Their lines are made a chunk at a time with
polars' string expressions from the cells hrkpi.fast.wordcells gives, by templates
that `describe` itself writes: for each key (rule, verdict, base, signs, ...) one
finding of that key is built by the exact rules, its row's own figures are put in
as placeholders and `describe` words it; the placeholders are the template's
slots. The template is kept only if, filled with that finding's own cells, it
gives `describe`'s very line. Every other finding (problems, hints, units of
their own, the splits of a targets file, anything rare) is built and described
as before. So the words are describe's, in both languages, and the order is the
store's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

import polars as pl

from hrkpi.checks.findings import CheckKind, Finding, Role
from hrkpi.fast.findstore import Maker
from hrkpi.fast.wordcells import (
    FROM_ABS,
    KEY,
    PRIOR_ELSEWHERE,
    as_row,
    columns_of,
    settled_keys,
    word_cells,
)
from hrkpi.output.checktext import describe, finding_text
from hrkpi.output.findwords import Words

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
    "period": "period_text",
}
_CHANGES = (CheckKind.CHANGE_PCT, CheckKind.CHANGE_ABS, CheckKind.CHANGE_PP)
Template = list[str]
_NONE = pl.DataFrame(
    schema={"_at": pl.UInt32, "text": pl.String}
)  # literal text and slot names, alternately (literal first)


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
    period = slot("period") if f.kind is CheckKind.REGION_SUM else f.period
    return replace(
        f,
        file=slot("file"),
        line=line,
        indicator=slot("name"),
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


class ColumnWords:
    """Words the findings of store rows, a chunk at a time, with the templates of one
    run (in one language)."""

    def __init__(self, words: Words) -> None:
        self.words = words
        self.templates: dict[tuple[Any, ...], Template | None] = {}
        self._names: dict[str, str] = {}
        self.worded = 0  # findings worded from columns (what tests count)
        self.built = 0  # findings built and described (but those templates were made of)

    def _make(
        self,
        maker: Maker,
        rows: pl.DataFrame,
        cells: pl.DataFrame,
        kids: pl.DataFrame,
        key: tuple[Any, ...],
        at: int,
    ) -> Template | None:
        """The template of `key`, from its finding at `at`; None: not worded from columns."""
        made = maker.make(as_row(rows, at))
        if len(made) != 1:  # pragma: no cover - one store row is one finding
            return None
        f = made[0]
        c = columns_of(cells, at)
        stub = _stub(f, c)
        if stub is None:
            return None
        lines, truth = describe(stub, self.words), describe(f, self.words)
        if len(lines) != 1 or len(truth) != 1:
            return None
        template = _template(lines[0])
        values = {name: c.get(col) for name, col in _COLUMNS.items()}
        values["name"] = self._name(c["indicator"])
        for i, lit in enumerate(kids.filter(pl.col("_at") == at)["kid"].to_list()):
            values[f"k{i}"] = lit
        if _filled(template, values) != truth[0]:
            return None
        return template

    def _name(self, indicator: str) -> str:
        if indicator not in self._names:
            self._names[indicator] = self.words.name(indicator)
        return self._names[indicator]

    def text(self, pieces: Iterable[tuple[Maker, pl.DataFrame]]) -> str:
        """The lines of one chunk's findings (store rows of one or more makers), in order."""
        out = []
        for maker, rows in pieces:
            out.append(self._words(maker, rows))
        table = pl.concat(out).sort("_at")
        return str(table.select(pl.col("text").str.join("")).item())

    def _words(self, maker: Maker, rows: pl.DataFrame) -> pl.DataFrame:
        cells, kids = word_cells(maker, rows)
        tid: dict[tuple[Any, ...], int] = {}
        done = []
        for rec in settled_keys(cells).iter_rows(named=True):
            key = tuple(rec[k] for k in KEY)
            if key not in self.templates:
                self.templates[key] = self._make(maker, rows, cells, kids, key, rec["_at"])
            if self.templates[key] is not None:
                tid[key] = len(tid)
        by_tid: dict[int, Template] = {}
        for key, i in tid.items():
            template = self.templates[key]
            assert template is not None
            by_tid[i] = template
        if tid:
            names = cells["indicator"].unique().drop_nulls().to_list()
            cells = cells.with_columns(
                pl.col("indicator")
                .replace_strict(
                    {n: self._name(n) for n in names}, default=None, return_dtype=pl.String
                )
                .alias("name")
            )
            keys = pl.DataFrame(
                [(*k, i) for k, i in tid.items()],
                schema={**{k: cells.schema[k] for k in KEY}, "tid": pl.Int32},
                orient="row",
            )
            cells = cells.join(keys, on=list(KEY), how="left", nulls_equal=True)
            used = {"_at", "tid", *(c for c in _COLUMNS.values() if c in cells.columns)}
            slim = cells.filter(pl.col("ok") & pl.col("tid").is_not_null()).select(
                c for c in cells.columns if c in used
            )
            if kids.height:
                wide = kids.join(slim.select("_at"), on="_at").pivot(
                    on="i", index="_at", values="kid"
                )
                wide = wide.rename({c: f"k{c}" for c in wide.columns if c != "_at"})
                slim = slim.join(wide, on="_at", how="left")
            for i, template in by_tid.items():
                mine = slim.filter(pl.col("tid") == i)
                if mine.height:
                    done.append(mine.select("_at", _expr(template).alias("text")))
            worded = pl.concat(done) if done else _NONE
        else:
            worded = _NONE
        self.worded += worded.height
        rest = rows.join(worded.select("_at"), on="_at", how="anti", maintain_order="left")
        texts = (
            [finding_text(describe(f, self.words)) for f in maker.make(rest)] if rest.height else []
        )
        self.built += len(texts)
        built = pl.DataFrame(
            {"_at": rest.get_column("_at"), "text": pl.Series(texts, dtype=pl.String)}
        )
        return pl.concat([worded.with_columns(pl.col("_at").cast(pl.UInt32)), built])


def chunk_texts(
    pieces: Iterator[Iterable[tuple[Maker, pl.DataFrame]]], words: Words
) -> Iterator[str]:
    """Every chunk's lines (`ColumnWords.text`), a chunk at a time."""
    column = ColumnWords(words)
    for chunk in pieces:
        yield column.text(chunk)
