"""Limits on what no real report needs, so every reader ends in bounded time and memory.

Each limit is refused with a message naming it and the place (file, line,
column, field). docs/format.md lists them all (tests/test_docs.py keeps the
list and these values equal).
"""

from __future__ import annotations

# Digits in one stated figure (not counting sign, point, thousands commas). A
# published figure has at most about fifteen; a mantissa of 40 digits is exact
# everywhere hrkpi computes, and Decimal never rounds it.
MAX_FIGURE_DIGITS = 40

# Characters in one text value (a YAML scalar, a CSV cell): a quote of a whole
# paragraph fits many times over.
MAX_TEXT_CHARS = 10_000

# Characters in one line of a CSV file (a row, or one line of a quoted cell).
MAX_LINE_CHARS = 100_000

# Columns in a CSV or Parquet header: hrkpi knows sixteen.
MAX_COLUMNS = 100

# Bytes in one YAML file: the bundled report is 30 kB, 20,000 figures with their
# quotes about 8 MB. Composing YAML takes some 30 times its size in memory: larger
# data belongs in long CSV or Parquet.
MAX_YAML_BYTES = 10_000_000

# Levels in a region hierarchy (country, province, city, county, town, village).
MAX_REGION_DEPTH = 12

# Years a date or period may fall in.
MIN_YEAR = 1900
MAX_YEAR = 2999

# Problems listed for one file; the rest are counted (a file with a million bad
# rows has one mistake repeated, and listing it a million times helps no one).
MAX_PROBLEMS_PER_FILE = 1_000

LIMITS: dict[str, tuple[int, str]] = {
    "MAX_FIGURE_DIGITS": (MAX_FIGURE_DIGITS, "digits in one stated figure"),
    "MAX_TEXT_CHARS": (MAX_TEXT_CHARS, "characters in one text value (YAML scalar, CSV cell)"),
    "MAX_LINE_CHARS": (MAX_LINE_CHARS, "characters in one line of a CSV file"),
    "MAX_COLUMNS": (MAX_COLUMNS, "columns in a CSV or Parquet file"),
    "MAX_YAML_BYTES": (MAX_YAML_BYTES, "bytes in one YAML file"),
    "MAX_REGION_DEPTH": (MAX_REGION_DEPTH, "levels in a region hierarchy"),
    "MIN_YEAR": (MIN_YEAR, "earliest year of a date or period"),
    "MAX_YEAR": (MAX_YEAR, "latest year of a date or period"),
    "MAX_PROBLEMS_PER_FILE": (MAX_PROBLEMS_PER_FILE, "problems listed for one file"),
}
