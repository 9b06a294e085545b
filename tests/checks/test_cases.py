"""Relations a report states, kept as data: every YAML file under tests/checks/cases/
is a list of cases, each an indicators file, one or more data files (YAML or CSV),
and the findings expected, worked out by hand. One generator turns them into tests,
running `hrkpi check` on the files as a user would.

A case's `expect` lists findings by kind and indicator (and, where one indicator has
several of a kind, by `line` or `field`); each names what must hold: the verdict,
the computed range (its ends rounded outwards at the decimals written), the
consistent values, the hint, the reason, the implied figure. `summary` counts
verdicts over the whole run; `problems` lists the bad-input messages (exit 2) as
their start, file:line:column: field.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

import hrkpi
from hrkpi.checks.findings import CheckReport, Finding, Verdict
from hrkpi.core.errors import InputError, UsageError
from hrkpi.output.figures import bound_text

CASES = Path(__file__).parent / "cases"


def _load() -> list[Any]:
    found = []
    for file in sorted(CASES.glob("*.yaml")):
        for case in yaml.load(file.read_text(encoding="utf-8"), Loader=yaml.BaseLoader):
            found.append(pytest.param(case, id=f"{file.stem}:{case['name']}"))
    return found


def _write(root: Path, case: dict[str, Any]) -> tuple[Path, Path]:
    ind = root / "indicators"
    ind.mkdir()
    (ind / "a.yaml").write_text(case["indicators"], encoding="utf-8")
    data = root / "data"
    data.mkdir()
    for name, text in case["data"].items():
        (data / name).write_text(text, encoding="utf-8")
    return ind, data


def _places(text: str) -> int:
    return len(text.split(".", 1)[1]) if "." in text else 0


def _matches(f: Finding, want: dict[str, Any]) -> bool:
    if f.kind.value != want["kind"] or f.indicator != want["indicator"]:
        return False
    if "line" in want and f.line != int(want["line"]):
        return False
    if "field" in want and f.field != want["field"]:
        return False
    return "stated" not in want or f.stated == want["stated"]


def _check_finding(f: Finding, want: dict[str, Any]) -> None:
    if "verdict" in want:
        assert f.verdict.value == want["verdict"], f
    if "computed" in want:
        lo, hi = want["computed"]
        assert f.computed is not None, f
        assert bound_text(f.computed.lo, _places(lo), up=False, keep=_places(lo)) == lo, f
        assert bound_text(f.computed.hi, _places(hi), up=True, keep=_places(hi)) == hi, f
    if "consistent" in want:
        assert list(f.consistent_values or []) == want["consistent"], f
    if "hint" in want:
        assert f.hint is not None and f.hint.code.value == want["hint"], f
        if "hint_figure" in want:
            assert f.hint.figure == want["hint_figure"], f
    elif f.verdict is Verdict.INCONSISTENT and "no_hint" in want:
        assert f.hint is None, f
    if "reason" in want:
        assert f.reason is not None and f.reason.value == want["reason"], f
    if "implied" in want:
        assert f"{f.implied}{f.implied_unit}" == want["implied"], f
    if "figures" in want:
        places = [
            f"{u.role.value}:{u.literal}@{u.file.rsplit('/', 1)[-1]}:{u.line}" for u in f.figures
        ]
        assert places == want["figures"], f


def _run(case: dict[str, Any], root: Path) -> CheckReport:
    ind, data = _write(root, case)
    as_of = case.get("as_of")
    import datetime as dt

    return hrkpi.check(ind, data, as_of=dt.date.fromisoformat(as_of) if as_of else None)


@pytest.mark.parametrize("case", _load())
def test_case(case: dict[str, Any], tmp_path: Path) -> None:
    if "problems" in case:
        with pytest.raises((InputError, UsageError)) as info:
            _run(case, tmp_path)
        text = str(info.value)
        for start in case["problems"]:
            assert start in text, text
        return
    report = _run(case, tmp_path)
    for want in case.get("expect", []):
        found = [f for f in report.findings if _matches(f, want)]
        assert len(found) == int(want.get("count", "1")), (want, report.findings)
        for f in found:
            _check_finding(f, want)
    for kind in case.get("absent", []):
        assert not [f for f in report.findings if f.kind.value == kind], report.findings
    for verdict, n in case.get("summary", {}).items():
        assert report.count(Verdict(verdict)) == int(n), (verdict, report.findings)
    if "failed" in case:
        flags = {k: v == "true" for k, v in case.get("flags", {}).items()}
        assert report.failed(**flags) is (case["failed"] == "true")
