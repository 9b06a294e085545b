"""Changes linked to the figures they compare with, across files, dates and units.

A stated change names its base: 同比 (the same period last year), 比上年末 (the end
of last year) or a date. When the data holds the figure at that base — in another
file, another year's report, another unit (亿人 against 万人) — the change is
linked to it (`Observation.links`), and `hrkpi check` recomputes the change from
the two figures, each within its own literal's precision and rounding.

For the table, a linked base stated in the figure's own unit and rounding also
becomes the change's previous value, so the engine computes the change from data.
With period data, a figure with no stated change gets one with only last year's
value, so the series table shows year on year wherever the data allows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from hrkpi.core.catalog import Catalog
from hrkpi.core.models import Base, Change
from hrkpi.core.observations import Dataset, Link, Observation
from hrkpi.core.periods import Period

PeriodKey = Period | dt.date


def period_key(obs: Observation) -> PeriodKey:
    """What identifies a figure's time: its published period, else its as-of date."""
    return obs.period if obs.period is not None else obs.as_of


def keyed(dataset: Dataset) -> dict[tuple[str, str, PeriodKey], Observation]:
    """Each (indicator, region, period) once: a later row wins, as in `Dataset.latest`."""
    return {(o.indicator, o.region, period_key(o)): o for o in dataset}


def year_before(day: dt.date) -> dt.date:
    """The same day a year earlier (29 February goes to the 28th)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


class _Index:
    """The data's figures by indicator, region and period, and by date."""

    def __init__(self, dataset: Dataset) -> None:
        self.by_key = keyed(dataset)
        self.by_date: dict[tuple[str, str, dt.date], list[Observation]] = {}
        for obs in dataset:
            if obs.stated.value is not None:
                self.by_date.setdefault((obs.indicator, obs.region, obs.as_of), []).append(obs)

    def at(self, obs: Observation, day: dt.date) -> Observation | None:
        """The figure at `day`: the longest period, then the last stated."""
        found = self.by_date.get((obs.indicator, obs.region, day), [])
        best = None
        for o in found:
            if best is None or _months(o) >= _months(best):
                best = o
        return best

    def prior(self, obs: Observation, base: Base | dt.date) -> Observation | None:
        """The figure a change against `base` compares with, if the data has it."""
        if isinstance(base, dt.date):
            return self.at(obs, base)
        if base is Base.END_OF_LAST_YEAR:
            return self.at(obs, dt.date(obs.as_of.year - 1, 12, 31))
        if obs.period is not None:
            # A period compares with the same period: 1-6月 with last year's 1-6月.
            found = self.by_key.get((obs.indicator, obs.region, obs.period.same_period_last_year()))
            return found if found is not None and found.stated.value is not None else None
        return self.at(obs, year_before(obs.as_of))


def _months(obs: Observation) -> int:
    return obs.period.months if obs.period is not None else 0


def with_data_previous(catalog: Catalog, dataset: Dataset) -> Dataset:
    """The dataset with each change linked to its base figure in the data.

    A base stated in the figure's own unit and rounding also fills the change's
    previous value (for the table); a previous value the report states is its own
    and is kept (the link then lets `check` compare the two).
    """
    index = _Index(dataset)
    out = []
    for obs in dataset:
        changes = list(obs.stated.changes)
        links: dict[int, Link] = {}
        for i, change in enumerate(changes):
            if change.comparable:
                continue  # 按可比口径: not last year's printed figure
            prior = index.prior(obs, change.base)
            if prior is None or prior is obs:
                continue
            links[i] = Link(prior, stated=change.previous is not None)
            if change.previous is None and _same_reading(catalog, obs, prior):
                changes[i] = change.model_copy(update={"previous": prior.stated.value})
        if obs.period is not None and not any(
            c.base == Base.SAME_PERIOD_LAST_YEAR for c in changes
        ):
            prior = index.prior(obs, Base.SAME_PERIOD_LAST_YEAR)
            if prior is not None and _same_reading(catalog, obs, prior):
                changes.append(Change(base=Base.SAME_PERIOD_LAST_YEAR, previous=prior.stated.value))
                links[len(changes) - 1] = Link(prior, stated=False)
        if not links:
            out.append(obs)
            continue
        stated = obs.stated.model_copy(update={"changes": changes})
        out.append(replace(obs, stated=stated, links=links))
    return Dataset(out)


def _same_reading(catalog: Catalog, obs: Observation, prior: Observation) -> bool:
    """True when the prior figure reads as a previous value of `obs` as it stands: the
    engine reads a stated previous value in the figure's own unit and rounding."""
    unit = catalog.indicators[obs.indicator].unit
    return (prior.stated.unit or unit) == (obs.stated.unit or unit) and (
        prior.rounding is obs.rounding
    )
