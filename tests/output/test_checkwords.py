"""The words of check findings a reviewer and a newcomer found wanting: every figure with
its unit, a point stated as a point, a partial 其中 list's gap said aloud.

Made-up figures in the style of a district bureau's half-year report, worked by hand.
"""

from __future__ import annotations

from pathlib import Path

from tests.conftest import write
from typer.testing import CliRunner

from hrkpi.cli import app

runner = CliRunner()

DEFINITIONS = """
indicators:
  - {id: funds, name: 就业补助资金支出, unit: 万元, measure: flow,
     of_which: [training, insurance]}
  - {id: training, name: 职业培训补贴, unit: 万元, measure: flow}
  - {id: insurance, name: 社会保险补贴, unit: 万元, measure: flow}
  - {id: services, name: 不见面办理社保业务, unit: 万件, measure: flow,
     parts: [online, kiosk, post]}
  - {id: online, name: 网上办理量, unit: 件, measure: flow}
  - {id: kiosk, name: 自助机办理量, unit: 件, measure: flow}
  - {id: post, name: 邮寄办理量, unit: 件, measure: flow}
  - {id: new_jobs, name: 城镇新增就业, unit: 人, measure: flow, target: 60000}
  - {id: reemployed, name: 失业人员再就业, unit: 万人, measure: flow, target: 4}
"""


def _check(tmp_path: Path, figures: str, *extra: str, code: int = 0) -> str:
    write(tmp_path / "i" / "a.yaml", DEFINITIONS)
    write(
        tmp_path / "d" / "d.yaml",
        "source: 某区人社局2023年上半年工作总结\nregion: 某区\nas_of: 2023-06-30\nfigures:\n"
        + figures.lstrip("\n"),
    )
    result = runner.invoke(app, ["check", "-i", "i", "-d", "d", *extra])
    assert result.exit_code == code, result.output
    return result.stdout


PARTIAL = """
  funds: {value: 100}
  training: {value: 40}
  insurance: {value: 50}
"""


def test_a_partial_list_short_of_its_total_says_the_gap(tmp_path: Path) -> None:
    # 其中职业培训补贴40万元、社会保险补贴50万元: 40 + 50 = 90 of 100, 10 not itemised.
    out = _check(tmp_path, PARTIAL)
    assert "一致 其中分项：就业补助资金支出为100万元，其中职业培训补贴为40万元" in out
    assert "    其中各项合计90万元，未列明10万元" in out
    english = _check(tmp_path, PARTIAL, "--lang", "en")
    assert "    the parts add up to 90 10k yuan; 10 10k yuan is not itemised" in english


def test_a_partial_list_that_covers_its_total_says_nothing_more(tmp_path: Path) -> None:
    # 60 + 40 = 100: nothing left unlisted, so no line under the finding.
    out = _check(
        tmp_path, "  funds: {value: 100}\n  training: {value: 60}\n  insurance: {value: 40}\n"
    )
    assert "未列明" not in out


def test_parts_beyond_their_total_still_fail(tmp_path: Path) -> None:
    # 60 + 50 = 110 > 100: no value of the total within its rounding holds them.
    out = _check(
        tmp_path,
        "  funds: {value: 100}\n  training: {value: 60}\n  insurance: {value: 50}\n",
        code=1,
    )
    assert "不一致 其中分项" in out
    assert "未列明" not in out


def test_a_pace_claim_on_an_exact_rate_says_is_not_between(tmp_path: Path) -> None:
    # 31400 persons (a count, exact) of 60000: 52.333...%, one value, not a range; the
    # schedule pace at 30 June is 181/365 = 49.59%, so "behind" cannot be right.
    figures = "  new_jobs: {value: 31400, pace_status: behind}\n"
    out = _check(tmp_path, figures, code=1)
    assert "完成率为52.33%，对应超进度" in out
    assert "之间" not in out.split("进度表述")[1].splitlines()[1]
    english = _check(tmp_path, figures, "--lang", "en", code=1)
    assert "completion is 52.33%, which is ahead" in english


def test_a_pace_claim_on_a_rounded_rate_gives_its_range_in_percent(tmp_path: Path) -> None:
    # 2.1万人 of 4万人: 2.05 to 2.15 of 4 is 51.25% to 53.75%, ahead all the way.
    figures = "  reemployed: {value: 2.1, pace_status: behind}\n"
    out = _check(tmp_path, figures, code=1)
    assert "完成率在51.25%至53.75%之间，对应超进度" in out
    english = _check(tmp_path, figures, "--lang", "en", code=1)
    assert "completion lies between 51.25% and 53.75%, which is ahead" in english


COMPOSITION = """
  services: {value: 近84}
  online: {value: 421749}
  kiosk: {value: 406158}
  post: {value: 11160}
"""


def test_a_sum_of_parts_names_every_unit_and_the_sum_in_the_totals(tmp_path: Path) -> None:
    # 421749 + 406158 + 11160 = 839067件 = 83.9067万件, within 近84万件's [83, 84].
    out = _check(tmp_path, COMPOSITION)
    assert "不见面办理社保业务 近84万件 = 421749件 + 406158件 + 11160件（合计83.9067万件）" in out
    english = _check(tmp_path, COMPOSITION, "--lang", "en")
    # The approximation word in English, the digits as written (近84: nearly 84).
    assert "近" not in english
    # (English output is fitted to the terminal's width: the line's start is enough.)
    assert "nearly 84 10k cases = 421749 cases + 406158 cases + 11160 cases (in all 83." in (
        english
    )


def test_consistent_values_carry_the_stated_figures_percent(tmp_path: Path) -> None:
    # 2.1万人 of 4万人 is 51.25% to 53.75%: a stated 50.3% cannot be; 51.3% to 53.7% can.
    figures = "  reemployed: {value: 2.1, completion: 50.3}\n"
    out = _check(tmp_path, figures, code=1)
    assert "陈述值50.3%；可一致的陈述值：51.3%至53.7%" in out
    english = _check(tmp_path, figures, "--lang", "en", code=1)
    assert "stated 50.3%; consistent: 51.3% to 53.7%" in english


def test_scan_says_what_a_partial_list_leaves_out(tmp_path: Path) -> None:
    # 1.1 + 0.6 = 1.7 of 5.2万人: 3.5万人 are not named, and the list is still consistent.
    path = tmp_path / "draft.txt"
    path.write_text(
        "上半年全市城镇新增就业5.2万人，其中高校毕业生1.1万人、就业困难人员0.6万人。\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["scan", str(path)])
    assert result.exit_code == 0, result.output
    assert "一致 其中分项" in result.stdout
    assert "其中各项合计1.7万人，未列明3.5万人" in result.stdout


QUOTE = """
  reemployed:
    value: 4.22
    quote: 截至6月底，全区帮助失业人员实现再就业4.23万人，完成全年任务数4万人的105.8%
"""


def test_a_figure_its_quote_does_not_print_is_a_finding(tmp_path: Path) -> None:
    # 4.22 spans [4.215, 4.225], the quote's 4.23 [4.225, 4.235]: a slip in the typing.
    # 4万人 is the target (one digit: it could round anything near 4, so it says nothing).
    out = _check(tmp_path, QUOTE, code=1)
    assert "d/d.yaml:6: 不一致 引文数字：失业人员再就业为4.22万人，与引文“截至6月底" in out
    assert (
        "引文中同类数字为4.23万人、4万人，在修约误差内均不可能是4.22万人：请核对数据或引文" in out
    )
    english = _check(tmp_path, QUOTE, "--lang", "en", code=1)
    assert (
        "FAIL quoted figure: 失业人员再就业: 4.22 10k persons is not what its quote prints"
        in english
    )
    assert "the quote prints 4.23 10k persons and 4 10k persons; within rounding none" in english


def test_the_quote_as_printed_passes(tmp_path: Path) -> None:
    out = _check(tmp_path, QUOTE.replace("value: 4.22", "value: 4.23"))
    assert "引文" not in out


def test_the_findings_schema_names_the_quote_rule() -> None:
    import json

    schema = json.loads(runner.invoke(app, ["schema", "findings"]).stdout)
    assert "quote" in schema["$defs"]["CheckKind"]["enum"]
    assert "quoted" in schema["$defs"]["Role"]["enum"]
    finding = schema["$defs"]["FindingOut"]["properties"]
    assert finding["kind"]["$ref"] == "#/$defs/CheckKind"


def test_the_borrowed_note_speaks_of_one_region_in_the_singular() -> None:
    from hrkpi.output.words import Lang, borrowed_note

    # One region (common with --as-of): no 均 ("each"), and "has ... its own".
    assert borrowed_note(["临江县"], Lang.ZH) == (
        "注：未给出地区层级（--regions），临江县也没有本级目标（--targets）："
        "按指标定义的目标（通常为上级的目标）计算"
    )
    assert borrowed_note(["临江县"], Lang.EN) == (
        "Note: no region hierarchy (--regions), and 临江县 has no target of its own "
        "(--targets): it is measured against the indicator definition's target "
        "(usually the parent's)"
    )
    # Several keep the plural, and past five the rest are counted.
    seven = [f"县{i}" for i in range(1, 8)]
    assert "县1、县2、县3、县4、县5等7个地区也没有本级目标" in borrowed_note(seven, Lang.ZH)
    assert "：均按指标定义" in borrowed_note(seven, Lang.ZH)
    assert "县5 and 2 more have no targets" in borrowed_note(seven, Lang.EN)
