"""The date a report's figures stand at, read from its own words (截至6月末, 上半年, 1-9月)."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from hrkpi.scans.shapes import month_end

_YEAR = re.compile(r"(20\d{2})\s*年")
_AS_OF = [
    (re.compile(r"截至\s*(?:(20\d{2})\s*年)?\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"), "day"),
    (re.compile(r"截至\s*(?:(20\d{2})\s*年)?\s*(\d{1,2})\s*月\s*(?:末|底|份)?"), "month"),
    (re.compile(r"(?:(20\d{2})\s*年)?\s*1\s*(?:-|~|—|至|到)\s*(\d{1,2})\s*月"), "month"),
    (re.compile(r"(?:(20\d{2})\s*年)?\s*(上半年)"), "half"),
    (re.compile(r"(?:(20\d{2})\s*年)?\s*(前三季度)"), "q3"),
    (re.compile(r"(?:(20\d{2})\s*年)?\s*(?:第)?(一季度)"), "q1"),
]


def report_year(folded: str) -> int | None:
    """The year a report speaks of most often."""
    years = Counter(int(y) for y in _YEAR.findall(folded))
    return years.most_common(1)[0][0] if years else None


def infer_as_of(folded: str) -> dt.date | None:
    """The most frequent as-of date the report states (截至… first, then periods)."""
    year = report_year(folded)
    for group in (("day", "month"), ("half", "q3", "q1")):
        found: Counter[dt.date] = Counter()
        for rx, what in _AS_OF:
            if what not in group:
                continue
            for m in rx.finditer(folded):
                y = int(m.group(1)) if m.group(1) else year
                if y is None:
                    continue
                date = _date(y, what, m)
                if date is not None:
                    found[date] += 1
        if found:
            return found.most_common(1)[0][0]
    return None


def _date(year: int, what: str, m: re.Match[str]) -> dt.date | None:
    try:
        if what == "day":
            return dt.date(year, int(m.group(2)), int(m.group(3)))
        if what == "month":
            return month_end(year, int(m.group(2)))
    except ValueError:
        return None
    return {"half": dt.date(year, 6, 30), "q3": dt.date(year, 9, 30), "q1": dt.date(year, 3, 31)}[
        what
    ]
