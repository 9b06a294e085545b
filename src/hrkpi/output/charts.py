"""Inline SVG charts for the HTML report, drawn in Python (no script, no fetches).

Two charts: completion against schedule pace for every flow indicator with an
annual target, and every threshold indicator's value against its limit(s).
Geometry uses floats (it is only drawing); every number shown as text is the
table's GB/T 8170-rounded figure.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from html import escape

from hrkpi.core.models import Level, PaceStatus, Threshold, ThresholdKind
from hrkpi.core.units import Unit
from hrkpi.engine.indicator import IndicatorResult, limits
from hrkpi.output.figures import rate_text, value_text
from hrkpi.output.table import PCT_DECIMALS, IndicatorRow, Style
from hrkpi.output.textwidth import cut_to, text_px
from hrkpi.output.words import PACE_STATUS, Lang, say

ROW_H = 34
LABEL_SIZE, AXIS_SIZE = 13, 12  # px, as the page's style sheet sets .label/.value and .axis
MAX_LABEL_PX = 340  # a row label wider than this is cut with …
PLOT_W = 600
TOP = 28
BOTTOM = 60

PACE_COLOURS = {
    PaceStatus.COMPLETED: "#2e7d32",
    PaceStatus.AHEAD: "#66bb6a",
    PaceStatus.ON_PACE: "#f9a825",
    PaceStatus.BEHIND: "#c62828",
}
STYLE_COLOURS = {
    Style.GOOD: "#2e7d32",
    Style.WARN: "#b26a00",
    Style.BAD: "#c62828",
    Style.NONE: "#37474f",
}
GOOD_ZONE, BAD_ZONE, WARN_ZONE = "#e3f2e5", "#fde3e3", "#fff4d6"


@dataclass(frozen=True)
class ChartRow:
    """A chart row's label (full text for the tooltip, short text to draw)."""

    full: str
    short: str


def _label(result: IndicatorResult, lang: Lang, multi_region: bool) -> ChartRow:
    ind = result.indicator
    name = ind.name if lang is Lang.ZH else (ind.name_en or ind.name)
    if multi_region and result.region:
        name = f"{result.region} {name}"
    return ChartRow(name, cut_to(name, MAX_LABEL_PX, LABEL_SIZE))


def _label_width(rows: Sequence[ChartRow]) -> float:
    """The room left of the plot: the widest label as drawn, and a gap."""
    return max((text_px(r.short, LABEL_SIZE) for r in rows), default=60.0) + 16


def _right_width(texts: Sequence[str]) -> float:
    """The room right of the plot for the bold value and status texts."""
    return max((text_px(t, LABEL_SIZE, bold=True) for t in texts), default=60.0) + 30


def _nice_max(value: float, step: float) -> float:
    return max(step, math.ceil(value / step) * step)


def _pct(value: Fraction) -> str:
    return rate_text(value, PCT_DECIMALS)


def _svg_open(width: float, height: float, title: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]


def pace_chart(rows: Sequence[IndicatorRow], pace: Fraction | None, lang: Lang, title: str) -> str:
    """Horizontal bars of completion (%), a tick at each row's schedule pace and a 100% line.

    `rows` carry every column (the completion, pace status ... texts are drawn as shown).
    """
    chosen_rows = [row for row in rows if row.result.completion is not None]
    if not chosen_rows:
        return ""
    chosen = [row.result for row in chosen_rows]
    multi = len({r.region for r in chosen}) > 1
    labels = [_label(r, lang, multi) for r in chosen]
    left = _label_width(labels)
    top_value = max(float(r.completion or 0) for r in chosen)
    axis_max = _nice_max(max(top_value, 100.0) * 1.05, 20)
    right = _right_width(
        [f"{row.cells['completion'].text} {row.cells['pace_status'].text}" for row in chosen_rows]
    )
    legend = say(("虚线：序时进度", "dashed: schedule pace"), lang)
    if pace is not None:
        legend += f" {_pct(pace)}"
    legend_w = 20 + text_px(legend, AXIS_SIZE) + 24
    legend_w += sum(16 + text_px(say(w, lang), AXIS_SIZE) + 16 for w in PACE_STATUS.values())
    width = max(left + PLOT_W + right, left + legend_w + 8)
    height = TOP + ROW_H * len(chosen) + BOTTOM

    def x(pct: float) -> float:
        return left + PLOT_W * max(pct, 0) / axis_max

    out = _svg_open(width, height, title)
    step = 20 if axis_max <= 200 else 50
    tick = 0
    while tick <= axis_max + 1e-9:
        xt = x(tick)
        colour = "#9e9e9e" if tick == 100 else "#e0e0e0"
        out.append(
            f'<line x1="{xt:.1f}" y1="{TOP - 6}" x2="{xt:.1f}" y2="{height - BOTTOM + 4}" '
            f'stroke="{colour}" stroke-width="{1.5 if tick == 100 else 1}"/>'
        )
        out.append(
            f'<text x="{xt:.1f}" y="{height - BOTTOM + 18}" class="axis" '
            f'text-anchor="middle">{tick}%</text>'
        )
        tick += step
    for i, (row, lab) in enumerate(zip(chosen_rows, labels, strict=True)):
        r = row.result
        y = TOP + i * ROW_H
        completion = float(r.completion or 0)
        status = r.pace_status or PaceStatus.BEHIND
        colour = PACE_COLOURS[status]
        out.append(
            f'<text x="{left - 10:.1f}" y="{y + ROW_H / 2 + 4:.1f}" text-anchor="end" '
            f'class="label"><title>{escape(lab.full)}</title>{escape(lab.short)}</text>'
        )
        out.append(
            f'<rect x="{left:.1f}" y="{y + 8}" width="{x(completion) - left:.1f}" '
            f'height="{ROW_H - 16}" rx="2" fill="{colour}"/>'
        )
        if r.pace is not None:
            xp = x(float(r.pace))
            out.append(
                f'<line x1="{xp:.1f}" y1="{y + 3}" x2="{xp:.1f}" y2="{y + ROW_H - 3}" '
                'stroke="#263238" stroke-width="2.5" stroke-dasharray="3 2"/>'
            )
        value = row.cells["completion"].text
        words = row.cells["pace_status"].text
        out.append(
            f'<text x="{left + PLOT_W + 14:.1f}" y="{y + ROW_H / 2 + 4:.1f}" class="value">'
            f'{escape(value)} <tspan fill="{colour}">{escape(words)}</tspan></text>'
        )
    ly = height - 8
    out.append(
        f'<line x1="{left:.1f}" y1="{ly - 4}" x2="{left + 14:.1f}" y2="{ly - 4}" '
        'stroke="#263238" stroke-width="2.5" stroke-dasharray="3 2"/>'
    )
    out.append(f'<text x="{left + 20:.1f}" y="{ly}" class="axis">{escape(legend)}</text>')
    lx = left + 20 + text_px(legend, AXIS_SIZE) + 24
    for status, colour in PACE_COLOURS.items():
        text = say(PACE_STATUS[status], lang)
        out.append(f'<rect x="{lx:.1f}" y="{ly - 10}" width="12" height="10" fill="{colour}"/>')
        out.append(f'<text x="{lx + 16:.1f}" y="{ly}" class="axis">{escape(text)}</text>')
        lx += 16 + text_px(text, AXIS_SIZE) + 16
    out.append("</svg>")
    return "\n".join(out)


def _limit_text(kind: ThresholdKind | None, inclusive: bool, literal: str, unit: Unit) -> str:
    signs: dict[tuple[ThresholdKind | None, bool], str] = {
        (ThresholdKind.FLOOR, True): "≥",
        (ThresholdKind.FLOOR, False): ">",
        (ThresholdKind.CEILING, True): "≤",
        (ThresholdKind.CEILING, False): "<",
    }
    sign = signs.get((kind, inclusive), "")
    return f"{sign}{literal}{unit.symbol}"


def _limit_label(threshold: Threshold, limit: Fraction, unit: Unit) -> str:
    """≤4%, ≥95%, or a band end (左右 12±3 gives 9 and 15) in the limit's own digits."""
    digits = max(
        threshold.value.decimals, threshold.tolerance.decimals if threshold.tolerance else 0
    )
    literal = threshold.value.literal if limit == threshold.value.exact else None
    literal = literal or value_text(limit, max(digits, 0))
    if threshold.kind is ThresholdKind.BAND:
        return f"{literal}{unit.symbol}"
    return _limit_text(threshold.kind, bool(threshold.inclusive), literal, unit)


def threshold_chart(rows: Sequence[IndicatorRow], lang: Lang, title: str) -> str:
    """Each threshold indicator on its own scale: the passing zone, the limit(s), the value.

    `rows` carry every column (the value and judgement texts are drawn as shown).
    """
    chosen_rows = [row for row in rows if row.result.thresholds and row.result.value is not None]
    if not chosen_rows:
        return ""
    chosen = [row.result for row in chosen_rows]
    multi = len({r.region for r in chosen}) > 1
    labels = [_label(r, lang, multi) for r in chosen]
    left = _label_width(labels)
    row_h = ROW_H + 38
    width = left + PLOT_W + _right_width([row.cells["limit_status"].text for row in chosen_rows])
    height = TOP + row_h * len(chosen)
    out = _svg_open(width, height, title)
    for i, (row, lab) in enumerate(zip(chosen_rows, labels, strict=True)):
        r = row.result
        y = TOP + i * row_h
        value = r.value or Fraction(0)
        ends: list[Fraction] = [value, Fraction(0)]
        for t in r.thresholds:
            ends += [f for f in limits(t.threshold) if f is not None]
        lo_end, hi_end = float(min(ends)), float(max(ends))
        span = (hi_end - lo_end) or 1.0
        lo_end = min(lo_end, 0.0) if lo_end >= 0 else lo_end - span * 0.1
        hi_end = hi_end + span * 0.25

        def x(v: float, lo_end: float = lo_end, hi_end: float = hi_end) -> float:
            return left + PLOT_W * (v - lo_end) / (hi_end - lo_end)

        bar_y, bar_h = y + 22, 14
        out.append(
            f'<text x="{left - 10:.1f}" y="{bar_y + 11}" text-anchor="end" class="label">'
            f"<title>{escape(lab.full)}</title>{escape(lab.short)}</text>"
        )
        out.append(
            f'<rect x="{left:.1f}" y="{bar_y}" width="{PLOT_W}" height="{bar_h}" '
            f'fill="{GOOD_ZONE}"/>'
        )
        unit = r.indicator.unit
        marks: list[tuple[float, str]] = []
        # Warn zones first, so a fail zone beyond them shows on top.
        for t in sorted(r.thresholds, key=lambda t: t.threshold.level is Level.FAIL):
            th = t.threshold
            zone = BAD_ZONE if th.level is Level.FAIL else WARN_ZONE
            lo, hi = limits(th)
            if lo is not None:
                out.append(_zone(x(lo_end), x(float(lo)), bar_y, bar_h, zone))
            if hi is not None:
                out.append(_zone(x(float(hi)), x(hi_end), bar_y, bar_h, zone))
            marks += [(x(float(f)), _limit_label(th, f, unit)) for f in (lo, hi) if f is not None]
        previous, previous_w, drop = -1e9, 0.0, 0
        for xl, text in sorted(marks):
            half = text_px(text, AXIS_SIZE) / 2
            close = xl - half < previous + previous_w + 4
            drop = 13 - drop if close else 0  # stagger labels that would touch
            previous, previous_w = xl, half
            out.append(
                f'<line x1="{xl:.1f}" y1="{bar_y - 6}" x2="{xl:.1f}" y2="{bar_y + bar_h + 6}" '
                'stroke="#455a64" stroke-width="2"/>'
            )
            out.append(
                f'<text x="{xl:.1f}" y="{bar_y + bar_h + 18 + drop}" text-anchor="middle" '
                f'class="axis">{escape(text)}</text>'
            )
        status = row.cells["limit_status"]
        colour = STYLE_COLOURS[status.style]
        words = status.text
        xv = x(float(value))
        cy = bar_y + bar_h / 2
        out.append(
            f'<path d="M{xv:.1f},{cy - 9:.1f} L{xv + 8:.1f},{cy:.1f} L{xv:.1f},{cy + 9:.1f} '
            f'L{xv - 8:.1f},{cy:.1f} Z" fill="{colour}" stroke="#fff" stroke-width="1.5"/>'
        )
        shown = row.cells["value"].text + unit.symbol
        out.append(
            f'<text x="{xv:.1f}" y="{bar_y - 8}" text-anchor="middle" class="value">'
            f"{escape(shown)}</text>"
        )
        out.append(
            f'<text x="{left + PLOT_W + 12:.1f}" y="{bar_y + 11}" class="value" '
            f'fill="{colour}">{escape(words)}</text>'
        )
    out.append("</svg>")
    return "\n".join(out)


def _zone(x1: float, x2: float, y: float, h: float, fill: str) -> str:
    if x2 <= x1:
        return ""
    return f'<rect x="{x1:.1f}" y="{y}" width="{x2 - x1:.1f}" height="{h}" fill="{fill}"/>'
