"""`hrkpi check --format json`'s findings made from columns, the frequent ones.

A default JSON listing of a million figures holds over a million findings, most of
them consistent completion rates, growth rates and region sums and limits met.
Building each as a `Finding` and writing it (hrkpi.output.findjson) cost about 90 µs
a finding, eight times the text listing, which words them from their cells
(hrkpi.output.columnwords). Here their JSON is made the same way: for each key (the
text's, with the figures' decimals, parities and whole counts: hrkpi.fast.jsoncells)
one finding is built by the exact rules and written by `finding_json` itself with
placeholders for its row's cells and sentinel numbers for its intervals and margin;
the placeholders and sentinels are the template's slots. A cell slot is filled with
the row's cell (JSON-escaped), a number slot with the end the exact rule would give,
computed in integers on the columns (hrkpi.fast.jsonnumbers: rounded outwards, or
half to even, at the places the writer uses). The template is kept only if, filled
from that finding's own row, it gives the writer's very text; that check proves the
template's text, and the tests (tests/output/test_columnjson.py) hold the numbers,
row by row, equal to the writer's. Every other finding (problems, warnings, absolute
and point changes, approximate figures, another rounding, a unit of the row's own,
sizes beyond 64-bit integers, ...) is built and written by `finding_json`, as before.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator
from dataclasses import replace
from fractions import Fraction
from typing import Any

import polars as pl

from hrkpi.checks.findings import CheckKind, Finding, Role
from hrkpi.core.intervals import Interval
from hrkpi.fast.findstore import Maker
from hrkpi.fast.jsoncells import CELLS, KID_CELLS, MADE, json_cells
from hrkpi.fast.jsonnumbers import KID_NUMBERS, KIDS, NUMBERS
from hrkpi.fast.relations import KIND_CODES, VERDICT_CODES
from hrkpi.fast.wordcells import PRIOR_ELSEWHERE, PRIOR_HERE, as_row, clean
from hrkpi.output.columntemplates import _COLUMNS, Template, _stub, slot
from hrkpi.output.columnwords import ColumnWords
from hrkpi.output.figures import interval_places, written_exactly
from hrkpi.output.findjson import finding_json
from hrkpi.output.findwords import Words

PAD = "    "  # a finding's indent in the listing (checkjson.iter_json)
SEP = ",\n" + PAD  # between two findings
# A limit's margin in the finding a template is made of: a number no figure shows.
_MARGIN = Fraction(987654321013)
_NUMBERS = re.compile(
    r"(?P<margin>-?987654321013(?:\.0+)?)|987654(?P<i>[0-9]{3})0(?P<end>[01])0(?:\.[0-9]+)?"
)
# An interval's sentinel ends (interval i: 0 the value or total, 1 the previous value,
# 2 the computed range, 3 + k a region's child k): integers no figure of a template
# shows, lo B_i = _BASE + 1000 i, hi B_i + 10.
_BASE = 987654000000
_THIRD = Fraction(1, 3)  # a point no places write exactly (an "about" figure)
# The cells each template's text slots read beyond columnwords' (`_COLUMNS`).
_MORE = {"ind": "indicator", **{c: c for c in CELLS}}
_NONE = pl.DataFrame(schema={"_at": pl.UInt32, "text": pl.String})
_WRITTEN = 2000  # findings made one Python string at a time
_SLICE = 5000  # store rows made at a time (a chunk's 20,000 at once: 190 MB at the peak)


class _SlotWords(Words):
    """The run's words, the indicator's placeholder named by the name's: a finding's
    `indicator` is the id, its relation reads the name."""

    def name(self, indicator: str) -> str:
        """The name's placeholder for the id's, else the indicator's name."""
        return slot("name") if indicator == slot("ind") else super().name(indicator)


def _esc(expr: pl.Expr) -> pl.Expr:
    """A cell as a JSON string's content (the cells given hold no control character:
    hrkpi.fast.wordcells.clean), as json's encode_basestring writes it."""
    expr = expr.cast(pl.String)
    return expr.str.replace_all("\\", "\\\\", literal=True).str.replace_all(
        '"', '\\"', literal=True
    )


def _piece(name: str) -> pl.Expr:
    if name in _UNESCAPED:
        return pl.col(name)
    return _esc(pl.col(_MORE.get(name, _COLUMNS.get(name, name))))


_UNESCAPED = {*NUMBERS, *KID_NUMBERS, *(f"kc{k}" for k in range(KIDS))}


def _expr(template: Template) -> pl.Expr:
    return pl.concat_str(
        [pl.lit(p) if i % 2 == 0 else _piece(p) for i, p in enumerate(template)]
    ).alias("text")


class ColumnJson(ColumnWords):
    """The JSON of store rows' findings, a chunk at a time (`chunk`): those of
    `jsoncells.MADE`, of plain figures rounded half to even, made from columns by
    templates `finding_json` writes; the others built and written."""

    USED = (
        "indicator",
        *NUMBERS,
        *KID_NUMBERS,
        *KID_CELLS,
        *(c for c in _MORE.values() if c != "indicator"),
    )
    NONE = _NONE

    def __init__(self, words: Words) -> None:
        super().__init__(words)
        self._slot_words = _SlotWords(words.lang, words.catalog)
        self._local = threading.local()
        self._made: dict[tuple[Any, ...], pl.Expr] = {}

    # -- the rows' numbers -------------------------------------------------------------

    def _worded(self, maker: Maker, rows: pl.DataFrame) -> pl.DataFrame:
        self._local.maker = maker  # (read by `_placed`, in this thread)
        return super()._worded(maker, rows)

    def _placed(self, cells: pl.DataFrame) -> pl.DataFrame:
        """columnwords' `placed`, with what shapes a row's JSON added (its figures'
        decimals, parities, whole counts...), so that each template is of rows whose
        JSON differs only in its slots; null for a row left to be built."""
        cells = super()._placed(cells)
        maker: Maker = self._local.maker
        return json_cells(maker, cells)

    # -- templates ---------------------------------------------------------------------

    def _make(
        self,
        maker: Maker,
        rows: pl.DataFrame,
        cells: pl.DataFrame,
        kids: pl.DataFrame,
        key: tuple[Any, ...],
        at: int,
    ) -> Template | None:
        """The JSON template of `key`, from its finding at `at` (None: built)."""
        made = maker.make(as_row(rows, at))
        if len(made) != 1:  # pragma: no cover - one store row is one finding
            return None
        f = made[0]
        row = cells.filter(pl.col("_at") == at)
        c = row.row(0, named=True)
        stub = _json_stub(f, c)
        if stub is None:
            return None
        text = finding_json(stub, self._slot_words, PAD)
        template = _with_numbers(text, f, stub)
        if template is None:
            return None
        name = clean(self._name(str(c["indicator"])))
        if name is None:
            return None
        # (a region's children's figures: pivoted beside the rows' cells in `_worded`)
        lits = kids.filter(pl.col("_at") == at).get_column("kid").to_list() if kids.height else []
        row = row.with_columns(
            pl.lit(name).alias("name"),
            *(pl.lit(lit, pl.String).alias(f"k{i}") for i, lit in enumerate(lits)),
        )
        try:
            filled = row.select(_expr(template)).item()
        except pl.exceptions.PolarsError:  # pragma: no cover - a column a slot lacks
            return None
        return template if filled == finding_json(f, self.words, PAD) else None

    def _exprs(self, key: tuple[Any, ...], template: Template) -> list[pl.Expr]:
        # (made once a key: a region sum's has some two hundred pieces)
        made = self._made.get(key)
        if made is None:
            made = self._made[key] = _expr(template)
        return [made]

    def _built(self, maker: Maker, rest: pl.DataFrame, *, shown: bool) -> pl.DataFrame:
        """`rest`'s findings built by the exact rules and written: `_at`, `text`."""
        texts = [
            finding_json(f, self.words, PAD)
            for start in range(0, rest.height, 1000)
            for f in maker.make(rest.slice(start, 1000))
        ]
        with self._lock:
            self.built += len(texts)
        return pl.DataFrame(
            {
                "_at": rest.get_column("_at").cast(pl.UInt32),
                "text": pl.Series(texts, dtype=pl.String),
            }
        )

    def chunk(self, pieces: Iterable[tuple[Maker | None, pl.DataFrame]]) -> Iterator[str]:
        """One chunk's findings as the listing writes them, in order, a few thousand at a
        time joined by `SEP` (a chunk's 40 MB made one Python string, then copied as it
        is written, held about 100 MB more)."""
        out = []
        for maker, rows in pieces:
            assert maker is not None
            for start in range(0, rows.height, _SLICE):
                out.append(self._words(maker, rows.slice(start, _SLICE), shown=False))
        texts = pl.concat(out).sort("_at").get_column("text")
        del out
        for start in range(0, texts.len(), _WRITTEN):
            yield str(texts.slice(start, _WRITTEN).str.join(SEP).item())


def json_chunks(findings: Any, words: Words) -> Iterator[str]:
    """The JSON of findings kept as columns (`store_pieces`), a few thousand at a time,
    each piece its findings joined by `SEP` (none empty)."""
    column = ColumnJson(words)
    for pieces in findings.store_pieces():
        yield from column.chunk(pieces)


# -- the template ----------------------------------------------------------------------


def _json_stub(f: Finding, c: dict[str, Any]) -> Finding | None:
    """`f` with its row's cells as placeholders and its intervals as sentinels (None: a
    finding whose JSON is not made here)."""
    code = KIND_CODES.get(f.kind)
    if code not in MADE or VERDICT_CODES[f.verdict] not in MADE[code] or f.computed is None:
        return None
    roles = tuple(u.role for u in f.figures)
    if f.kind is CheckKind.REGION_SUM:
        kids = len(roles) - 1
        if roles != (Role.TOTAL, *(Role.CHILD,) * kids) or not 0 < kids <= KIDS:
            return None
    elif f.kind is CheckKind.THRESHOLD:
        if roles != (Role.VALUE,) or f.limit is None or f.limit.margin is None:
            return None
    elif roles not in ((Role.VALUE, Role.TARGET), (Role.VALUE, Role.PREVIOUS)):
        return None
    plain = (
        f.candidates == ()
        and f.missing == ()
        and f.hint is None
        and f.implied is None
        and (f.limit is None) == (f.kind is not CheckKind.THRESHOLD)
        and f.pace is None
        and f.reason is None
        and f.consistent_values is None
        and f.quote == ""
        and f.location == ""
        and f.sheet == ""
        and all(u.sheet == "" for u in f.figures if u.role is not Role.TARGET)
        and all(u.indicator == f.indicator for u in f.figures)
        and all(u.region == f.region for u in f.figures if u.role is not Role.CHILD)
    )
    if not plain:
        return None
    stub = _stub(f, c)
    if stub is None:
        return None
    region = slot("region") if f.region else ""
    figures = []
    for i, (u, s) in enumerate(zip(f.figures, stub.figures, strict=True)):
        where: dict[str, Any] = {"line": slot("line")}
        if u.role is Role.CHILD:  # (its region the hierarchy's: one for the key)
            k = i - 1
            iv = None if u.interval is None else replace(u.interval, lo_closed=True, hi_closed=True)
            where = {"file": slot(f"kf{k}"), "line": slot(f"kl{k}")}
            s = replace(s, **where)
            figures.append(
                replace(
                    s,
                    indicator=slot("ind"),
                    unit=slot("vunit"),
                    interval=None if iv is None else _sentinel(iv, 3 + k),
                )
            )
            continue
        if u.role is Role.TARGET:
            where = {"file": slot("tfile"), "line": slot("tline"), "sheet": slot("tsheet")}
            s = replace(s, literal=slot("tlit"))
        elif u.role is Role.PREVIOUS and c["pvar"] == PRIOR_ELSEWHERE:
            where = {"file": slot("pfile"), "line": slot("pline")}
        elif u.role is Role.PREVIOUS and c["pvar"] == PRIOR_HERE:
            where = {"line": slot("pline")}  # (its file the row's: no place in words)
        iv = None if u.interval is None else _sentinel(u.interval, i)
        figures.append(
            replace(s, indicator=slot("ind"), region=region, unit=slot("vunit"), interval=iv)
            if u.role is not Role.TARGET
            else replace(s, indicator=slot("ind"), region=region, unit=slot("vunit"), **where)
        )
        if u.role is not Role.TARGET:
            figures[-1] = replace(figures[-1], **where)
    limit = stub.limit
    if limit is not None:  # (its margin's sign kept: met, positive)
        assert f.limit is not None and f.limit.margin is not None
        limit = replace(limit, margin=_MARGIN if f.limit.margin >= 0 else -_MARGIN)
    return replace(
        stub,
        limit=limit,
        indicator=slot("ind"),
        source=slot("src"),
        period=slot("pcode"),
        figures=tuple(figures),
        computed=_sentinel(f.computed, 2, about=True, places=interval_places(f.decimals)),
    )


def _sentinel(iv: Interval, i: int, *, about: bool = False, places: int = 0) -> Interval:
    """Interval `i`'s sentinel: its closedness, a point where it is one (one no places
    write exactly where `about` and it is not written exactly at `places`)."""
    lo = Fraction(_BASE + 1000 * i)
    if iv.lo == iv.hi:
        if about and not written_exactly(iv.lo, places):
            lo += _THIRD
        return Interval(lo, lo, iv.lo_closed, iv.hi_closed)
    return Interval(lo, lo + 10, iv.lo_closed, iv.hi_closed)


def _with_numbers(text: str, f: Finding, stub: Finding) -> Template | None:
    """`text` (the stub's JSON) split into literal text and slots: the placeholders, and
    each sentinel as the number slot the writer's rounding of it asks for."""
    # A child's closedness (each child's own: its sentinel's is closed) as its slot.
    for k in range(len(stub.figures) - 1 if stub.kind is CheckKind.REGION_SUM else 0):
        mark = slot(f"kc{k}")
        child = re.compile(
            f'("hi": "987654{3 + k:03d}0[01]0",\n\\s*"lo_closed": )true(,\n\\s*"hi_closed": )true'
        )
        text, n = child.subn(f"\\g<1>{mark}\\g<2>{mark}", text)
        if n != 1:
            return None
    message = text.rfind('"message": ')
    pieces: list[str] = []
    last = 0
    for m in _NUMBERS.finditer(text):
        if m.group("margin"):  # a limit's margin: signed in the JSON, its size in words
            pieces.append(text[last : m.start()])
            pieces.append("jmargin" if m.start() < message else "mmargin")
            last = m.end()
            continue
        i, end = int(m.group("i")), "lo" if m.group("end") == "0" else "hi"
        before = text[max(0, m.start() - 8) : m.start()]
        if m.start() < message:  # an IntervalOut's end: at 6 places, outwards
            if before.endswith('"lo": "'):
                name = f"j{i}lo"
            elif before.endswith('"hi": "'):
                name = f"j{i}hi"
            else:
                return None
        else:  # the message: at the figure's interval places, its own decimals kept
            if i > 2:  # (a child's interval: never in words here)
                return None
            iv = stub.computed if i == 2 else stub.figures[i].interval
            assert iv is not None
            if iv.lo == iv.hi and iv.lo.denominator != 1:  # about: half to even
                if i != 2:
                    return None
                name = "m2ab"
            else:
                name = f"m{i}{end}"
        pieces.append(text[last : m.start()])
        pieces.append(name)
        last = m.end()
    pieces.append(text[last:])
    out: Template = [""]
    for k, piece in enumerate(pieces):
        if k % 2 == 1:  # a number slot
            out.extend([piece, ""])
            continue
        # Literal text with the cells' placeholders, split as columnwords splits it.
        split = re.split("\ue000(\\w+)\ue001", piece)
        out[-1] += split[0]
        out.extend(split[1:])
    if any("\ue000" in p or "\ue001" in p for p in out[::2]):
        return None
    return out
