"""A CSV file checked as the exact reader would, before polars reads it.

polars reads a malformed CSV leniently (a short row filled with nulls, a
duplicate header renamed `value_duplicated_0`) or fails with its own words at
no line. So each file is first checked on the exact reader's terms, at the
speed of columns: its bytes are UTF-8, no line is over the limit, the header
is the one written, and every row has as many cells as the header (counted
on the raw lines, quoted cells set aside). Each problem is located and worded
as the exact reader words it. The same pass tells whether the file is plain (no
quote, no white space), whose cells polars then reads without stripping them.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import NamedTuple

import polars as pl

from hrkpi.core.errors import InputError, Problem, display_path, problem
from hrkpi.core.limits import MAX_LINE_CHARS, MAX_PROBLEMS_PER_FILE
from hrkpi.core.messages import Msg
from hrkpi.sources.csvfile import structure_problems
from hrkpi.sources.csvheader import cells_problem, take_header
from hrkpi.sources.textfile import UTF8, first_bad_byte, lines, not_regular

# Half the longest line allowed, in bytes: any line of MAX_LINE_CHARS bytes or more holds
# a whole aligned block of this size (and a character is at least a byte).
_BLOCK = MAX_LINE_CHARS // 2
_CHUNK = _BLOCK * 80  # 4 MB at a time (whole blocks)
_NEVER = "\x1f"  # a separator no CSV of hrkpi holds (checked), to read whole lines
_QUOTED = r'"(?:[^"]|"")*"'  # one quoted cell, quotes inside written twice


class NotUtf8(InputError):
    """A CSV file that is not UTF-8: the fast engine names the byte; `--engine auto`
    hands the data to the exact engine, which reads GBK too."""


def check_text_file(file: Path, problems: list[Problem]) -> tuple[list[str], int, bool]:
    """The header as written, the file's line count and whether it is plain (no quote
    or white space: polars reads its cells as they are to be read, without a strip);
    problems appended (NotUtf8 raised for a byte that is not UTF-8, anywhere in the
    file)."""
    why = not_regular(file)
    if why is not None:
        raise InputError([Problem(display_path(file), 1, 1, "", why)])
    count, long, odd, utf8, commas, plain = _shape(file)
    if not utf8:
        bad = first_bad_byte(file, "utf-8")
        assert bad is not None
        # polars would read the bytes "lossy" and go on: say so (the exact reader
        # reads a GBK file too).
        line, column, byte = bad
        raise NotUtf8(
            [
                problem(
                    file,
                    line,
                    column,
                    "",
                    Msg(
                        "the file is not UTF-8 (byte 0x{byte:02x}), and the fast engine reads "
                        "UTF-8 only; save it as UTF-8 (Excel/WPS: 另存为 CSV UTF-8), or use "
                        "--engine exact, which reads GBK/GB18030 too",
                        byte=byte,
                    ),
                )
            ]
        )
    if long:
        try:  # bytes are not characters: the exact reader decides, and names the line
            for _ in lines(file):
                pass
        except InputError as exc:
            problems.extend(exc.problems)
            return [], 0, False
    # (csvheader.checked_header, with the encoding the pass above has checked: it would
    # look for it in every byte of the file again, a tenth of a second at 1M rows)
    header, found = take_header(csv.reader(lines(file, UTF8), strict=True), file)
    if not found:
        if odd:
            found = structure_problems(file)
        elif commas != len(header) - 1:  # (else every line has the header's cells)
            found = _ragged(file, len(header))
    problems.extend(found)
    return header, count, plain


class Shape(NamedTuple):
    """What one pass over a CSV file's bytes tells."""

    lines: int
    long: bool  # whether some line may be over MAX_LINE_CHARS
    odd: bool  # whether any line holds the unit separator
    utf8: bool  # whether every byte is UTF-8
    commas: int | None  # the commas of every line, when no quote stands in the file
    # and every line has as many as the first; else None
    plain: bool  # no quote and no white space (as polars' strip_chars has it) in the file


def _shape(file: Path) -> Shape:
    """The file's `Shape`, in one pass over it.

    A line's length is not measured (splitting a chunk into its lines cost more than the
    rest of the pass): a line of MAX_LINE_CHARS bytes or more holds a whole block of
    `_BLOCK` bytes without a line end, so a file whose every block holds one has no
    long line, and a file with such a block is read line by line by the exact reader.
    Nor are a line's commas counted: with no quote in the file, the commas and line ends
    left of a chunk are compared with the header line's pattern repeated (a pass of
    polars over every line, to count their cells, cost three times as much).
    """
    count = 0
    long = odd = False
    utf8 = True
    carried = b""  # a character cut at the end of a chunk, read with the next
    last = b"\n"
    rows = _Rows()
    with open(file, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            if utf8:
                whole = carried + chunk
                cut = _last_whole(whole)
                utf8, carried = _is_utf8(whole[:cut]), whole[cut:]
            lines = rows.feed(chunk)
            count += chunk.count(b"\n") if lines is None else lines
            odd = odd or _NEVER.encode() in chunk
            # Whole blocks only: chunks are whole blocks, so a block never spans two.
            long = long or any(
                chunk.find(b"\n", at, at + _BLOCK) < 0
                for at in range(0, len(chunk) - _BLOCK + 1, _BLOCK)
            )
            last = chunk[-1:]
    utf8 = utf8 and _is_utf8(carried)  # (a character cut at the end of the file fails)
    ended = last == b"\n"
    lines = count + (0 if ended else 1)
    return Shape(lines, long, odd, utf8, rows.commas(ended), rows.plain)


# The UTF-8 of white space of more than a byte as polars' strip_chars reads it (Unicode
# White_Space: U+0085, U+00A0, U+1680, U+2000-U+200A, U+2028, U+2029, U+202F, U+205F,
# U+3000), by its first byte. U+2000-U+207F are all taken as white space (among them
# the curved quotes and dashes of Chinese text, whose cells are then stripped as
# before): their exact bytes would be 14 searches.
_WIDE = {
    0xC2: (b"\xc2\x85", b"\xc2\xa0"),
    0xE1: (b"\xe1\x9a\x80",),
    0xE2: (b"\xe2\x80", b"\xe2\x81"),
    0xE3: (b"\xe3\x80\x80",),
}
_NARROW = b' "\t\r\x0b\x0c'  # a quote and the ASCII white space but the line end
# What a file needs none of for polars to read its cells stripped already, empty ones null.
_LEADS = _NARROW + bytes(_WIDE)
_NOT_MARKS = bytes(b for b in range(256) if b not in b",\n" + _LEADS)


def _spaced(data: bytes, leads: bytes) -> bool:
    """Whether `data`, whose bytes of _LEADS are among `leads`, may hold a quote or white
    space. (A sequence of bytes is looked for only when its lead stands in `leads`: a
    search over a chunk for one costs about ten times one for a byte.)"""
    if any(b in leads for b in _NARROW):
        return True
    return any(seq in data for lead, seqs in _WIDE.items() if lead in leads for seq in seqs)


class _Rows:
    """Whether every line of a quote-free file has as many commas as the first, fed a
    chunk at a time: each chunk's commas and line ends, in order, must continue the
    pattern of the first line's commas and its end. And whether the file is `plain`:
    no quote or white space anywhere (then polars' reading of a cell needs no strip,
    and reads an empty one as null)."""

    def __init__(self) -> None:
        self.width: int | None = None  # commas of the first line
        self.first = b""  # the first line's marks, until its end is read
        self.pattern = b""
        self.at = 0  # where in the pattern the next delimiter stands
        self.regular = True
        self.plain = True
        self.fed = False
        self.tail = b""  # the last bytes fed (white space cut between two chunks)

    def feed(self, chunk: bytes) -> int | None:
        """Read a chunk; its line ends when the pattern told them (else None)."""
        self.fed = True
        if self.plain and _spaced(self.tail + chunk[:2], bytes(_WIDE)):  # (cut characters)
            self.plain = False
        self.tail = chunk[-2:]
        if not (self.regular or self.plain):
            return None
        # Commas, line ends and the bytes that may begin a quote or white space: mostly
        # commas and line ends alone, which the pattern's test reads at once.
        marks = chunk.translate(None, _NOT_MARKS)
        if self.width is not None and self.regular:
            ends = self._continued(marks)
            if ends is not None:
                return ends
        leads = marks.translate(None, b",\n")
        if leads:
            self.plain = self.plain and not _spaced(chunk, leads)
            self.regular = self.regular and b'"' not in leads
            marks = marks.translate(None, _LEADS)
        if not self.regular:
            return None
        if self.width is None:
            self.first += marks
            end = self.first.find(b"\n")
            if end < 0:
                # (a first line of more than a million cells is counted line by line)
                self.regular = len(self.first) < _BLOCK * 20
                return None
            self.width, marks = end, self.first
        ends = self._continued(marks)
        self.regular = ends is not None
        return ends

    def _continued(self, marks: bytes) -> int | None:
        """The line ends of `marks` when they continue the pattern (moving on past them),
        else None."""
        assert self.width is not None
        period = self.width + 1
        if len(self.pattern) < len(marks) + period:
            self.pattern = (b"," * self.width + b"\n") * (len(marks) // period + 2)
        if not self.pattern.startswith(marks, self.at):
            return None
        # The pattern's line ends stand at period - 1, 2 x period - 1, ...
        ends = (self.at + len(marks)) // period
        self.at = (self.at + len(marks)) % period
        return ends

    def commas(self, ended: bool) -> int | None:
        """The commas of every line (the last may lack its end), or None."""
        if not self.regular:
            return None
        if self.width is None:  # one line, without its end
            return len(self.first) if self.fed else None
        done = self.at == 0 if ended else self.at == self.width
        return self.width if done else None


def _last_whole(data: bytes) -> int:
    """Where the last, perhaps unfinished, character of `data` starts (len(data) when
    it ends in ASCII): a UTF-8 character is a lead byte and at most three continuation
    bytes (0x80-0xBF). With four continuation bytes at the end, nothing is cut (and the
    bytes are not UTF-8)."""
    for back in range(1, min(4, len(data)) + 1):
        byte = data[-back]
        if byte < 0x80:
            return len(data)
        if byte >= 0xC0:
            return len(data) - back
    return len(data)


def _is_utf8(data: bytes) -> bool:
    """Whether `data` is UTF-8, as Python's strict codec has it (checked by polars'
    cast of the bytes to text: a third of the time of decoding them in Python)."""
    try:
        pl.Series([data], dtype=pl.Binary).cast(pl.String, strict=True)
    except (pl.exceptions.ComputeError, pl.exceptions.InvalidOperationError):
        return False
    return True


def _ragged(file: Path, width: int) -> list[Problem]:
    """Rows whose cell count is not the header's, named at their lines.

    Each physical line is read whole; quoted cells are set aside before the commas
    are counted. A line with a quote left over (a cell running over lines, a quote
    inside an unquoted cell) is for the exact reader to judge, so the whole file's
    structure is then checked by it.
    """
    text = pl.col("text")
    rest = text.str.replace_all(_QUOTED, "").str.strip_chars("\r")
    odd = rest.str.contains('"', literal=True)
    blank = text.is_null() | ~text.str.contains(r"[^\s,]")
    cells = rest.str.count_matches(",", literal=True) + 1
    # Most lines hold no quote and the header's commas: they are set aside first, on a
    # count alone, so that the patterns above run on the few others (half the cost).
    plain = ~text.str.contains('"', literal=True) & (
        text.str.count_matches(",", literal=True) == width - 1
    )
    bad = (
        pl.scan_csv(
            file,
            has_header=False,
            separator=_NEVER,
            quote_char=None,
            infer_schema=False,
            new_columns=["text"],
            truncate_ragged_lines=True,
            encoding="utf8-lossy",
        )
        .with_row_index("line", offset=1)
        .filter(~plain.fill_null(False))
        .filter((pl.col("line") > 1) & ~blank & (odd | (cells != width)))
        .select("line", odd.alias("odd"), cells.alias("cells"))
        .head(MAX_PROBLEMS_PER_FILE + 1)
        # (the file's lines are never all in memory). Filters kept apart: pushed down,
        # polars merges the two into one predicate and runs the patterns on every line.
        .collect(engine="streaming", optimizations=pl.QueryOptFlags(predicate_pushdown=False))
    )
    if bad["odd"].any():
        return structure_problems(file)
    return [
        cells_problem(file, line, n, width, line)
        for line, n in zip(bad["line"].to_list(), bad["cells"].to_list(), strict=True)
    ][:MAX_PROBLEMS_PER_FILE]
