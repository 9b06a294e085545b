"""The fast path's findings as columns, made into `Finding`s when read.

A check of a million figures has a million findings. The columns decide each
one's verdict; the store keeps it as four integers (row, rule, limit number,
verdict) in report order, so counting and choosing by verdict is a column
operation. A `Finding` is built only when it is read, a chunk at a time, by
the exact rule itself (hrkpi.checks) on the row rebuilt as an Observation: so
it is the exact engine's very object, figures, ranges, hints and all, with its
source, quote and location.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace
from typing import Any

import polars as pl

from hrkpi.checks.claims import check_thresholds
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
from hrkpi.engine.previous import with_data_previous
from hrkpi.fast.frame import Frame
from hrkpi.fast.relations import KIND_CODES, KINDS, VERDICT_CODES, VERDICTS

Judged = tuple[Indicator, tuple[str, int, int] | None, TargetSource | None]
CHANGE_KINDS = {
    CheckKind.CHANGE_PCT,
    CheckKind.CHANGE_ABS,
    CheckKind.CHANGE_PP,
    CheckKind.WHOLE_BASE,
}


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
        self.rows = rows.select("rid", "indicator", "region", "pkey", "ind_per")
        self.catalog = catalog
        self.hierarchy = hierarchy
        self.rounding = rounding
        self.method = method
        self.targets = targets
        self.decided = decided  # findings the exact engine decided (rows near a boundary)
        self._aims = Targets(catalog, method, targets, hierarchy)
        self._indicators: dict[tuple[str, str, int], Judged] = {}

    def indicator(self, obs: Observation) -> Judged:
        """The definition as check_dataset judges `obs` by it (the region's own targets,
        the run's comparison method), once per indicator, region and year."""
        at = (obs.indicator, obs.region, obs.as_of.year)
        if at not in self._indicators:
            self._indicators[at] = self._aims.of(obs)
        return self._indicators[at]

    def _observations(self, rids: Collection[int]) -> dict[int, Observation]:
        out = {}
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
        own = lazy["rid"].to_list()
        priors = lazy.filter(pl.col("prior_rid").is_not_null())
        prior_of = dict(zip(priors["rid"].to_list(), priors["prior_rid"].to_list(), strict=True))
        parents = lazy.filter(pl.col("kind") == KIND_CODES[CheckKind.REGION_SUM])["rid"].to_list()
        kids = self._kids(parents)
        needed = set(own) | set(prior_of.values())
        for mapping in kids.values():
            needed.update(mapping.values())
        obs = self._observations(needed)
        made: dict[tuple[int, int], list[Finding]] = {}
        out = []
        for rec in chunk.iter_rows(named=True):
            if rec["eager"] is not None:
                item = self.decided[rec["eager"]]
                out.append(item.finding() if isinstance(item, Split) else item)
                continue
            rid, kind = rec["rid"], KINDS[rec["kind"]]
            mine = kind in CHANGE_KINDS or kind is CheckKind.COMPLETION
            group = KIND_CODES[CheckKind.COMPLETION] if mine else rec["kind"]
            if (rid, group) not in made:
                made[(rid, group)] = self._findings(rid, kind, obs, prior_of, kids)
            found = [f for f in made[(rid, group)] if f.kind is kind]
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
    """Findings kept as store rows (rid, kind, j, verdict, ...) in report order."""

    def __init__(self, table: pl.DataFrame, maker: Maker) -> None:
        self.table = table
        self.maker = maker

    def __len__(self) -> int:
        return self.table.height

    def counts(self) -> Mapping[Verdict, int]:
        """Findings of each verdict, counted on the column."""
        counted = self.table.group_by("verdict").len()
        return {VERDICTS[v]: n for v, n in counted.iter_rows()}

    def only(self, verdicts: Collection[Verdict]) -> ColumnFindings:
        """The findings with one of `verdicts`."""
        codes = [VERDICT_CODES[v] for v in verdicts]
        return ColumnFindings(self.table.filter(pl.col("verdict").is_in(codes)), self.maker)

    def _chunk(self, start: int, stop: int) -> list[Finding]:
        return self.maker.make(self.table.slice(start, stop - start))


def store(
    lazy: pl.DataFrame,
    decided: Sequence[Finding | Split],
    frame: Frame,
    rows: pl.DataFrame,
    maker_args: dict[str, Any],
) -> ColumnFindings:
    """Settled findings (`lazy`: rid, kind, j, verdict, prior_rid) and decided ones, merged
    in report order: file, line, rule, then the order each rule gives them."""
    names = sorted({display_path(f) for f in frame.files} | {f.file for f in decided})
    rank = {name: i for i, name in enumerate(names)}
    file_rank = [rank[display_path(f)] for f in frame.files]
    where = frame.rows.select("rid", "file_no", "line")
    settled = lazy.join(where, on="rid", how="left").select(
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
    table = pl.concat([settled, eager.select(settled.columns)], how="vertical_relaxed").sort(
        "file_rank", "line", "kind", "j"
    )
    return ColumnFindings(table, Maker(frame, rows, decided=decided, **maker_args))
