"""Figures as printed, read as `hrkpi check` reads a literal."""

from __future__ import annotations

import pytest

from hrkpi.scans.numerals import FigureClass, figures
from hrkpi.scans.text import fold


def _read(text: str) -> list[tuple[str, str, str, str]]:
    folded = fold(text)
    assert len(folded) == len(text)  # one character for one: offsets stay offsets
    return [
        (
            text[t.start : t.end],
            t.cls.value,
            t.figure.literal if t.figure else "",
            t.unit.symbol if t.unit else "",
        )
        for t in figures(folded, 0, len(folded))
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("再就业4.22万人", [("4.22万人", "N", "4.22", "万人")]),
        ("在岗职工236.60万人", [("236.60万人", "N", "236.60", "万人")]),
        ("补贴2.18亿元", [("2.18亿元", "N", "2.18", "亿元")]),
        ("业务近84万件", [("近84万件", "N", "近84", "万件")]),
        ("成熟人才1400多人", [("1400多人", "N", "1400多", "人")]),
        ("2万多人", [("2万多人", "N", "2多", "万人")]),
        ("运送农民工超0.45 万人", [("超0.45 万人", "N", "超0.45", "万人")]),
        ("约2.8万人", [("约2.8万人", "N", "约2.8", "万人")]),
        ("4万人左右", [("4万人左右", "N", "4左右", "万人")]),
        ("3000余家", [("3000余家", "N", "3000余", "家")]),
        ("网上办理量421,749件", [("421,749件", "N", "421749", "件")]),
        ("８３０１名困难人员", [("８３０１名", "N", "8301", "人")]),
        ("失业率３．５６％", [("３．５６％", "P", "3.56", "%")]),
        ("提高了92.52个百分点", [("92.52个百分点", "Q", "92.52", "个百分点")]),
        ("提高两个百分点", [("两个百分点", "Q", "2", "个百分点")]),
        ("占百分之五十", [("百分之五十", "P", "50", "%")]),
        ("增加三万人", [("三万人", "N", "3", "万人")]),
        ("增长一点五倍", [("一点五倍", "T", "1.5", "")]),
        ("出生率10.48‰", [("10.48‰", "M", "10.48", "‰")]),
        ("105个事项", [("105个", "N", "105", "项")]),
        ("人均5000元/人", [("5000元/人", "N", "5000", "元/人")]),
        ("基金结存7.4万亿元", [("7.4万亿元", "N", "7.4", "万亿元")]),
        (
            "三次产业结构为5.6:39.0:55.5",
            [("5.6", "P", "5.6", "%"), ("39.0", "P", "39.0", "%"), ("55.5", "P", "55.5", "%")],
        ),
        ("性别比为104.45", [("104.45", "T", "104.45", "")]),
        ("增长3%-5%", [("3%-5%", "R", "", "")]),
    ],
)
def test_figures(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert _read(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "截至2020年6月30日",
        "从2月10日至6月12日",
        "1-6月",
        "2019年度稳岗补贴",
        "第六批台湾特聘专家",
        "《2月份、3月份企业工资发放政策指引》",
        "1.确保就业形势稳定",
        "(一)推动稳就业",
        "5G基站",
        "共发出要约",
        "一家企业、两个专业、三项社保费",
        "“十个一批”扩岗行动",
        "服务热线12333",
        "近3年来",
        "可支付月数为14.2个月",
    ],
)
def test_not_figures(text: str) -> None:
    assert _read(text) == []


def test_a_pre_and_a_suffix_word_make_an_odd_literal() -> None:
    ((shown, cls, literal, _),) = _read("约3000多人")
    assert (shown, cls, literal) == ("约3000多人", FigureClass.OTHER.value, "")
