"""The realistic mix on top of the synthetic province (`generate --mix`): what real
county data has besides clean rates.

- about 2% of the rate figures above their ceiling (a real FAIL each, listed);
- about 1% of the county counts stated approximately (近12400, 12300多), as tables
  copied from reports do;
- about 10% of the stocks stating their change since the end of last year as an
  absolute change and its growth (较上年末增加1234人，增长2.13%);
- about 10% of the rates stating their change since the end of last year in
  percentage points, with last year's figure (比上年末下降0.12个百分点).

Every added figure is consistent with the others (hand arithmetic on the exact
values), so the only problems are the injected errors and the rates over their
ceiling; the rows touched by an injected error are left as they are.
"""

from __future__ import annotations

import random
from collections.abc import Iterable

CEILING = 450  # rates: 4.50% 以内, in hundredths (as generate.CEILING)
V, BASE, PCT, ABS, PP, PREV = 3, 6, 7, 8, 9, 10  # column positions in the mixed rows
EXTRA = ["change_abs", "change_pp", "previous"]


def _fixed(mantissa: int, places: int) -> str:
    sign = "-" if mantissa < 0 else ""
    digits = str(abs(mantissa)).rjust(places + 1, "0")
    return sign + (digits[:-places] + "." + digits[-places:] if places else digits)


def _rate(num: int, den: int) -> str:
    """num / den x 100%, to 2 decimals, half to even."""
    q, r = divmod(num * 10_000, den)
    if 2 * r > den or (2 * r == den and q % 2 == 1):
        q += 1
    return _fixed(q, 2)


def _hundredths(text: str) -> int:
    whole, _, frac = text.partition(".")
    sign = -1 if whole.startswith("-") else 1
    return sign * (abs(int(whole)) * 100 + int((frac + "00")[:2]))


def mix(
    rows: list[list[str]],
    kinds: list[str],
    counties: set[str],
    spoiled: Iterable[int],
    rng: random.Random,
    over: float = 0.02,
) -> list[int]:
    """Add the mix to `rows` in place (each gains change_abs, change_pp, previous);
    return the rows whose rate is now over its ceiling (each a failed limit): a share
    `over` of the rates (0.02, as real county data has; more to measure the cost of a
    finding)."""
    keep = set(spoiled)
    for row in rows:
        row.extend(["", "", ""])
    at = {(r[0], r[1], r[2]): i for i, r in enumerate(rows)}
    failed = []
    for i, (row, kind) in enumerate(zip(rows, kinds, strict=True)):
        if kind == "rate" and i not in keep and rng.random() < over:
            row[V] = _fixed(rng.randint(CEILING + 1, 520), 2)
            failed.append(i)
    for i, (row, kind) in enumerate(zip(rows, kinds, strict=True)):
        if i in keep:
            continue
        year, month = int(row[2][:4]), int(row[2][-2:])
        december = at.get((row[0], row[1], f"{year - 1}-12"))
        if kind in ("count_flow", "count_stock") and row[1] in counties and rng.random() < 0.01:
            value = int(row[V])
            after = at.get((row[0], row[1], f"{year + 1}{row[2][4:]}"))
            if value >= 1000 and after not in keep:  # a wider base could hide its error
                low = value // 100 * 100
                # 近X spans [X - its last non-zero digit, X]; X多 spans [X, X + that digit).
                row[V] = f"近{-(-value // 100) * 100}" if rng.random() < 0.5 else f"{low}多"
                continue
        if december is None or month == 12 or rng.random() >= 0.1 or december in keep:
            continue
        last = rows[december][V]
        if kind == "count_stock" and last.isdigit() and row[V].isdigit():
            change = int(row[V]) - int(last)
            if int(last):
                row[BASE], row[ABS], row[PCT] = (
                    "end_of_last_year",
                    str(change),
                    _rate(change, int(last)),
                )
        elif kind == "rate":
            change = _hundredths(row[V]) - _hundredths(last)
            row[BASE], row[PCT], row[PP], row[PREV] = (
                "end_of_last_year",
                "",
                _fixed(change, 2),
                last,
            )
    return failed
