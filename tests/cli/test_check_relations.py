"""`hrkpi check` and `validate` on the relations of issue #9, through Typer's runner:
the new units, --as-of, --fail-unchecked and --strict, the JSON summary, and the
words of every new kind in Chinese and English (made-up county figures)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import write
from typer.testing import CliRunner

from hrkpi.cli import app

runner = CliRunner()
# English messages, as the tests below assert them (Chinese is the default).
EN = {"HRKPI_LANG": "en"}

UNITS = """
units:
  - {name: 千人, base: 人, multiplier: 1000}
indicators:
  - {id: teachers, name: 招聘教师, unit: 名, measure: flow}
  - {id: ratio, name: 求人倍率, unit: 倍, measure: rate}
  - {id: birth_rate, name: 人口出生率, unit: ‰, measure: rate}
  - {id: ui_months, name: 发放失业保险金, unit: 万人月, measure: flow}
  - {id: ui_county, name: 区县发放失业保险金, unit: 人月, measure: flow}
  - {id: per_head, name: 人均养老金, unit: 元/人, measure: stock}
  - {id: trained, name: 职业技能培训, unit: 千人, measure: flow}
"""
UNIT_DATA = """
source: 某县2024年统计公报
region: 某县
as_of: 2024-12-31
figures:
  teachers: {value: 120}
  ratio: {value: 1.25}
  birth_rate: {value: 8.5}
  ui_months: {value: 1.23}
  ui_county: {value: 4200}
  per_head: {value: 3200}
  trained: {value: 35.6, unit: 千人}
"""


def test_validate_accepts_the_new_units_and_a_declared_one(tmp_path: Path) -> None:
    write(tmp_path / "i" / "a.yaml", UNITS)
    write(tmp_path / "d" / "d.yaml", UNIT_DATA)
    result = runner.invoke(app, ["validate", "-i", "i", "-d", "d"])
    assert result.exit_code == 0, result.output


def test_a_unit_declared_twice_is_exit_2_at_its_place(tmp_path: Path) -> None:
    write(tmp_path / "i" / "a.yaml", UNITS)
    write(tmp_path / "i" / "b.yaml", "units:\n  - {name: 千人, base: 人, multiplier: 0}\n")
    write(tmp_path / "d" / "d.yaml", UNIT_DATA)
    result = runner.invoke(app, ["validate", "-i", "i", "-d", "d"], env=EN)
    assert result.exit_code == 2
    assert "i/b.yaml:2:5: units.1: multiplier '0' must be greater than zero" in result.output
    assert "Traceback" not in result.output


DEFINITIONS = """
indicators:
  - {id: new_jobs, name: 城镇新增就业, unit: 人, measure: flow}
  - id: rate
    name: 城镇调查失业率
    unit: "%"
    measure: rate
    direction: lower
    thresholds: [{word: 以内, value: "5.5", label: 控制目标}]
  - {id: employed, name: 从业人员, unit: 万人, measure: stock, parts: [primary, rest]}
  - {id: primary, name: 第一产业从业人员, unit: 万人, measure: stock}
  - {id: rest, name: 第二三产业从业人员, unit: 万人, measure: stock}
"""
FIGURES = """
source: 某县2025年上半年工作情况
region: 某县
as_of: 2025-06-30
figures:
  new_jobs: {value: 12345, completion: 61.7}
  rate:
    value: 4.9
    margins: [{below: 0.5}]
  employed: {value: 53.0}
  primary:
    value: 5.0
    shares: [{of: employed, pct: 9.6}]
    restated: [{value: 50000, unit: 人}]
  rest: {value: 48.0}
"""


def _project(tmp_path: Path, figures: str = FIGURES) -> list[str]:
    write(tmp_path / "i" / "a.yaml", DEFINITIONS)
    write(tmp_path / "d" / "d.yaml", figures)
    return ["-i", "i", "-d", "d"]


def test_new_relations_in_chinese(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", *_project(tmp_path)])
    assert result.exit_code == 1, result.output
    out = result.stdout
    assert (
        "d/d.yaml:5: 目标未列明 完成率：城镇新增就业为12345人，完成全年目标的61.7%（目标未列明）"
        in out
    )
    assert "推算目标在(19991.9, 20024.34)人之间，含整数目标20000人" in out
    # 5.5 - 4.9 lies in (0.55, 0.65): a distance of 0.5 does not fit.
    assert (
        "d/d.yaml:8: 不一致 与目标差距：城镇调查失业率为4.9%，比控制目标（5.5%）低0.5个百分点"
        in out
    )
    assert "陈述值0.5个百分点；可一致的陈述值：0.6" in out
    # 4.95 / 53.05 = 9.33%, 5.05 / 52.95 = 9.54%: 9.6 does not fit.
    assert "不一致 占比：第一产业从业人员为5.0万人，占从业人员（53.0万人）的9.6%" in out
    assert "陈述值9.6%；可一致的陈述值：9.3%至9.5%" in out
    assert (
        "一致 重复陈述：第一产业从业人员两处陈述：5.0万人（d/d.yaml:11）与50000人（d/d.yaml:13）"
        in out
    )
    assert "，目标未列明1，" in out


def test_new_relations_in_english(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", *_project(tmp_path), "--lang", "en"])
    out = result.stdout
    assert "d/d.yaml:5: --   completion rate: " in out
    assert "城镇新增就业: 12345 persons is 61.7% of an annual target that is not printed" in out
    assert "FAIL distance to limit: 城镇调查失业率: 4.9%, 0.5 pp below the limit 5.5%" in out
    assert "1 target not printed" in out


def test_json_summary_counts_targets_not_printed(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", *_project(tmp_path), "--format", "json"])
    data = json.loads(result.stdout)
    assert data["schema_version"] == 5
    assert data["summary"]["target_not_printed"] == 1
    [target] = [f for f in data["findings"] if f["verdict"] == "target_not_printed"]
    assert target["implied"] == "20000" and target["implied_unit"] == "人"
    [again] = [f for f in data["findings"] if f["kind"] == "restatement"]
    assert again["field"] == "value"


ONLY_TARGET = """
source: 某县2025年上半年工作情况
region: 某县
as_of: 2025-06-30
figures:
  new_jobs: {value: 12345, completion: 61.7}
"""


def test_nothing_checked_passes_only_without_the_flags(tmp_path: Path) -> None:
    args = ["check", *_project(tmp_path, ONLY_TARGET)]
    assert runner.invoke(app, args).exit_code == 0
    strict = runner.invoke(app, [*args, "--strict"])
    assert strict.exit_code == 1
    assert "没有核对到任何关系。" in strict.stdout
    unchecked = runner.invoke(app, [*args, "--fail-unchecked", "--junit", "j.xml"])
    assert unchecked.exit_code == 1
    junit = Path("j.xml").read_text(encoding="utf-8")
    assert 'failures="1"' in junit and "<failure" in junit


TWO_DATES = {
    "2024.yaml": """
source: 某县2024年上半年
region: 某县
as_of: 2024-06-30
figures:
  employed: {value: 52.0}
  primary: {value: 5.1}
  rest: {value: 46.9}
""",
    "2025.yaml": """
source: 某县2025年上半年
region: 某县
as_of: 2025-06-30
figures:
  primary: {value: 5.0}
  rest: {value: 48.0}
""",
}


def test_check_as_of_one_document(tmp_path: Path) -> None:
    write(tmp_path / "i" / "a.yaml", DEFINITIONS)
    for name, text in TWO_DATES.items():
        write(tmp_path / "d" / name, text)
    every = runner.invoke(app, ["check", "-i", "i", "-d", "d"])
    assert every.exit_code == 0, every.output
    assert "d/2024.yaml:5: 一致 分项合计：从业人员 52.0万人 = 5.1万人 + 46.9万人" in every.stdout
    one = runner.invoke(app, ["check", "-i", "i", "-d", "d", "--as-of", "2025-06-30"])
    assert one.exit_code == 0 and "2024.yaml" not in one.stdout
    none = runner.invoke(app, ["check", "-i", "i", "-d", "d", "--as-of", "2025-05-31"], env=EN)
    assert none.exit_code == 2
    assert "no data is dated 2025-05-31" in none.output
