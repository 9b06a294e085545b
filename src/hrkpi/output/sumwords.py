"""The words of a total against its parts, a region's figure against its children's and a
target against its split, in Chinese and English (hrkpi.output.findwords hands them here)."""

from __future__ import annotations

from fractions import Fraction

from hrkpi.checks.findings import CheckKind, Finding, Role
from hrkpi.core.intervals import Interval
from hrkpi.core.models import DEFAULT_TARGET_NAME
from hrkpi.output.figures import interval_text, value_text
from hrkpi.output.findwords import LISTED, Words, period_label, used_figure


def sum_relation(f: Finding, w: Words, name: str) -> str:
    """A total against its parts (or a region's against its children's), every figure
    with its unit: 不见面办理社保业务 近84万件 = 421749件 + 406158件 + 11160件（合计83.9067万件）;
    each name parted from its figure by a space, as a formula's terms are."""
    total = used_figure(f, Role.TOTAL)
    role = Role.PART if f.kind is CheckKind.COMPOSITION else Role.CHILD
    pieces = [u for u in f.figures if u.role is role]
    regional = f.kind in (CheckKind.REGION_SUM, CheckKind.TARGET_SPLIT)
    if regional:
        # (a term is its region, a space and its figure: 市01 23481, never 市0123481)
        terms = [f"{u.region} {w.fig(u.literal)}" for u in pieces]
        terms += [f"{r} ?" for r in f.missing]
    else:
        # Each figure with its unit (近84万件 = 421749件 + …), and the sum in the total's
        # unit when a part is printed in another.
        terms = [w.fig(u.literal) + w.unit(u.unit) for u in pieces] + ["?" for _ in f.missing]
    listed = " + ".join(terms)
    if len(terms) > LISTED:
        listed = f"{len(terms)}个下级地区之和" if w.zh() else f"the sum of {len(terms)} regions"
    head = w.fig(total.literal if total else (f.stated or ""))
    if not regional:
        head += w.unit(total.unit if total else f.unit)
        if f.computed is not None and total and any(u.unit != total.unit for u in pieces):
            listed += _in_all(f.computed, w.unit(total.unit), w)
    if regional and f.row and f.region:
        # A table's row names its region and period before the relation (place_words:
        # 示范省 2020年10月：城镇新增就业 102375 = 市01 23481 + …): the parent once.
        return f"{name} {head} = {listed}" if w.zh() else f"{name}: {head} = {listed}"
    if regional:
        when = "" if f.row and f.period else period_words(f, w)
        when = (f"（{when}）" if w.zh() else f" ({when})") if when else ""
        sep = "：" if w.zh() else ": "
        return f"{name}{when}{sep}{f.region} {head} = {listed}"
    return f"{name} {head} = {listed}" if w.zh() else f"{name}: {head} = {listed}"


def period_and_target(f: Finding) -> tuple[str, str]:
    """A finding's period as JSON gives it, and the target a split divides ("" for any
    other finding): a targets file's split carries its year and target's name
    (`2020 省下达`), which read as ("2020", "省下达")."""
    if f.kind is CheckKind.TARGET_SPLIT and " " in f.period:
        year, name = f.period.split(" ", 1)
        return year, name
    return f.period, ""


def period_words(f: Finding, w: Words) -> str:
    """A sum's period as read: 2021年1-6月 / 2021-01/06 (`period_label`), or a targets
    file's year and target's name (the finding's `2020 省下达`) as 2020年省下达目标 / 2020
    provincial target (its English name, else 2020 target 省下达)."""
    if f.kind is not CheckKind.TARGET_SPLIT or " " not in f.period:
        return period_label(f.period, w.lang)
    year, name = f.period.split(" ", 1)
    if w.zh():
        return f"{year}年{name}" + ("" if name.endswith("目标") else "目标")
    if name == DEFAULT_TARGET_NAME[0]:
        return f"{year} target"
    ind = w.catalog.indicators.get(f.indicator) if w.catalog else None
    named = next((t for t in ind.named_targets if t.name == name), None) if ind else None
    return f"{year} {named.name_en} target" if named and named.name_en else f"{year} target {name}"


def _in_all(iv: Interval, unit: str, w: Words) -> str:
    """（合计83.9067万件）: parts' sum in the total's unit, exact when it is one value."""
    if iv.lo == iv.hi:
        sum_text = exact_text(iv.lo)
    else:
        places = max(_places(iv.lo), _places(iv.hi))
        sum_text = interval_text(iv, places, keep=places)
    return f"（合计{sum_text}{unit}）" if w.zh() else f" (in all {sum_text}{unit})"


def _places(x: Fraction, most: int = 6) -> int:
    """The decimals that write `x` exactly, at most `most`."""
    return next((p for p in range(most + 1) if (x * 10**p).denominator == 1), most)


def exact_text(x: Fraction) -> str:
    """A value with the decimals that write it exactly (83.9067), at most six."""
    return value_text(x, _places(x))
