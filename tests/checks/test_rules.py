"""The rule table names every rule once, and each engine's implementation exists."""

from __future__ import annotations

import importlib
import inspect

import pytest

from hrkpi.checks import report as exact_run
from hrkpi.checks.findings import CheckKind
from hrkpi.checks.rules import BY_KIND, RULES, Rule


def _resolve(dotted: str) -> object:
    module, _, name = dotted.rpartition(".")
    return getattr(importlib.import_module(module), name)


def test_every_rule_is_in_the_table_once() -> None:
    kinds = [rule.kind for rule in RULES]
    assert len(kinds) == len(set(kinds)), "a rule is listed twice"
    assert set(kinds) == set(CheckKind), "a rule is missing from hrkpi.checks.rules"
    assert set(BY_KIND) == set(CheckKind)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.kind.value)
def test_each_engine_s_implementation_exists(rule: Rule) -> None:
    assert rule.checks.strip(), "say what the rule checks"
    assert callable(_resolve(rule.exact)), rule.exact
    if rule.fast is None:
        # Exact only: the fast path must say what it does with such rows.
        assert rule.fallback.strip(), f"{rule.kind}: exact only, with no stated fallback"
    else:
        pytest.importorskip("polars")
        assert callable(_resolve(rule.fast)), rule.fast


def test_the_exact_run_calls_every_rule_s_implementation() -> None:
    # A rule in the table that the check run never calls would be a rule on paper only.
    called = inspect.getsource(exact_run) + inspect.getsource(
        importlib.import_module("hrkpi.checks.series")
    )
    for rule in RULES:
        name = rule.exact.rpartition(".")[2]
        if rule.kind is CheckKind.REGION_SUM:
            name = "check_region_totals"  # region_total is called through it
        assert f"{name}(" in called, rule.exact


def test_every_kind_a_finding_can_have_is_worded() -> None:
    # Words live in hrkpi.output: each rule has a label in both languages.
    from hrkpi.output.findwords import KIND_LABELS

    assert set(KIND_LABELS) == set(CheckKind)
    assert all(zh and en for zh, en in KIND_LABELS.values())
