"""The fast reader's pass over a CSV's bytes (hrkpi.fast.csvcheck): line count, UTF-8,
and whether a line may be over the limit, without splitting the file into lines."""

from __future__ import annotations

from pathlib import Path
from unittest.mock import patch

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hrkpi.core.limits import MAX_LINE_CHARS
from hrkpi.fast import csvcheck
from hrkpi.fast.csvcheck import _CHUNK, _shape

ROW = "jobs,甲,2021-06,1\n".encode()


def _file(tmp_path: Path, body: bytes) -> Path:
    path = tmp_path / "d.csv"
    path.write_bytes(b"indicator,region,period,value\n" + body)
    return path


def test_short_lines_are_counted_and_none_is_long(tmp_path: Path) -> None:
    n = _CHUNK // len(ROW) * 2 + 7  # past two chunks
    assert _shape(_file(tmp_path, ROW * n)) == (n + 1, False, False, True, 3, True)


def test_a_last_line_without_its_end_is_counted(tmp_path: Path) -> None:
    assert _shape(_file(tmp_path, ROW * 3 + ROW[:-1])) == (5, False, False, True, 3, True)


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


# (no deadline: a loaded machine took 300 ms over a case that takes 1 ms, and failed
# a whole CI run; speed is measured in benchmarks/, never asserted in a test)
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(
    st.lists(
        st.one_of(st.text(max_size=6).map(str.encode), st.binary(max_size=3)),
        max_size=12,
    )
)
def test_utf8_is_told_as_python_decodes(tmp_path: Path, parts: list[bytes]) -> None:
    # Chunks of 8 bytes: characters cut at every place a chunk may end.
    data = b"".join(parts)
    file = _file(tmp_path, data)
    try:
        data.decode("utf-8")
        expected = True
    except UnicodeDecodeError:
        expected = False
    with patch.object(csvcheck, "_CHUNK", 8), patch.object(csvcheck, "_BLOCK", 4):
        assert _shape(file)[3] is expected


@pytest.mark.parametrize(
    ("body", "commas"),
    [
        (ROW * 3, 3),
        (ROW * 3 + ROW[:-1], 3),  # the last line without its end
        (ROW.replace(b"\n", b"\r\n") * 2, 3),
        (ROW + b"jobs,,2021-06,1,\n" + ROW, None),  # a cell too many
        (ROW + b"jobs,2021-06,1\n", None),  # one too few
        (ROW * 2 + b"jobs,2021", None),  # the last line short, no end
        (ROW + b"\n" + ROW, None),  # a blank line
        (ROW + b'"jobs",\xe7\x94\xb2,2021-06,1\n', None),  # a quote: counted line by line
    ],
)
def test_rows_with_the_header_s_commas_are_told(
    tmp_path: Path, body: bytes, commas: int | None
) -> None:
    assert _shape(_file(tmp_path, body)).commas == commas
    with patch.object(csvcheck, "_CHUNK", 8), patch.object(csvcheck, "_BLOCK", 4):
        assert _shape(_file(tmp_path, body)).commas == commas  # cut at every place


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=5), min_size=1, max_size=8), st.booleans())
def test_commas_are_those_of_every_line(tmp_path: Path, widths: list[int], ended: bool) -> None:
    lines = [b"x," * w + b"y" for w in widths]
    data = b"\n".join(lines) + (b"\n" if ended else b"")
    path = tmp_path / "d.csv"
    path.write_bytes(data)
    same = all(w == widths[0] for w in widths)
    with patch.object(csvcheck, "_CHUNK", 8), patch.object(csvcheck, "_BLOCK", 4):
        assert _shape(path).commas == (widths[0] if same else None)


# Every character polars' strip_chars strips, found by polars itself (not from the list
# csvcheck keeps): 25 of the 1,112,064 code points.
_CODES = [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]
_STRIPPED = [
    c
    for c, v in zip(_CODES, pl.Series([c + "x" for c in _CODES]).str.strip_chars(), strict=True)
    if v == "x"
]


@pytest.mark.parametrize("space", [c for c in _STRIPPED if c != "\n"] + ['"'])
@pytest.mark.parametrize("chunk", [None, 8])
def test_a_file_with_white_space_or_a_quote_is_not_plain(
    tmp_path: Path, space: str, chunk: int | None
) -> None:
    # At the start of a cell, at its end, and inside it; in chunks of 8 bytes, cut at
    # every place the character may stand.
    for at in range(8):
        row = "jobs,甲,2021-06,1\n".encode()
        cell = ["1" + space, space + "1", "1" + space + "2"][at % 3].encode()
        body = b"x" * at + b"\n" + ROW + row.replace(b",1\n", b"," + cell + b"\n") + ROW
        file = _file(tmp_path, body)
        if chunk is None:
            assert not _shape(file).plain
        else:
            with patch.object(csvcheck, "_CHUNK", chunk), patch.object(csvcheck, "_BLOCK", 4):
                assert not _shape(file).plain


def test_a_file_without_is_plain(tmp_path: Path) -> None:
    # Chinese text and its full stop (U+3002, whose first byte is U+3000's) are plain; a
    # dash (U+2014) is taken as maybe white space: such a file is stripped as before.
    assert _shape(_file(tmp_path, ROW * 3 + "jobs,乙,2021-06,\n".encode())).plain
    assert _shape(_file(tmp_path, ROW + "jobs,乙。,2021-06,1\n".encode())).plain
    assert not _shape(_file(tmp_path, ROW + "jobs,乙—丙,2021-06,1\n".encode())).plain


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(
    st.lists(
        st.text(alphabet=st.sampled_from([",", "\n", '"', " ", "x", "甲", "\u3000", "\u2014"])),
        max_size=6,
    )
)
def test_lines_are_counted_and_plain_told_wherever_chunks_end(
    tmp_path: Path, parts: list[str]
) -> None:
    text = "".join(parts)
    data = text.encode()
    path = tmp_path / "d.csv"
    path.write_bytes(data)
    lines = data.count(b"\n") + (1 if data and not data.endswith(b"\n") else 0)
    spaced = any(c in text for c in (*_STRIPPED, '"') if c != "\n")
    for chunk, block in ((8, 4), (16, 8), (_CHUNK, csvcheck._BLOCK)):
        with patch.object(csvcheck, "_CHUNK", chunk), patch.object(csvcheck, "_BLOCK", block):
            shape = _shape(path)
        assert shape.lines == lines
        # (a curved quote or a dash, U+2000-U+207F, is taken as white space)
        assert shape.plain is not (spaced or "\u2014" in text)


def test_a_plain_file_s_cells_are_read_as_a_stripped_file_s(tmp_path: Path) -> None:
    # The same rows, one file plain (read without a strip), one with spaces around every
    # cell and a blank cell (stripped, as before): the same text cells, empty ones null.
    from hrkpi.fast.frame import scan_files

    rows = [["jobs", "甲", "2021-06", "1", ""], ["jobs", "乙", "2021-06", "", "2.5"]]
    header = "indicator,region,period,value,completion\n"
    plain = tmp_path / "plain.csv"
    plain.write_text(header + "".join(",".join(r) + "\n" for r in rows), encoding="utf-8")
    spaced = tmp_path / "spaced.csv"
    spaced.write_text(
        header + "".join(",".join(f" {c}\u3000" for c in r) + "\n" for r in rows),
        encoding="utf-8",
    )
    assert _shape(plain).plain
    assert not _shape(spaced).plain
    (read,), _ = scan_files([plain])
    (stripped,), _ = scan_files([spaced])
    got = read[0].drop("file_no").collect()
    assert got.equals(stripped[0].drop("file_no").collect())
    assert got.select("value", "completion").rows() == [("1", None), (None, "2.5")]
