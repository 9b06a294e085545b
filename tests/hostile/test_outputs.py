"""Output paths and standard output, run as a user runs them: in a child process.

Each case ends with its exit code and message, no traceback, in bounded memory
(a run that never ends is killed by bounded.py's hang guard), and never harms a
file it was not asked to write.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest
from tests.conftest import DATA, INDICATORS
from tests.hostile.bounded import HANG_GUARD, assert_clean, hrkpi_command, run

# The table as the default language writes it (run() asks for English messages).
CHINESE = {"HRKPI_LANG": "zh"}


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the bundled report to work in (outputs go beside it)."""
    shutil.copytree(INDICATORS, tmp_path / "indicators")
    shutil.copytree(DATA, tmp_path / "data")
    return tmp_path


def test_trailing_slash_with_the_folder_missing(project: Path) -> None:
    ran = run(["export", "-o", "newdir/"], cwd=project)
    assert_clean(ran, 2, "newdir/: a name ending in a slash is a folder")
    assert not (project / "newdir").exists()


def test_the_commands_own_input(project: Path) -> None:
    source = project / "data" / "2020H1_xiamen.yaml"
    before, listed = source.read_bytes(), _listing(project / "data")
    args = ["-i", "indicators", "-d", "data", "-f", "csv"]
    ran = run(["export", *args, "-o", "data/2020H1_xiamen.yaml"], cwd=project)
    assert_clean(ran, 2, "it is an input of this command and would be overwritten")
    ran = run(["export", *args, "-o", "data/table.csv"], cwd=project)
    assert_clean(ran, 2, "it lies in the input folder data, so the next run would read it")
    ran = run(
        ["check", "-i", "indicators", "-d", "data", "--junit", "indicators/x.yaml"], cwd=project
    )
    assert_clean(ran, 2, "it lies in the input folder indicators")
    assert source.read_bytes() == before
    assert _listing(project / "data") == listed


@pytest.mark.parametrize("where", ["/proc/hrkpi.csv", "/sys/hrkpi.csv", "/proc/1/environ"])
def test_kernel_trees(where: str) -> None:
    ran = run(["export", "-f", "csv", "-o", where])
    assert_clean(ran, 2, "where the kernel's settings live, not files")


def test_names_too_long_for_the_file_system(project: Path) -> None:
    legal = "a" * 250 + ".csv"  # the temporary name would be longer than 255 bytes
    ran = run(["export", "-o", legal], cwd=project, env=CHINESE)
    assert ran.code == 0, ran.stderr
    assert (project / legal).read_text(encoding="utf-8").startswith("序号,")
    ran = run(["export", "-o", "a" * 252 + ".csv"], cwd=project)
    assert_clean(ran, 2, "the file name is 256 bytes long and this file system holds at most 255")
    ran = run(["check", "--junit", "j" * 252 + ".xml"], cwd=project)
    assert_clean(ran, 2, "the file name is 256 bytes long")


def test_write_through_a_symbolic_link(project: Path) -> None:
    (project / "out").mkdir()
    (project / "out" / "table.csv").write_text("old", encoding="utf-8")
    (project / "latest.csv").symlink_to(Path("out") / "table.csv")
    ran = run(["export", "-o", "latest.csv"], cwd=project, env=CHINESE)
    assert ran.code == 0, ran.stderr
    assert (project / "latest.csv").is_symlink()
    assert (project / "out" / "table.csv").read_text(encoding="utf-8").startswith("序号,")
    assert _listing(project / "out") == ["table.csv"]


def test_straight_into_a_fifo_a_device_and_stdout(project: Path) -> None:
    fifo = project / "fifo"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    ran = run(["export", "-f", "csv", "-o", "fifo"], cwd=project)
    reader.join(30)
    assert ran.code == 0, ran.stderr
    assert got and got[0].startswith(b"No.,")  # English, as run() asks
    assert run(["export", "-f", "csv", "-o", "/dev/null"], cwd=project).code == 0
    for target in ("-", "/dev/stdout"):
        ran = run(["export", "-f", "markdown", "-o", target], cwd=project)
        assert ran.code == 0, ran.stderr
        assert "| No. |" in ran.stdout.decode("utf-8")
        assert "wrote standard output" in ran.stderr or "wrote /dev/stdout" in ran.stderr
    ran = run(["export", "-o", "-"], cwd=project)
    assert_clean(ran, 2, "cannot tell the format of standard output (-)")
    assert _listing(project) == ["data", "fifo", "indicators"]


def _limit_file_size() -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("t.csv", ""),  # the file itself outgrows the limit
        ("t.xlsx", " while assembling the file"),  # openpyxl's own temporary files do
    ],
)
def test_file_too_large_keeps_the_old_file(project: Path, name: str, words: str) -> None:
    old = project / name
    old.write_bytes(b"the old table")
    proc = subprocess.run(
        hrkpi_command(["export", "-o", name]),
        cwd=project,
        capture_output=True,
        text=True,
        preexec_fn=_limit_file_size,  # the bundled report's table is 9 kB as CSV, 20 kB as xlsx
        timeout=HANG_GUARD,
        env={**os.environ, "NO_COLOR": "1", "HRKPI_LANG": "en"},
    )
    assert proc.returncode == 2, proc.stderr
    expected = f"cannot write {name}: the file is larger than the file system or the file size"
    assert expected in proc.stderr and words in proc.stderr
    assert "Traceback" not in proc.stderr
    assert old.read_bytes() == b"the old table"
    assert _listing(project) == ["data", "indicators", name]


def test_a_figure_excel_cannot_show(project: Path) -> None:
    data = project / "data" / "2020H1_xiamen.yaml"
    text = data.read_text(encoding="utf-8")
    assert "value: 4.22\n" in text
    # 32 decimals: within the 40 digits a stated figure may have, past Excel's 30.
    data.write_text(text.replace("value: 4.22\n", f"value: 4.22{'0' * 30}\n", 1), "utf-8")
    old = project / "t.xlsx"
    old.write_bytes(b"the old table")
    ran = run(["export", "-i", "indicators", "-d", "data", "-o", "t.xlsx"], cwd=project)
    assert_clean(ran, 2, "has 32 decimals and Excel shows at most 30")
    assert old.read_bytes() == b"the old table"
    assert _listing(project) == ["data", "indicators", "t.xlsx"]


READ_ONLY = """
import os, sys
import hrkpi
from hrkpi.output.files import export_report
import hrkpi.output.text, hrkpi.output.atomic, hrkpi.output.outpath  # before losing /root
report = hrkpi.compute()
if os.geteuid() == 0:  # root may write anywhere: become nobody, as a user is
    os.setgid(65534)
    os.setuid(65534)
try:
    export_report(report, sys.argv[1] + "/t.csv")
except hrkpi.ExportError as exc:
    print(exc)
    sys.exit(2)
"""


def test_a_folder_without_write_permission() -> None:
    # Outside pytest's own temporary folder, which only root may enter.
    with tempfile.TemporaryDirectory() as top:
        os.chmod(top, 0o755)
        folder = Path(top) / "ro"
        folder.mkdir(mode=0o555)
        folder.chmod(0o555)
        done = subprocess.run(
            [sys.executable, "-c", READ_ONLY, str(folder)],
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "HRKPI_LANG": "en"},
        )
        assert done.returncode == 2, done.stdout + done.stderr
        assert "t.csv: no permission to create files in that folder" in done.stdout
        assert _listing(folder) == []


def test_stdout_full() -> None:
    with open("/dev/full", "wb") as full:
        ran = run(["compute"], stdout_fd=full.fileno())
    assert_clean(ran, 2, "cannot write to standard output: No space left on device")


def test_stdout_closed() -> None:
    ran = run([], command=["sh", "-c", 'exec "$@" >&-', "sh", *hrkpi_command(["compute"])])
    assert_clean(ran, 2, "cannot write to standard output: Bad file descriptor")
    assert "standard output closed?" in ran.stderr
    # A command that writes nothing to stdout does not care that it is closed.
    ran = run([], command=["sh", "-c", 'exec "$@" >&-', "sh", *hrkpi_command(["validate"])])
    assert ran.code == 2 and "Traceback" not in ran.stderr  # validate prints "ok: ..."


def _long_data(folder: Path, rows: int) -> tuple[Path, Path]:
    ind = folder / "indicators" / "a.yaml"
    ind.parent.mkdir(parents=True)
    ind.write_text(
        "indicators:\n  - id: jobs\n    name: 再就业\n    unit: 人\n    measure: flow\n"
        '    target: "40000"\n',
        encoding="utf-8",
    )
    data = folder / "data" / "d.csv"
    data.parent.mkdir()
    lines = ["indicator,region,period,value"]
    lines += [
        f"jobs,区{i % 500},{2000 + i // 6000}-{1 + i // 500 % 12:02d},{i}" for i in range(rows)
    ]
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return ind.parent, data.parent


def test_a_reader_that_stops_early(tmp_path: Path) -> None:
    ind, data = _long_data(tmp_path, 60_000)
    proc = subprocess.Popen(
        hrkpi_command(["compute", "-i", str(ind), "-d", str(data), "--series"]),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "NO_COLOR": "1", "HRKPI_LANG": "en"},
    )
    assert proc.stdout is not None and proc.stderr is not None
    head = proc.stdout.read(10)  # as `| head -c 10`
    proc.stdout.close()
    err = proc.stderr.read().decode("utf-8", "replace")
    code = proc.wait(120)
    assert len(head) == 10
    assert code == 141, err  # 128 + SIGPIPE, as a shell shows it; pipefail sees it
    assert err == ""  # quietly
