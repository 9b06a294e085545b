"""Long data stating relations the columns do not carry (shares, margins, a figure
stated twice differently, 其中 lists, ratios) goes to the exact engine whole, or is
refused with --engine fast: no relation is skipped in silence (see hrkpi.checks.rules)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import write

from hrkpi.api import Engine, check
from hrkpi.checks.findings import CheckKind, Verdict
from hrkpi.core.errors import UsageError

INDICATORS = """
indicators:
  - {id: total, name: 从业人员, unit: 万人, measure: stock, of_which: [part]}
  - {id: part, name: 第一产业从业人员, unit: 万人, measure: stock}
  - {id: other, name: 参保人数, unit: 万人, measure: stock}
"""


def _data(tmp_path: Path, rows: str, indicators: str = INDICATORS) -> tuple[Path, Path]:
    ind = write(tmp_path / "i" / "a.yaml", indicators)
    data = write(tmp_path / "d" / "d.csv", rows)
    return ind.parent, data.parent


SHARES = """indicator,region,period,value,share_of,share_pct
total,某市,2024,530.0,,
part,某市,2024,50.1,total,9.6
"""


def test_shares_go_to_the_exact_engine(tmp_path: Path) -> None:
    ind, data = _data(tmp_path, SHARES, INDICATORS.replace("of_which: [part]", "parts: [part]"))
    report = check(ind, data, engine=Engine.AUTO)
    [share] = [f for f in report.findings if f.kind is CheckKind.SHARE]
    assert share.verdict is Verdict.INCONSISTENT  # 50.1 / 530.0 = 9.45%
    with pytest.raises(UsageError, match=r"the fast engine does not check shares \(in d.csv\)"):
        check(ind, data, engine=Engine.FAST)


def test_definitions_with_of_which_go_to_the_exact_engine(tmp_path: Path) -> None:
    rows = "indicator,region,period,value\ntotal,某市,2024,5.2\npart,某市,2024,5.4\n"
    ind, data = _data(tmp_path, rows)
    [f] = [f for f in check(ind, data).findings if f.kind is CheckKind.PARTIAL_PARTS]
    assert f.verdict is Verdict.INCONSISTENT
    with pytest.raises(UsageError, match="of_which"):
        check(ind, data, engine=Engine.FAST)


PLAIN = """
indicators:
  - {id: other, name: 参保人数, unit: 万人, measure: stock}
"""


def test_a_figure_stated_twice_differently_is_compared(tmp_path: Path) -> None:
    rows = "indicator,region,period,value\nother,某市,2024,3.20\nother,某市,2024,3.25\n"
    ind, data = _data(tmp_path, rows, PLAIN)
    [f] = check(ind, data, engine=Engine.AUTO).findings
    assert f.kind is CheckKind.RESTATEMENT and f.verdict is Verdict.INCONSISTENT
    assert (f.file.rsplit("/", 1)[-1], f.line) == ("d.csv", 3)
    # (named as the exact engine's finding names it: its place, region, period, name)
    with pytest.raises(UsageError) as refused:
        check(ind, data, engine=Engine.FAST)
    assert str(refused.value).endswith(
        "d.csv:3: 某市 2024: 参保人数: the data states this figure twice with different "
        "figures (also d/d.csv:2), which the fast engine does not compare; use --engine exact"
    )


def test_a_figure_stated_twice_alike_stays_on_the_fast_path(tmp_path: Path) -> None:
    rows = "indicator,region,period,value\nother,某市,2024,3.20\nother,某市,2024,3.20\n"
    ind, data = _data(tmp_path, rows, PLAIN)
    assert check(ind, data, engine=Engine.FAST).findings == []
    assert check(ind, data, engine=Engine.EXACT).findings == []
