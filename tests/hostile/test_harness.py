"""The harnesses' hang guard: a run that never ends fails as hung, and no run is timed."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from tests.hostile import bounded, harness


def test_a_run_past_the_guard_fails_as_hung() -> None:
    never = [sys.executable, "-c", "import time; time.sleep(600)"]
    with pytest.raises(bounded.Hung, match=r"^hung: .* killed by the hang guard after 1 s"):
        bounded.run([], command=never, guard=1)


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
