"""The fast path's findings: kept as columns, made into the exact engine's objects
when read, listed the same way on both engines, with their provenance."""

from __future__ import annotations

import gc
import json
from collections.abc import Collection, Mapping
from pathlib import Path

from tests.checkfiles import INDICATORS
from tests.conftest import write
from typer.testing import CliRunner

from hrkpi.api import Engine, check
from hrkpi.checks.findings import CheckKind, Finding, LazyFindings, Verdict
from hrkpi.cli import app
from hrkpi.core.numbers import RoundingMode
from hrkpi.output.checkjson import CheckOut, finding_out, summary, to_json
from hrkpi.output.findwords import Words
from hrkpi.output.words import Lang

# 2100 / 4000 = 52.50% exactly; 52.60 is wrong; 4.60% is over its ceiling; 近2000 and
# 1400多 are approximate; a growth since the end of last year on a count needs a whole
# base (8 / 1.25 = 6.4 persons: none), an absolute change and points against a stated
# previous value.
ROWS = """
indicator,region,period,value,completion,base,change_pct,change_abs,change_pp,previous,quote,location
jobs,甲,2021-01/06,2100,52.50,,,,,,再就业2100人，完成年度目标的52.50%,第一段
jobs,乙,2021-01/06,2100,52.60,,,,,,再就业2100人，完成52.60%,第二段
jobs,丙,2021-01/06,近2000,49.90,,,,,,,
jobs,丁,2021-01/06,1400多,35.00,,,,,,,
jobs,戊,2021-01/06,8,0.20,end_of_last_year,25.00,,,,,
jobs,己,2021-01/06,120,3.00,end_of_last_year,20.00,20,,100,,
rate,甲,2021-06,4.60,,end_of_last_year,,,0.30,4.30,失业率4.60%,第三段
rate,乙,2021-06,3.20,,end_of_last_year,,,-0.10,3.40,,
"""


def _project(tmp_path: Path) -> tuple[Path, Path]:
    ind = write(tmp_path / "indicators" / "a.yaml", INDICATORS)
    data = write(tmp_path / "data" / "d.csv", ROWS)
    return ind.parent, data.parent


def test_both_engines_list_the_same_findings(tmp_path: Path) -> None:
    ind, data = _project(tmp_path)
    slow = check(ind, data, engine=Engine.EXACT)
    quick = check(ind, data, engine=Engine.FAST)
    assert quick.engine == "fast" and isinstance(quick.findings, LazyFindings)
    assert list(quick.findings) == list(slow.findings)
    verdicts = [(f.line, f.kind, f.verdict) for f in quick.findings]
    assert (2, CheckKind.COMPLETION, Verdict.CONSISTENT) in verdicts  # 52.50 = 2100 / 4000
    assert (3, CheckKind.COMPLETION, Verdict.INCONSISTENT) in verdicts  # 52.60
    assert (4, CheckKind.COMPLETION, Verdict.CONSISTENT) in verdicts  # 近2000: [1999, 2000]
    assert (6, CheckKind.WHOLE_BASE, Verdict.INCONSISTENT) in verdicts  # 6.4 persons
    assert (7, CheckKind.CHANGE_ABS, Verdict.CONSISTENT) in verdicts  # 120 - 100 = 20
    assert (7, CheckKind.CHANGE_PCT, Verdict.CONSISTENT) in verdicts  # 20 / 100 = 20%
    assert (8, CheckKind.CHANGE_PP, Verdict.CONSISTENT) in verdicts  # 4.60 - 4.30
    assert (8, CheckKind.THRESHOLD, Verdict.FAIL) in verdicts  # 4.60 > 4.50
    assert (9, CheckKind.CHANGE_PP, Verdict.INCONSISTENT) in verdicts  # 3.20 - 3.40 = -0.20
    assert quick.exact_rows == 0  # every one settled on the columns


def test_the_findings_keep_their_quote_and_place(tmp_path: Path) -> None:
    ind, data = _project(tmp_path)
    quick = check(ind, data, engine=Engine.FAST)
    first = quick.findings[0]
    assert (first.quote, first.location, first.source) == (
        "再就业2100人，完成年度目标的52.50%",
        "第一段",
        "d.csv",
    )
    rate = next(f for f in quick.findings if f.kind is CheckKind.THRESHOLD)
    assert (rate.quote, rate.location) == ("失业率4.60%", "第三段")


def test_problems_only_lists_problems_and_counts_the_rest(tmp_path: Path) -> None:
    ind, data = _project(tmp_path)
    every = check(ind, data, engine=Engine.FAST)
    few = check(ind, data, engine=Engine.FAST, problems_only=True)
    assert all(f.verdict.is_problem or f.verdict is Verdict.WARN for f in few.findings)
    assert list(few.findings) == [f for f in every.findings if f.verdict.is_problem]
    for verdict in Verdict:
        assert few.count(verdict) == every.count(verdict)
    assert few.tallies[Verdict.CONSISTENT] == every.count(Verdict.CONSISTENT)
    assert few.failed() and every.failed()


def test_a_lazy_sequence_indexes_and_slices_like_a_list(tmp_path: Path) -> None:
    ind, data = _project(tmp_path)
    quick = check(ind, data, engine=Engine.FAST)
    listed = list(quick.findings)
    assert len(quick.findings) == len(listed)
    assert quick.findings[-1] == listed[-1]
    assert list(quick.findings[2:5]) == listed[2:5]
    assert list(quick.findings[::2]) == listed[::2]


def test_rounding_is_honoured_on_the_fast_path(tmp_path: Path) -> None:
    ind, data = _project(tmp_path)
    for mode in RoundingMode:
        quick = check(ind, data, engine=Engine.FAST, rounding=mode)
        assert list(quick.findings) == list(
            check(ind, data, engine=Engine.EXACT, rounding=mode).findings
        )


def test_streamed_json_is_the_model_s_dump(tmp_path: Path) -> None:
    ind, data = _project(tmp_path)
    report = check(ind, data, engine=Engine.FAST)
    words = Words(Lang.ZH, report.catalog)
    whole = CheckOut(
        lang="zh",
        passed=False,
        strict=False,
        fail_unchecked=False,
        summary=summary(report),
        borrowed_targets=["甲", "乙", "丙", "丁", "戊", "己"],  # six regions, no hierarchy
        findings=[finding_out(f, words) for f in report.findings],
    ).model_dump_json(indent=2)
    assert to_json(report) == whole + "\n"
    assert json.loads(to_json(report.only_problems().only_problems()))["findings"]


def test_verbose_says_which_engine_ran(tmp_path: Path) -> None:
    ind, data = _project(tmp_path)
    args = ["check", "-i", str(ind), "-d", str(data), "--verbose"]
    fast = CliRunner().invoke(app, [*args, "--engine", "fast"])
    assert fast.exit_code == 1
    assert "引擎：快速（列式计算）；由精确引擎逐行复核0行" in fast.stderr
    exact = CliRunner().invoke(app, [*args, "--engine", "exact", "--lang", "en"])
    assert "engine: exact" in exact.stderr
    assert "engine" not in CliRunner().invoke(app, args[:-1]).stderr


def test_listing_pauses_the_cycle_collector_and_turns_it_back_on(tmp_path: Path) -> None:
    ind, data = _project(tmp_path)
    quick = check(ind, data, engine=Engine.FAST)
    assert gc.isenabled()
    listing = iter(quick.findings)
    next(listing)
    assert not gc.isenabled()  # paused while the findings are built and read
    del listing  # a reader that stops early (an error in its loop, a break)
    assert gc.isenabled()
    assert list(quick.findings) and quick.findings[0] and gc.isenabled()
    gc.disable()
    try:
        list(quick.findings)  # a caller's own choice is kept
        assert not gc.isenabled()
    finally:
        gc.enable()


class _Cyclic:
    """An object in a reference cycle (as a dropped maker and its cells are)."""

    alive = 0

    def __init__(self) -> None:
        self.me = self
        _Cyclic.alive += 1

    def __del__(self) -> None:
        _Cyclic.alive -= 1


class _Leaving(LazyFindings):
    """Findings whose every chunk leaves a cycle behind."""

    CHUNK = 1

    def __init__(self, n: int, finding: Finding) -> None:
        self.n, self.finding = n, finding

    def __len__(self) -> int:
        return self.n

    def counts(self) -> Mapping[Verdict, int]:
        return {self.finding.verdict: self.n}

    def only(self, verdicts: Collection[Verdict]) -> LazyFindings:
        return self

    def _chunk(self, start: int, stop: int) -> list[Finding]:
        _Cyclic()
        return [self.finding] * (stop - start)


def test_a_long_listing_frees_the_cycles_its_chunks_leave(tmp_path: Path) -> None:
    ind, data = _project(tmp_path)
    gc.collect()
    before = _Cyclic.alive
    most = 0
    for _ in _Leaving(100, check(ind, data, engine=Engine.FAST).findings[0]):
        most = max(most, _Cyclic.alive - before)
    assert 0 < most <= 10  # freed every few chunks (five), not held to the end (100)
