"""A finding of `hrkpi check --format json` written straight as its JSON text.

The pydantic models of hrkpi.output.checkjson are the schema (`hrkpi schema
findings`); building one per finding and dumping it cost about 50 µs, as much as
making the finding, so a listing of a million findings writes each one here in
the same text, key for key and space for space (`finding_out(f, words)
.model_dump_json(indent=2)`, tests/output/test_findjson.py holds them equal),
with the standard library's string escaping.
"""

from __future__ import annotations

from fractions import Fraction
from json.encoder import encode_basestring

from hrkpi.checks.findings import Finding, LimitDetail, PaceDetail, UsedFigure
from hrkpi.core.errors import shown_key
from hrkpi.core.intervals import Interval
from hrkpi.output.figures import value_text
from hrkpi.output.findreasons import message
from hrkpi.output.findwords import Words, relation
from hrkpi.output.sumwords import period_and_target

_PLACES = 6  # an interval's ends, rounded outwards (IntervalOut)
_SCALE = 10**_PLACES


def finding_json(f: Finding, words: Words, pad: str = "") -> str:
    """FindingOut's JSON of `f` (indent 2), each line after the first indented by `pad`."""
    q = encode_basestring
    i = pad + "  "  # the finding's keys
    j = i + "  "  # the keys of the objects it holds
    values = _list([q(v) for v in f.consistent_values], i) if f.consistent_values else "null"
    candidates = _list([_pair("base", q(c.base), "value", q(c.value), j) for c in f.candidates], i)
    hint = f.hint
    hinted = "null" if hint is None else _pair("code", q(hint.code), "figure", q(hint.figure), i)
    reason = "null" if f.reason is None else q(f.reason)
    field = q(shown_key(f.field))  # (a list's items counted from 1, as messages count them)
    period, target = period_and_target(f)  # (a split's year, and the target it divides)
    # One template, in the model's order of keys.
    return (
        f'{{\n{i}"kind": {q(f.kind)},\n{i}"indicator": {q(f.indicator)},\n'
        f'{i}"region": {q(f.region)},\n{i}"verdict": {q(f.verdict)},\n'
        f'{i}"file": {q(f.file)},\n{i}"sheet": {q(f.sheet)},\n{i}"line": {f.line},\n'
        f'{i}"stated": {_text(f.stated)},\n'
        f'{i}"unit": {q(f.unit)},\n{i}"computed": {_interval(f.computed, i)},\n'
        f'{i}"consistent_values": {values},\n{i}"candidates": {candidates},\n'
        f'{i}"figures": {_list([_figure(u, j) for u in f.figures], i)},\n'
        f'{i}"missing": {_list([q(m) for m in f.missing], i)},\n{i}"base": {q(f.base)},\n'
        f'{i}"period": {q(period)},\n{i}"target": {q(target)},\n'
        f'{i}"reason": {reason},\n{i}"field": {field},\n'
        f'{i}"hint": {hinted},\n{i}"implied": {_text(f.implied)},\n'
        f'{i}"implied_unit": {q(f.implied_unit)},\n{i}"limit": {_limit(f.limit, i)},\n'
        f'{i}"pace": {_pace(f.pace, i)},\n{i}"source": {q(f.source)},\n'
        f'{i}"quote": {q(f.quote)},\n{i}"location": {q(f.location)},\n'
        f'{i}"relation": {q(relation(f, words))},\n{i}"message": {q(message(f, words))}\n{pad}}}'
    )


def _figure(u: UsedFigure, pad: str) -> str:
    """FigureOut's JSON of a used figure."""
    q = encode_basestring
    i = pad + "  "
    return (
        f'{{\n{i}"role": {q(u.role)},\n{i}"indicator": {q(u.indicator)},\n'
        f'{i}"region": {q(u.region)},\n{i}"literal": {q(u.literal)},\n'
        f'{i}"unit": {q(u.unit)},\n{i}"file": {q(u.file)},\n{i}"sheet": {q(u.sheet)},\n'
        f'{i}"line": {u.line},\n'
        f'{i}"interval": {_interval(u.interval, i)}\n{pad}}}'
    )


def _interval(iv: Interval | None, pad: str) -> str:
    """IntervalOut's JSON of an interval, null for none or an empty one."""
    if iv is None:
        return "null"
    lo, hi = iv.lo, iv.hi
    # Interval.empty in integers (a Fraction's denominator is positive).
    a, b = lo.numerator * hi.denominator, hi.numerator * lo.denominator
    if a > b or (a == b and not (iv.lo_closed and iv.hi_closed)):
        return "null"
    i = pad + "  "
    return (
        f'{{\n{i}"lo": "{_end(lo, up=False)}",\n{i}"hi": "{_end(hi, up=True)}",\n'
        f'{i}"lo_closed": {_bool(iv.lo_closed)},\n{i}"hi_closed": {_bool(iv.hi_closed)}'
        f"\n{pad}}}"
    )


def _end(x: Fraction, *, up: bool) -> str:
    """bound_text(x, 6, up=up): rounded outwards at 6 decimals, trailing zeros dropped,
    in integers (every end of every figure and range of a listing passes here)."""
    num, den = x.numerator, x.denominator
    if den == 1:  # a whole number, as most counts are
        return str(num)
    q, rest = divmod(num * _SCALE, den)
    if rest and up:
        q += 1
    digits = str(-q if q < 0 else q).rjust(_PLACES + 1, "0")
    fraction = digits[-_PLACES:].rstrip("0")
    whole = digits[:-_PLACES]
    sign = "-" if q < 0 else ""
    return f"{sign}{whole}.{fraction}" if fraction else f"{sign}{whole}"


def _limit(limit: LimitDetail | None, pad: str) -> str:
    """LimitOut's JSON."""
    if limit is None:
        return "null"
    q = encode_basestring
    i = pad + "  "
    margin = "null" if limit.margin is None else q(value_text(limit.margin, limit.margin_places))
    within = "null" if limit.claim_within is None else _bool(limit.claim_within)
    return (
        f'{{\n{i}"value": {q(limit.value)},\n{i}"word": {q(limit.word)},\n'
        f'{i}"label": {q(limit.label)},\n{i}"method": {q(limit.method)},\n'
        f'{i}"met": {_bool(limit.met)},\n{i}"margin": {margin},\n'
        f'{i}"claim_within": {within}\n{pad}}}'
    )


def _pace(pace: PaceDetail | None, pad: str) -> str:
    """PaceOut's JSON."""
    if pace is None:
        return "null"
    q = encode_basestring
    i = pad + "  "
    return (
        f'{{\n{i}"stated": {q(pace.stated)},\n{i}"pace": {q(value_text(pace.pace, 2))},\n'
        f'{i}"lowest": {q(pace.lowest)},\n{i}"highest": {q(pace.highest)}\n{pad}}}'
    )


def _pair(a: str, a_json: str, b: str, b_json: str, pad: str) -> str:
    """An object of two keys (a candidate, a hint)."""
    i = pad + "  "
    return f'{{\n{i}"{a}": {a_json},\n{i}"{b}": {b_json}\n{pad}}}'


def _list(items: list[str], pad: str) -> str:
    if not items:
        return "[]"
    i = pad + "  "
    body = f",\n{i}".join(items)
    return f"[\n{i}{body}\n{pad}]"


def _text(value: str | None) -> str:
    return "null" if value is None else encode_basestring(value)


def _bool(value: bool) -> str:
    return "true" if value else "false"
