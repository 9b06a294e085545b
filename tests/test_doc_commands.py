"""Every hrkpi command the README and the guides show runs as written.

The commands are read from the ```sh blocks of README.md, docs/*.md (but cli*.md,
scan.md, performance.md and hostile.md, kept by their own tests; the last two show
benchmarks, not hrkpi commands) and the regional example's
README, and run by a shell from a folder laid out as a clean clone (indicators/,
data/, examples/, and the README's draft/: the bundled data with one misstated
completion rate). `hrkpi` is this checkout's (`python -m hrkpi`). Where a command is
followed by the text it prints, every line of that text is in its output.
Installing (`python3.11 -m venv ...`, `pip install`) is the quick start, run by
.ci/run itself; placeholders (`my/...`), synopses (`[--parent ...]`) and other
programs (chromium) are not run.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from tests.conftest import ROOT

OWNED_ELSEWHERE = {"cli.md", "cli.en.md", "scan.md", "performance.md", "hostile.md"}
DOCS = [
    ROOT / "README.md",
    *(p for p in sorted((ROOT / "docs").glob("*.md")) if p.name not in OWNED_ELSEWHERE),
    ROOT / "examples" / "regional" / "README.md",
]
BLOCK = re.compile(r"```(sh|text)\n(.*?)```", re.S)
NOT_RUN = re.compile(r"^(python3\.11 -m venv|pip install|\. \.venv|\.venv\\|chromium|\s)|my/|\[-")


@dataclass(frozen=True)
class Shown:
    """A block of commands as a document shows it, and the lines it says they print."""

    doc: str
    commands: tuple[str, ...]
    prints: tuple[str, ...] = ()

    def __str__(self) -> str:
        return f"{self.doc}: {' && '.join(self.commands)}"


def _commands() -> list[Shown]:
    found: list[Shown] = []
    seen: set[str] = set()  # a command two documents show runs once (the suite's time)
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        blocks = list(BLOCK.finditer(text))
        for n, block in enumerate(blocks):
            if block.group(1) != "sh":
                continue
            lines = [line.split("  #")[0].rstrip() for line in block.group(2).splitlines()]
            lines = [line for line in lines if line and not NOT_RUN.search(line)]
            if not any(line.startswith("cd ") for line in lines):
                lines = [line for line in lines if " ".join(line.split()) not in seen]
                seen.update(" ".join(line.split()) for line in lines)
            if not lines:
                continue
            prints: tuple[str, ...] = ()
            after = blocks[n + 1] if n + 1 < len(blocks) else None
            right_after = after is not None and not text[block.end() : after.start()].strip()
            if after is not None and right_after and after.group(1) == "text" and len(lines) == 1:
                prints = tuple(
                    line.strip()
                    for line in after.group(2).splitlines()
                    if line.strip() and line.strip() != "..."
                )
            found.append(Shown(doc.relative_to(ROOT).as_posix(), tuple(lines), prints))
    return found


COMMANDS = _commands()


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder as a clean clone has it, with `hrkpi` (and .venv/bin/hrkpi) on the PATH."""
    root = tmp_path_factory.mktemp("clone")
    for name in ("indicators", "data", "examples"):
        shutil.copytree(ROOT / name, root / name)
    draft = root / "draft"
    shutil.copytree(ROOT / "data", draft)
    report = draft / "2020H1_xiamen.yaml"
    text = report.read_text(encoding="utf-8")
    assert text.splitlines()[11] == "    completion: 105.5"  # the README's line 12
    report.write_text(text.replace("completion: 105.5", "completion: 107.5", 1), "utf-8")
    for folder in (root / "bin", root / ".venv" / "bin"):
        folder.mkdir(parents=True)
        shim = folder / "hrkpi"
        shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m hrkpi "$@"\n', encoding="utf-8")
        shim.chmod(0o755)
    return root


def test_the_documents_show_commands() -> None:
    docs = {c.doc for c in COMMANDS}
    assert {"README.md", "docs/regional.md", "docs/check.md", "docs/export.md"} <= docs
    assert sum(len(c.commands) for c in COMMANDS) > 30
    assert len({c.doc for c in COMMANDS}) >= 6


# A check that fails is what these show: the README's draft misstates a figure; the
# bundled report has relations that cannot be checked, and a truncating source
# makes one completion rate inconsistent.
FAILS = ("draft/", "--fail-unchecked", "--rounding truncate")


@pytest.mark.parametrize("shown", COMMANDS, ids=str)
def test_documented_commands_run_as_written(clone: Path, shown: Shown) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HRKPI_")}
    env.update(
        PATH=f"{clone / 'bin'}{os.pathsep}{env.get('PATH', '')}",
        PYTHONPATH=str(ROOT / "src"),  # absolute: a child imports this checkout
        COLUMNS="120",
        NO_COLOR="1",
    )
    env.pop("VIRTUAL_ENV", None)
    # One shell for the block (a `cd` holds for the lines after it); each line's exit
    # status is written after it.
    script = "".join(f'{line}\necho "@@@ {i} $?"\n' for i, line in enumerate(shown.commands))
    run = subprocess.run(
        ["bash", "-c", script],
        cwd=clone,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    said = f"{shown}\n{run.stdout[-3000:]}\n{run.stderr[-3000:]}"
    codes = dict(re.findall(r"^@@@ (\d+) (\d+)$", run.stdout, re.M))
    for i, line in enumerate(shown.commands):
        expected = 1 if any(f in line for f in FAILS) else 0
        assert codes.get(str(i)) == str(expected), f"{line}: exit {codes.get(str(i))}\n{said}"
    assert "Traceback" not in run.stderr, said
    out = [line.strip() for line in (run.stdout + run.stderr).splitlines()]
    for line in shown.prints:
        assert line in out, f"{said}\nnot printed: {line}"
