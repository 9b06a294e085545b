"""The harnesses' hang guard: a run that never ends fails as hung, and no run is timed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from tests.hostile import bounded, harness


def test_a_run_past_the_guard_fails_as_hung() -> None:
    never = [sys.executable, "-c", "import time; time.sleep(600)"]
    with pytest.raises(bounded.Hung, match=r"^hung: .* killed by the hang guard after 1 s"):
        bounded.run([], command=never, guard=1)


def test_a_runs_peak_memory_is_its_own_not_the_large_test_process_s() -> None:
    # A parent of 400 MB (in a process of its own, so pytest's stays as it is) runs
    # `python -c pass`, about 10 MB: straight from it, wait4 says 400 MB and more, the
    # parent's; through the harness's launcher, the run's own.
    script = (
        "import json, os, subprocess, sys\n"
        "from tests.hostile import bounded\n"
        "big = bytearray(400 * 2**20)\n"
        "for i in range(0, len(big), 4096): big[i] = 1\n"
        "p = subprocess.Popen([sys.executable, '-c', 'pass'])\n"
        "_, status, usage = os.wait4(p.pid, 0); p.returncode = 0\n"
        "ran = bounded.run([], command=[sys.executable, '-c', 'pass'])\n"
        "print(json.dumps([usage.ru_maxrss / 1024, ran.peak_mb, ran.code]))\n"
    )
    root = Path(__file__).resolve().parents[2]
    found = subprocess.run(
        [sys.executable, "-c", script], cwd=root, capture_output=True, text=True, check=True
    )
    direct, launched, code = json.loads(found.stdout)
    assert direct > 400  # what the harness reported before the launcher
    assert launched < 60 and code == 0


def test_a_case_past_the_guard_fails_as_hung(tmp_path: Path) -> None:
    # The probe cannot import hrkpi within a millisecond: the guard kills it first.
    with pytest.raises(harness.Hung, match=r"^hung: `hrkpi validate` was killed .* after 0 s"):
        harness.run(["validate"], tmp_path, guard=0.001)


def test_the_guard_is_ten_times_the_measured_time_plus_a_minute() -> None:
    case = harness.Case("deep", lambda f: [], 2, "", measured="2.1 s, 84 MB")
    assert case.seconds == 2.1
    assert case.guard == pytest.approx(81.0)  # 10 x 2.1 + 60


def test_a_case_states_what_it_was_measured_at() -> None:
    with pytest.raises(ValueError, match="measured '' is not 'S s, M MB'"):
        harness.Case("unmeasured", lambda f: [], 2, "", measured="")
