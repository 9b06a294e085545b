"""`hrkpi check --junit`'s test cases of the frequent findings made from columns.

The fast path's findings are kept as store rows; the text listing words the frequent
ones from their cells by templates `describe` itself writes (hrkpi.output.columnwords).
Their JUnit test cases are made the same way: for each key, the finding its text
template was made of is also written as a test case by the JUnit writer itself
(`JunitCases.alone`), its row's figures as placeholders; its place-holders are the
case's slots, filled from the same cells with XML's escapes for an attribute. The
template is kept only if, filled with that finding's own cells, it gives the writer's
very case, and only if it is one element with attributes alone (the frequent findings
are consistent or limits met: no failure, no output). Every other finding is built by
the exact rules, described once and written by the writer for both outputs, as before.
So the XML is the writer's, byte for byte, and a million cases cost a few polars
expressions a chunk rather than a hundred microseconds each.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

import polars as pl

from hrkpi.checks.findings import PROBLEMS, Finding
from hrkpi.fast.findstore import Maker
from hrkpi.fast.relations import VERDICT_CODES
from hrkpi.fast.wordcells import KEY
from hrkpi.output.checktext import describe, finding_text
from hrkpi.output.columntemplates import _COLUMNS, Template, slot
from hrkpi.output.columnwords import ColumnWords
from hrkpi.output.controls import Checked, has_controls
from hrkpi.output.findwords import Words
from hrkpi.output.junit import LEAD, JunitCases

# An attribute's escapes, as ElementTree writes them (the cells given hold no control
# character: hrkpi.fast.wordcells.clean), `&` first.
_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"))
# The case's class name: `region.indicator`, or the indicator alone without a region.
_CLASS = f'classname="{slot("region")}.{slot("ind")}"'
_PROBLEM_CODES = {VERDICT_CODES[v] for v in PROBLEMS}
_NONE = pl.DataFrame(schema={"_at": pl.UInt32, "text": pl.String, "xml": pl.String})


def escaped(text: str) -> str:
    """`text` as an attribute's value in the XML (`_ESCAPES`)."""
    for raw, escape in _ESCAPES:
        text = text.replace(raw, escape)
    return text


def _escaped(expr: pl.Expr) -> pl.Expr:
    expr = expr.cast(pl.String)
    for raw, escape in _ESCAPES:
        expr = expr.str.replace_all(raw, escape, literal=True)
    return expr


def _class_name(region: Any, indicator: Any) -> str:
    return f"{region}.{indicator}" if region else str(indicator)


class _SlotWords(Words):
    """The report's words, the indicator's placeholder named by the name's: the case's
    class name reads the indicator's id, its words the indicator's name."""

    def name(self, indicator: str) -> str:
        """The name's placeholder for the indicator's, else the indicator's name."""
        return slot("name") if indicator == slot("ind") else super().name(indicator)


class ColumnCases(ColumnWords):
    """The text lines and the JUnit test cases of store rows, a chunk at a time (`chunk`):
    the frequent findings' from columns, the others built and described once for both.
    The text lists every finding, or its problems only (`problems_only`), or nothing
    (`text` false); the cases are of every finding."""

    USED = ("indicator", "region")
    NONE = _NONE

    def __init__(self, cases: JunitCases, *, problems_only: bool, text: bool = True) -> None:
        super().__init__(cases.words)
        self.cases = cases
        self.problems_only = problems_only
        self.text_wanted = text
        self.case_templates: dict[tuple[Any, ...], Template] = {}
        self._slot_words = _SlotWords(cases.words.lang, cases.words.catalog)

    def _listed(self, f: Finding) -> bool:
        return self.text_wanted and (not self.problems_only or f.verdict in PROBLEMS)

    def _make(
        self,
        maker: Maker,
        rows: pl.DataFrame,
        cells: pl.DataFrame,
        kids: pl.DataFrame,
        key: tuple[Any, ...],
        at: int,
    ) -> Template | None:
        """The text's template of `key` as `ColumnWords` makes it, and its case's; none for
        a problem (a missed limit, which the text words from columns: its case holds a
        failure with its lines, left to the writer), its rows built once for both."""
        if key[KEY.index("verdict")] in _PROBLEM_CODES:
            return None
        return super()._make(maker, rows, cells, kids, key, at)

    def _also(self, key: tuple[Any, ...], f: Finding, stub: Finding, cells: dict[str, Any]) -> bool:
        """The case's template of `key`, made by the writer of the stub, kept if one
        element of attributes alone that, filled, is `f`'s case (and of no problem: the
        text of the worded rows is left empty under `problems_only`)."""
        if f.verdict in PROBLEMS:  # pragma: no cover - none is tried (`_make`)
            return False
        with_slots = replace(stub, indicator=slot("ind"), region=slot("region"))
        written = self.cases.alone(with_slots, words=self._slot_words)
        if written.count(_CLASS) != 1:
            return False
        template = written.replace(_CLASS, f'classname="{slot("cls")}"').split("\ue000")
        # (split as columnwords' templates are: literal text and slot names, alternately)
        pieces: Template = [template[0]]
        for part in template[1:]:
            name, sep, rest = part.partition("\ue001")
            if not sep:
                return False
            pieces.extend([name, rest])
        literal = "".join(pieces[::2])
        if literal.count("<") != 1 or not literal.endswith(" />"):
            return False  # (a failure or an output inside: its text escaped otherwise)
        cells = {
            **cells,
            "ind": cells.get("indicator"),
            "cls": _class_name(cells.get("region"), cells.get("indicator")),
        }
        out = []
        for i, piece in enumerate(pieces):
            if i % 2 == 0:
                out.append(piece)
            elif cells.get(piece) is None:
                return False
            else:
                out.append(escaped(str(cells[piece])))
        if "".join(out) != self.cases.alone(f):
            return False
        self.case_templates[key] = pieces
        return True

    def _exprs(self, key: tuple[Any, ...], template: Template) -> list[pl.Expr]:
        text = super()._exprs(key, template)[0]
        if not self.text_wanted or self.problems_only:  # (the worded are no problems)
            text = pl.lit("", pl.String).alias("text")
        parts = [
            pl.lit(LEAD + piece) if i == 0 else pl.lit(piece) if i % 2 == 0 else _slot_cell(piece)
            for i, piece in enumerate(self.case_templates[key])
        ]
        return [text, pl.concat_str(parts).alias("xml")]

    def _built(self, maker: Maker, rest: pl.DataFrame, *, shown: bool) -> pl.DataFrame:
        """`rest`'s findings built by the exact rules, described once for the text (when
        listed) and their case: `_at`, `text`, `xml`."""
        texts, xmls = [], []
        for f in maker.make(rest):
            listed = self._listed(f)
            lines = describe(f, self.words) if listed else None  # (else described if cased)
            texts.append(finding_text(lines) if lines is not None else "")
            xmls.append(LEAD + self.cases.alone(f, lines))
        if not self.raw and any(map(has_controls, texts)):
            self.raw = True
        with self._lock:
            self.built += len(texts)
        return pl.DataFrame(
            {
                "_at": rest.get_column("_at").cast(pl.UInt32),
                "text": pl.Series(texts, dtype=pl.String),
                "xml": pl.Series(xmls, dtype=pl.String),
            }
        )

    def chunk(self, pieces: Iterable[tuple[Maker | None, pl.DataFrame]]) -> tuple[str, str]:
        """One chunk's text (`Checked` when no line holds a control character) and test
        cases (the first of all after the XML head), in order."""
        self.raw = False
        out = []
        for maker, rows in pieces:
            assert maker is not None
            out.append(self._words(maker, rows, shown=False))
        table = pl.concat(out).sort("_at")
        text = str(table.select(pl.col("text").str.join("")).item())
        xml = str(table.select(pl.col("xml").str.join("")).item())
        if xml:
            xml = self.cases.lead() + xml.removeprefix(LEAD)
        return (text if self.raw else Checked(text)), xml


def _slot_cell(name: str) -> pl.Expr:
    """A slot's cell, escaped for an attribute."""
    if name == "cls":
        region = pl.col("region").cast(pl.String)
        indicator = pl.col("indicator").cast(pl.String)
        named = pl.when(region.is_not_null() & (region != "")).then(
            pl.concat_str([region, pl.lit("."), indicator])
        )
        return _escaped(named.otherwise(indicator))
    column = {"ind": "indicator"}.get(name, _COLUMNS.get(name, name))
    return _escaped(pl.col(column))


def text_junit(
    findings: Any, cases: JunitCases, *, problems_only: bool, text: bool = True
) -> Iterator[tuple[str, str]]:
    """(text, XML) pieces of findings kept as columns (`store_pieces`), a chunk at a time:
    joined, the text is what `iter_text` lists of them (every finding, or the problems
    only; nothing unless `text`), the XML their test cases as `JunitCases.case` writes
    them, in order (the end is the caller's)."""
    column = ColumnCases(cases, problems_only=problems_only, text=text)
    for chunk in findings.store_pieces():
        yield column.chunk(chunk)
