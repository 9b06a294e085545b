"""The fast path's findings built from its rows' cells by the exact rules' cores.

A finding the columns settled is made into the exact engine's `Finding` when it is
read (hrkpi.fast.findstore). Rebuilding its row as an Observation (the exact CSV
reader, pydantic validation, the links to last year's figure) cost several times
the rule itself, so each row's figures are read from its cells once, as the rules'
cores take them (`Stated`: a literal, its unit and where it stands), and handed to
the rule: a limit's findings (claims.limit_findings), a completion rate and the
stated changes (completion.completion_finding, changes.change_findings, in the order
check_dataset makes them) and a region's sum (regions.region_sum_finding). So a
problem costs what a consistent figure does, and every word of it is the rule's.

A row the cores do not take here is left to the caller, which rebuilds it: a value
with its own unit (which the indicators folder may declare) or a unit written after
a figure, a value the row does not state, a rate whose region has no target and
whose definition names none (target_not_printed is worded on the Observation).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from contextlib import suppress
from decimal import Decimal
from typing import Any

import polars as pl

from hrkpi.checks.changes import change_findings
from hrkpi.checks.claims import limit_findings
from hrkpi.checks.completion import Origin, completion_finding, completion_value
from hrkpi.checks.figures import Provenance, RowAt, Stated, not_checkable
from hrkpi.checks.findings import CheckKind, Finding, Reason
from hrkpi.checks.regions import region_sum_finding
from hrkpi.core.catalog import Catalog
from hrkpi.core.dates import parse_date
from hrkpi.core.errors import display_path
from hrkpi.core.models import Base, Change, Indicator
from hrkpi.core.numbers import Figure, RoundingMode, parse_figure
from hrkpi.core.periods import parse_period
from hrkpi.core.regions import RegionHierarchy
from hrkpi.core.targets import TargetSource
from hrkpi.core.units import PERCENT, declared_units
from hrkpi.fast.frame import Frame
from hrkpi.fast.relations import KIND_CODES

Judged = tuple[Indicator, Origin | None, TargetSource | None]
Made = dict[tuple[int, int], list[Finding]]  # (rid, group code) -> the group's findings

# The cells a row's findings read, as the exact reader reads them.
_CELLS = (
    "file_no",
    "line",
    "indicator",
    "region",
    "period",
    "as_of",
    "value",
    "unit",
    "rounding",
    "completion",
    "base",
    "change_pct",
    "change_abs",
    "change_pp",
    "previous",
    "source",
    "quote",
    "location",
)
_CHANGES = ("change_pct", "change_abs", "change_pp", "previous")
CHANGE_KINDS = frozenset(
    {CheckKind.CHANGE_PCT, CheckKind.CHANGE_ABS, CheckKind.CHANGE_PP, CheckKind.WHOLE_BASE}
)
_PLAIN = re.compile(r"-?\d+(?:\.\d+)?\Z")
_RATES = 100_000  # rate literals kept at most (a few thousand are met)
THRESHOLD = KIND_CODES[CheckKind.THRESHOLD]
REGION_SUM = KIND_CODES[CheckKind.REGION_SUM]
# A rate's findings and its changes' are made together (own_changes), as one group.
OWN = KIND_CODES[CheckKind.COMPLETION]
OWN_CODES = frozenset(KIND_CODES[k] for k in (CheckKind.COMPLETION, *CHANGE_KINDS))


def group(code: int) -> int:
    """The group a kind's findings are made in: a rate and its changes together."""
    return OWN if code in OWN_CODES else code


class _Unbuilt(Exception):
    """A row the cores do not take from its cells (the caller rebuilds it)."""


class _Row:
    """One row's cells, as read."""

    __slots__ = ("cells", "stated", "year")

    def __init__(self, cells: dict[str, Any], year: int) -> None:
        self.cells = cells
        self.year = year
        self.stated: Stated | None = None


class CellMaker:
    """Builds the findings of settled store rows from their rows' cells."""

    def __init__(
        self,
        frame: Frame,
        rows: pl.DataFrame,
        catalog: Catalog,
        hierarchy: RegionHierarchy | None,
        *,
        rounding: RoundingMode | None,
        judged: Callable[[str, str, int], Judged],
    ) -> None:
        self.frame = frame
        self.rows = rows  # rid, year: the typed rows' keys
        self.catalog = catalog
        self.hierarchy = hierarchy
        self.rounding = rounding
        self.judged = judged
        self._files: dict[int, str] = {}
        self._periods: dict[str, str] = {}
        self._dates: dict[str, str] = {}
        self._rates: dict[tuple[str, str], Figure] = {}

    def build(
        self, lazy: pl.DataFrame, kids_of: Callable[[list[int]], dict[int, dict[str, int]]]
    ) -> Made:
        """The findings of the store rows `lazy` (rid, kind, prior_rid) that the cells
        give, by (rid, group); `kids_of` gives each parent row's children's rows by
        region."""
        limits: list[int] = []
        own: dict[int, int | None] = {}
        parents: list[int] = []
        seen: set[tuple[int, int]] = set()
        for rid, code, prior in lazy.select("rid", "kind", "prior_rid").iter_rows():
            at = (rid, group(code))
            if at in seen:
                continue
            seen.add(at)
            if code == THRESHOLD:
                limits.append(rid)
            elif code == REGION_SUM:
                parents.append(rid)
            elif code in OWN_CODES:
                own[rid] = prior
        kids = kids_of(parents) if parents else {}
        needed = {*limits, *own, *parents}
        needed.update(p for p in own.values() if p is not None)
        for mapping in kids.values():
            needed.update(mapping.values())
        rows = self._rows(sorted(needed))
        out: Made = {}
        # A figure with a unit written after it is read under the indicators folder's
        # units, as the reader read it.
        with declared_units(self.catalog.units):
            for rid in limits:
                with suppress(_Unbuilt):
                    out[(rid, THRESHOLD)] = list(self._limits(rows[rid]))
            for rid, prior in own.items():
                with suppress(_Unbuilt):
                    out[(rid, OWN)] = self._own(rows, rid, prior)
            for rid in parents:
                with suppress(_Unbuilt):
                    out[(rid, REGION_SUM)] = self._sum(rows, rid, kids.get(rid, {}))
        return out

    def _rows(self, rids: list[int]) -> dict[int, _Row]:
        """The cells of rows `rids`, and each row's year (the year of its targets)."""
        found = self.rows.filter(pl.col("rid").is_in(rids)).select("rid", "year")
        years = dict(found.iter_rows())
        raw = self.frame.raw
        present = [c for c in _CELLS if c in raw.columns]
        cells = raw.select(present)[rids]
        columns = {c: cells.get_column(c).to_list() for c in present}
        blank = [None] * len(rids)
        values = [columns.get(c, blank) for c in _CELLS]
        return {
            rid: _Row(dict(zip(_CELLS, row, strict=True)), years[rid])
            for rid, row in zip(rids, zip(*values, strict=True), strict=True)
        }

    def _stated(self, row: _Row) -> Stated | None:
        """The row's value as the rules take it (None: it states none)."""
        if row.stated is not None:
            return row.stated
        c = row.cells
        if c["value"] is None:
            return None
        if c["unit"] is not None:
            raise _Unbuilt  # its own unit, which the indicators folder may declare
        value = _given(c["value"])
        no = c["file_no"]
        mode = self.rounding or RoundingMode(c["rounding"] or RoundingMode.HALF_EVEN)
        at = RowAt(
            c["indicator"],
            c["region"] or "",
            self._file(no),
            c["line"],
            Provenance(
                source=c["source"] or self.frame.files[no].name,
                quote=c["quote"] or "",
                location=c["location"] or "",
                # (a row with no period stands at its date: checks.figures.provenance)
                period=self._period(c["period"]) or self._date(c["as_of"]),
                row=True,
            ),
            mode,
        )
        row.stated = Stated(value, None, at)
        return row.stated

    def _value(self, row: _Row) -> Stated:
        stated = self._stated(row)
        if stated is None:
            raise _Unbuilt  # no value: nothing here states it (a change alone)
        return stated

    def _limits(self, row: _Row) -> Iterable[Finding]:
        """check_thresholds' findings of the row."""
        mine = self._value(row)
        ind, _, _ = self.judged(mine.at.indicator, mine.at.region, row.year)
        assert isinstance(mine.at, RowAt)
        return limit_findings(ind, mine.value, None, mine.at.rounding, mine.at)

    def _own(self, rows: dict[int, _Row], rid: int, prior_rid: int | None) -> list[Finding]:
        """own_changes' findings of the row: its completion rate, then its change."""
        row = rows[rid]
        mine = self._value(row)
        at = mine.at
        assert isinstance(at, RowAt)
        ind, origin, source = self.judged(at.indicator, at.region, row.year)
        c = row.cells
        out: list[Finding] = []
        if c["completion"] is not None:
            rate = self._rate(c["completion"])
            assert rate is not None
            if source is TargetSource.NONE:
                # Never against the parent's target: the region has none of its own.
                out.append(
                    not_checkable(
                        CheckKind.COMPLETION,
                        at,
                        "completion",
                        rate,
                        Reason.NO_OWN_TARGET,
                        unit=PERCENT,
                        figures=(completion_value(ind, mine.value, None, at.rounding, at),),
                    )
                )
            elif ind.target is None:
                raise _Unbuilt  # target_not_printed: worded on the row rebuilt
            else:
                out.append(
                    completion_finding(
                        ind, mine.value, None, rate, at.rounding, at, at.line, origin
                    )
                )
        if all(c[name] is None for name in _CHANGES):
            return out
        change = Change(
            base=self._base(c["base"]),
            abs=_figure(c["change_abs"]),
            abs_unit=None,
            pct=self._rate(c["change_pct"]),
            pp=self._rate(c["change_pp"], ""),
            previous=_figure(c["previous"]),
            comparable=False,
        )
        prior = None
        if change.previous is None and prior_rid is not None:
            if prior_rid == rid:
                raise _Unbuilt  # never linked to itself (with_data_previous)
            prior = self._value(rows[prior_rid])
        out.extend(change_findings(ind, mine, 0, change, prior))
        return out

    def _sum(self, rows: dict[int, _Row], rid: int, kids: dict[str, int]) -> list[Finding]:
        """region_total's finding of a parent row against its children's rows."""
        row = rows[rid]
        mine = self._value(row)
        names = self.hierarchy.children[mine.at.region] if self.hierarchy else []
        parts = [self._stated(rows[kids[k]]) if k in kids else None for k in names]
        c = row.cells
        period = self._period(c["period"]) or self._date(c["as_of"])
        ind = self.catalog.indicators[mine.at.indicator]
        return [region_sum_finding(ind, mine, parts, names, period)]

    def _rate(self, text: str | None, unit: str = PERCENT) -> Figure | None:
        """A rate's or a change's cell (`_figure`), one Figure for each literal: rates
        repeat (3.70 is stated by many rows), and a Figure keeps its intervals once
        made, so each literal is parsed and its interval made once."""
        if text is None:
            return None
        found = self._rates.get((text, unit))
        if found is None:
            if len(self._rates) > _RATES:
                self._rates.clear()
            found = self._rates[(text, unit)] = _given(text, unit)
        return found

    def _file(self, no: int) -> str:
        if no not in self._files:
            self._files[no] = display_path(self.frame.files[no])
        return self._files[no]

    def _period(self, text: str | None) -> str:
        if text is None:
            return ""
        if text not in self._periods:
            self._periods[text] = str(parse_period(text))
        return self._periods[text]

    def _date(self, text: str | None) -> str:
        if text is None:  # pragma: no cover - a row without a period has a date
            raise _Unbuilt
        if text not in self._dates:
            self._dates[text] = str(parse_date(text))
        return self._dates[text]

    @staticmethod
    def _base(text: str | None) -> Base | dt.date:
        if text is None:
            raise _Unbuilt  # pragma: no cover - a change names its base
        if text in Base._value2member_map_:
            return Base(text)
        return parse_date(text)


def _figure(text: str | None, unit: str = "") -> Figure | None:
    """A figure cell as its field reads it, or None when empty; a unit written after
    it (other than the field's own `unit`) is left to the row rebuilt."""
    return None if text is None else _given(text, unit)


def _given(text: str, unit: str = "") -> Figure:
    """A figure cell that is not empty, as `_figure` reads it."""
    if _PLAIN.match(text):
        # Digits with a sign and a point, as most cells are: parse_figure's Figure
        # without its patterns (the row was read and its digits counted already).
        point = text.find(".")
        return Figure(text, Decimal(text), 0 if point < 0 else len(text) - point - 1)
    figure = parse_figure(text)
    if figure.unit_word and figure.unit_word != unit:
        raise _Unbuilt
    return figure
