"""The rule table: every consistency rule once, with what it checks and where each
engine implements it.

A rule has one identifier (`CheckKind`), one definition, its exact implementation
(the reference) and, where the columnar fast path decides it on columns, that
implementation too. A rule the fast path does not decide on columns states its
fallback: what happens to such rows there. tests/checks/test_rules.py walks this
table, so a rule added on one engine only, without a stated fallback, fails CI.
"""

from __future__ import annotations

from dataclasses import dataclass

from hrkpi.checks.findings import CheckKind

# The columns decide a verdict only outside a guard band; rows they cannot settle (a
# comparison too close to call in floats, a row the reader could not type) are handed
# to the exact engine one by one. Every finding, settled or not, is built by the exact
# rule when it is read (hrkpi.fast.findstore), so it is the exact engine's object.
ROW_BY_ROW = "rows the columns cannot settle are re-decided by the exact rule, row by row"
# Relations the columns do not carry: hrkpi.api sends such data to the exact engine whole
# (auto), or refuses --engine fast with a message, so no relation is silently skipped.
WHOLE = "exact only: hrkpi.api sends data {} to the exact engine whole ({} on columns is not built)"


@dataclass(frozen=True)
class Rule:
    """One consistency rule: its identifier, definition and implementations."""

    kind: CheckKind
    checks: str  # what it checks, in one sentence
    exact: str  # dotted path of the exact implementation
    fast: str | None  # dotted path of the columnar implementation, if any
    fallback: str  # what the fast path does with rows it does not decide on columns


RULES: tuple[Rule, ...] = (
    Rule(
        CheckKind.COMPLETION,
        "a stated completion rate against value / target x 100, the value over its "
        "rounding interval; with no target, the targets the value and the rate allow "
        "(verdict target_not_printed) and the roundest of them",
        "hrkpi.checks.completion.check_completion",
        "hrkpi.fast.rowrules._completion",
        ROW_BY_ROW + " (a row with no target always)",
    ),
    Rule(
        CheckKind.CHANGE_PCT,
        "a stated growth rate against (value - previous) / previous, the previous value "
        "stated, implied by a stated absolute change, or last year's figure in the data",
        "hrkpi.checks.changes.check_change",
        "hrkpi.fast.rowrules._growth",
        ROW_BY_ROW,
    ),
    Rule(
        CheckKind.CHANGE_ABS,
        "a stated absolute change against value - previous",
        "hrkpi.checks.changes.check_change",
        "hrkpi.fast.rowrules._change_verdicts",
        ROW_BY_ROW,
    ),
    Rule(
        CheckKind.CHANGE_PP,
        "a rate's stated change in percentage points against value - previous",
        "hrkpi.checks.changes.check_change",
        "hrkpi.fast.rowrules._change_verdicts",
        ROW_BY_ROW,
    ),
    Rule(
        CheckKind.WHOLE_BASE,
        "a count's change % must come from a whole number of last period's units (GRIM)",
        "hrkpi.checks.changes.check_change",
        "hrkpi.fast.rowrules._whole_base",
        ROW_BY_ROW,
    ),
    Rule(
        CheckKind.COMPOSITION,
        "a total against the sum of its parts, every part within its precision",
        "hrkpi.checks.parts.check_composition",
        None,
        ROW_BY_ROW + " (every row of an indicator with parts)",
    ),
    Rule(
        CheckKind.REGION_SUM,
        "a parent region's figure against the sum of its children's",
        "hrkpi.checks.regions.region_total",
        "hrkpi.fast.regionsum.region_relations",
        ROW_BY_ROW,
    ),
    Rule(
        CheckKind.PARTS_GROWTH,
        "a total's growth lies within its parts' growths (their weighted mean)",
        "hrkpi.checks.parts.check_parts_growth",
        None,
        ROW_BY_ROW + " (every row of an indicator with parts)",
    ),
    Rule(
        CheckKind.PARTS_CHANGE,
        "a total's growth rate against sum(values) / sum(previous values) - 1 of its parts, "
        "each previous given by the part's rate, absolute change or base figure "
        "(extremes at the corners, exactly)",
        "hrkpi.checks.partchanges.check_parts_change",
        None,
        ROW_BY_ROW + " (every row of an indicator with parts)",
    ),
    Rule(
        CheckKind.INCREMENTS,
        "a total's stated absolute change against the sum of its parts' changes",
        "hrkpi.checks.partchanges.check_increments",
        None,
        ROW_BY_ROW + " (every row of an indicator with parts)",
    ),
    Rule(
        CheckKind.PARTIAL_PARTS,
        "其中: parts that need not cover the total are together (or, overlapping, each) "
        "at most the total",
        "hrkpi.checks.parts.check_of_which",
        None,
        WHOLE.format("whose definitions have of_which", "of_which"),
    ),
    Rule(
        CheckKind.SHARE,
        "a stated share (占…的X%) against part / total x 100, both within their precision",
        "hrkpi.checks.shares.check_shares",
        None,
        WHOLE.format("with share_of / share_pct columns", "a share"),
    ),
    Rule(
        CheckKind.SHARE_SUM,
        "the shares of a partition add up to exactly 100% (at most 100% for some parts)",
        "hrkpi.checks.shares.check_share_sum",
        None,
        WHOLE.format("with share_of / share_pct columns", "a share"),
    ),
    Rule(
        CheckKind.RATIO,
        "a ratio indicator (倍, %, ‰, 元/人) against numerator / denominator x per",
        "hrkpi.checks.shares.check_ratio",
        None,
        WHOLE.format("whose definitions have a ratio", "a ratio"),
    ),
    Rule(
        CheckKind.MARGIN,
        "a stated distance to a limit (低于控制目标0.6个百分点) against value - limit, the "
        "limit printed, defined (threshold) or the annual target",
        "hrkpi.checks.margins.check_margins",
        None,
        WHOLE.format("with margin_* columns", "a margin"),
    ),
    Rule(
        CheckKind.RESTATEMENT,
        "the same figure printed twice (another precision or unit, another file, a later "
        "row, a base value against last year's report) agrees within rounding",
        "hrkpi.checks.restatements.check_superseded",
        None,
        "long data stating a figure twice with different figures goes to the exact engine "
        "whole (hrkpi.api); identical rows are harmless on both engines; a stated previous "
        "value against last year's figure is " + ROW_BY_ROW,
    ),
    Rule(
        CheckKind.THRESHOLD_CLAIM,
        "a stated 在…以内 / 超过 claim against the value's rounding interval",
        "hrkpi.checks.claims.check_threshold_claim",
        None,
        "not applicable: long CSV and Parquet data carry no limit claims",
    ),
    Rule(
        CheckKind.PACE_CLAIM,
        "a stated pace status (超进度, 欠进度 ...) against what the value's precision allows",
        "hrkpi.checks.claims.check_pace_claim",
        None,
        "not applicable: long CSV and Parquet data carry no pace claims",
    ),
    Rule(
        CheckKind.THRESHOLD,
        "the stated value against each limit, full or rounded value (GB/T 8170), warn or fail",
        "hrkpi.checks.claims.check_thresholds",
        "hrkpi.fast.columns.judged",
        ROW_BY_ROW,
    ),
    Rule(
        CheckKind.TARGET_SPLIT,
        "分解下达: the targets assigned to a parent's children add up to at least the "
        "parent's own (targets are plan figures, exact)",
        "hrkpi.checks.targets.check_target_split",
        None,
        "targets are few (one per indicator, region and year): both engines run the exact "
        "rule on the targets file once",
    ),
    Rule(
        CheckKind.QUOTE,
        "each stated number of a figure (value, completion, changes) is one its quote "
        "prints: a number of the same kind whose rounding holds it, or that it rounds to; "
        "reported only when the quote prints numbers of that kind and none can be it",
        "hrkpi.checks.quotes.check_quote",
        None,
        "not applicable: the quotes compared are YAML data's (a sentence copied from the "
        "report, by hand or by scan --write-data); a long CSV or Parquet row's quote is "
        "carried into its findings and compared on neither engine",
    ),
)

BY_KIND: dict[CheckKind, Rule] = {rule.kind: rule for rule in RULES}
