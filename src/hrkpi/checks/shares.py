"""Shares and ratios: 占…的X% (part / total), the shares of a partition adding to
exactly 100%, and ratio indicators (求人倍率 in 倍, 性别比 per 100, 人均 in 元/人, ‰)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from fractions import Fraction

from hrkpi.checks.figures import (
    figure_interval,
    finding,
    not_checkable,
    provenance,
    stated_unit,
    used,
)
from hrkpi.checks.findings import CheckKind, Finding, Reason, Role, UsedFigure, Verdict
from hrkpi.core.catalog import Catalog
from hrkpi.core.intervals import Interval
from hrkpi.core.models import Indicator
from hrkpi.core.observations import Observation
from hrkpi.core.units import PERCENT, Unit
from hrkpi.engine.indicator import HUNDRED
from hrkpi.engine.relations import ratio_per

Latest = dict[tuple[str, str], Observation]


def _in_base(obs: Observation, ind: Indicator) -> Interval:
    """A stated value as the values it can stand for, in its base unit."""
    assert obs.stated.value is not None
    base = Unit(ind.unit.base, ind.unit.base, 0, "", ind.unit.count)
    return figure_interval(obs.stated.value, obs, stated_unit(obs, ind), base, whole=ind.is_integer)


def check_shares(
    ind: Indicator, obs: Observation, catalog: Catalog, latest: Latest
) -> Iterator[Finding]:
    """占…的X%: each stated share against part / total x 100, both within their precision."""
    stated = obs.stated
    if stated.value is None:
        return  # a share alone is checked with its partition (share_sum)
    for k, share in enumerate(stated.shares):
        total_obs = latest.get(share.total(obs.indicator, obs.region))
        if total_obs is None or total_obs.stated.value is None:
            continue  # refused by the loader: a share's total is stated at its date
        total = catalog.indicators[total_obs.indicator]
        part = _in_base(obs, ind)
        whole = _in_base(total_obs, total)
        figures = (
            used(
                obs, Role.PART, stated.value, stated_unit(obs, ind), "value", whole=ind.is_integer
            ),
            used(
                total_obs,
                Role.TOTAL,
                total_obs.stated.value,
                stated_unit(total_obs, total),
                "value",
            ),
        )
        key = f"shares.{k}.pct"
        if whole.reaches_zero():
            yield not_checkable(
                CheckKind.SHARE,
                obs,
                key,
                share.pct,
                Reason.BASE_MAY_BE_ZERO,
                unit=PERCENT,
                figures=figures,
            )
            continue
        yield finding(
            CheckKind.SHARE,
            obs,
            key,
            share.pct,
            share.pct.interval(obs.rounding),
            (part / whole).scale(HUNDRED),
            unit=PERCENT,
            figures=figures,
        )


def check_share_sum(
    ind: Indicator, obs: Observation | None, latest: Latest, region: str
) -> Iterator[Finding]:
    """The shares of a total's parts: exactly 100% when every part of the partition
    (`parts`) states its share (the 100 is exact), at most 100% for some of them or
    for a 其中 list (`of_which`, unless its parts overlap)."""
    lists = [(list(ind.parts), True)]
    if ind.of_which and not ind.of_which_overlap:
        lists.append((list(ind.of_which), False))
    for members, partition in lists:
        shares = _shares_of(ind.id, members, latest, region)
        if len(shares) < 2:
            continue
        complete = partition and len(shares) == len(members)
        yield _share_sum(ind, obs, region, shares, complete=complete)


def _shares_of(
    total: str, members: list[str], latest: Latest, region: str
) -> list[tuple[Observation, UsedFigure, Interval]]:
    found = []
    for p in members:
        o = latest.get((region, p))
        mine = [s for s in (o.stated.shares if o else []) if s.of == total and s.region is None]
        if o is None or not mine:
            continue
        at = o.stated.shares.index(mine[0])
        fig = used(o, Role.SHARE, mine[0].pct, PERCENT, f"shares.{at}.pct")
        found.append((o, fig, mine[0].pct.interval(o.rounding)))
    return found


def _share_sum(
    ind: Indicator,
    obs: Observation | None,
    region: str,
    shares: list[tuple[Observation, UsedFigure, Interval]],
    *,
    complete: bool,
) -> Finding:
    total = shares[0][2]
    for _, _, iv in shares[1:]:
        total = total + iv
    allowed = Interval.point(HUNDRED) if complete else Interval(Fraction(0), HUNDRED)
    where = obs if obs is not None else shares[0][0]
    return Finding(
        CheckKind.SHARE_SUM,
        ind.id,
        region,
        Verdict.CONSISTENT if total.meets(allowed) else Verdict.INCONSISTENT,
        where.file,
        where.line_of("value") if obs is not None else shares[0][1].line,
        "100" if complete else "≤100",
        unit=PERCENT,
        computed=total,
        figures=tuple(fig for _, fig, _ in shares),
        **provenance(where),
    )


def check_ratio(
    ind: Indicator, obs: Observation, catalog: Catalog, latest: Latest
) -> Iterator[Finding]:
    """A ratio indicator's stated value against numerator / denominator x per."""
    stated = obs.stated
    if ind.ratio is None or stated.value is None:
        return
    own = stated_unit(obs, ind)
    value_fig = used(obs, Role.VALUE, stated.value, own, "value", whole=ind.is_integer)
    ids = (ind.ratio.numerator, ind.ratio.denominator)
    found = [latest.get((obs.region, i)) for i in ids]
    missing = tuple(
        i for i, o in zip(ids, found, strict=True) if o is None or o.stated.value is None
    )
    if missing:
        yield replace(
            not_checkable(
                CheckKind.RATIO,
                obs,
                "value",
                stated.value,
                Reason.PARTS_MISSING,
                unit=own.symbol,
                figures=(value_fig,),
            ),
            missing=missing,
        )
        return
    num_obs, den_obs = found
    assert num_obs is not None and den_obs is not None
    num_ind, den_ind = catalog.indicators[ids[0]], catalog.indicators[ids[1]]
    num, den_fig = num_obs.stated.value, den_obs.stated.value
    assert num is not None and den_fig is not None
    figures = (
        value_fig,
        used(
            num_obs,
            Role.NUMERATOR,
            num,
            stated_unit(num_obs, num_ind),
            "value",
            whole=num_ind.is_integer,
        ),
        used(
            den_obs,
            Role.DENOMINATOR,
            den_fig,
            stated_unit(den_obs, den_ind),
            "value",
            whole=den_ind.is_integer,
        ),
    )
    den = _in_base(den_obs, den_ind)
    if den.reaches_zero():
        yield not_checkable(
            CheckKind.RATIO,
            obs,
            "value",
            stated.value,
            Reason.BASE_MAY_BE_ZERO,
            unit=own.symbol,
            figures=figures,
        )
        return
    computed = (_in_base(num_obs, num_ind) / den).scale(ratio_per(ind) / own.multiplier)
    yield finding(
        CheckKind.RATIO,
        obs,
        "value",
        stated.value,
        stated.value.interval(obs.rounding),
        computed,
        unit=own.symbol,
        figures=figures,
    )
