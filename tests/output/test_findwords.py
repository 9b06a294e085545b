"""The words of findings: messages a reader can act on, in Chinese and English.

Each case is made-up figures worked by hand, in the style of a county report.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import write
from typer.testing import CliRunner

from hrkpi.cli import app
from hrkpi.core.models import Base
from hrkpi.output.figures import figure_words
from hrkpi.output.findwords import rise_fall
from hrkpi.output.words import Lang, base_label

runner = CliRunner()

DEFINITIONS = """
indicators:
  - {id: appeals, name: 劳动人事争议仲裁案件, unit: 件, measure: flow}
  - {id: jobs, name: 城镇新增就业, unit: 人, measure: flow, target: "1800"}
  - {id: insured, name: 参加失业保险人数, unit: 万人, measure: stock}
  - {id: staff, name: 规上企业从业人员, unit: 人, measure: stock, parts: [industry, services]}
  - {id: industry, name: 工业企业从业人员, unit: 人, measure: stock}
  - {id: services, name: 服务业企业从业人员, unit: 人, measure: stock}
"""


def _check(tmp_path: Path, figures: str, *extra: str) -> str:
    write(tmp_path / "i" / "a.yaml", DEFINITIONS)
    write(
        tmp_path / "d" / "d.yaml",
        "source: 某县人社局2023年工作总结\nregion: 某县\nas_of: 2023-12-31\nfigures:\n"
        + figures.lstrip("\n"),
    )
    result = runner.invoke(app, ["check", "-i", "i", "-d", "d", "--problems-only", *extra])
    assert result.exit_code == 1, result.output
    return result.stdout


WHOLE_BASE = """
  appeals:
    value: "29"
    changes: [{base: same_period_last_year, pct: "-46.50"}]
"""


def test_a_rate_with_no_whole_base_lists_the_bases_that_fit(tmp_path: Path) -> None:
    # 29 / (1 - 0.4650) = 54.21: 54 cases give 29/54 - 1 = -46.30%, 55 give -47.27%.
    # Only those two rates are possible, so no range "from -47.27 to -46.30" is offered:
    # -46.50 lies between them and still has no whole base.
    out = _check(tmp_path, WHOLE_BASE)
    assert "d/d.yaml:7: 不一致 整数基数：劳动人事争议仲裁案件为29件，同比下降46.50%" in out
    assert "上年同期为54件→下降46.30%，55件→下降47.27%：所述下降46.50%无整数基数" in out
    assert "可一致的陈述值" not in out
    english = _check(tmp_path, WHOLE_BASE, "--lang", "en")
    assert (
        "a base of 54 cases gives -46.30%, of 55 cases -47.27%: no whole number of cases "
        "gives the stated -46.50%"
    ) in english
    assert "consistent:" not in english


def test_an_exact_rate_that_no_decimals_write_is_rounded_and_said_to_be_about(
    tmp_path: Path,
) -> None:
    # 880 / 1800 = 48.888...%: at four decimals GB/T 8170 gives 48.8889 (the fifth digit
    # is 8), never the 48.8888 a cut would show; 48.80 stated is inconsistent (48.89 is).
    out = _check(tmp_path, '  jobs:\n    value: "880"\n    completion: "48.80"\n')
    assert "880为整数，精确，完成率约为48.8889%" in out
    assert "48.8888" not in out
    english = _check(
        tmp_path, '  jobs:\n    value: "880"\n    completion: "48.80"\n', "--lang", "en"
    )
    assert "880 is a whole count, so the rate is about 48.8889%" in english


SIGN_SLIP = """
  insured:
    value: "50.31"
    changes: [{base: end_of_last_year, abs: "-7.12", pct: "12.4"}]
"""


def test_a_sign_slip_says_so(tmp_path: Path) -> None:
    # 50.31 - (-7.12) = 57.43 at the end of last year; 50.31 / 57.43 - 1 = -12.40%.
    # The report says 下降12.4%, entered as +12.4: the other sign is consistent.
    out = _check(tmp_path, SIGN_SLIP)
    assert "d/d.yaml:7: 不一致 增长率：参加失业保险人数较上年末增长12.4%" in out
    assert "提示：若为-12.4（下降/减少），则一致；请核对符号" in out
    english = _check(tmp_path, SIGN_SLIP, "--lang", "en")
    assert "hint: -12.4 (a fall) would be consistent; check the sign" in english


def test_a_wrong_rate_of_the_right_sign_gets_no_sign_hint(tmp_path: Path) -> None:
    out = _check(tmp_path, SIGN_SLIP.replace('pct: "12.4"', 'pct: "-11.4"'))
    assert "不一致 增长率" in out and "提示" not in out


TOTAL = """
  staff:
    value: "18342"
  industry:
    value: "11205"
  services:
    value: "7173"
"""


def test_a_total_against_its_parts_names_every_line(tmp_path: Path) -> None:
    # 11205 + 7173 = 18378, not 18342: the total or a part was mistyped (here the
    # services part: 7137 was meant). The message must not blame the total alone.
    out = _check(tmp_path, TOTAL)
    assert "d/d.yaml:6: 不一致 分项合计：规上企业从业人员 18342人 = 11205人 + 7173人" in out
    assert "若各分项无误，总数应为18378" in out and "分项合计为18378人" in out
    assert (
        "总数或其中一个分项有误，请逐一核对：总数18342人（d/d.yaml:6）；"
        "工业企业从业人员为11205人（d/d.yaml:8）、服务业企业从业人员为7173人（d/d.yaml:10）"
    ) in out
    assert "should be" not in out
    english = _check(tmp_path, TOTAL, "--lang", "en")
    assert (
        "the total or one of its parts is wrong; check the total 18342 persons (d/d.yaml:6)"
        in english
    )
    assert "服务业企业从业人员 7173 persons (d/d.yaml:10)" in english


def test_a_finding_never_contradicts_its_own_range(tmp_path: Path) -> None:
    # Whatever the figure, a stated value listed as inconsistent is never inside the
    # "consistent" range the same finding prints.
    import re

    for stated in ("-45.80", "-46.50", "-47.00"):
        out = _check(tmp_path, WHOLE_BASE.replace('"-46.50"', f'"{stated}"'), "--lang", "en")
        for lo, hi in re.findall(r"consistent: (-?[\d.]+) to (-?[\d.]+)", out):
            assert not float(lo) <= float(stated) <= float(hi)


@pytest.mark.parametrize(
    ("base", "zh", "en"),
    [
        (Base.SAME_PERIOD_LAST_YEAR, "同比", "year on year"),
        ("same_period_last_year", "同比", "year on year"),
        (Base.END_OF_LAST_YEAR, "较上年末", "since the end of last year"),
        (dt.date(2020, 2, 10), "较2月10日", "since 2020-02-10"),
        ("2020-02-10", "较2月10日", "since 2020-02-10"),
    ],
)
def test_one_phrase_for_a_base_in_the_table_and_the_findings(
    base: Base | dt.date | str, zh: str, en: str
) -> None:
    assert (base_label(base, Lang.ZH), base_label(base, Lang.EN)) == (zh, en)


def test_a_base_is_read_by_the_readers_date_parser() -> None:
    with pytest.raises(ValueError, match="not written as a date"):
        base_label("20200210", Lang.EN)


LIMITS = """
indicators:
  - id: rate
    name: 合成指标003
    name_en: Composite 003
    unit: "%"
    measure: rate
    direction: lower
    decimals: 2
    thresholds: [{word: 以内, value: "4.50"}]
  - id: cover
    name: 覆盖率
    unit: "%"
    measure: rate
    decimals: 2
    thresholds:
      - {word: 不低于, value: "90"}
      - {word: 以上, value: "95", level: warn}
  - id: output
    name: 产值
    unit: 万元
    measure: flow
    thresholds: [{word: 左右, value: "650", tolerance: "10"}]
"""
LIMIT_ROWS = """\
indicator,region,period,value
rate,示范省,2020-10,5.15
cover,示范省,2020-10,91.00
output,示范省,2020-10,655
"""


@pytest.mark.parametrize("engine", ["exact", "fast"])
def test_a_limit_without_a_label_reads_as_a_limit(
    tmp_path: Path, engine: str, column_words: list[Any]
) -> None:
    """5.15% against 4.50%以内 misses it by 0.65 points: the line names the bound as a
    limit (控制目标为4.50%以内), never "5.15%，4.50%以内" (5.15%, within 4.50%). A floor
    and a band are 目标: 91.00% meets 不低于90 and is 4.00 under the warn level 95%以上, a
    预警线; 655万元 lies in 650 ± 10. English names no label (the line's head already says
    "limit"), but a warning level as one."""
    from hrkpi.api import Engine, check
    from hrkpi.output.checktext import to_text

    write(tmp_path / "i.yaml", LIMITS)
    data = write(tmp_path / "d.csv", LIMIT_ROWS)
    report = check(tmp_path / "i.yaml", data, engine=Engine(engine))
    zh = to_text(report, lang=Lang.ZH).splitlines()
    assert zh[:6] == [
        "d.csv:2: 未达标 控制目标：示范省 2020年10月：合成指标003为5.15%，控制目标为4.50%以内",
        "    未达标，超出0.65个百分点（全数值比较法）",
        "d.csv:3: 达标 控制目标：示范省 2020年10月：覆盖率为91.00%，目标不低于90%",
        "d.csv:3: 预警 控制目标：示范省 2020年10月：覆盖率为91.00%，预警线为95%以上",
        "    预警，低于预警线4.00个百分点（全数值比较法）",  # 95 - 91.00: under a floor
        "d.csv:4: 达标 控制目标：示范省 2020年10月：产值为655万元，目标为650万元左右",
    ]
    en = to_text(report, lang=Lang.EN).splitlines()
    assert en[0] == "d.csv:2: FAIL limit: 示范省 2020-10: Composite 003: 5.15%; at most 4.50%"
    assert en[1] == "    missed, 0.65 pp beyond the limit (full-value comparison)"
    assert en[3] == (
        "d.csv:3: WARN limit: 示范省 2020-10: 覆盖率: 91.00%; warning level at least 95%"
    )
    # A warning is past its warning level, not a missed limit.
    assert "    warning, 4.00 pp below the warning level (full-value comparison)" in en
    if engine == "fast":  # the limits' lines came from columns, by describe's templates
        assert sum(w.worded for w in column_words) >= 4


@pytest.mark.parametrize("engine", ["exact", "fast"])
def test_a_target_inferred_is_called_whole_only_when_it_is(tmp_path: Path, engine: str) -> None:
    """3.9% at 50.0% of a target puts it in (3.85 / 0.5005, 3.95 / 0.4995) =
    (7.692, 7.908)%, which holds 7.8%: a target, not a whole one (整数). 3.93% at 50.01%
    gives (3.925 / 0.50015, 3.935 / 0.50005) = (7.8476, 7.8693)%, no target of two
    significant digits (of three, 7.86 is nearer its middle 7.8585 than 7.85).
    12345 persons at 61.7% hold the whole 20000 persons."""
    from hrkpi.api import Engine, check
    from hrkpi.output.checktext import to_text

    write(
        tmp_path / "i.yaml",
        """
indicators:
  - {id: rate, name: 调查失业率, unit: "%", measure: rate, direction: lower}
  - {id: jobs, name: 城镇新增就业, unit: 人, measure: flow}
""",
    )
    data = write(
        tmp_path / "d.csv",
        "indicator,region,period,value,completion\n"
        "rate,某县,2023-01/10,3.9,50.0\n"
        "rate,某市,2023-01/10,3.93,50.01\n"
        "jobs,某县,2023-01/10,12345,61.7\n",
    )
    report = check(tmp_path / "i.yaml", data, engine=Engine(engine))
    why = [s.strip() for s in to_text(report, lang=Lang.ZH).splitlines() if s.startswith("  ")]
    assert why == [
        "报告未列明全年目标，由3.9与50.0%推算目标在(7.692, 7.908)%之间，含目标7.8%；"
        "在指标定义中加上 target: 即可核对完成率",
        "报告未列明全年目标，由3.93与50.01%推算目标在(7.8476, 7.8693)%之间，"
        "其中没有两位有效数字以内的目标（最简为7.86%）；在指标定义中加上 target: 即可核对完成率",
        "报告未列明全年目标，由12345与61.7%推算目标在(19991.9, 20024.34)人之间，"
        "含整数目标20000人；在指标定义中加上 target: 即可核对完成率",
    ]
    en = to_text(report, lang=Lang.EN)
    assert "put it in (7.692, 7.908)%, which holds the target 7.8%;" in en


@pytest.mark.parametrize(
    ("literal", "english"),
    [
        ("近12400", "nearly 12400"),
        ("将近84", "nearly 84"),
        ("不到1000", "under 1000"),
        ("不足0.5", "under 0.5"),
        ("12300多", "over 12300"),
        ("600余", "over 600"),
        ("超12600", "more than 12600"),
        ("超过3.2", "more than 3.2"),
        ("逾1,400", "more than 1,400"),
        ("1400以上", "at least 1400"),
        ("约2.8", "about 2.8"),
        ("2.8左右", "about 2.8"),
        ("-近3", "-nearly 3"),
        ("近-3", "-nearly 3"),
        ("4.22", "4.22"),
        ("-12.44", "-12.44"),
    ],
)
def test_an_approximation_word_is_said_in_english(literal: str, english: str) -> None:
    assert figure_words(literal, Lang.EN) == english
    assert figure_words(literal, Lang.ZH) == literal  # the report's own words


def test_a_rise_or_fall_says_its_approximate_size_in_the_words_language() -> None:
    assert rise_fall("-近3", "up ", "down ") == "down nearly 3"
    assert rise_fall("+1400多", "增加", "减少") == "增加1400多"
