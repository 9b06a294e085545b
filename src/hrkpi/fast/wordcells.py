"""The cells the words of the frequent settled findings need, as columns.

A default `hrkpi check` lists every finding: at a million rows, over a million
consistent rates, changes, limits met and regions' sums. Building each as a
`Finding` by the rules' cores (hrkpi.fast.findstore) only to print one line of
it cost about a hundred microseconds a finding. For a chunk of store rows,
`word_cells` gives instead, for each finding of a frequent kind and verdict, the
cells its line reads (its file and line, the indicator, the literals as the
rules' cores read them, the figure a change is measured from, each child's
figure of a region's sum) and a key of what else its words depend on (the rule,
the verdict, the base, the signs, where the base figure stands);
hrkpi.output.columnwords words them with polars' string expressions from
templates made by `describe` itself on one finding of each key built by the
exact rules. A row whose cells do not fit (a unit of its own, a literal the
cores do not take, anything rarer) is marked `ok` false and built in full.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from contextlib import suppress
from typing import Any

import polars as pl

from hrkpi.checks.findings import CheckKind, Verdict
from hrkpi.core.errors import display_path
from hrkpi.core.text import CONTROL
from hrkpi.core.units import declared_units
from hrkpi.fast.cellfindings import _given, _Unbuilt
from hrkpi.fast.findstore import Maker
from hrkpi.fast.limitwords import PLAIN, THRESHOLD, limit_margins
from hrkpi.fast.relations import KIND_CODES, VERDICT_CODES
from hrkpi.fast.targets import target_table

# The findings worded from columns: by far the most of a default listing, and the
# limits missed, nearly every problem of one (their margins: hrkpi.fast.limitwords).
_LIMIT_VERDICTS = (Verdict.PASS, Verdict.FAIL, Verdict.WARN)
WORDED = {
    KIND_CODES[CheckKind.COMPLETION]: (VERDICT_CODES[Verdict.CONSISTENT],),
    KIND_CODES[CheckKind.CHANGE_PCT]: (VERDICT_CODES[Verdict.CONSISTENT],),
    KIND_CODES[CheckKind.CHANGE_ABS]: (VERDICT_CODES[Verdict.CONSISTENT],),
    KIND_CODES[CheckKind.CHANGE_PP]: (VERDICT_CODES[Verdict.CONSISTENT],),
    KIND_CODES[CheckKind.THRESHOLD]: tuple(VERDICT_CODES[v] for v in _LIMIT_VERDICTS),
    KIND_CODES[CheckKind.REGION_SUM]: (VERDICT_CODES[Verdict.CONSISTENT],),
}
COMPLETION = KIND_CODES[CheckKind.COMPLETION]
PCT = KIND_CODES[CheckKind.CHANGE_PCT]
ABS = KIND_CODES[CheckKind.CHANGE_ABS]
PP = KIND_CODES[CheckKind.CHANGE_PP]
REGION_SUM = KIND_CODES[CheckKind.REGION_SUM]
PASS = VERDICT_CODES[Verdict.PASS]
CHANGES = (PCT, ABS, PP)

# Where a change's base figure stands (column `pvar`).
STATED_PREVIOUS = 1  # the row's own `previous` cell
PRIOR_HERE = 2  # last year's row, in the same file
PRIOR_ELSEWHERE = 3  # last year's row, in another file
FROM_ABS = 4  # implied by the stated absolute change (value - change)

_OWN = (
    "file_no",
    "line",
    "indicator",
    "region",
    "period",
    "as_of",
    "value",
    "unit",
    "completion",
    "base",
    "change_pct",
    "change_abs",
    "change_pp",
    "previous",
)
KEY = ("kind", "verdict", "j", "ikey", "base", "sneg", "aneg", "pvar", "nkids")


_CONTROL = re.compile(CONTROL)


def clean(text: str | None) -> str | None:
    """`text`, or None where it holds a control character or a line break: the cells
    given are those of lines worded without a further look (hrkpi.output.columnwords;
    validated input holds none), so such a row is built in full and shown as printed."""
    return None if text is None or _CONTROL.search(text) else text


def literals(texts: pl.Series, unit: str = "") -> pl.Series:
    """Each cell's literal as the rules' cores read it (hrkpi.fast.cellfindings), null
    where they do not take it (a unit word other than `unit`): plain digits are their
    own literal, any other text is read by the cores' own reader once."""
    plain = texts.str.contains(PLAIN).fill_null(False)
    if plain.all():
        return texts
    odd = ~plain & texts.is_not_null()
    out = texts.set(~plain, None)
    if not odd.any():
        return out
    # (the few cells read, by place: a mapping of every cell hashed them all)
    read: dict[str, str | None] = {}
    at = odd.arg_true()
    given = texts.gather(at).to_list()
    for text in set(given):
        read[text] = None
        with suppress(_Unbuilt, ValueError):
            read[text] = clean(_given(text, unit).literal)
    return out.scatter(at, pl.Series([read[t] for t in given], dtype=pl.String))


def _gathered(raw: pl.DataFrame, names: Iterable[str], at: pl.Series, prefix: str) -> pl.DataFrame:
    """Cells `names` of the raw rows `at` (null where `at` is, or no file has the column)."""
    return raw.select(
        (
            pl.col(n).gather(at) if n in raw.columns else pl.repeat(None, at.len(), dtype=pl.String)
        ).alias(prefix + n)
        for n in names
    )


def _files(maker: Maker, numbers: pl.Series) -> pl.Series:
    names = {no: clean(display_path(maker.frame.files[no])) for no in numbers.unique().drop_nulls()}
    return numbers.replace_strict(names, default=None, return_dtype=pl.String)


def _years(maker: Maker) -> pl.Series:
    """Each raw row's year (its targets'), by rid: kept on the maker."""
    cached = maker.words.get("years")
    if cached is None:
        n = maker.frame.raw.height
        rows = maker.rows
        cached = (
            pl.Series("year", [None], dtype=pl.Int32)
            .extend_constant(None, max(n - 1, 0))
            .scatter(rows.get_column("rid"), rows.get_column("year").cast(pl.Int32))
        )
        maker.words["years"] = cached
    assert isinstance(cached, pl.Series)
    return cached


def _targets(maker: Maker, cells: pl.DataFrame) -> pl.Series:
    """The printed target of each completion row: its region's own target, else its
    definition's, chosen by the columns' own rule (hrkpi.fast.targets) for every
    indicator, region and year of the maker's rows at once."""
    table = maker.words.get("targets")
    if table is None:
        keys = maker.rows.select("indicator", "region", pl.col("year").cast(pl.Int32)).unique()
        found = target_table(keys, maker.catalog, maker.targets, maker.hierarchy)
        lit = pl.col("t_lit")
        target = pl.when(lit.str.contains(CONTROL)).then(None).otherwise(lit).alias("target")
        table = found.select("indicator", "region", "year", target)
        maker.words["targets"] = table
    assert isinstance(table, pl.DataFrame)
    mine = cells.select("indicator", "region", pl.col("year").cast(pl.Int32))
    return mine.join(
        table,
        on=["indicator", "region", "year"],
        how="left",
        nulls_equal=True,
        maintain_order="left",
    )["target"]


def _signed(lit: pl.Expr, name: str) -> list[pl.Expr]:
    """A signed literal as its sign (`{name}neg`) and the rest (`{name}mag`): a change
    worded 下降 or 增长, its magnitude after. Null where a leading plus would be dropped."""
    neg = lit.str.starts_with("-")
    mag = pl.when(neg).then(lit.str.slice(1)).when(lit.str.starts_with("+")).then(None)
    return [neg.alias(name + "neg"), mag.otherwise(lit).alias(name + "mag")]


def word_cells(maker: Maker, rows: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """For the store rows `rows` (with their place `_at`): the findings that can be
    worded from columns, with the cells their words read and their key (`KEY`), and
    `ok` false for those that cannot; and the region sums' children (`_at`, `i`: the
    child's place in the hierarchy's order, `kid`: its literal)."""
    kinds = pl.col("kind")
    verdict = pl.col("verdict")
    wanted = pl.lit(False)
    for code, v in WORDED.items():
        wanted = wanted | ((kinds == code) & verdict.is_in(v))
    mine = rows.filter(pl.col("eager").is_null() & wanted).select(
        "_at", "kind", "verdict", "j", "rid", "prior_rid"
    )
    raw = maker.frame.raw
    rid, prior = mine.get_column("rid"), mine.get_column("prior_rid")
    own = _gathered(raw, _OWN, rid, "")
    before = _gathered(raw, ("file_no", "line", "value", "unit"), prior, "p_")
    # (hstack: the three are of one height; polars 1.42 warns of concat's horizontal default)
    cells = mine.hstack(own).hstack(before).with_columns(_years(maker).gather(rid).alias("year"))
    with declared_units(maker.catalog.units):
        lits = [
            literals(cells["value"]).alias("value_lit"),
            literals(cells["completion"], "%").alias("rate_lit"),
            literals(cells["change_pct"], "%").alias("pct_lit"),
            literals(cells["change_abs"]).alias("abs_lit"),
            literals(cells["change_pp"]).alias("pp_lit"),
            literals(cells["previous"]).alias("prev_lit"),
            literals(cells["p_value"]).alias("p_value_lit"),
        ]
    cells = cells.with_columns(*lits, _files(maker, cells["file_no"]).alias("file"))
    is_completion = kinds == COMPLETION
    target = pl.lit(None, pl.String)
    if (cells["kind"] == COMPLETION).any():
        target = _targets(maker, cells).alias("target")  # type: ignore[assignment]
        cells = cells.with_columns(target)
    else:
        cells = cells.with_columns(target.alias("target"))
    pvar = (
        pl.when(pl.col("previous").is_not_null())
        .then(pl.lit(STATED_PREVIOUS, pl.Int8))
        .when(pl.col("prior_rid").is_not_null())
        .then(
            pl.when(pl.col("p_file_no") == pl.col("file_no"))
            .then(pl.lit(PRIOR_HERE, pl.Int8))
            .otherwise(pl.lit(PRIOR_ELSEWHERE, pl.Int8))
        )
        .when(pl.col("change_abs").is_not_null() & (kinds == PCT))
        .then(pl.lit(FROM_ABS, pl.Int8))
    )
    prev = (
        pl.when(pl.col("pvar") == STATED_PREVIOUS)
        .then(pl.col("prev_lit"))
        .when(pl.col("pvar").is_in([PRIOR_HERE, PRIOR_ELSEWHERE]))
        .then(pl.col("p_value_lit"))
    )
    stated = (
        pl.when(is_completion)
        .then(pl.col("rate_lit"))
        .when(kinds == PCT)
        .then(pl.col("pct_lit"))
        .when(kinds == ABS)
        .then(pl.col("abs_lit"))
        .when(kinds == PP)
        .then(pl.col("pp_lit"))
        .otherwise(pl.col("value_lit"))
    )
    cells = cells.with_columns(pvar.alias("pvar"), stated.alias("stated")).with_columns(
        prev.alias("prev"),
        *_signed(pl.col("stated"), "s"),
        *_signed(pl.col("abs_lit"), "a"),
        pl.col("line").cast(pl.String),
        pl.col("p_line").cast(pl.String).alias("pline"),
        _files(maker, cells["p_file_no"]).alias("pfile"),
    )
    kids = _kids(maker, cells.filter(kinds == REGION_SUM))
    nkids = kids.group_by("_at").agg(
        pl.len().cast(pl.Int32).alias("nkids"), pl.col("kid").null_count().alias("kid_nulls")
    )
    cells = cells.join(nkids, on="_at", how="left", maintain_order="left").with_columns(
        _periods(maker, cells).alias("period_text"),
        limit_margins(maker, cells).alias("margin"),
    )
    change = kinds.is_in(CHANGES)
    prior_used = pl.col("pvar").is_in([PRIOR_HERE, PRIOR_ELSEWHERE])
    base_known = (
        pl.when(pl.col("pvar") == FROM_ABS)
        .then(pl.col("amag").is_not_null())
        .otherwise(pl.col("prev").is_not_null())
    )
    prior_fits = (pl.col("prior_rid") != pl.col("rid")) & pl.col("p_unit").is_null()
    ok = (
        pl.col("unit").is_null()
        & pl.col("value_lit").is_not_null()
        & pl.col("stated").is_not_null()
        & pl.col("file").is_not_null()
        & (~is_completion | pl.col("target").is_not_null())
        & ((kinds != THRESHOLD) | (verdict == PASS) | pl.col("margin").is_not_null())
        & (~change | (pl.col("smag").is_not_null() & pl.col("pvar").is_not_null() & base_known))
        & (~change | ~prior_used | prior_fits)
        & ((pl.col("pvar") != PRIOR_ELSEWHERE).fill_null(True) | pl.col("pfile").is_not_null())
        & (
            (kinds != REGION_SUM)
            | (
                (pl.col("nkids") > 0)
                & (pl.col("kid_nulls") == 0)
                & pl.col("period_text").is_not_null()
            )
        )
    )
    ikey = (
        pl.when(kinds.is_in([THRESHOLD, ABS]))
        .then(pl.col("indicator"))
        .when(kinds == REGION_SUM)
        .then(pl.col("region"))
        .otherwise(pl.lit(""))
    )
    cells = cells.with_columns(
        ok.fill_null(False).alias("ok"),
        ikey.fill_null("").alias("ikey"),
        pl.when(change).then(pl.col("base").fill_null("")).otherwise(pl.lit("")).alias("base"),
        pl.when(change).then(pl.col("sneg")).otherwise(False).fill_null(False).alias("sneg"),
        (pl.col("aneg") & (pl.col("pvar") == FROM_ABS)).fill_null(False).alias("aneg"),
        pl.when(change).then(pl.col("pvar")).otherwise(pl.lit(0, pl.Int8)).fill_null(0),
        pl.col("nkids").fill_null(0),
    )
    return cells, kids


def _periods(maker: Maker, cells: pl.DataFrame) -> pl.Series:
    """A region sum's period as its finding prints it (the cores' own reading); null on
    the other rows (only the sums' are read)."""
    none = pl.repeat(None, cells.height, dtype=pl.String, eager=True)
    at = (cells.get_column("kind") == REGION_SUM).arg_true()
    if at.len() == 0:
        return none
    texts = cells.select(
        pl.when(pl.col("period").is_not_null())
        .then(pl.concat_str(pl.lit("p"), pl.col("period")))
        .otherwise(pl.concat_str(pl.lit("d"), pl.col("as_of")))
        .gather(at)
    ).to_series()
    read: dict[str, str | None] = {}
    for text in texts.unique().drop_nulls().to_list():
        read[text] = None
        with suppress(_Unbuilt, ValueError):
            cm = maker.cells
            read[text] = clean(cm._period(text[1:]) if text[0] == "p" else cm._date(text[1:]))
    return none.scatter(at, texts.replace_strict(read, default=None, return_dtype=pl.String))


def _kids(maker: Maker, sums: pl.DataFrame) -> pl.DataFrame:
    """Each region sum's children's figures, in the hierarchy's order: `_at`, `i`, `kid`
    (the child's literal; null where the child states none, twice, or in a unit of its
    own)."""
    empty = pl.DataFrame(schema={"_at": pl.UInt32, "i": pl.Int32, "kid": pl.String})
    if sums.height == 0 or maker.hierarchy is None:
        return empty
    table = maker.words.get("kids")
    if table is None:
        table = _all_kids(maker)
        maker.words["kids"] = table
    assert isinstance(table, pl.DataFrame)
    return (
        sums.select("_at", pl.col("rid").alias("parent_rid"))
        .join(table, on="parent_rid")
        .select("_at", "i", "kid")
        .sort("_at", "i")
    )


def _all_kids(maker: Maker) -> pl.DataFrame:
    """Every parent row's children's figures (parent_rid, i, kid) of the maker's rows:
    the children of its region (in the hierarchy's order) of the same indicator and
    period, as Maker finds them."""
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
        names.rename({"rid": "kid_rid", "region": "child"}), on=["ind_per", "child"], how="left"
    )
    # A child stated twice is built in full (as Maker's own lookup would choose).
    twice = (pl.len().over("parent_rid", "i") > 1).alias("twice")
    found = found.with_columns(twice).unique(["parent_rid", "i"], keep="first")
    at = found.get_column("kid_rid")
    kid = _gathered(maker.frame.raw, ("value", "unit"), at, "k_")
    with declared_units(maker.catalog.units):
        lit = literals(kid["k_value"])
    fits = kid["k_unit"].is_null() & ~found["twice"]
    # Written anew (concat_str), not gathered: a gathered text refers to the group's
    # cells, which this table, kept for the group, would otherwise keep in memory.
    lit = pl.select(pl.when(fits).then(pl.concat_str(lit, pl.lit("")))).to_series()
    return found.select("parent_rid", "i").with_columns(lit.alias("kid"))


def as_row(rows: pl.DataFrame, at: int) -> pl.DataFrame:
    """One store row (`_at` = at), as Maker.make takes it."""
    return rows.filter(pl.col("_at") == at)


def columns_of(cells: pl.DataFrame, at: int) -> dict[str, Any]:
    """The cells of one row (its `_at`), by name."""
    return cells.filter(pl.col("_at") == at).row(0, named=True)
