"""What an output path names: refused, written atomically, followed or written straight."""

from __future__ import annotations

import errno
import os
import threading
from pathlib import Path
from typing import Any

import pytest

import hrkpi.output.atomic as atomic
from hrkpi.core.errors import ExportError
from hrkpi.engine.report import Report
from hrkpi.output.atomic import sweep, write_bytes_atomic
from hrkpi.output.files import export_report
from hrkpi.output.outpath import Kind, check_target


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_trailing_slash_names_a_folder_even_when_missing(tmp_path: Path) -> None:
    os.chdir(tmp_path)
    with pytest.raises(ExportError, match="a name ending in a slash is a folder"):
        write_bytes_atomic("newdir/", b"x")
    assert _listing(tmp_path) == []  # no file named newdir


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="it is a folder"):
        write_bytes_atomic(tmp_path, b"x")
    with pytest.raises(ExportError, match="it is a folder"):
        write_bytes_atomic(str(tmp_path / "."), b"x")


@pytest.mark.parametrize("where", ["/proc/hrkpi-test.csv", "/sys/kernel/hrkpi.csv", "/proc/1/x"])
def test_kernel_trees_are_refused(where: str) -> None:
    with pytest.raises(ExportError, match="where the kernel's settings live"):
        check_target(where)


def test_a_symbolic_link_is_written_through(tmp_path: Path) -> None:
    real = tmp_path / "real" / "table.csv"
    real.parent.mkdir()
    real.write_text("old", encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "link.csv"
    link.symlink_to(Path("real") / "table.csv")  # relative, as ln -s makes them
    chain = tmp_path / "chain.csv"
    chain.symlink_to(link)
    assert write_bytes_atomic(chain, b"new") == real
    assert chain.is_symlink() and link.is_symlink()  # the links stay links
    assert real.read_bytes() == b"new"
    assert real.stat().st_mode & 0o777 == 0o640  # the file keeps its permissions
    assert _listing(real.parent) == ["table.csv"]  # the temporary file was beside it


def test_a_dangling_link_creates_its_target(tmp_path: Path) -> None:
    link = tmp_path / "out.csv"
    link.symlink_to(tmp_path / "made.csv")
    write_bytes_atomic(link, b"x")
    assert link.is_symlink() and (tmp_path / "made.csv").read_bytes() == b"x"


def test_a_loop_of_links_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    with pytest.raises(ExportError, match="too many symbolic links"):
        write_bytes_atomic(tmp_path / "a", b"x")


def test_a_fifo_is_written_straight(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    assert check_target(fifo).kind is Kind.STREAM
    write_bytes_atomic(fifo, b"through the pipe")
    reader.join(10)
    assert got == [b"through the pipe"]
    assert _listing(tmp_path) == ["pipe"]  # still the FIFO, no temporary file


def test_a_character_device_is_written_straight() -> None:
    assert check_target("/dev/null").kind is Kind.STREAM
    write_bytes_atomic("/dev/null", b"x")
    with pytest.raises(ExportError, match=r"cannot write /dev/full: the disk is full"):
        write_bytes_atomic("/dev/full", b"x" * 100_000)


def test_dash_and_dev_stdout_are_this_process_stdout(capfd: pytest.CaptureFixture[str]) -> None:
    write_bytes_atomic("-", b"one ")
    write_bytes_atomic("/dev/stdout", b"two ")
    write_bytes_atomic("/dev/fd/1", b"three")
    assert capfd.readouterr().out == "one two three"
    assert check_target("/dev/stdout").kind is Kind.DESCRIPTOR


def test_names_the_file_system_cannot_hold(tmp_path: Path) -> None:
    longest = "a" * 250 + ".csv"  # 254 bytes: legal, though its temporary name would not be
    write_bytes_atomic(tmp_path / longest, b"x")
    assert _listing(tmp_path) == [longest]
    with pytest.raises(ExportError, match=r"the file name is 256 bytes long .* at most 255"):
        write_bytes_atomic(tmp_path / ("b" * 252 + ".csv"), b"x")
    with pytest.raises(ExportError, match="the file name is 256 bytes long"):
        write_bytes_atomic(tmp_path / ("表" * 84 + ".csv"), b"x")  # 3 bytes a character
    assert _listing(tmp_path) == [longest]


def test_the_named_fallback_fits_a_long_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(atomic, "USE_TMPFILE", False)
    seen: list[str] = []
    real_open = os.open

    def spy(path: Any, *args: Any, **kwargs: Any) -> int:
        seen.append(os.fspath(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", spy)
    name = "表" * 83 + ".csv"  # 253 bytes
    write_bytes_atomic(tmp_path / name, b"x")
    temp = Path(next(p for p in seen if p.endswith(".tmp")))
    assert len(os.fsencode(temp.name)) <= 255 and temp.name.startswith(".表")
    assert _listing(tmp_path) == [name]


def test_inputs_are_never_overwritten(bundled: Report, tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    source = data / "d.csv"
    source.write_text("indicator,value\n", encoding="utf-8")
    with pytest.raises(ExportError, match="it is an input of this command"):
        export_report(bundled, source, inputs=[source])
    with pytest.raises(ExportError, match="it lies in the input folder"):
        export_report(bundled, data / "new.yaml", "json", inputs=[data])
    link = tmp_path / "alias.csv"
    link.symlink_to(source)
    with pytest.raises(ExportError, match="it is an input of this command"):
        export_report(bundled, link, inputs=[data])
    export_report(bundled, data / "table.xlsx", inputs=[data])  # not a file the loader reads
    assert source.read_text(encoding="utf-8") == "indicator,value\n"


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (errno.ENOSPC, "the disk is full"),
        (errno.EFBIG, "the file is larger than the file system or the file size limit allows"),
        (errno.EDQUOT, "the disk quota is used up"),
        (errno.EROFS, "the file system is read-only"),
    ],
)
def test_disk_errors_name_the_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, words: str
) -> None:
    target = tmp_path / "t.csv"
    target.write_bytes(b"old")

    def fail(fd: int) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(ExportError, match=f"cannot write .*t.csv: {words}; nothing was written"):
        write_bytes_atomic(target, b"new")
    assert target.read_bytes() == b"old" and _listing(tmp_path) == ["t.csv"]


def test_a_killed_writers_named_temp_is_swept(tmp_path: Path) -> None:
    dead = 2**22 + 12345  # above Linux's pid_max default: no process has it
    host = atomic._HOST
    stale = tmp_path / f".t.csv.hrkpi-{host}-{dead}-0123abcd.tmp"
    live = tmp_path / f".t.csv.hrkpi-{host}-{os.getpid()}-0123abcd.tmp"
    other_host = tmp_path / f".t.csv.hrkpi-ffffff-{dead}-0123abcd.tmp"
    other_host = other_host if host != "ffffff" else tmp_path / f".t.hrkpi-000000-{dead}-1.tmp"
    for p in (stale, live, other_host):
        p.write_bytes(b"half")
    assert sweep(tmp_path) == [stale]
    assert _listing(tmp_path) == sorted([live.name, other_host.name])
