"""Re-deciding single rows with the exact engine.

A row the columns cannot settle (a value near a rounding or interval
boundary, a figure to explain as a finding, an overflow) is rebuilt as an
Observation, together with the rows its figures depend on (last year's
figure, its parts, its child regions), and handed to the same functions the
exact path uses. So every figure the fast path prints is the exact engine's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

import polars as pl

from hrkpi.core.catalog import Catalog
from hrkpi.core.numbers import RoundingMode
from hrkpi.core.observations import Dataset, Observation
from hrkpi.core.regions import RegionHierarchy
from hrkpi.fast.frame import Frame

Key = tuple[str, str, str]  # indicator, region, period key


class Neighbourhood:
    """Observations of flagged rows and of every row they depend on."""

    def __init__(
        self,
        frame: Frame,
        rows: pl.DataFrame,
        catalog: Catalog,
        hierarchy: RegionHierarchy | None,
        rids: Iterable[int],
        rounding: RoundingMode | None = None,
        links: dict[int, int] | None = None,
    ) -> None:
        self.catalog = catalog
        self.hierarchy = hierarchy
        wanted = rows.select("rid", "indicator", "region", "pkey", "year").filter(
            pl.col("rid").is_in(list(rids))
        )
        self.targets = {
            r["rid"]: (r["indicator"], r["region"], r["pkey"]) for r in wanted.iter_rows(named=True)
        }
        keys: set[Key] = set()
        for key in self.targets.values():
            keys.update(self._related(key))
        needed = pl.DataFrame(
            list(keys),
            schema={"indicator": pl.String, "region": pl.String, "pkey": pl.String},
            orient="row",
        )
        # The rows of the wanted indicators and periods first: a join of every row on
        # three texts cost a tenth of a second at a million rows for a few hundred.
        near = rows.select("rid", "indicator", "region", "pkey").filter(
            pl.col("indicator").is_in(needed["indicator"].unique().implode())
            & pl.col("pkey").is_in(needed["pkey"].unique().implode())
        )
        found = near.join(needed, on=["indicator", "region", "pkey"])
        # The figure each change is linked to (比上年末: the one at 31 December), by row.
        self.links = {r: k for r, k in (links or {}).items() if r in self.targets}
        extra = rows.select("rid", "indicator", "region", "pkey").filter(
            pl.col("rid").is_in(list(self.links.values()))
        )
        found = pl.concat([found, extra]).unique("rid")
        self.linked = {
            r["rid"]: (r["indicator"], r["region"], r["pkey"]) for r in extra.iter_rows(named=True)
        }
        self.by_key: dict[Key, Observation] = {}
        for r in found.iter_rows(named=True):
            obs = frame.observation(r["rid"], catalog)
            if rounding is not None:
                obs = replace(obs, rounding=rounding)
            self.by_key[(r["indicator"], r["region"], r["pkey"])] = obs

    def _related(self, key: Key) -> list[Key]:
        ind_id, region, pkey = key
        ind = self.catalog.indicators[ind_id]
        found = [key]
        regions = [region]
        if self.hierarchy is not None:
            regions += self.hierarchy.children.get(region, [])
        for r in regions:
            for i in [ind_id, *ind.parts]:
                found.append((i, r, pkey))
                found.append((i, r, _last_year(pkey)))
        return found

    def observation(self, rid: int) -> Observation:
        """The flagged row's own observation."""
        return self.by_key[self.targets[rid]]

    def dataset(self, rid: int) -> Dataset:
        """The flagged row and the rows it depends on, in file order."""
        keys = set(self._related(self.targets[rid]))
        if rid in self.links:
            keys.add(self.linked[self.links[rid]])
        chosen = [o for k, o in self.by_key.items() if k in keys]
        return Dataset(sorted(chosen, key=lambda o: (o.file, o.line)))

    def rids(self) -> list[int]:
        """The flagged rows."""
        return list(self.targets)


def _last_year(pkey: str) -> str:
    return f"{int(pkey[:4]) - 1}{pkey[4:]}" if pkey[:4].isdigit() else pkey
