"""Spreadsheet formula injection (OWASP CSV injection): the one guard of every CSV hrkpi
writes (the completion table's in hrkpi.output.text, the series' in hrkpi.engine.series,
the fast path's in hrkpi.fast.series). Excel and WPS run a field that starts with one
of = + - @, a tab or a carriage return as a formula."""

from __future__ import annotations

import re

FORMULA_START = r"[=+\-@\t\r]"
# A plain number such as -12.44 or +6.38%: spreadsheets read it as that number.
PLAIN_NUMBER = r"[+-]?[0-9]+(?:\.[0-9]+)?%?"
_FORMULA_START = re.compile(FORMULA_START)
_PLAIN_NUMBER = re.compile(PLAIN_NUMBER)


def neutralise(text: str) -> str:
    """Guard a text cell against formula injection: a cell starting with = + - @, a
    tab or a carriage return gets a leading apostrophe, unless it is a plain number."""
    if _FORMULA_START.match(text) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text
