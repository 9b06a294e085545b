"""Every scan rule's cases (tests/scan/rules/<rule>.yaml): the findings, in text order, as
(check kind, verdict, stated figure); worked by hand in each file's comments and names.

Every rule of the table has a file, with a case where the text is consistent and one
where a figure cannot be right (unless its file says `problems: none` and why)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from hrkpi.scans.rules import BASE_RULES, RULES, STRUCTURE_RULES
from hrkpi.scans.run import scan_text

CASES = Path(__file__).parent / "rules"


def _load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _cases() -> list[Any]:
    out = []
    for path in sorted(CASES.glob("*.yaml")):
        for case in _load(path)["cases"]:
            out.append(pytest.param(path.stem, case, id=f"{path.stem}: {case['name']}"))
    return out


def _scan(case: dict[str, Any]) -> Any:
    as_of = case.get("as_of")
    return scan_text(
        case["text"],
        path="case.txt",
        as_of=dt.date.fromisoformat(str(as_of)) if as_of else None,
    )


@pytest.mark.parametrize(("rule", "case"), _cases())
def test_case(rule: str, case: dict[str, Any]) -> None:
    result = _scan(case)
    got = [[f.kind, f.verdict.value, f.check.stated] for f in result.findings]
    assert got == [list(map(str, e)) for e in case["expect"]], [f.text for f in result.findings]
    assert len(result.not_understood) == case.get("not_understood", 0), [
        n.text for n in result.not_understood
    ]
    if "why" in case:  # the reason every clause not understood is listed with
        assert {n.reason.value for n in result.not_understood} == {case["why"]}


@pytest.mark.parametrize("rule", [r.id for r in [*RULES, *BASE_RULES, *STRUCTURE_RULES]])
def test_every_rule_has_consistent_and_inconsistent_cases(rule: str) -> None:
    path = CASES / f"{rule}.yaml"
    assert path.exists(), f"rule {rule} has no test cases: add {path.relative_to(CASES.parent)}"
    data = _load(path)
    problem = {"inconsistent", "fail"}
    verdicts = [{str(e[1]) for e in case["expect"]} for case in data["cases"]]
    assert any(v and not v & problem for v in verdicts), "no case where the text is consistent"
    if data.get("problems") != "none":
        assert any(v & problem for v in verdicts), "no case where a figure cannot be right"
    if rule not in {r.id for r in BASE_RULES}:
        rules = {r for case in data["cases"] for f in _scan(case).findings for r in f.rules}
        assert rule in rules, f"no case is read by {rule}: {sorted(rules)}"
