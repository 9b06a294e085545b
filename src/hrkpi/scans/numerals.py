"""Figures in a report's text: Arabic and Chinese numerals with their multiplier
(万, 亿, 万亿), unit and approximation word, read exactly as `hrkpi check` reads a
literal ("近84万件" is the literal "近84" in 万件, [83万, 84万]).

Dates, ordinals (第六批), headings (1. / (一)), titles in 《》 and numbers touching
Latin letters (5G) are not figures. A figure whose unit hrkpi has no unit for (岁,
万亿人) is still a figure, of class OTHER: it is shown, never checked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from hrkpi.core.numbers import Figure, parse_figure
from hrkpi.core.units import UNITS, Unit


class FigureClass(StrEnum):
    """What a figure measures, for the rules' patterns."""

    AMOUNT = "N"  # a count or money in a known unit: 4.22万人, 2.18亿元, 29件
    PERCENT = "P"  # 3.56%
    POINTS = "Q"  # 92.52个百分点
    TIMES = "T"  # 1.5倍
    PERMILLE = "M"  # 10.48‰
    RANGE = "R"  # 3%-5%, 3至5万人
    OTHER = "O"  # a unit hrkpi does not know (岁, 元/人, 万亿元)


@dataclass(frozen=True)
class Token:
    """One figure as printed: where it stands and what it says."""

    start: int
    end: int
    cls: FigureClass
    figure: Figure | None  # the literal as check reads it (None for ranges and odd literals)
    unit: Unit | None  # None for 倍, ‰, ranges and unknown units
    unit_text: str  # as printed after the number: 万人, %, 个百分点

    @property
    def span(self) -> tuple[int, int]:
        """Offsets into the text as read."""
        return self.start, self.end


# Classifiers read as another unit: 名 counts persons, 个事项 items (项).
UNIT_ALIASES = {"名": "人"}
# Units a report prints that hrkpi has not built in; a scan that uses one declares it
# (hrkpi.scans.build), as an indicators folder would under units:.
EXTRA_UNITS = {"万亿元": Unit("万亿元", "元", 12, "trillion yuan")}
_BASES = sorted(
    {u.base for u in UNITS.values() if u.base not in ("%", "个百分点")} | set(UNIT_ALIASES),
    key=len,
    reverse=True,
)
_UNIT = "|".join(["个百分点", "百分点", *_BASES, "倍", "%", "‰"])
# 约 after these characters is part of a word (要约, 签约), not "about".
_PRE = "将近|近|不到|不足|超过|超|逾|(?<![要签履合协节预特制违契邀条])约"
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_CN_DIGITS = "零〇一二两三四五六七八九十百千万亿"
_CN = rf"[{_CN_DIGITS}]+(?:点[零〇一二三四五六七八九]+)?"
_TAIL = (
    rf"(?P<suf1>多|余)?[ ]?(?P<mult>万亿|亿|万)?(?P<suf2>多|余)?[ ]?"
    rf"(?P<unit>{_UNIT})?(?P<suf3>以上|左右)?"
)
_ARABIC = re.compile(rf"(?<![不A-Za-z\d.])(?P<pre>{_PRE})?(?P<num>{_NUM})(?![A-Za-z\d]){_TAIL}")
_CHINESE = re.compile(rf"(?<!不)(?P<pre>{_PRE})?(?P<num>{_CN}){_TAIL}")
_PERCENT_CN = re.compile(rf"百分之(?P<num>{_CN}|{_NUM})")
_RANGE = re.compile(
    rf"(?<![\d.])(?:{_NUM})(?:万|亿)?(?:{_UNIT})?[ ]?(?:-|~|—|–|至|到)[ ]?(?:{_NUM})"
    rf"(?:万亿|亿|万)?(?:{_UNIT})?"
)
# Not figures: dates and times, durations, ordinals, headings, titles of documents.
_NOT_FIGURES = [
    re.compile(r"\d{4}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2}"),
    re.compile(r"\d{1,2}:\d{2}"),
    re.compile(r"\d{1,2}\s*(?:-|~|—|–|至|到)\s*\d{1,2}\s*月(?:份)?"),
    re.compile(
        rf"(?:\d+(?:\.\d+)?|[{_CN_DIGITS}]+)\s*(?:个)?(?:年|月|日|号|天|周|岁|小时|分钟|秒|届|期|"
        r"季度|轮|工作日)"
    ),
    re.compile(rf"第\s*(?:\d+|[{_CN_DIGITS}]+)"),
    re.compile(r"《[^》]*》"),
    re.compile(r"[A-Za-z]+[-_]?\d+|\d+[A-Za-z]+"),
]
_HEADING = re.compile(
    rf"^\s*(?:\(?\d{{1,2}}\)|\d{{1,2}}\s*[.、]|\(?[{_CN_DIGITS}]+\)|[{_CN_DIGITS}]+、)"
)


def blocked(folded: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of a paragraph that hold numbers which are not figures."""
    spans = [(m.start(), m.end()) for rx in _NOT_FIGURES for m in rx.finditer(folded, start, end)]
    heading = _HEADING.match(folded, start, end)
    if heading:
        spans.append((heading.start(), heading.end()))
    return spans


# 三次产业结构为5.6:39.0:55.5: shares in % printed without their sign, joined by colons.
_RATIOS = r"\d+(?:\.\d+)?(?:\s*:\s*\d+(?:\.\d+)?){1,5}(?![\d.:%])"
_STRUCTURE = re.compile(
    rf"(?:结构|比例|之比|构成)(?:由\s*(?P<old>{_RATIOS})\s*(?:调整|优化|变化|转变)?)?"
    rf"(?:为|是|调整为|优化为|变为|达到)?\s*(?P<list>{_RATIOS})"
)
_PART = re.compile(r"\d+(?:\.\d+)?")


# 性别比为104.45, 城乡居民人均收入比值为2.08, 求人倍率为1.25: a ratio printed as a bare
# number (a figure of class TIMES, its unit given by the relation that reads it).
_RATIO = re.compile(
    r"(?:性别比|比值|倍率)(?:为|是|达到?|约为)?\s*(?P<num>\d+(?:\.\d+)?)(?![\d.:%‰万亿倍])"
)


def _ratios(folded: str, start: int, end: int) -> list[Token]:
    found = []
    for m in _RATIO.finditer(folded, start, end):
        figure = parse_figure(m["num"])
        found.append(Token(m.start("num"), m.end("num"), FigureClass.TIMES, figure, None, ""))
    return found


def _structure(folded: str, start: int, end: int) -> list[Token]:
    found = []
    for m in _STRUCTURE.finditer(folded, start, end):
        for group in ("old", "list"):
            if m.group(group) is None:
                continue
            for n in _PART.finditer(folded, m.start(group), m.end(group)):
                found.append(_token(n.start(), n.end(), "", n.group(), "", "", "%"))
    return found


def figures(folded: str, start: int, end: int) -> list[Token]:
    """Every figure of a paragraph, in order (folded text; offsets as read)."""
    found: list[Token] = _structure(folded, start, end) + _ratios(folded, start, end)
    shares = [t.span for t in found]
    # A structure's colons are no time of day (5.6:39.0 is not 6:39).
    skip = [
        (a, b) for a, b in blocked(folded, start, end) if all(b <= x or a >= y for x, y in shares)
    ]
    taken: list[tuple[int, int]] = skip + shares

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    for m in _RANGE.finditer(folded, start, end):
        if free(m.start(), m.end()) and _is_range(m.group()):
            found.append(Token(m.start(), m.end(), FigureClass.RANGE, None, None, ""))
            taken.append((m.start(), m.end()))
    for m in _PERCENT_CN.finditer(folded, start, end):
        number = _chinese_number(m["num"]) if not m["num"][0].isdigit() else m["num"]
        if number is not None and free(m.start(), m.end()):
            found.append(_token(m.start(), m.end(), "", number, "", "", "%"))
            taken.append((m.start(), m.end()))
    for rx, chinese in ((_ARABIC, False), (_CHINESE, True)):
        for m in rx.finditer(folded, start, end):
            token = _match_token(m, chinese, folded)
            if token is not None and free(token.start, token.end):
                found.append(token)
                taken.append(token.span)
    return sorted(found, key=lambda t: t.start)


def _is_range(text: str) -> bool:
    """A range has two numbers and a unit or multiplier; "3-5" alone is left alone."""
    return bool(re.search(rf"(?:万|亿|{_UNIT})", text))


def _match_token(m: re.Match[str], chinese: bool, folded: str) -> Token | None:
    number = m["num"]
    if chinese:
        if not any(ch in number for ch in "零〇一二两三四五六七八九十"):
            return None
        mult = m["mult"]
        if number.endswith(("万", "亿")) and mult is None:
            # "三万人": the numeral ends in its multiplier.
            cut = 2 if number.endswith("万亿") else 1
            mult, number = number[-cut:], number[:-cut]
            if not number:
                return None
        if not m["unit"]:
            return None  # a Chinese numeral is a figure only with a unit (两个百分点, 三万人)
        if len(number) == 1 and not mult and m["unit"] not in ("个百分点", "百分点", "倍", "%"):
            return None  # 一家, 两个, 三项: prose, not a statistic
        value = _chinese_number(number)
        if value is None:
            return None
        return _token(m.start(), m.end(), m["pre"] or "", value, mult or "", _suffix(m), m["unit"])
    end = m.end()
    if not m["unit"] and not m["mult"]:
        return _bare(m)
    if m["unit"] and folded[end : end + 1] == "/":
        return Token(m.start(), end, FigureClass.OTHER, None, None, m["unit"] + "/")
    unit = m["unit"]
    if unit == "个" and folded.startswith("事项", end):
        unit = "项"  # 105个事项 counts items (项), as 72项服务事项 does
    return _token(m.start(), end, m["pre"] or "", number, m["mult"] or "", _suffix(m), unit)


def _bare(m: re.Match[str]) -> Token | None:
    # A number without a unit is not a figure hrkpi can check (a hotline, a code, an
    # unnamed count): it is left out, so it is neither checked nor "not understood".
    return None


def _suffix(m: re.Match[str]) -> str:
    words = [w for w in (m["suf1"], m["suf2"], m["suf3"]) if w]
    return "".join(words) if len(words) <= 1 else "|".join(words)


def _token(
    start: int, end: int, pre: str, number: str, mult: str, suf: str, unit: str | None
) -> Token:
    unit_text = f"{mult}{unit or ''}"
    cls = _class(unit, mult)
    literal = f"{pre}{number.replace(',', '')}{suf}"
    try:
        figure: Figure | None = parse_figure(literal)
    except ValueError:
        figure, cls = None, FigureClass.OTHER  # two approximation words: shown, not checked
    core_unit = None
    if cls in (FigureClass.AMOUNT, FigureClass.PERCENT, FigureClass.POINTS, FigureClass.PERMILLE):
        symbol = mult + UNIT_ALIASES.get(unit or "", unit or "")
        symbol = "个百分点" if "百分点" in symbol else symbol
        core_unit = UNITS.get(symbol) or EXTRA_UNITS.get(symbol)
        if core_unit is None:
            cls = FigureClass.OTHER
    return Token(start, end, cls, figure, core_unit, unit_text)


def _class(unit: str | None, mult: str) -> FigureClass:
    if unit is None:
        return FigureClass.OTHER  # 4.22万 with no unit: the base is not known
    if unit == "%":
        return FigureClass.PERCENT if not mult else FigureClass.OTHER
    if "百分点" in unit:
        return FigureClass.POINTS if not mult else FigureClass.OTHER
    if unit == "倍":
        return FigureClass.TIMES
    if unit == "‰":
        return FigureClass.PERMILLE
    return FigureClass.AMOUNT


_CN_DIGIT_VALUE = {ch: str(i) for i, ch in enumerate("零一二三四五六七八九")} | {"〇": "0"}


def _chinese_number(text: str) -> str | None:
    """A Chinese numeral as a decimal literal, exactly ("一点五" -> "1.5", "两" -> "2")."""
    import cn2an

    whole, _, fraction = text.replace("两", "二").partition("点")
    try:
        value = cn2an.cn2an(whole or "零", "strict")
    except (ValueError, KeyError):
        return None
    if not isinstance(value, int) and not (isinstance(value, float) and value.is_integer()):
        return None
    literal = str(int(value))
    if fraction:
        literal += "." + "".join(_CN_DIGIT_VALUE[ch] for ch in fraction)
    return str(Decimal(literal)) if fraction else literal
