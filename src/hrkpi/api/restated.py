"""Where a figure stated twice with different figures stands, as the fast engine's
refusal names it: the later row's file and line, its region and period (or date) and
the indicator, as the exact engine's restatement finding names them (示范省 2020年10月：
城镇调查失业率), and the earlier row's place."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hrkpi.core.catalog import Catalog
from hrkpi.core.dates import parse_date
from hrkpi.core.errors import UsageError
from hrkpi.core.messages import Msg, Said
from hrkpi.core.periods import parse_period
from hrkpi.output.findwords import period_label
from hrkpi.output.words import Lang

if TYPE_CHECKING:
    from hrkpi.fast.frame import Frame

_ROW = ["file_no", "line", "indicator", "region", "period", "as_of"]


def refuse_restated(frame: Frame, catalog: Catalog) -> UsageError:
    """The fast engine's refusal of data stating a figure twice with different figures,
    naming the first such figure of `frame` (the data's, or the group's that met it when
    the data is split by indicator: hrkpi.fast.partrun.Restated)."""
    where = _where(frame, catalog)
    if where is None:  # pragma: no cover - called only when some figure is restated
        return UsageError(
            Msg(
                "the data states a figure twice with different figures, which the fast "
                "engine does not compare; use --engine exact"
            )
        )
    return UsageError(where)


def _where(frame: Frame, catalog: Catalog) -> Msg | None:
    """The later row of the first figure stated twice otherwise in `frame` (rows in file
    order, each against the one before it, as the exact engine compares them)."""
    import polars as pl

    from hrkpi.fast.frame import RESTATED_CELLS as _CELLS

    dup = frame.rows.select("rid", "key").filter(pl.col("key").is_duplicated())
    if dup.height == 0:
        return None
    cells = pl.concat_str([pl.col(c).fill_null("") for c in _CELLS], separator="\x1f")
    rows = (
        frame.text(*_CELLS)
        .join(dup, on="rid")
        .sort("rid")
        .with_columns(cells.alias("_cells"))
        .with_columns(
            pl.col("_cells").shift(1).over("key").alias("_before"),
            pl.col("rid").shift(1).over("key").alias("_prior"),
        )
    )
    hit = rows.filter(pl.col("_before").is_not_null() & (pl.col("_cells") != pl.col("_before")))
    if hit.height == 0:
        return None
    later = frame.raw.row(int(hit["rid"][0]), named=True)
    earlier = frame.raw.row(int(hit["_prior"][0]), named=True)
    ind = catalog.indicators.get(later["indicator"])
    names = (ind.name, ind.name_en or ind.name) if ind else (later["indicator"],) * 2
    zh, en = (_placed(later, name, lang) for name, lang in zip(names, Lang, strict=True))
    return Msg(
        "{file}:{line}: {figure}: the data states this figure twice with different figures "
        "(also {other}), which the fast engine does not compare; use --engine exact",
        file=frame.shown[later["file_no"]],
        line=later["line"],
        figure=Said(zh, en),
        other=f"{frame.shown[earlier['file_no']]}:{earlier['line']}",
    )


def _placed(row: dict[str, object], name: str, lang: Lang) -> str:
    """The figure as a finding names it: its region and period (or date), then its name
    (示范省 2020年10月：城镇调查失业率 / 示范省 2020-10: Surveyed unemployment rate)."""
    period, as_of = row.get("period"), row.get("as_of")
    code = (
        parse_period(str(period)).code
        if period
        else parse_date(str(as_of)).isoformat()
        if as_of
        else ""
    )
    place = " ".join(p for p in (str(row.get("region") or ""), period_label(code, lang)) if p)
    if not place:
        return name
    return place + ("：" if lang is Lang.ZH else ": ") + name
