"""`check --format json`'s findings made from columns (hrkpi.output.columnjson) are,
byte for byte, what the JSON writer (hrkpi.output.findjson) makes of the exact
engine's findings: on both plans of the fast path, in both languages, every finding or
the problems, with the flags that change the document; under another rounding mode
(nothing made from columns, everything still equal); and it is the columns that make
the frequent ones."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import made_by
from tests.output.test_columnwords import _reports, mix  # noqa: F401 (fixture)
from typer.testing import CliRunner

from hrkpi.api import Engine, check
from hrkpi.checks.findings import CheckKind, Verdict
from hrkpi.cli import app
from hrkpi.fast import jsoncells, jsonnumbers
from hrkpi.output import columnjson
from hrkpi.output.checkjson import SCHEMA_VERSION, to_json
from hrkpi.output.words import Lang

_FLAGS = [
    {"strict": False, "unchecked": False, "problems_only": False},
    {"strict": True, "unchecked": True, "problems_only": False},
    {"strict": False, "unchecked": False, "problems_only": True},
]
_MADE = {
    CheckKind.COMPLETION: {Verdict.CONSISTENT},
    CheckKind.CHANGE_PCT: {Verdict.CONSISTENT},
    CheckKind.REGION_SUM: {Verdict.CONSISTENT},
    CheckKind.THRESHOLD: {Verdict.PASS, Verdict.FAIL},
}


@pytest.fixture
def column_json(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Every `ColumnJson` the run makes, kept to count what the columns made."""
    return made_by(monkeypatch, columnjson, "ColumnJson")


@pytest.mark.parametrize("plan", ["in memory", "partitioned"])
@pytest.mark.parametrize("lang", [Lang.ZH, Lang.EN])
def test_every_finding_written_as_the_writer_writes_the_exact_engines(
    mix: Path,  # noqa: F811
    plan: str,
    lang: Lang,
    column_json: list[Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    exact, fast = _reports(mix, plan, monkeypatch)
    findings = exact.findings  # type: ignore[attr-defined]
    assert isinstance(findings, list)  # the writer's, a finding at a time
    frequent = sum(f.verdict in _MADE.get(f.kind, ()) for f in findings)
    assert frequent > 0.9 * len(findings)
    kinds = {(f.kind, f.verdict) for f in findings}
    assert {(k, v) for k, vs in _MADE.items() for v in vs} <= kinds
    for flags in _FLAGS:
        column_json.clear()
        want = to_json(exact, lang=lang, **flags)  # type: ignore[arg-type]
        assert column_json == []
        got = to_json(fast, lang=lang, **flags)  # type: ignore[arg-type]
        assert got == want
        if flags["problems_only"]:
            continue
        assert json.loads(got)["schema_version"] == SCHEMA_VERSION == 5
        (made,) = column_json
        assert made.worded + made.built == len(findings)
        # Nearly every consistent completion rate, growth rate and region sum, and every
        # limit met or failed, made from columns (not those of approximate figures or of
        # a unit of their own, nor the one finding of each key its template is checked
        # on); every other finding (the problems, the splits...) built and written.
        assert 0.8 * frequent < made.worded <= frequent
        assert all(t is not None for t in made.templates.values())


def test_other_rounding_is_built_and_written_alike(
    mix: Path,  # noqa: F811
    column_json: list[Any],
) -> None:
    """Half up: the intervals' closed ends are not half to even's; no row is made from
    columns, and the JSON is still the exact engine's."""
    args = (mix / "indicators", mix / "data")
    regions = mix / "regions.csv"
    exact = check(*args, regions=regions, engine=Engine.EXACT, rounding="half_up")
    fast = check(*args, regions=regions, engine=Engine.FAST, rounding="half_up")
    assert to_json(fast, lang=Lang.EN) == to_json(exact, lang=Lang.EN)
    (made,) = column_json
    assert made.worded == 0 and made.built == len(exact.findings)


def test_a_template_that_does_not_give_the_writers_text_is_not_used(
    mix: Path,  # noqa: F811
    column_json: list[Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A template filled from its own finding's row must give that finding's JSON: one
    that does not (here, a wrong end of the computed range) is dropped, and its rows
    built and written."""
    real = jsoncells.number_columns

    def off_by_one(table: Any) -> Any:
        import polars as pl

        out = real(table)
        return out.with_columns(pl.concat_str(pl.col("j2lo"), pl.lit("1")).alias("j2lo"))

    monkeypatch.setattr(jsoncells, "number_columns", off_by_one)
    args = (mix / "indicators", mix / "data")
    regions = mix / "regions.csv"
    exact = check(*args, regions=regions, engine=Engine.EXACT)
    fast = check(*args, regions=regions, engine=Engine.FAST)
    assert to_json(fast, lang=Lang.ZH) == to_json(exact, lang=Lang.ZH)
    (made,) = column_json
    assert made.worded == 0
    assert made.templates and all(t is None for t in made.templates.values())


def test_cli_json_is_the_exact_engines(
    mix: Path,  # noqa: F811
    column_json: list[Any],
) -> None:
    args = ["-i", str(mix / "indicators"), "-d", str(mix / "data")]
    args += ["--regions", str(mix / "regions.csv"), "--format", "json"]
    runner = CliRunner()
    fast = runner.invoke(app, ["check", *args, "--engine", "fast"])
    exact = runner.invoke(app, ["check", *args, "--engine", "exact"])
    assert fast.exit_code == exact.exit_code == 1, fast.output
    assert fast.stdout == exact.stdout
    assert column_json and column_json[-1].worded > 0


def test_number_text_as_the_writer_rounds() -> None:
    """The columns' long division and text: outwards and half to even, as bound_text
    and about_text write an end (independently: by hand)."""
    import polars as pl

    table = pl.DataFrame(
        {
            "_at": [0, 1, 2, 3],
            **{f"i{i}{e}{p}": [0, 0, 0, 0] for i in range(3) for e in ("lo", "hi") for p in "nd"},
        }
    ).with_columns(
        pl.Series("i2lon", [2, -2, 5, 724457 * 100]),
        pl.Series("i2lod", [3, 3, 2000000, 4739146]),
        pl.Series("i2hin", [2, -2, 5, 1]),
        pl.Series("i2hid", [3, 3, 2000000, 1]),
        *(pl.Series(f"i{i}{e}d", [1, 1, 1, 1]) for i in range(2) for e in ("lo", "hi")),
        pl.Series("vs", [0, 0, 0, 0]),
        pl.Series("ps", [0, 0, 0, 0]),
        pl.Series("ss", [2, 2, 2, 2]),
    )
    out = jsonnumbers.number_columns(table)
    # 2/3 = 0.666666|6..., -2/3, 5/2000000 = 0.0000025, 72445700/4739146 = 15.28665...
    assert out["j2lo"].to_list() == ["0.666666", "-0.666667", "0.000002", "15.286657"]
    assert out["j2hi"].to_list() == ["0.666667", "-0.666666", "0.000003", "1"]
    # at 4 places, 2 decimals kept: 0.6666/0.6667; 0.0000025 -> 0.00 (half to even: 0)
    assert out["m2lo"].to_list() == ["0.6666", "-0.6667", "0.00", "15.2866"]
    assert out["m2ab"].to_list() == ["0.6667", "-0.6667", "0.00", "15.2867"]


_EDGES = """
indicators:
  - id: jobs
    name: 再就业
    unit: 人
    measure: flow
    target: "246913578024690"
  - id: fund
    name: 基金结余
    unit: 万元
    measure: stock
"""
# Sizes at both ends: a count whose rate's ends pass 10^15 (built), a rate of 0.0005%
# (its ends' leading zeros), six decimals whose growth rate's ends would wrap Int64
# (built), a growth rate of tenths, and a region sum.
_EDGE_ROWS = """
indicator,region,period,value,completion,base,change_pct,previous
jobs,R0,2021-01/06,123456789012345,50.00,,,
jobs,R1,2021-01/06,1234567,0.00,,,
jobs,R2,2021-01/06,123456789012345,50.00,,,
fund,R0,2021-06,12345678.123456,,end_of_last_year,0.00,12345678.000000
fund,R1,2021-06,1234.5,,end_of_last_year,23.45,1000.0
fund,R2,2021-06,1234.6,,end_of_last_year,23.46,1000.0
"""


@pytest.mark.parametrize("lang", [Lang.ZH, Lang.EN])
def test_figures_at_the_edges_of_64_bits_are_built_or_made_alike(
    tmp_path: Path, lang: Lang, column_json: list[Any]
) -> None:
    from tests.conftest import write

    ind = write(tmp_path / "indicators" / "a.yaml", _EDGES).parent
    data = write(tmp_path / "data" / "d.csv", _EDGE_ROWS).parent
    exact = check(ind, data, engine=Engine.EXACT)
    fast = check(ind, data, engine=Engine.FAST)
    verdicts = {f.verdict for f in exact.findings}
    assert verdicts == {Verdict.CONSISTENT}
    assert to_json(fast, lang=lang) == to_json(exact, lang=lang)
    (made,) = column_json
    # The small ones made from columns, those whose sizes do not fit built.
    assert made.worded >= 2 and made.built >= 2
