"""`hrkpi check --format json`'s findings made from columns, the frequent ones.

A default JSON listing of a million figures holds over a million findings, most of
them consistent completion rates and growth rates. Building each as a `Finding`
and writing it (hrkpi.output.findjson) cost about 90 µs a finding, eight times the
text listing, which words them from their cells (hrkpi.output.columnwords). Here
their JSON is made the same way: for each key (the text's, with the figures'
decimals, parities and whether they are whole counts) one finding is built by the
exact rules and written by `finding_json` itself with placeholders for its row's
cells and sentinel numbers for its intervals; the placeholders and sentinels are
the template's slots. A cell slot is filled with the row's cell (JSON-escaped), a
number slot with the interval end the exact rule would give, computed in
integers on the columns (rounded outwards, or half to even, at the places the
writer uses). The template is kept only if, filled from that finding's own row,
it gives the writer's very text. Every other finding (problems, limits, sums,
figures of another rounding, of their own unit, too long for 64-bit integers,
...) is built and written by `finding_json`, as before. So the JSON is the
writer's, byte for byte.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator
from dataclasses import replace
from fractions import Fraction
from typing import Any

import polars as pl

from hrkpi.checks.findings import CheckKind, Finding, Role, Verdict
from hrkpi.core.dates import parse_date
from hrkpi.core.errors import display_path
from hrkpi.core.intervals import Interval
from hrkpi.core.periods import parse_period
from hrkpi.core.rounding import RoundingMode
from hrkpi.fast.findstore import Maker
from hrkpi.fast.limitwords import limit_margins
from hrkpi.fast.relations import KIND_CODES, VERDICT_CODES
from hrkpi.fast.wordcells import PRIOR_ELSEWHERE, PRIOR_HERE, STATED_PREVIOUS, as_row, clean
from hrkpi.output.columnwords import _COLUMNS, ColumnWords, Template, _stub, slot
from hrkpi.output.figures import interval_places, written_exactly
from hrkpi.output.findjson import finding_json
from hrkpi.output.findwords import Words

PAD = "    "  # a finding's indent in the listing (checkjson.iter_json)
SEP = ",\n" + PAD  # between two findings
_COMPLETION = KIND_CODES[CheckKind.COMPLETION]
_PCT = KIND_CODES[CheckKind.CHANGE_PCT]
_SUM = KIND_CODES[CheckKind.REGION_SUM]
_KIDS = 60  # a region sum of more children is built
_CONSISTENT = VERDICT_CODES[Verdict.CONSISTENT]
_THRESHOLD = KIND_CODES[CheckKind.THRESHOLD]
# The findings made here: consistent completion and growth rates, limits met or failed
# (a warning's words name its warning level: built).
_MADE = {
    _COMPLETION: (_CONSISTENT,),
    _PCT: (_CONSISTENT,),
    _THRESHOLD: (VERDICT_CODES[Verdict.PASS], VERDICT_CODES[Verdict.FAIL]),
    _SUM: (_CONSISTENT,),
}
# A limit's margin in the finding a template is made of: a number no figure shows.
_MARGIN = Fraction(987654321013)
_NUMBERS = re.compile(
    r"(?P<margin>-?987654321013(?:\.0+)?)|987654(?P<i>[0-9]{3})0(?P<end>[01])0(?:\.[0-9]+)?"
)
_PLAIN = r"^[0-9]{1,15}(?:\.[0-9]{1,6})?$"  # a positive figure the columns read here
_STATED = r"^[+-]?[0-9]{1,15}(?:\.[0-9]{1,6})?$"
_BOUND = 1e15  # every integer made here stays below this (Int64: 9.2e18; r x 10 < d x 10)
# An interval's sentinel ends (interval i: 0 the value or total, 1 the previous value,
# 2 the computed range, 3 + k a region's child k): integers no figure of a template
# shows, lo B_i = _BASE + 1000 i, hi B_i + 10.
_BASE = 987654000000
_THIRD = Fraction(1, 3)  # a point no places write exactly (an "about" figure)
# The cells each template's text slots read beyond columnwords' (`_COLUMNS`).
_MORE = {
    "ind": "indicator",
    "vunit": "vunit",
    "tlit": "tlit",
    "tfile": "tfile",
    "tline": "tline",
    "tsheet": "tsheet",
    "pcode": "pcode",
    "src": "src",
    "jmargin": "jmargin",
    "mmargin": "mmargin",
}
_ENDS = [f"i{i}{end}{part}" for i in range(3) for end in ("lo", "hi") for part in ("n", "d")]
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


def _decimal(x: pl.Expr, places: int, keep: int) -> pl.Expr:
    """An integer x / 10**places as figures.bound_text writes it: trailing zeros beyond
    `keep` decimals dropped, a minus only below zero."""
    sign = pl.when(x < 0).then(pl.lit("-")).otherwise(pl.lit(""))
    digits = x.abs().cast(pl.String)
    if places == 0:
        return pl.concat_str([sign, digits])
    digits = digits.str.zfill(places + 1)
    whole = digits.str.head(-places)
    frac = digits.str.tail(places).str.strip_chars_end("0")
    if keep:
        frac = frac.str.pad_end(keep, "0")
    dot = pl.when(frac.str.len_chars() > 0).then(pl.concat_str([pl.lit("."), frac]))
    return pl.concat_str([sign, whole, dot.otherwise(pl.lit(""))])


def _long_division(
    table: pl.DataFrame, pairs: list[tuple[str, str, str]], places: int
) -> pl.DataFrame:
    """For each (name, n, d) of `pairs` (d > 0): `{name}q{k}`, floor(n x 10**k / d), and
    `{name}r{k}`, its remainder, for k from 0 to `places`: long division in Int64, a
    column a step (no product beyond d x 10), each step reading the last one's."""
    table = table.with_columns(
        *(
            e
            for name, n, d in pairs
            for e in (
                (pl.col(n) // pl.col(d)).alias(f"{name}q0"),
                (pl.col(n) % pl.col(d)).alias(f"{name}r0"),
            )
        )
    )
    for k in range(1, places + 1):
        steps = []
        for name, _, d in pairs:
            r = pl.col(f"{name}r{k - 1}") * 10
            steps.append((pl.col(f"{name}q{k - 1}") * 10 + r // pl.col(d)).alias(f"{name}q{k}"))
            steps.append((r % pl.col(d)).alias(f"{name}r{k}"))
        table = table.with_columns(steps)
    return table


def _rounded(name: str, d: str, k: int, how: str) -> pl.Expr:
    """n / d x 10**k as an integer (`_long_division`'s columns): the floor, the ceiling
    ("up") or rounded half to even ("even")."""
    q, r = pl.col(f"{name}q{k}"), pl.col(f"{name}r{k}")
    if how == "floor":
        return q
    if how == "up":
        return q + (r != 0).cast(pl.Int64)
    twice = r * 2
    return q + ((twice > pl.col(d)) | ((twice == pl.col(d)) & (q % 2 == 1))).cast(pl.Int64)


def _number_columns(table: pl.DataFrame) -> pl.DataFrame:
    """Each interval end as the JSON writes it (`j{i}{lo|hi}`: 6 places, outwards) and as
    the message does (`m{i}{lo|hi}`, and `m2ab`: the computed point, half to even), at
    two places more than its figure's decimals (0 to 6), those decimals kept; a region
    sum's children's ends in the JSON alone (on the sums' rows only: fifteen children's
    steps on every row held 90 MB at 100k)."""
    pairs = [(f"x{i}{end}", f"i{i}{end}n", f"i{i}{end}d") for i in range(3) for end in ("lo", "hi")]
    done = _long_division(table, pairs, 8)
    # Each run of rows of the same decimals at its own places (a column at every places,
    # chosen row by row, made all seven).
    runs = list(
        done.group_by(
            pl.col("vs").fill_null(0), pl.col("ps").fill_null(0), pl.col("ss").fill_null(0)
        )
    ) or [((0, 0, 0), done)]  # (none: the columns, empty)
    parts = []
    for (vs, ps, ss), rows in runs:
        decimals = {0: int(vs), 1: int(ps), 2: int(ss)}
        out = []
        for i, end, how in (
            (i, e, h) for i in range(3) for e, h in (("lo", "floor"), ("hi", "up"))
        ):
            name, d = f"x{i}{end}", f"i{i}{end}d"
            k = decimals[i]
            out.append(_decimal(_rounded(name, d, 6, how), 6, 0).alias(f"j{i}{end}"))
            out.append(_decimal(_rounded(name, d, k + 2, how), k + 2, k).alias(f"m{i}{end}"))
        k = decimals[2]
        out.append(_decimal(_rounded("x2lo", "i2lod", k + 2, "even"), k + 2, k).alias("m2ab"))
        # Whether the message's places write the computed point exactly (no "about").
        out.append((pl.col(f"x2lor{k + 2}") == 0).alias("written"))
        parts.append(rows.select("_at", *out))
    del done
    numbers = pl.concat(parts)
    kids = [3 + k for k in range(_KIDS) if f"i{3 + k}lon" in table.columns]
    if not kids:
        return numbers
    sums = table.filter(pl.col("kind") == _SUM)
    if sums.height == 0:
        return numbers
    pairs = [(f"x{i}{end}", f"i{i}{end}n", f"i{i}{end}d") for i in kids for end in ("lo", "hi")]
    done = _long_division(sums.select("_at", *(c for _, n, d in pairs for c in (n, d))), pairs, 6)
    ends = [
        _decimal(_rounded(f"x{i}{end}", f"i{i}{end}d", 6, how), 6, 0).alias(f"j{i}{end}")
        for i in kids
        for end, how in (("lo", "floor"), ("hi", "up"))
    ]
    return numbers.join(done.select("_at", *ends), on="_at", how="left", maintain_order="left")


NUMBERS = [f"{k}{i}{end}" for k in "jm" for i in range(3) for end in ("lo", "hi")] + ["m2ab"]
# A region sum's children: each one's line, file, interval ends and closedness.
KID_CELLS = [f"k{c}{k}" for k in range(_KIDS) for c in "lfc"]
KID_NUMBERS = [f"j{3 + k}{end}" for k in range(_KIDS) for end in ("lo", "hi")]


def _piece(name: str) -> pl.Expr:
    if name in _UNESCAPED:
        return pl.col(name)
    return _esc(pl.col(_MORE.get(name, _COLUMNS.get(name, name))))


_UNESCAPED = {*NUMBERS, *KID_NUMBERS, *(f"kc{k}" for k in range(_KIDS))}


def _expr(template: Template) -> pl.Expr:
    return pl.concat_str(
        [pl.lit(p) if i % 2 == 0 else _piece(p) for i, p in enumerate(template)]
    ).alias("text")


def _literal(lit: pl.Expr, prefix: str) -> list[pl.Expr]:
    """A plain positive literal's mantissa (`{prefix}m`) and decimals (`{prefix}s`)."""
    plain = lit.str.contains(_PLAIN).fill_null(False)
    m = pl.when(plain).then(lit.str.replace(".", "", literal=True).cast(pl.Int64, strict=False))
    point = lit.str.find(".", literal=True)
    s = pl.when(plain).then(
        pl.when(point.is_null()).then(0).otherwise(lit.str.len_chars() - point - 1)
    )
    return [m.alias(prefix + "m"), s.cast(pl.Int64).alias(prefix + "s")]


def _ends(prefix: str, whole: pl.Expr) -> list[pl.Expr]:
    """A figure's rounding interval under half to even (core.rounding.steps_interval),
    a whole count's as the one whole number (checks.figures.whole_in): its ends as
    numerator and denominator, and whether they are closed (both alike)."""
    m, s = pl.col(prefix + "m"), pl.col(prefix + "s")
    scale = pl.lit(10, pl.Int64).pow(s)
    return [
        pl.when(whole).then(m).otherwise(m * 2 - 1).alias(prefix + "lon"),
        pl.when(whole).then(m).otherwise(m * 2 + 1).alias(prefix + "hin"),
        pl.when(whole).then(pl.lit(1, pl.Int64)).otherwise(scale * 2).alias(prefix + "d"),
        (whole | (m % 2 == 0)).alias(prefix + "closed"),
    ]


class ColumnJson(ColumnWords):
    """The JSON of store rows' findings, a chunk at a time (`chunk`): completion rates
    and growth rates that are consistent, of plain figures rounded half to even, made
    from columns by templates `finding_json` writes; the others built and written."""

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
        return _numbers(maker, cells)

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


# -- the rows' numbers, as columns -----------------------------------------------------


def _judged(maker: Maker, cells: pl.DataFrame) -> pl.DataFrame:
    """For each indicator, region and year of `cells`: the indicator's unit and whether
    it counts whole numbers, and its target as judged (literal, exact value, where set)."""
    keys = cells.select(
        pl.col("indicator").cast(pl.String), pl.col("region").cast(pl.String), "year"
    ).unique()
    recs: list[tuple[Any, ...]] = []
    for ind_id, region, year in keys.iter_rows():
        if ind_id is None or year is None:
            continue
        ind, origin, _ = maker._judged(ind_id, region or "", int(year))
        whole = bool(ind.is_integer and ind.unit.power == 0)
        t = ind.target
        tn = td = None
        tlit = tfile = tline = tsheet = None
        if t is not None and t.exact > 0 and t.exact.denominator <= 10**6:
            tn, td = t.exact.numerator, t.exact.denominator
            tlit = clean(t.literal)
            tfile = clean(origin[0]) if origin else ""
            tline = str(origin[1]) if origin else "0"
            tsheet = clean(origin[3]) if origin and len(origin) == 4 else ""
        unit = clean(ind.unit.symbol)
        recs.append((ind_id, region, year, unit, whole, ind.is_integer, tn, td, tlit, tfile))
        recs[-1] += (tline, tsheet)
    schema: dict[str, Any] = {
        "indicator": pl.String,
        "region": pl.String,
        "year": cells.schema["year"],
        "vunit": pl.String,
        "whole": pl.Boolean,
        "integer": pl.Boolean,
        "tn": pl.Int64,
        "td": pl.Int64,
        "tlit": pl.String,
        "tfile": pl.String,
        "tline": pl.String,
        "tsheet": pl.String,
    }
    return pl.DataFrame(recs, schema=schema, orient="row")


def _texts(maker: Maker, cells: pl.DataFrame) -> pl.DataFrame:
    """Each row's period as its finding gives it (`pcode`), its source (`src`), and
    whether it quotes, names a place in its source or rounds otherwise (`odd`)."""
    raw = maker.frame.raw
    rid = cells.get_column("rid")

    def cell(name: str) -> pl.Series:
        if name not in raw.columns:
            return pl.repeat(None, rid.len(), dtype=pl.String, eager=True)
        return raw.get_column(name).gather(rid).cast(pl.String)

    src, quote, location, rounding = (cell(n) for n in ("source", "quote", "location", "rounding"))
    periods: dict[str, str | None] = {}
    given = cells.select(
        pl.when(pl.col("period").is_not_null())
        .then(pl.concat_str(pl.lit("p"), pl.col("period")))
        .otherwise(pl.concat_str(pl.lit("d"), pl.col("as_of")))
    ).to_series()
    for text in given.unique().drop_nulls().to_list():
        try:
            periods[text] = clean(
                str(parse_period(text[1:])) if text[0] == "p" else str(parse_date(text[1:]))
            )
        except ValueError:
            periods[text] = None
    names = {no: clean(f.name) for no, f in enumerate(maker.frame.files)}
    files = cells.get_column("file_no").replace_strict(names, default=None, return_dtype=pl.String)
    own_mode = maker.rounding in (None, RoundingMode.HALF_EVEN)
    mode_ok = rounding.is_null() | (rounding == RoundingMode.HALF_EVEN.value)
    if maker.rounding is RoundingMode.HALF_EVEN:
        mode_ok = pl.repeat(True, rid.len(), eager=True)
    odd = (
        (quote.fill_null("") != "")
        | (location.fill_null("") != "")
        | ~mode_ok.fill_null(False)
        | (not own_mode)
    )
    return pl.DataFrame(
        {
            "pcode": given.replace_strict(periods, default=None, return_dtype=pl.String),
            # (a source cell with a control character: built, as printed)
            "src": files if src.null_count() == src.len() else _sources(src, files),
            "odd": odd,
        }
    )


def _sources(src: pl.Series, files: pl.Series) -> pl.Series:
    """Each row's source: its own cell, else its file's name (CellMaker._stated)."""
    given = {t: clean(t) for t in src.unique().drop_nulls().to_list()}
    own = src.replace_strict(given, default=None, return_dtype=pl.String)
    return pl.select(pl.when(src.is_null()).then(files).otherwise(own)).to_series()


def _numbers(maker: Maker, cells: pl.DataFrame) -> pl.DataFrame:
    """`cells` with each consistent completion or growth rate's interval ends (value,
    previous value, computed: `i{i}{lo|hi}{n|d}`) and what shapes its JSON folded into
    `placed` (null: built)."""
    chosen = pl.lit(False)
    for code, verdicts in _MADE.items():
        chosen = chosen | ((pl.col("kind") == code) & pl.col("verdict").is_in(verdicts))
    mine = chosen & pl.col("placed").is_not_null()
    if cells.height == 0 or not cells.select(mine.any()).item():
        return cells.with_columns(
            pl.lit(None, pl.Int64).alias("placed"),
            *(pl.lit(None, pl.String).alias(c) for c in NUMBERS),
            *(pl.lit(None, pl.String).alias(c) for c in _MORE.values() if c != "indicator"),
        )
    margin = limit_margins(maker, cells, signed=True)
    cells = cells.with_columns(
        margin.alias("jmargin"), margin.str.strip_prefix("-").alias("mmargin")
    )
    judged = _judged(maker, cells)
    cells = cells.with_columns(
        pl.col("indicator").cast(pl.String).alias("indicator"),
        pl.col("region").cast(pl.String),
    ).join(judged, on=["indicator", "region", "year"], how="left", maintain_order="left")
    cells = cells.hstack(_texts(maker, cells))
    whole = pl.col("whole").fill_null(False)
    cells = cells.with_columns(
        *_literal(pl.col("value_lit"), "v"),
        *_literal(pl.col("prev"), "p"),
        pl.col("stated").str.contains(_STATED).fill_null(False).alias("s_ok"),
        pl.when(pl.col("stated").str.contains(".", literal=True))
        .then(pl.col("stated").str.len_chars() - pl.col("stated").str.find(".", literal=True) - 1)
        .otherwise(0)
        .cast(pl.Int64)
        .alias("ss"),
    )
    # A whole count is one whole number only as an integer literal in the unit itself
    # (a limit judges the stated figure's own interval).
    is_limit = pl.col("kind") == _THRESHOLD
    vwhole = whole & (pl.col("vs") == 0) & ~is_limit
    pwhole = whole & (pl.col("ps") == 0)
    cells = cells.with_columns(*_ends("v", vwhole), *_ends("p", pwhole))
    kids = _kids(maker, cells)
    if "klon" not in kids.columns:
        kids = kids.with_columns(
            pl.lit(None, pl.Int64).alias("klon"),
            pl.lit(None, pl.Int64).alias("khin"),
            pl.lit(None, pl.Boolean).alias("kall"),
        )
    cells = cells.join(kids, on="_at", how="left", maintain_order="left")
    cells = cells.with_columns(_computed())
    is_completion = pl.col("kind") == _COMPLETION
    # Int64 wraps silently: every end is made again in floats, and a row is made here
    # only if each numerator and denominator, and each quotient times 10**8, stays far
    # below 2**63 (the long division's steps then do too).
    fits = pl.lit(True)
    made = _computed(floats=True)
    for n, d in zip(made[0::2], made[1::2], strict=True):
        big = (n.abs() >= _BOUND) | (d.abs() >= _BOUND) | ((n / d).abs() >= _BOUND / 10**5)
        fits = fits & ~big.fill_null(False)
    # A point: a whole count's completion rate, a growth rate of two whole counts.
    is_sum = pl.col("kind") == _SUM
    point = pl.when(is_completion | is_limit | is_sum).then(vwhole).otherwise(vwhole & pwhole)
    prev_ok = (
        pl.col("pvar").is_in([STATED_PREVIOUS, PRIOR_HERE, PRIOR_ELSEWHERE])
        & pl.col("pm").is_not_null()
        & (pl.col("pm") > 0)
        & (~pl.col("integer").fill_null(True) | pwhole)
    )
    good = (
        mine
        & ~pl.col("odd")
        & pl.col("s_ok")
        & pl.col("vm").is_not_null()
        & (pl.col("vm") > 0)
        & (is_limit | ~pl.col("integer").fill_null(True) | vwhole)
        & (~is_limit | pl.col("jmargin").is_not_null())
        & pl.col("vunit").is_not_null()
        & pl.col("pcode").is_not_null()
        & pl.col("src").is_not_null()
        & (~is_completion | (pl.col("tn").is_not_null() & pl.col("tlit").is_not_null()))
        & (is_completion | is_limit | is_sum | prev_ok)
        & (~is_sum | pl.col("kok").fill_null(False))
        & (pl.col("vs") <= 6)
        & (pl.col("ss") <= 6)
        & fits
        & pl.col("i2lod").is_not_null()
    )
    shape = (
        vwhole.cast(pl.Int64)
        + pwhole.fill_null(False).cast(pl.Int64) * 2
        + pl.col("vclosed").cast(pl.Int64) * 4
        + pl.col("pclosed").fill_null(False).cast(pl.Int64) * 8
        + point.cast(pl.Int64) * 16
        + (point & pl.col("written")).fill_null(False).cast(pl.Int64) * 32
        + pl.col("vs") * 64
        + pl.col("ps").fill_null(0) * 64 * 8
        + pl.col("ss") * 64 * 64
        + pl.col("kall").fill_null(False).cast(pl.Int64) * 64 * 64 * 8
    )
    # (the numbers of the rows made here alone)
    good = good.fill_null(False)
    numbers = _number_columns(cells.filter(good))
    cells = cells.join(numbers, on="_at", how="left", maintain_order="left")
    placed = pl.when(good).then(pl.col("placed").cast(pl.Int64) + 4 * shape)
    return cells.with_columns(placed.alias("placed"))


def _kid_rows(maker: Maker) -> pl.DataFrame:
    """Every parent row's children's rows (parent_rid, i: the child's place in the
    hierarchy's order, kid_rid; `twice` where a child is stated twice), as Maker finds
    them: kept on the maker."""
    table = maker.words.get("json_kids")
    if table is None:
        assert maker.hierarchy is not None
        recs = [
            (parent, i, child)
            for parent, children in maker.hierarchy.children.items()
            for i, child in enumerate(children)
        ]
        edges = pl.DataFrame(
            recs, schema={"parent": pl.String, "i": pl.Int32, "child": pl.String}, orient="row"
        )
        names = maker.rows.select("rid", "ind_per", "region")
        kind = names.schema["region"]
        edges = edges.with_columns(pl.col("parent").cast(kind), pl.col("child").cast(kind))
        parents = names.rename({"rid": "parent_rid", "region": "parent"}).join(edges, on="parent")
        found = parents.join(
            names.rename({"rid": "kid_rid", "region": "child"}),
            on=["ind_per", "child"],
            how="left",
        )
        twice = (pl.len().over("parent_rid", "i") > 1).alias("twice")
        table = found.with_columns(twice).unique(["parent_rid", "i"], keep="first")
        table = table.select("parent_rid", "i", "kid_rid", "twice")
        maker.words["json_kids"] = table
    assert isinstance(table, pl.DataFrame)
    return table


def _kids(maker: Maker, cells: pl.DataFrame) -> pl.DataFrame:
    """For each region sum of `cells` (`_at`): its children's lines (`kl{k}`), files
    (`kf{k}`), interval ends (`i{3+k}...`) and closedness (`kc{k}`: true or false, as
    the JSON writes it), their sum's ends (`klon`, `khin`: over the total's
    denominator), whether all are closed (`kall`), and `kok`: every child a plain
    positive figure of the total's decimals, in its unit, stated once."""
    sums = cells.filter(pl.col("kind") == _SUM).select("_at", "rid", "vs", "whole")
    if sums.height == 0 or maker.hierarchy is None:
        return pl.DataFrame(schema={"_at": cells.schema["_at"], "kok": pl.Boolean})
    found = sums.join(_kid_rows(maker), left_on="rid", right_on="parent_rid").sort("_at", "i")
    raw = maker.frame.raw
    at = found.get_column("kid_rid")
    got = {
        n: (raw.get_column(n).gather(at) if n in raw.columns else pl.repeat(None, at.len()))
        for n in ("value", "unit", "line", "file_no")
    }
    names = {no: clean(display_path(f)) for no, f in enumerate(maker.frame.files)}
    found = found.with_columns(
        got["value"].cast(pl.String).alias("kv"),
        got["unit"].cast(pl.String).alias("ku"),
        got["line"].cast(pl.String).alias("kl"),
        got["file_no"].replace_strict(names, default=None, return_dtype=pl.String).alias("kf"),
    )
    found = found.with_columns(*_literal(pl.col("kv"), "k"))
    whole = pl.col("whole").fill_null(False) & (pl.col("vs") == 0)
    found = found.with_columns(*_ends("k", whole))
    fine = (
        pl.col("kid_rid").is_not_null()
        & ~pl.col("twice").fill_null(False)
        & pl.col("ku").is_null()
        & pl.col("km").is_not_null()
        & (pl.col("km") > 0)
        & (pl.col("ks") == pl.col("vs"))
        & pl.col("kf").is_not_null()
        & (pl.col("i") < _KIDS)
    )
    agg = found.group_by("_at").agg(
        fine.all().alias("kok"),
        pl.col("klon").sum().alias("klon"),
        pl.col("khin").sum().alias("khin"),
        pl.col("kclosed").all().alias("kall"),
        (pl.col("khin").cast(pl.Float64).abs().sum() < _BOUND).alias("kfits"),
    )
    found = found.filter(pl.col("i") < _KIDS).with_columns(
        pl.when(pl.col("kclosed")).then(pl.lit("true")).otherwise(pl.lit("false")).alias("kc"),
    )
    wide = found.pivot(
        on="i",
        index="_at",
        values=["kl", "kf", "kc", "klon", "kd", "khin"],
        aggregate_function="first",
    )
    renames = {}
    for c in wide.columns:
        if c == "_at":
            continue
        name, _, i = c.rpartition("_")
        k = int(i)
        renames[c] = {
            "kl": f"kl{k}",
            "kf": f"kf{k}",
            "kc": f"kc{k}",
            "klon": f"i{3 + k}lon",
            "khin": f"i{3 + k}hin",
            "kd": f"i{3 + k}lod",
        }[name]
    wide = wide.rename(renames)
    hid = [
        pl.col(f"i{3 + k}lod").alias(f"i{3 + k}hid")
        for k in range(_KIDS)
        if f"i{3 + k}lod" in wide.columns
    ]
    wide = wide.with_columns(hid)
    agg = agg.with_columns((pl.col("kok") & pl.col("kfits")).alias("kok")).drop("kfits")
    return agg.join(wide, on="_at", how="left")


def _computed(*, floats: bool = False) -> list[pl.Expr]:
    """The value's, previous value's and computed intervals' ends (`i{i}{lo|hi}{n|d}`, in
    `_ENDS`' order): a completion rate is the value x 100 / target (Interval.scale); a
    growth rate (v / p - 1) x 100 over positive figures (Interval.__truediv__,
    percent_growth). `floats`: the same in floats (their size)."""

    def col(name: str) -> pl.Expr:
        return pl.col(name).cast(pl.Float64) if floats else pl.col(name)

    v_lo, v_hi, v_d = col("vlon"), col("vhin"), col("vd")
    p_lo, p_hi, p_d = col("plon"), col("phin"), col("pd")
    tn, td = col("tn"), col("td")
    completion = pl.col("kind") == _COMPLETION
    limit = pl.col("kind") == _THRESHOLD  # (a limit's computed range: the value's)
    # Growth lo: v_lo / p_hi - 1 = (v_lo x p_d - p_hi x v_d) / (p_hi x v_d), hi alike.
    lon = pl.when(completion).then(v_lo * 100 * td).otherwise((v_lo * p_d - p_hi * v_d) * 100)
    lod = pl.when(completion).then(v_d * tn).otherwise(p_hi * v_d)
    hin = pl.when(completion).then(v_hi * 100 * td).otherwise((v_hi * p_d - p_lo * v_d) * 100)
    hid = pl.when(completion).then(v_d * tn).otherwise(p_lo * v_d)
    lon, hin = (pl.when(limit).then(v).otherwise(e) for v, e in ((v_lo, lon), (v_hi, hin)))
    lod, hid = (pl.when(limit).then(v_d).otherwise(e) for e in (lod, hid))
    # A region sum: its children's ends added (Interval sum_all: of one denominator).
    total = pl.col("kind") == _SUM
    lon, hin = (pl.when(total).then(col(k)).otherwise(e) for k, e in (("klon", lon), ("khin", hin)))
    lod, hid = (pl.when(total).then(v_d).otherwise(e) for e in (lod, hid))
    return [
        v_lo.alias("i0lon"),
        v_d.alias("i0lod"),
        v_hi.alias("i0hin"),
        v_d.alias("i0hid"),
        p_lo.alias("i1lon"),
        p_d.alias("i1lod"),
        p_hi.alias("i1hin"),
        p_d.alias("i1hid"),
        lon.alias("i2lon"),
        lod.alias("i2lod"),
        hin.alias("i2hin"),
        hid.alias("i2hid"),
    ]


# -- the template ----------------------------------------------------------------------


def _json_stub(f: Finding, c: dict[str, Any]) -> Finding | None:
    """`f` with its row's cells as placeholders and its intervals as sentinels (None: a
    finding whose JSON is not made here)."""
    code = KIND_CODES.get(f.kind)
    if code not in _MADE or VERDICT_CODES[f.verdict] not in _MADE[code] or f.computed is None:
        return None
    roles = tuple(u.role for u in f.figures)
    if f.kind is CheckKind.REGION_SUM:
        kids = len(roles) - 1
        if roles != (Role.TOTAL, *(Role.CHILD,) * kids) or not 0 < kids <= _KIDS:
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
