"""The date a report's figures stand at, read from its own words: the date its 截至6月末,
截至7月15日, 上半年, 前三季度 and 1-9月 name most often, else 年末 (the end of its year)."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from hrkpi.scans.shapes import month_end

_YEAR = re.compile(r"(20\d{2})\s*年")
_AS_OF = [
    (re.compile(r"截至\s*(?:(20\d{2})\s*年)?\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"), "day"),
    (re.compile(r"截至\s*(?:(20\d{2})\s*年)?\s*(\d{1,2})\s*月(?!\s*\d)\s*(?:末|底|份)?"), "month"),
    (re.compile(r"(?:(20\d{2})\s*年)?\s*1\s*(?:-|~|—|至|到)\s*(\d{1,2})\s*月"), "month"),
    (re.compile(r"(?:(20\d{2})\s*年)?\s*(上半年)"), "half"),
    (re.compile(r"(?:(20\d{2})\s*年)?\s*(前三季度)"), "q3"),
    (re.compile(r"(?:(20\d{2})\s*年)?\s*(?:第)?(一季度)"), "q1"),
    (re.compile(r"(?:(20\d{2})\s*)?(?<![上去明今])(年末|年底)"), "year"),
]


# A year named as a base (较2019年底, 比2019年末) is the year before the report's.
_BASE_YEAR = re.compile(r"(?:较|比)\s*(20\d{2})\s*年\s*(?:底|末)")


def report_year(folded: str) -> int | None:
    """The year a report speaks of most often (a base's year counting for the next)."""
    years = Counter(int(y) for y in _YEAR.findall(folded))
    for y in _BASE_YEAR.findall(folded):
        years[int(y)] -= 1
        years[int(y) + 1] += 1
    years = +years  # only the years still named
    return years.most_common(1)[0][0] if years else None


def infer_as_of(folded: str) -> dt.date | None:
    """The most frequent as-of date the report states (截至… first, then periods)."""
    found = infer(folded)
    return found[0] if found else None


def infer(folded: str) -> tuple[dt.date, bool] | None:
    """The as-of date, and whether it is a period's (True) or only the year's end, which
    dates a base (较年初) but is not sure enough to judge a pace claim by."""
    year = report_year(folded)
    # 截至6月末 and 上半年 name one date: counted together, so a 截至5月末 or 1-5月 said
    # in passing does not outvote a half-year report's 上半年 (a tie: the later date).
    for group in (("day", "month", "half", "q3", "q1"), ("year",)):
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
            best = max(found.items(), key=lambda item: (item[1], item[0]))[0]
            return best, group != ("year",)
    return None


def _date(year: int, what: str, m: re.Match[str]) -> dt.date | None:
    try:
        if what == "day":
            return dt.date(year, int(m.group(2)), int(m.group(3)))
        if what == "month":
            return month_end(year, int(m.group(2)))
    except ValueError:
        return None
    ends = {"half": (6, 30), "q3": (9, 30), "q1": (3, 31), "year": (12, 31)}
    month, day = ends[what]
    return dt.date(year, month, day)
