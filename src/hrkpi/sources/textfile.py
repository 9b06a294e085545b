"""Opening input files as text: regular files only, UTF-8 (or GBK for a table), bounded lines.

A FIFO or a device (/dev/zero) given as a data file would block or never end:
it is refused by what it is, before it is opened. A file that is not UTF-8 is
refused at the line and column of its first bad byte. CSV lines are read one
at a time, each at most MAX_LINE_CHARS, so a file with one 100 MB line (or
none at all) costs a bounded amount of memory.
"""

from __future__ import annotations

import codecs
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from hrkpi.core.errors import InputError, Problem, os_reason, problem
from hrkpi.core.limits import MAX_LINE_CHARS
from hrkpi.core.messages import Msg, doc_page

_CHUNK = 1 << 24  # 16 MB at a time


NO_SUCH_FILE = Msg("no such file or folder; check the path")


def not_regular(path: Path) -> Msg | None:
    """Why `path` cannot be read as an input file (missing, a folder, a FIFO ...), or None."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return NO_SUCH_FILE
    except OSError as exc:
        return Msg("cannot read it: {why}", why=os_reason(exc))
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return Msg("this is a folder, not a file")
    what = {
        stat.S_ISFIFO(mode): Msg("a named pipe (FIFO)"),
        stat.S_ISCHR(mode): Msg("a character device"),
        stat.S_ISBLK(mode): Msg("a block device"),
        stat.S_ISSOCK(mode): Msg("a socket"),
    }.get(True, Msg("not a regular file"))
    return Msg(
        "this is {what}, not a regular file; save the input to a file and give its path",
        what=what,
    )


def _refuse_irregular(path: Path) -> None:
    why = not_regular(path)
    if why is not None:
        raise InputError([problem(path, 1, 1, "", why)])


def read_text(path: Path, limit: int | None = None) -> str:
    """A whole file as UTF-8 text (a BOM is allowed), at most `limit` bytes."""
    _refuse_irregular(path)
    try:
        with open(path, "rb") as fh:
            raw = fh.read() if limit is None else fh.read(limit + 1)
    except OSError as exc:
        raise InputError([cannot_read(path, exc)]) from None
    if limit is not None and len(raw) > limit:
        raise InputError([problem(path, 1, 1, "", _too_big(limit))])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError([_bad_byte(path, line, column, raw[exc.start])]) from None


def cannot_read(path: Path, exc: OSError) -> Problem:
    """A file the operating system would not read, with its reason."""
    return problem(path, 1, 1, "", Msg("cannot read the file: {why}", why=os_reason(exc)))


def _too_big(limit: int) -> Msg:
    return Msg(
        "the file is larger than {limit:,} bytes (limit MAX_YAML_BYTES); a YAML file holds "
        "one report: put large data in long-format CSV or Parquet (see {doc})",
        limit=limit,
        doc=doc_page("scale.md"),
    )


def _bad_byte(path: Path, line: int, column: int, byte: int) -> Problem:
    if path.suffix.lower() == ".csv":
        said = Msg(
            "the file is not UTF-8 (byte 0x{byte:02x}); save it as UTF-8 "
            "(Excel/WPS: 另存为 CSV UTF-8; an editor: encoding UTF-8)",
            byte=byte,
        )
    elif first_bad_byte(path, GB18030) is None:
        # A YAML file saved by Notepad or WPS on a Chinese Windows: GBK, not a CSV.
        said = Msg(
            "the file is GBK-encoded (byte 0x{byte:02x}), hrkpi reads {kind} files in UTF-8: "
            "save it as UTF-8 in the editor (另存为, 编码: UTF-8)",
            byte=byte,
            kind=path.suffix.lower().lstrip(".").upper() or "text",
        )
    else:
        said = Msg(
            "the file is not UTF-8 (byte 0x{byte:02x}); save it as UTF-8 in the editor "
            "(另存为, 编码: UTF-8)",
            byte=byte,
        )
    return problem(path, line, column, "", said)


def not_utf8(path: Path) -> Problem | None:
    """The first byte that is not UTF-8, located, or None (read in chunks)."""
    bad = first_bad_byte(path, "utf-8")
    return _bad_byte(path, *bad) if bad is not None else None


def first_bad_byte(path: Path, encoding: str) -> tuple[int, int, int] | None:
    """(line, column, byte) of the first byte `encoding` cannot decode, or None
    (read in chunks, so a large file costs a chunk of memory)."""
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    line, offset = 1, 0
    with open(path, "rb") as fh:
        while True:
            chunk = fh.read(_CHUNK)
            try:
                decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as exc:
                before = chunk[: exc.start]
                line += before.count(b"\n")
                newline = before.rfind(b"\n")
                # Within this chunk's line, or continuing the line the last chunk began.
                column = exc.start - newline if newline >= 0 else offset + exc.start + 1
                return line, column, chunk[exc.start] if exc.start < len(chunk) else 0
            if not chunk:
                return None
            line += chunk.count(b"\n")
            newline = chunk.rfind(b"\n")
            offset = len(chunk) - (newline + 1) if newline >= 0 else offset + len(chunk)


UTF8 = "utf-8-sig"
GB18030 = "gb18030"  # contains GBK and GB2312


def table_encoding(path: Path) -> str:
    """UTF-8, or GB18030 for a GBK file as Excel and WPS save "CSV (逗号分隔)" on a
    Chinese Windows; InputError at the first bad byte when it is neither."""
    _refuse_irregular(path)
    bad = first_bad_byte(path, "utf-8")
    if bad is None:
        return UTF8
    if first_bad_byte(path, GB18030) is None:
        return GB18030
    line, column, byte = bad
    raise InputError(
        [
            problem(
                path,
                line,
                column,
                "",
                Msg(
                    "the file is neither UTF-8 nor GBK/GB18030 (byte 0x{byte:02x}); "
                    "save it as CSV UTF-8 (Excel/WPS: 另存为 CSV UTF-8)",
                    byte=byte,
                ),
            )
        ]
    )


def lines(path: Path, encoding: str = UTF8) -> Iterator[str]:
    """The lines of a text file, line ends kept, each at most MAX_LINE_CHARS.

    Raises InputError at the first line that is longer, or at the first byte that
    `encoding` cannot read, without reading the rest.
    """
    _refuse_irregular(path)
    try:
        fh = open(path, encoding=encoding, newline="")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise InputError([cannot_read(path, exc)]) from None
    number = 0
    with fh:
        while True:
            try:
                line = fh.readline(MAX_LINE_CHARS + 1)
            except UnicodeDecodeError:
                bad = first_bad_byte(path, encoding)
                at = bad[:2] if bad else (number + 1, 1)
                said = Msg("the file is not {encoding}", encoding=encoding)
                raise InputError([problem(path, *at, "", said)]) from None
            if not line:
                return
            number += 1
            if len(line) > MAX_LINE_CHARS and line[-1] not in "\r\n":
                raise InputError([long_line(path, number)])
            yield line


def long_line(path: Path, number: int) -> Problem:
    """A line over the limit, located."""
    return problem(
        path,
        number,
        1,
        "",
        Msg(
            "this line is longer than {limit:,} characters (limit MAX_LINE_CHARS); "
            "no row of a report needs that many: check that the file is CSV with one row "
            "per line",
            limit=MAX_LINE_CHARS,
        ),
    )
