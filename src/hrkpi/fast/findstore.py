"""The fast path's findings as columns, made into `Finding`s when read.

A check of a million figures has a million findings. The columns decide each
one's verdict; the store keeps it as four integers (row, rule, limit number,
verdict) in report order, so counting and choosing by verdict is a column
operation. A `Finding` is built only when it is read, a chunk at a time, by
the exact rule itself (hrkpi.checks): from the rows' cells by the rules' cores
(hrkpi.fast.cellfindings), or on the row rebuilt as an Observation where the
cores do not take its cells. So it is the exact engine's very object, figures,
ranges, hints and all, with its source, quote and location.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import replace
from typing import Any

import polars as pl

from hrkpi.checks.claims import check_thresholds
from hrkpi.checks.completion import Origin
from hrkpi.checks.findings import CheckKind, Finding, LazyFindings, Verdict
from hrkpi.checks.regions import region_total
from hrkpi.checks.report import Targets, own_changes
from hrkpi.checks.targets import Split
from hrkpi.core.catalog import Catalog
from hrkpi.core.errors import display_path
from hrkpi.core.models import CompareMethod, Indicator
from hrkpi.core.numbers import RoundingMode
from hrkpi.core.observations import Dataset, Observation
from hrkpi.core.regions import RegionHierarchy
from hrkpi.core.targets import TargetBook, TargetSource
from hrkpi.core.units import declared_units
from hrkpi.engine.previous import with_data_previous
from hrkpi.fast.cellfindings import CellMaker, group
from hrkpi.fast.frame import Frame
from hrkpi.fast.relations import KIND_CODES, KINDS, VERDICT_CODES, VERDICTS

Judged = tuple[Indicator, Origin | None, TargetSource | None]


def _judge(aims: Targets) -> Callable[[str, str, int], Judged]:
    """Each indicator as judged in a region and year (`aims`), once for each."""
    known: dict[tuple[str, str, int], Judged] = {}

    def judged(indicator: str, region: str, year: int) -> Judged:
        at = (indicator, region, year)
        if at not in known:
            known[at] = aims.at(indicator, region, year)
        return known[at]

    return judged


class Maker:
    """Builds the findings of store rows with the exact rules."""

    def __init__(
        self,
        frame: Frame,
        rows: pl.DataFrame,
        catalog: Catalog,
        hierarchy: RegionHierarchy | None,
        *,
        rounding: RoundingMode | None,
        method: CompareMethod | None,
        targets: TargetBook | None,
        decided: Sequence[Finding | Split],
    ) -> None:
        self.frame = frame
        self.rows = rows.select(
            "rid", "indicator", "region", "pkey", "ind_per", pl.col("date").dt.year().alias("year")
        )
        self.catalog = catalog
        self.hierarchy = hierarchy
        self.rounding = rounding
        self.method = method
        self.targets = targets
        self.decided = decided  # findings the exact engine decided (rows near a boundary)
        self.words: dict[str, object] = {}  # what hrkpi.fast.wordcells keeps of the rows
        # (a function of its own, not a method: a maker and its CellMaker holding each
        # other would be freed only by the cycle collector, which a run that words its
        # findings from columns makes few objects to call; an evicted group's cells
        # then stayed in memory)
        self._judged = _judge(Targets(catalog, method, targets, hierarchy))
        self.cells = CellMaker(
            frame, self.rows, catalog, hierarchy, rounding=rounding, judged=self._judged
        )

    def judged(self, indicator: str, region: str, year: int) -> Judged:
        """The definition an indicator is judged by in a region and year, with where its
        target is set and whose it is (the region's own targets, the run's comparison
        method): once for each."""
        return self._judged(indicator, region, year)

    def indicator(self, obs: Observation) -> Judged:
        """The definition as check_dataset judges `obs` by it (the region's own targets,
        the run's comparison method), once per indicator, region and year."""
        return self._judged(obs.indicator, obs.region, obs.as_of.year)

    def _observations(self, rids: Collection[int]) -> dict[int, Observation]:
        out = {}
        # The rows are rebuilt when the findings are read, after the read's own
        # declared_units has closed: a unit the indicators folder declares (万吨) must
        # be known again.
        with declared_units(self.catalog.units):
            for rid in rids:
                obs = self.frame.observation(rid, self.catalog)
                out[rid] = obs if self.rounding is None else replace(obs, rounding=self.rounding)
        return out

    def _kids(self, parents: list[int]) -> dict[int, dict[str, int]]:
        """Each parent row's children's rows, by region."""
        if not parents or self.hierarchy is None:
            return {}
        edges = pl.DataFrame(
            list(self.hierarchy.edges()),
            schema={"parent": pl.String, "child": pl.String},
            orient="row",
        )
        mine = self.rows.filter(pl.col("rid").is_in(parents)).select(
            pl.col("rid").alias("parent_rid"), "ind_per", pl.col("region").alias("parent")
        )
        found = mine.join(edges, on="parent").join(
            self.rows.select(
                pl.col("rid").alias("kid_rid"), "ind_per", pl.col("region").alias("child")
            ),
            on=["ind_per", "child"],
        )
        out: dict[int, dict[str, int]] = {}
        for rec in found.iter_rows(named=True):
            out.setdefault(rec["parent_rid"], {})[rec["child"]] = rec["kid_rid"]
        return out

    def make(self, chunk: pl.DataFrame) -> list[Finding]:
        """The findings of `chunk` (store rows), in its order."""
        lazy = chunk.filter(pl.col("eager").is_null())
        # Built from the rows' cells by the rules' cores; what they do not take is rebuilt.
        made = self.cells.build(lazy, self._kids)
        rest = [
            (rid, code, prior)
            for rid, code, prior in lazy.select("rid", "kind", "prior_rid").iter_rows()
            if (rid, group(code)) not in made
        ]
        own = [rid for rid, _, _ in rest]
        prior_of = {rid: prior for rid, _, prior in rest if prior is not None}
        region_sum = KIND_CODES[CheckKind.REGION_SUM]
        kids = self._kids([rid for rid, code, _ in rest if code == region_sum])
        needed = set(own) | set(prior_of.values())
        for mapping in kids.values():
            needed.update(mapping.values())
        obs = self._observations(needed)
        out = []
        for rec in chunk.iter_rows(named=True):
            if rec["eager"] is not None:
                item = self.decided[rec["eager"]]
                out.append(item.finding() if isinstance(item, Split) else item)
                continue
            rid, kind = rec["rid"], KINDS[rec["kind"]]
            at = (rid, group(rec["kind"]))
            if at not in made:
                made[at] = self._findings(rid, kind, obs, prior_of, kids)
            found = [f for f in made[at] if f.kind is kind]
            finding = found[rec["j"]]
            if finding.verdict is not VERDICTS[rec["verdict"]]:
                # The columns counted and chose this finding by their verdict: a finding
                # that says otherwise would make the counts lie. Never expected.
                raise AssertionError(
                    f"the columns settled {kind} on row {rid} as {VERDICTS[rec['verdict']]}, "
                    f"the exact rule as {finding.verdict}"
                )
            out.append(finding)
        return out

    def _findings(
        self,
        rid: int,
        kind: CheckKind,
        obs: dict[int, Observation],
        prior_of: dict[int, int],
        kids: dict[int, dict[str, int]],
    ) -> list[Finding]:
        mine = obs[rid]
        ind, origin, source = self.indicator(mine)
        if kind is CheckKind.THRESHOLD:
            return list(check_thresholds(ind, mine))
        if kind is CheckKind.REGION_SUM:
            names = self.hierarchy.children[mine.region] if self.hierarchy else []
            by_region = kids.get(rid, {})
            kid_obs = [obs[by_region[k]] if k in by_region else None for k in names]
            key = mine.period or mine.as_of
            return [region_total(self.catalog, mine, kid_obs, names, key)]
        # The completion rate and the changes, each change linked to the figure it
        # compares with, as check_dataset has them.
        prior = obs.get(prior_of[rid]) if rid in prior_of else None
        if prior is not None:
            mine = list(with_data_previous(self.catalog, Dataset([prior, mine])))[-1]
        return list(own_changes(ind, mine, origin, source, None))


class ColumnFindings(LazyFindings):
    """Findings kept as store rows (rid, kind, j, verdict, ...), read in report order.

    Store rows made `ordered=False` are sorted when first read: a check that lists its
    problems only sorts those, not every finding (counting needs no order). Each
    finding's (file, line, kind, j) is its own, so a part sorted is the sorted part."""

    def __init__(self, table: pl.DataFrame, maker: Maker, *, ordered: bool = True) -> None:
        self._rows = table
        self._ordered = ordered
        self.maker = maker
        self.wording: object = None  # what is to word them (hrkpi.fast.run.check)

    @property
    def table(self) -> pl.DataFrame:
        """The store rows in report order."""
        if not self._ordered:
            self._rows = self._rows.sort(*_ORDER)
            self._ordered = True
        return self._rows

    def __len__(self) -> int:
        return self._rows.height

    def counts(self) -> Mapping[Verdict, int]:
        """Findings of each verdict, counted on the column."""
        counted = self._rows.group_by("verdict").len()
        return {VERDICTS[v]: n for v, n in counted.iter_rows()}

    def only(self, verdicts: Collection[Verdict]) -> ColumnFindings:
        """The findings with one of `verdicts`."""
        codes = [VERDICT_CODES[v] for v in verdicts]
        chosen = self._rows.filter(pl.col("verdict").is_in(codes))
        return ColumnFindings(chosen, self.maker, ordered=self._ordered)

    def _chunk(self, start: int, stop: int) -> list[Finding]:
        return self.maker.make(self.table.slice(start, stop - start))

    def store_pieces(
        self, with_text: bool = False
    ) -> Iterator[Iterator[tuple[Maker | None, pl.DataFrame]]]:
        """The store rows in report order a chunk at a time, each chunk as its rows by
        the maker that builds them, each row with its place in the chunk (`_at`): what
        hrkpi.output.columnwords words without building the findings (never worded
        before: `with_text` asks for nothing here)."""
        table = self.table
        for start in range(0, table.height, self.CHUNK):
            yield iter([(self.maker, table.slice(start, self.CHUNK).with_row_index("_at"))])


def store(
    lazy: pl.DataFrame,
    decided: Sequence[Finding | Split],
    frame: Frame,
    rows: pl.DataFrame,
    maker_args: dict[str, Any],
    rank: Mapping[str, int] | None = None,
) -> ColumnFindings:
    """Settled findings (`lazy`: rid, kind, j, verdict, prior_rid) and decided ones, merged
    in report order: file, line, rule, then the order each rule gives them (`rank`: each
    file's place in that order, when several stores are merged)."""
    if rank is None:
        names = sorted({display_path(f) for f in frame.files} | {f.file for f in decided})
        rank = {name: i for i, name in enumerate(names)}
    file_rank = [rank[display_path(f)] for f in frame.files]
    # A row's rid is its place in the raw cells: its file and line are gathered there
    # (a join hashed a million rows for them).
    rid = lazy.get_column("rid")
    settled = lazy.with_columns(
        frame.raw.get_column("file_no").gather(rid), frame.raw.get_column("line").gather(rid)
    ).select(
        pl.col("file_no")
        .replace_strict(dict(enumerate(file_rank)), return_dtype=pl.Int32)
        .alias("file_rank"),
        pl.col("line").cast(pl.Int64),
        "kind",
        "j",
        "verdict",
        "rid",
        "prior_rid",
        pl.lit(None, pl.Int32).alias("eager"),
    )
    seen: dict[tuple[str, int, CheckKind], int] = {}
    recs = []
    for i, f in enumerate(decided):
        at = (f.file, f.line, f.kind)
        seen[at] = seen.get(at, -1) + 1
        recs.append(
            (
                rank.get(f.file, len(rank)),
                f.line,
                KIND_CODES[f.kind],
                seen[at],
                VERDICT_CODES[f.verdict],
                i,
            )
        )
    eager = pl.DataFrame(
        recs,
        schema={
            "file_rank": pl.Int32,
            "line": pl.Int64,
            "kind": pl.Int8,
            "j": pl.Int32,
            "verdict": pl.Int8,
            "eager": pl.Int32,
        },
        orient="row",
    ).with_columns(pl.lit(None, pl.UInt32).alias("rid"), pl.lit(None, pl.UInt32).alias("prior_rid"))
    table = pl.concat([settled, eager.select(settled.columns)], how="vertical_relaxed")
    maker = Maker(frame, rows, decided=decided, **maker_args)
    return ColumnFindings(table, maker, ordered=False)


_ORDER = ("file_rank", "line", "kind", "j")  # report order: file, line, rule, then the rule's
