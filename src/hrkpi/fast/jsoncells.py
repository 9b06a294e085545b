"""The cells of the JSON of the frequent settled findings, as columns.

For a chunk of store rows worded by hrkpi.output.columnjson (after hrkpi.fast.wordcells'
cells), `json_cells` adds what the JSON of a consistent completion rate, growth rate or
region sum, or of a limit met or failed, reads beyond its line of text: the indicator's
unit and its target's literal and place as judged (`Maker`'s own judgement, once for
each indicator, region and year), the row's period code and source, a limit's signed
margin (hrkpi.fast.limitwords), a region sum's children's lines, files and closedness,
and every interval end (hrkpi.fast.jsonnumbers); and folds into `placed` what shapes
the JSON beyond the text's key (the figures' decimals, parities, whole counts), so
that the rows of one key differ only in their slots. A row left null is built.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from hrkpi.checks.findings import CheckKind, Verdict
from hrkpi.core.dates import parse_date
from hrkpi.core.errors import display_path
from hrkpi.core.periods import parse_period
from hrkpi.core.rounding import RoundingMode
from hrkpi.fast.findstore import Maker
from hrkpi.fast.jsonnumbers import (
    BOUND,
    COMPLETION,
    KIDS,
    NUMBERS,
    SUM,
    THRESHOLD,
    computed_ends,
    literal_parts,
    number_columns,
    rounding_ends,
)
from hrkpi.fast.limitwords import limit_margins
from hrkpi.fast.relations import KIND_CODES, VERDICT_CODES
from hrkpi.fast.wordcells import PRIOR_ELSEWHERE, PRIOR_HERE, STATED_PREVIOUS, clean

PCT = KIND_CODES[CheckKind.CHANGE_PCT]
CONSISTENT = VERDICT_CODES[Verdict.CONSISTENT]
# The findings made from columns: consistent completion and growth rates and region
# sums, limits met or failed (a warning's words name its warning level: built).
MADE = {
    COMPLETION: (CONSISTENT,),
    PCT: (CONSISTENT,),
    THRESHOLD: (VERDICT_CODES[Verdict.PASS], VERDICT_CODES[Verdict.FAIL]),
    SUM: (CONSISTENT,),
}
_STATED = r"^[+-]?[0-9]{1,15}(?:\.[0-9]{1,6})?$"
# The cells given beyond wordcells': the indicator's unit, the target's literal and place,
# the row's period code and source, a limit's margin (signed, and its size).
CELLS = ("vunit", "tlit", "tfile", "tline", "tsheet", "pcode", "src", "jmargin", "mmargin")
# A region sum's children: each one's line, file and closedness.
KID_CELLS = [f"k{c}{k}" for k in range(KIDS) for c in "lfc"]


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
        ind, origin, _ = maker.judged(ind_id, region or "", int(year))
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
    # (an empty cell is no source: `or`)
    return pl.select(pl.when(src.is_null() | (src == "")).then(files).otherwise(own)).to_series()


def json_cells(maker: Maker, cells: pl.DataFrame) -> pl.DataFrame:
    """`cells` (wordcells' with columnwords' `placed`) with the JSON's cells (`CELLS`,
    `KID_CELLS`), each interval end's division (hrkpi.fast.jsonnumbers) and what shapes
    a row's JSON folded into `placed`: null for a row to be built."""
    chosen = pl.lit(False)
    for code, verdicts in MADE.items():
        chosen = chosen | ((pl.col("kind") == code) & pl.col("verdict").is_in(verdicts))
    mine = chosen & pl.col("placed").is_not_null()
    if cells.height == 0 or not cells.select(mine.any()).item():
        return cells.with_columns(
            pl.lit(None, pl.Int64).alias("placed"),
            *(pl.lit(None, pl.String).alias(c) for c in NUMBERS),
            *(pl.lit(None, pl.String).alias(c) for c in CELLS),
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
        *literal_parts(pl.col("value_lit"), "v"),
        *literal_parts(pl.col("prev"), "p"),
        pl.col("stated").str.contains(_STATED).fill_null(False).alias("s_ok"),
        pl.when(pl.col("stated").str.contains(".", literal=True))
        .then(pl.col("stated").str.len_chars() - pl.col("stated").str.find(".", literal=True) - 1)
        .otherwise(0)
        .cast(pl.Int64)
        .alias("ss"),
    )
    # A whole count is one whole number only as an integer literal in the unit itself
    # (a limit judges the stated figure's own interval).
    is_limit = pl.col("kind") == THRESHOLD
    vwhole = whole & (pl.col("vs") == 0) & ~is_limit
    pwhole = whole & (pl.col("ps") == 0)
    cells = cells.with_columns(*rounding_ends("v", vwhole), *rounding_ends("p", pwhole))
    kids = _kids(maker, cells)
    if "klon" not in kids.columns:
        kids = kids.with_columns(
            pl.lit(None, pl.Int64).alias("klon"),
            pl.lit(None, pl.Int64).alias("khin"),
            pl.lit(None, pl.Boolean).alias("kall"),
        )
    cells = cells.join(kids, on="_at", how="left", maintain_order="left")
    cells = cells.with_columns(computed_ends())
    is_completion = pl.col("kind") == COMPLETION
    # Int64 wraps silently: every end is made again in floats, and a row is made here
    # only if each numerator and denominator, and each quotient times 10**8, stays far
    # below 2**63 (the long division's steps then do too).
    fits = pl.lit(True)
    made = computed_ends(floats=True)
    for n, d in zip(made[0::2], made[1::2], strict=True):
        big = (n.abs() >= BOUND) | (d.abs() >= BOUND) | ((n / d).abs() >= BOUND / 10**5)
        fits = fits & ~big.fill_null(False)
    # A point: a whole count's completion rate, a growth rate of two whole counts.
    is_sum = pl.col("kind") == SUM
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
    numbers = number_columns(cells.filter(good))
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
    sums = cells.filter(pl.col("kind") == SUM).select("_at", "rid", "vs", "whole")
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
    found = found.with_columns(*literal_parts(pl.col("kv"), "k"))
    whole = pl.col("whole").fill_null(False) & (pl.col("vs") == 0)
    found = found.with_columns(*rounding_ends("k", whole))
    fine = (
        pl.col("kid_rid").is_not_null()
        & ~pl.col("twice").fill_null(False)
        & pl.col("ku").is_null()
        & pl.col("km").is_not_null()
        & (pl.col("km") > 0)
        & (pl.col("ks") == pl.col("vs"))
        & pl.col("kf").is_not_null()
        & (pl.col("i") < KIDS)
    )
    agg = found.group_by("_at").agg(
        fine.all().alias("kok"),
        pl.col("klon").sum().alias("klon"),
        pl.col("khin").sum().alias("khin"),
        pl.col("kclosed").all().alias("kall"),
        (pl.col("khin").cast(pl.Float64).abs().sum() < BOUND).alias("kfits"),
    )
    found = found.filter(pl.col("i") < KIDS).with_columns(
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
        for k in range(KIDS)
        if f"i{3 + k}lod" in wide.columns
    ]
    wide = wide.with_columns(hid)
    agg = agg.with_columns((pl.col("kok") & pl.col("kfits")).alias("kok")).drop("kfits")
    return agg.join(wide, on="_at", how="left")
