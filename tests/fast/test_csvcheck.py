"""The fast reader's pass over a CSV's bytes (hrkpi.fast.csvcheck): line count, UTF-8,
and whether a line may be over the limit, without splitting the file into lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from hrkpi.core.limits import MAX_LINE_CHARS
from hrkpi.fast.csvcheck import _CHUNK, _shape

ROW = "jobs,甲,2021-06,1\n".encode()


def _file(tmp_path: Path, body: bytes) -> Path:
    path = tmp_path / "d.csv"
    path.write_bytes(b"indicator,region,period,value\n" + body)
    return path


def test_short_lines_are_counted_and_none_is_long(tmp_path: Path) -> None:
    n = _CHUNK // len(ROW) * 2 + 7  # past two chunks
    assert _shape(_file(tmp_path, ROW * n)) == (n + 1, False, False, True)


def test_a_last_line_without_its_end_is_counted(tmp_path: Path) -> None:
    assert _shape(_file(tmp_path, ROW * 3 + ROW[:-1])) == (5, False, False, True)


@pytest.mark.parametrize("before", [0, _CHUNK - 50_000, _CHUNK - 1])
def test_a_line_over_the_limit_is_seen_wherever_it_stands(tmp_path: Path, before: int) -> None:
    # Placed across the boundary of two chunks, or at the start: still seen.
    pad = ROW * (before // len(ROW))
    long = b"jobs," + b"x" * MAX_LINE_CHARS + b",2021-06,1\n"
    assert _shape(_file(tmp_path, pad + long + ROW))[1]
    assert _shape(_file(tmp_path, pad + long.rstrip(b"\n")))[1]  # the last line, no end


def test_the_unit_separator_and_a_bad_byte_are_seen(tmp_path: Path) -> None:
    assert _shape(_file(tmp_path, ROW + b"jobs,\x1f,2021-06,1\n"))[2]
    assert not _shape(_file(tmp_path, ROW * 2 + "甲".encode("gbk") + b"\n"))[3]
    assert not _shape(_file(tmp_path, ROW + "甲".encode()[:2]))[3]  # cut at the end
