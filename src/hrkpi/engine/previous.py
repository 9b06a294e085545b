"""Year on year from the data: the same period last year, when the data has it.

A stated 同比 change whose previous value is not stated gets the previous
year's stated figure as its previous value, so the engine computes the change
from data and `check` compares the stated change with it (instead of only
implying a base). A figure with no stated change gets one with only the
previous value, so the table shows year on year wherever the data allows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from hrkpi.core.catalog import Catalog
from hrkpi.core.models import Base, Change
from hrkpi.core.observations import Dataset, Observation
from hrkpi.core.periods import Period

PeriodKey = Period | dt.date


def period_key(obs: Observation) -> PeriodKey:
    """What identifies a figure's time: its published period, else its as-of date."""
    return obs.period if obs.period is not None else obs.as_of


def keyed(dataset: Dataset) -> dict[tuple[str, str, PeriodKey], Observation]:
    """Each (indicator, region, period) once: a later row wins, as in `Dataset.latest`."""
    return {(o.indicator, o.region, period_key(o)): o for o in dataset}


def with_data_previous(catalog: Catalog, dataset: Dataset) -> Dataset:
    """The dataset with each 同比 previous value filled in from last year's figure."""
    index = keyed(dataset)
    out = []
    for obs in dataset:
        prior = _prior(catalog, obs, index)
        if prior is None or prior.stated.value is None:
            out.append(obs)
            continue
        changes = list(obs.stated.changes)
        at = next((i for i, c in enumerate(changes) if c.base == Base.SAME_PERIOD_LAST_YEAR), None)
        if at is None:
            changes.append(Change(base=Base.SAME_PERIOD_LAST_YEAR, previous=prior.stated.value))
        elif changes[at].previous is None:
            changes[at] = changes[at].model_copy(update={"previous": prior.stated.value})
        else:
            out.append(obs)  # a stated previous value is the report's own; keep it
            continue
        out.append(replace(obs, stated=obs.stated.model_copy(update={"changes": changes})))
    return Dataset(out)


def _prior(
    catalog: Catalog, obs: Observation, index: dict[tuple[str, str, PeriodKey], Observation]
) -> Observation | None:
    if obs.period is None:
        return None
    prior = index.get((obs.indicator, obs.region, obs.period.same_period_last_year()))
    if prior is None:
        return None
    unit = catalog.indicators[obs.indicator].unit
    # The engine reads a stated previous value in the figure's own unit, rounded as
    # the figure itself; a prior figure stated otherwise is left to the report.
    if (prior.stated.unit or unit) != (
        obs.stated.unit or unit
    ) or prior.rounding is not obs.rounding:
        return None
    return prior
