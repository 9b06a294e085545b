"""The same figure printed twice must agree within rounding: "3.2亿人" and "32135万人"
in one report (`restated:`), a figure stated again by another file or a later
row, and a base value a report states against the figure last year's report
printed. Identical printings are harmless whatever their quotes; differing ones
are findings naming the field, both values and both places."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from hrkpi.checks.figures import figure_interval, finding, stated_unit, used
from hrkpi.checks.findings import CheckKind, Finding, Reason, Role, Verdict
from hrkpi.core.models import Indicator, ObsStatus
from hrkpi.core.numbers import Figure
from hrkpi.core.observations import Observation
from hrkpi.core.units import Unit, get_unit

_PERCENT = get_unit("%")
Printing = tuple[Observation, Figure, Unit, str]  # where, what, in which unit, at which key


def _compare(ind: Indicator, field: str, first: Printing, again: Printing) -> Finding | None:
    """`again` (the later or other printing) against `first`, in `again`'s unit; None
    when the two are printed identically."""
    obs_a, fig_a, unit_a, key_a = first
    obs_b, fig_b, unit_b, key_b = again
    if (fig_a.literal, unit_a, obs_a.rounding) == (fig_b.literal, unit_b, obs_b.rounding):
        return None
    counts = ind.is_integer and unit_a.base == ind.unit.base
    computed = figure_interval(fig_a, obs_a, unit_a, unit_b, whole=counts)
    f = finding(
        CheckKind.RESTATEMENT,
        obs_b,
        key_b,
        fig_b,
        fig_b.interval(obs_b.rounding),
        computed,
        unit=unit_b.symbol,
        figures=(
            used(obs_a, Role.VALUE, fig_a, unit_a, key_a, whole=counts),
            used(obs_b, Role.RESTATED, fig_b, unit_b, key_b, whole=counts),
        ),
    )
    f = replace(f, field=field)
    if f.verdict is Verdict.INCONSISTENT and obs_a.stated.status is not ObsStatus.NORMAL:
        # A provisional or estimated figure revised by a later one: reported, not a fault.
        return replace(
            f, verdict=Verdict.NOT_CHECKABLE, reason=Reason.REVISED, consistent_values=None
        )
    return f


def check_restated(ind: Indicator, obs: Observation) -> Iterator[Finding]:
    """The same figure printed again in the report (`restated:`) against its value."""
    stated = obs.stated
    if stated.value is None:
        return
    own = stated_unit(obs, ind)
    for k, again in enumerate(stated.restated):
        f = _compare(
            ind,
            "value",
            (obs, stated.value, own, "value"),
            (obs, again.value, again.unit or own, f"restated.{k}.value"),
        )
        if f is not None:
            yield f


def check_previous_restated(ind: Indicator, obs: Observation) -> Iterator[Finding]:
    """A base value the report states (上年同期3.2亿人) against the figure the data
    holds for that date (last year's report: 32135万人)."""
    for i, link in sorted(obs.links.items()):
        change = obs.stated.changes[i]
        prior = link.prior
        if not link.stated or change.previous is None or prior.stated.value is None:
            continue
        f = _compare(
            ind,
            f"changes.{i}.previous",
            (prior, prior.stated.value, stated_unit(prior, ind), "value"),
            (obs, change.previous, stated_unit(obs, ind), f"changes.{i}.previous"),
        )
        if f is not None:
            yield f


def check_superseded(ind: Indicator, earlier: Observation, later: Observation) -> Iterator[Finding]:
    """A figure stated again for the same date (another file, a later row): every field
    both state must agree within rounding."""
    a, b = earlier.stated, later.stated
    if a.value is not None and b.value is not None:
        f = _compare(
            ind,
            "value",
            (earlier, a.value, stated_unit(earlier, ind), "value"),
            (later, b.value, stated_unit(later, ind), "value"),
        )
        if f is not None:
            yield f
    if a.completion is not None and b.completion is not None:
        pct = _PERCENT
        f = _compare(
            ind,
            "completion",
            (earlier, a.completion, pct, "completion"),
            (later, b.completion, pct, "completion"),
        )
        if f is not None:
            yield f
    for i, ca in enumerate(a.changes):
        j = next((j for j, cb in enumerate(b.changes) if cb.base == ca.base), None)
        if j is None:
            continue
        cb = b.changes[j]
        for key in ("abs", "pct", "pp", "previous"):
            fa, fb = getattr(ca, key), getattr(cb, key)
            if fa is None or fb is None:
                continue
            ua = _change_unit(ind, earlier, ca.abs_unit if key == "abs" else None, key)
            ub = _change_unit(ind, later, cb.abs_unit if key == "abs" else None, key)
            f = _compare(
                ind,
                f"changes.{j}.{key}",
                (earlier, fa, ua, f"changes.{i}.{key}"),
                (later, fb, ub, f"changes.{j}.{key}"),
            )
            if f is not None:
                yield f
    for sa in a.shares:
        k = next(
            (k for k, sb in enumerate(b.shares) if (sb.of, sb.region) == (sa.of, sa.region)),
            None,
        )
        if k is None:
            continue
        pct = _PERCENT
        f = _compare(
            ind,
            f"shares.{k}.pct",
            (earlier, sa.pct, pct, f"shares.{a.shares.index(sa)}.pct"),
            (later, b.shares[k].pct, pct, f"shares.{k}.pct"),
        )
        if f is not None:
            yield f


def _change_unit(ind: Indicator, obs: Observation, abs_unit: Unit | None, key: str) -> Unit:
    if key in ("pct", "pp"):
        return _PERCENT
    return abs_unit or stated_unit(obs, ind)
