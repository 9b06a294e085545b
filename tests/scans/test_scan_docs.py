"""docs/scan.md names every rule of the table, with an example."""

from __future__ import annotations

from tests.conftest import ROOT

from hrkpi.scans.rules import BASE_RULES, RULES, STRUCTURE_RULES


def test_every_rule_is_documented() -> None:
    text = (ROOT / "docs" / "scan.md").read_text(encoding="utf-8")
    missing = [r.id for r in [*RULES, *BASE_RULES, *STRUCTURE_RULES] if f"`{r.id}`" not in text]
    assert not missing, f"docs/scan.md does not describe {missing}"
