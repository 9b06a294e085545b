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

On the partitioned plan, a check asked to list every finding as text
(hrkpi.api.check's `listed_in`) has each group word its findings as it is decided
(`group_texts`, in the groups' two threads), the rest built there too; the listing
then copies their lines (`lines`) and writes them as a column (`Lines`), never as
one Python string. No line worded from columns holds a control character (no cell
with one is given, no template with one is kept), so a chunk needs no pass of
`visible`; built lines are shown as printed.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator
from itertools import chain
from typing import IO, Any

import polars as pl

from hrkpi.checks.findings import Finding
from hrkpi.core.dates import parse_date
from hrkpi.core.periods import parse_period
from hrkpi.core.text import CONTROL
from hrkpi.fast.findstore import Maker
from hrkpi.fast.wordcells import (
    KEY,
    REGION_SUM,
    as_row,
    clean,
    columns_of,
    word_cells,
)
from hrkpi.output.checktext import describe, finding_text
from hrkpi.output.columntemplates import (
    _COLUMNS,
    _MARGIN,
    Template,
    _expr,
    _filled,
    _stub,
    _template,
    slot,
)
from hrkpi.output.controls import Checked, has_controls, visible
from hrkpi.output.figures import figure_words, value_text
from hrkpi.output.findwords import Words, period_label
from hrkpi.output.words import Lang

# Which of its region and period a row's line names (`ColumnWords._placed`): rows of one
# key that name both, one or neither have templates of their own.
_PLACED = "placed"
_BUILT_BATCH = 1000  # findings built (and described) at a time
_NONE = pl.DataFrame(schema={"_at": pl.UInt32, "text": pl.String})


class ColumnWords:
    """Words the findings of store rows, a chunk at a time, with the templates of one
    run (in one language). The partitioned plan's groups, decided two at once, word
    theirs as they are decided (`group_texts`, hrkpi.fast.partrun): the templates are
    shared, made under a lock."""

    USED: tuple[str, ...] = ()  # cells a subclass's `_exprs` reads beside `_COLUMNS`'
    NONE = _NONE  # what `_worded` gives when no row is worded

    def __init__(self, words: Words) -> None:
        self.words = words
        self.templates: dict[tuple[Any, ...], Template | None] = {}
        self._names: dict[str, str] = {}
        self._lock = threading.Lock()
        self.raw = False  # a line of the chunk `text` words holds a control character
        self.worded = 0  # findings worded from columns (what tests count)
        self.built = 0  # findings built and described (but those templates were made of)

    @property
    def lang(self) -> Lang:
        """The language the findings are worded in."""
        return self.words.lang

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
        if len(lines) != len(truth):
            return None
        text = "\n".join(lines)
        if stub.limit is not None and stub.limit is not f.limit:  # (a missed limit)
            margin = value_text(_MARGIN, stub.limit.margin_places)
            if text.count(margin) != 1:
                return None
            text = text.replace(margin, slot("margin"))
        template = _template(text)
        # (a line worded from columns holds no control character; a finding's own
        # lines are joined by line breaks)
        if any(clean(piece.replace("\n", "")) is None for piece in template[::2]):
            return None
        values = {name: c.get(col) for name, col in _COLUMNS.items()}
        values["name"] = self._name(c["indicator"])
        for i, lit in enumerate(kids.filter(pl.col("_at") == at)["kid"].to_list()):
            values[f"k{i}"] = lit
        if self.lang is Lang.EN:  # (an approximate figure in English words: `_in_english`)
            values = {
                k: figure_words(v, Lang.EN) if isinstance(v, str) and _literal_slot(k) else v
                for k, v in values.items()
            }
        if _filled(template, values) != "\n".join(truth):
            return None
        return template if self._also(key, f, stub, {**c, **values}) else None

    def _also(self, key: tuple[Any, ...], f: Finding, stub: Finding, cells: dict[str, Any]) -> bool:
        """Whatever else a key's rows are made into from columns, made from its finding
        `f` and `stub` (and checked with `cells`, its row's and its slots'): False when
        it cannot be (its rows are then built in full). Nothing here (a subclass:
        hrkpi.output.columncases)."""
        return True

    def _exprs(self, key: tuple[Any, ...], template: Template) -> list[pl.Expr]:
        """The columns made of a key's rows from their cells: `text`, its lines."""
        return [_expr(template).alias("text")]

    def _name(self, indicator: str) -> str:
        if indicator not in self._names:
            self._names[indicator] = self.words.name(indicator)
        return self._names[indicator]

    def text(self, pieces: Iterable[tuple[Maker | None, pl.DataFrame]]) -> str:
        """The lines of one chunk's findings (store rows of one or more makers), in order:
        `Checked` when no line holds a control character."""
        out = []
        self.raw = False
        for maker, rows in pieces:
            assert maker is not None
            out.append(self._words(maker, rows, shown=False))
        table = pl.concat(out).sort("_at")
        text = str(table.select(pl.col("text").str.join("")).item())
        return text if self.raw else Checked(text)

    def group_texts(self, maker: Maker, rows: pl.DataFrame) -> pl.Series:
        """The lines of store rows of a group (`rows`, a slice of them), in their order and
        as printed (`visible`): the frequent findings worded from columns, the others
        built by the exact rules and described (their group's cells are at hand)."""
        at = rows.with_row_index("_at")
        return self._words(maker, at, shown=True).sort("_at").get_column("text")

    @staticmethod
    def lines(pieces: Iterable[tuple[Maker | None, pl.DataFrame]]) -> Lines:
        """The lines of one chunk's findings as printed, worded as their groups were
        decided (`group_texts`): pieces of them (`_at`, `text`) in any order."""
        texts = [rows.select(pl.col("_at").cast(pl.UInt32), "text") for _, rows in pieces]
        table = texts[0] if len(texts) == 1 else pl.concat(texts).sort("_at")
        return Lines(table.get_column("text"))

    def _words(self, maker: Maker, rows: pl.DataFrame, *, shown: bool) -> pl.DataFrame:
        """Every row's line (`_at`, `text`; `shown`: as printed, control characters shown)
        and whether the built ones hold a control character (the worded ones hold none:
        `word_cells` gives no cell with one, `_make` no template)."""
        worded = self._worded(maker, rows)
        rest = rows.join(worded.select("_at"), on="_at", how="anti", maintain_order="left")
        if not rest.height:
            return worded
        return pl.concat([worded, self._built(maker, rest, shown=shown)])

    def _built(self, maker: Maker, rest: pl.DataFrame, *, shown: bool) -> pl.DataFrame:
        """`rest`'s findings built by the exact rules and described: `_at`, `text` (and
        `shown`, control characters shown as printed)."""
        # A batch at a time: a targets file's splits, built to be worded here, name every
        # child's figure (the benchmark's 36,000 at ten million figures, built at once
        # in slices of 20,000, held about 100 MB more at the listing's peak).
        texts = [
            finding_text(describe(f, self.words))
            for start in range(0, rest.height, _BUILT_BATCH)
            for f in maker.make(rest.slice(start, _BUILT_BATCH))
        ]
        if shown:
            texts = [visible(t) for t in texts]
        elif not self.raw and any(map(has_controls, texts)):
            self.raw = True
        with self._lock:
            self.built += len(texts)
        return pl.DataFrame(
            {
                "_at": rest.get_column("_at").cast(pl.UInt32),
                "text": pl.Series(texts, dtype=pl.String),
            }
        )

    def _template(
        self,
        maker: Maker,
        rows: pl.DataFrame,
        cells: pl.DataFrame,
        kids: pl.DataFrame,
        key: tuple[Any, ...],
        at: int,
    ) -> Template | None:
        """The template of `key` (made from its finding at `at` when first met)."""
        if key not in self.templates:
            with self._lock:  # (two groups at once: each key's template made once)
                if key not in self.templates:
                    self.templates[key] = self._make(maker, rows, cells, kids, key, at)
        return self.templates[key]

    def _worded(self, maker: Maker, rows: pl.DataFrame) -> pl.DataFrame:
        """The lines of the rows (with their place `_at`) worded from columns: `_at`,
        `text`."""
        cells, kids = word_cells(maker, rows)
        cells = self._placed(cells)
        names = cells["indicator"].unique().drop_nulls().to_list()
        with self._lock:
            named = {n: clean(self._name(n)) for n in names}
        used = {
            "_at",
            *KEY,
            _PLACED,
            *self.USED,
            *(c for c in _COLUMNS.values() if c in cells.columns),
        }
        slim = cells.filter(pl.col("ok") & pl.col(_PLACED).is_not_null()).select(
            *(c for c in cells.columns if c in used),
            pl.col("indicator")
            .replace_strict(named, default=None, return_dtype=pl.String)
            .alias("name"),
        )
        slim = slim.filter(pl.col("name").is_not_null())
        if kids.height:
            wide = kids.join(slim.select("_at"), on="_at").pivot(on="i", index="_at", values="kid")
            wide = wide.rename({c: f"k{c}" for c in wide.columns if c != "_at"})
            slim = slim.join(wide, on="_at", how="left")
        if self.lang is Lang.EN:
            slim = _in_english(slim)
        # (each key's rows in one pass: a frame each, its template's line made on it)
        done = []
        for key, mine in slim.partition_by([*KEY, _PLACED], as_dict=True).items():
            template = self._template(maker, rows, cells, kids, key, int(mine["_at"][0]))
            if template is not None:
                done.append(mine.select(pl.col("_at").cast(pl.UInt32), *self._exprs(key, template)))
        worded = pl.concat(done) if done else self.NONE
        with self._lock:
            self.worded += worded.height
        return worded

    def _placed(self, cells: pl.DataFrame) -> pl.DataFrame:
        """`cells` with what a row's line names before its relation (findwords.place_words):
        `region` as text; `period_label`, its finding's period (a region sum's
        `period_text`, else the row's own period cell, read) as `period_label` words it,
        from a lookup of the chunk's few periods; and `placed`: 1 for a region, 2 for a
        period, both added, null for a row left to be built (a region with a control
        character, a period not read)."""
        sums = pl.col("kind") == REGION_SUM
        # (each period text once: a sum's is its finding's; a row's own cell is read)
        # (a row with no period is named by its date: checks.figures.provenance)
        text = (
            pl.when(sums)
            .then(pl.concat_str(pl.lit("s"), pl.col("period_text")))
            .when(pl.col("period").is_not_null())
            .then(pl.concat_str(pl.lit("r"), pl.col("period")))
            .otherwise(pl.concat_str(pl.lit("d"), pl.col("as_of")))
        )
        labels: dict[str, str | None] = {}
        for t in cells.select(text.unique().drop_nulls()).to_series().to_list():
            try:
                kind, given = t[0], t[1:]
                code = (
                    given
                    if kind == "s"
                    else parse_period(given).code
                    if kind == "r"
                    else parse_date(given).isoformat()
                )
                labels[t] = clean(period_label(code, self.lang))
            except ValueError:
                labels[t] = None
        label = text.replace_strict(labels, default=None, return_dtype=pl.String)
        region = pl.col("region").cast(pl.String)
        has_region = region.is_not_null() & (region != "")
        has_period = text.is_not_null()
        placed = (
            pl.when((has_region & region.str.contains(CONTROL)) | (has_period & label.is_null()))
            .then(None)
            .otherwise(has_region.cast(pl.Int8) + has_period.cast(pl.Int8) * 2)
        )
        return cells.with_columns(
            region.alias("region"), label.alias("period_label"), placed.alias(_PLACED)
        )


# The slots that hold a stated figure's literal (beside the children's, k0, k1, ...).
_LITERAL_SLOTS = ("value", "target", "prev", "stated", "smag", "amag")
_KID = re.compile(r"k[0-9]+")
_BEYOND_ASCII = r"[^\x00-\x7f]"


def _literal_slot(name: str) -> bool:
    return name in _LITERAL_SLOTS or _KID.fullmatch(name) is not None


def _in_english(slim: pl.DataFrame) -> pl.DataFrame:
    """`slim` with each approximate literal (近5.5, 1400多: the only literals with a
    character beyond ASCII) as English says it (findwords.figure_words: nearly 5.5),
    from a lookup of the chunk's few."""
    names = [_COLUMNS.get(n, n) for n in (*_LITERAL_SLOTS, *filter(_KID.fullmatch, slim.columns))]
    changed = []
    for name in dict.fromkeys(n for n in names if n in slim.columns):
        column = slim.get_column(name)
        odd = column.filter(column.str.contains(_BEYOND_ASCII).fill_null(False)).unique()
        if odd.len():
            said = {t: figure_words(t, Lang.EN) for t in odd.to_list()}
            changed.append(pl.col(name).replace(said))
    return slim.with_columns(changed) if changed else slim


class Lines:
    """A chunk of a listing's lines, as printed (control characters shown), kept as a
    column: written to a binary stream as polars writes it, never made one Python
    string (making it and encoding it again cost about 1 s of CPU for the 240 MB
    listing of a million findings)."""

    def __init__(self, lines: pl.Series) -> None:
        self.lines = lines

    def __str__(self) -> str:
        return str(self.lines.str.join("").item()) if self.lines.len() else ""

    def __bool__(self) -> bool:
        return self.lines.len() > 0

    def write_to(self, stream: IO[bytes]) -> None:
        """The lines into `stream` (binary), as `str(self)` encoded in UTF-8."""
        # Each line ends with its line break: written as the CSV's (never quoted, so each
        # cell is written as it is).
        pl.DataFrame({"line": self.lines.str.strip_suffix("\n")}).write_csv(
            stream, include_header=False, quote_style="never", line_terminator="\n"
        )


def chunk_texts(
    pieces: Iterator[Iterable[tuple[Maker | None, pl.DataFrame]]], column: ColumnWords
) -> Iterator[str | Lines]:
    """Every chunk's lines, a chunk at a time: as the groups worded them when they were
    decided (pieces without a maker: `ColumnWords.lines`), else worded here
    (`ColumnWords.text`)."""
    for chunk in pieces:
        # (read as they come: each piece's maker is made as it is reached, two kept at a
        # time; a chunk of the problems has a piece of every group)
        items = iter(chunk)
        first = next(items, None)
        if first is None:  # pragma: no cover - no chunk is empty
            continue
        if first[0] is None:  # (a chunk's pieces are all the groups' lines, or none is)
            yield column.lines(chain([first], items))
        else:
            yield column.text(chain([first], items))
