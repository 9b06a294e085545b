"""The rule table: how a clause of a report states a relation.

Each rule is data: a regular expression over the clause's *shape* (hrkpi.scans.pattern:
the clause with each figure replaced by one placeholder of its class: {N} an amount
such as 4.22万人, {P} a percentage, {Q} percentage points, {X} any figure), the kind
of claim it makes, and its parameters (the sign of a change, the status of a pace
claim, the word of a limit). Named groups give the figures their roles. What a kind of
claim means, and how it attaches to the figure it speaks of, is its handler's
(hrkpi.scans.attach and the modules beside it: lists, shareclaims, marginclaims,
ratios); adding a kind is a rule here, a handler there, and its test cases in
tests/scans/rules/.

The base words of a change (同比, 比上年末, 较2019年底, 与2月10日相比, 环比) are the
table BASES; the sets of parts that make a whole (第一/二/三产业) are PARTITIONS.
"""

from __future__ import annotations

import re

from hrkpi.scans.numerals import FigureClass
from hrkpi.scans.pattern import ANY as _ANY
from hrkpi.scans.pattern import PLACEHOLDER, Kind, Rule

_RISE = "增长|增加(?!值)|净增加|净增|提高|上升|上涨|增多"
_FALL = "下降|减少|净减少|净减|降低|回落|下滑|减"
_PACE = "(?:时序|序时|时间)进度"
_AIM = "(?:目标|计划|指标|任务|控制线)"  # what a margin is a margin to (not 平均水平)
_TOTAL = "{T}{0,20}?"  # the total a share is of, as named (总人口, 全部从业人员)
# What a work report says was done, counted (分别完成3.2万人、1.1万人; 分别提供岗位…).
_DID = "完成|实现|新增|提供|帮助|促进|吸纳|开发|安置|带动|培训|发放|举办|组织|受理|办结|招用"

# Base words, first match wins: the pattern, and what the base is. "year_end" bases are
# resolved against the report's year: 较2019年底 in a 2020 report is 比上年末.
BASES: list[tuple[str, str]] = [
    (r"同比|(?:比|较|与|和)(?:上年|去年)同期", "same_period_last_year"),
    (r"(?:比|较|与|和)(?:上年|去年)(?:末|底)|(?:比|较|与|和)年初", "end_of_last_year"),
    (r"(?:比|较|与|和)(?P<year>\d{4})年(?:末|底)", "year_end"),
    (r"(?:比|较|与|和)(?P<month>\d{1,2})月(?P<day>\d{1,2})日", "date"),
    (r"(?:比|较|与|和)(?P<month>\d{1,2})月(?:末|底)", "month_end"),
    (r"(?:比|较|与|和)(?:第)?(?P<quarter>[一二三])季度(?:末|底)", "quarter_end"),
    (r"环比|(?:比|较|与|和)上(?:个)?月(?:末|底|份)?", "previous_month"),
    (r"(?:比|较|与|和)(?:上年|去年)", "same_period_last_year"),
]
_BASE_WORDS = "|".join(re.sub(r"\(\?P<\w+>", "(?:", p) for p, _ in BASES)
_BASE = rf"(?P<base>{_BASE_WORDS})?(?:相比)?,?(?:的)?"

RULES: list[Rule] = [
    # Whole-clause lists first: a 分别 list is read as one, not as separate changes.
    Rule(
        "each.shares",
        Kind.EACH,
        r"^(?P<names>{T}*?)分别占(?P<total>" + _TOTAL + r")(?:的)?(?:比重|比例)?(?:为|是)?"
        r"(?P<list>{P}(?:[、和及与]{P})+)$",
        "第一、二、三产业就业人员分别占23.6%、28.7%和47.7%",
        {"verb": "share"},
    ),
    Rule(
        "each.structure",
        Kind.EACH,
        r"^(?P<names>{T}*?)(?:结构|比例|之比|构成)(?:由{P}(?::{P}){1,5}(?:调整|优化|变化|转变)?)?"
        r"(?:为|是|调整为|优化为|变为|达到)?(?P<list>{P}(?::{P}){1,5})$",
        "三次产业结构为5.6:39.0:55.5",
        {"verb": "share"},
    ),
    Rule(
        "each.changes",
        Kind.EACH,
        # The base before 分别 (同比分别增长) or after it (分别比上年末增加).
        r"^(?P<names>{T}*?)(?:(?P<base_first>"
        + _BASE_WORDS
        + r")(?:相比)?,?(?P<each_after>分别)|(?P<each>分别)?"
        + _BASE
        + r")(?P<verb>增幅|增速|增长|增加|提高|降幅|下降|减少|降低)(?(each)|(?(each_after)|分别))"
        r"(?:为|是)?"
        r"(?P<list>{P}(?:[、和及与]{P})+|{Q}(?:[、和及与]{Q})+|{N}(?:[、和及与]{N})+)$",
        "第二产业、第一产业的职工增幅分别为2.18%和1.91%",
    ),
    Rule(
        "each.completion",
        Kind.EACH,
        r"^分别(?:完成|达到)了?(?:{T}{0,14}?(?:任务|目标|计划){T}{0,3}?)的"
        r"(?P<list>{P}(?:[、和及与]{P})+)$",
        "分别完成年度目标任务的53.3%、55.0%",
        {"verb": "completion"},
    ),
    Rule(
        "each.values",
        Kind.EACH,
        r"^(?P<names>{T}+?)分别(?:为|是|达到?|有"
        # Or a work verb and what it counts, then a count to each name: 分别完成3.2万人、
        # 1.1万人, 分别新增就业…, 分别提供岗位5.6万个、3.2万个 (amounts only: 分别完成
        # 53.3%、55.0% would be rates of targets not named).
        r"|(?P<did>" + _DID + r")了?(?P<what>{T}{0,6}?)(?:为|达到?)?(?={N}))"
        r"(?P<list>{N}(?:[、和及与]{N})+|{P}(?:[、和及与]{P})+)$",
        "养老、失业保险参保人数分别为323.27万人和235.79万人",
    ),
    Rule(
        "list.in_turn",
        Kind.LIST,
        r"^(?P<names>{T}*?)(?:依次|分别)(?:为|是):?(?P<list>(?:{T}{1,12}?{X}[、]?){2,})$",
        "各区完成率依次为:甲区152.30%、乙县138.05%",
    ),
    Rule(
        "completion.rate",
        Kind.COMPLETION,
        r"(?:完成|达到|为|占)了?(?P<what>{T}{0,14}?(?:任务|目标|计划){T}{0,3}?)\(?(?P<target>{N})?\)?"
        r"的(?P<rate>{P})",
        "完成全年任务数4万人的105.5%",
    ),
    Rule(
        "completion.ratio",
        Kind.COMPLETION,
        r"(?:目标|计划|任务)完成率(?:为|达到?|是)?(?P<rate>{P})",
        "年度目标任务完成率为86.7%",
    ),
    Rule(
        "share.of",
        Kind.SHARE,
        r"(?:所)?占(?!用|地|有|据|领|到)(?:比|(?P<total>" + _TOTAL + r")(?:的)?(?:比重|比例|份额)?)"
        r"(?:为|达到?|是)?(?P<share>{P})",
        "占总人口比重为60.60%",
    ),
    Rule(
        "share.weight",
        Kind.SHARE,
        r"(?:所占)?(?:比重|占比)(?:为|达到?|是)?(?P<share>{P})",
        "第二产业增加值比重为39.0%",
    ),
    Rule(
        "ratio.value",
        Kind.RATIO,
        r"(?P<word>性别比|比值|之比)(?:为|是|达到?|约为)?(?P<ratio>{TIMES})",
        "总人口性别比为104.45(以女性为100)",
    ),
    Rule(
        "ratio.times",
        Kind.RATIO,
        r"(?:是|为|相当于)(?P<den>{T}{1,20}?)的(?P<ratio>{TIMES})$",
        "城镇居民人均可支配收入51326元,是农村居民的2.08倍",
    ),
    Rule(
        "change.rise",
        Kind.CHANGE,
        _BASE + r"(?:累计)?(?P<verb>" + _RISE + r")了?(?:幅度)?(?:为|达到?)?(?P<delta>{N}|{P}|{Q})",
        "同比增长6.38%",
        {"sign": "+"},
    ),
    Rule(
        "change.fall",
        Kind.CHANGE,
        _BASE + r"(?:累计)?(?P<verb>" + _FALL + r")了?(?:幅度)?(?:为|达到?)?(?P<delta>{N}|{P}|{Q})",
        "同比下降12.44%",
        {"sign": "-"},
    ),
    Rule(
        "change.from_to",
        Kind.CHANGE,
        r"(?:由|从)(?P<base>年初|上年末|上年底|去年底|上年同期|去年同期)?的?(?P<previous>{N}|{P})"
        r"(?P<verb>" + _RISE + "|" + _FALL + r")(?:到|至)(?P<value>{N}|{P})",
        "由年初的3.8%下降到3.6%",
        {"value": "value"},
    ),
    Rule(
        "change.previous",
        Kind.CHANGE,
        r"^(?P<base>上年同期|去年同期|上年末|上年底|去年底|去年末|年初|上月末?)(?:为|是|有|达到?)?"
        r"(?P<previous>{N}|{P})$",
        "上年同期为268件",
    ),
    Rule(
        "change.rise_rate",
        Kind.CHANGE,
        _BASE + r"(?P<verb>增幅|增速|增长率|涨幅)(?:最大|最高|最快|最小|最低|最慢)?,?"
        r"(?:为|达到?|是)?(?P<delta>{P})",
        "增幅2.28%",
        {"sign": "+"},
    ),
    Rule(
        "change.fall_rate",
        Kind.CHANGE,
        _BASE
        + r"(?P<verb>降幅|下降幅度|减幅)(?:最大|最高|最小|最低)?,?(?:为|达到?|是)?(?P<delta>{P})",
        "降幅为3.1%",
        {"sign": "-"},
    ),
    # Margins before limits: "低于4%的控制目标0.44个百分点" is a limit and its distance.
    Rule(
        "margin.limit",
        Kind.MARGIN,
        r"(?P<word>(?<!不)低于|(?<!不)高于)(?P<label>{T}{0,10}?)(?P<limit>{P})"
        r"(?:的(?P<label2>{T}{0,8}?" + _AIM + r"))?(?P<by>{Q}|{P})$",
        "低于4%的控制目标0.44个百分点",
    ),
    Rule(
        "margin.target",
        Kind.MARGIN,
        r"(?:(?P<word>(?<!不)低于|(?<!不)高于|超过|超出|超额完成|少于|多于)|比)(?P<label>{T}{0,12}?"
        + _AIM
        + r"(?:数|值)?)(?(word)|(?P<dir>低|少|高|多|超出|超过))了?(?P<by>{Q}|{N}|{P})$",
        "比年度控制目标低0.44个百分点",
    ),
    Rule(
        "margin.exceed",
        Kind.MARGIN,
        r"(?P<word>超额完成)(?:全年|年度)?(?:目标)?(?:任务)?(?P<by>{N})$",
        "超额完成0.22万人",
    ),
    Rule(
        "margin.pace",
        Kind.MARGIN,
        r"(?:(?P<word>快于|超过|超出|超|高于|领先于?|慢于|落后于?|低于|滞后于?)(?:全年)?"
        + _PACE
        + r"|比(?:全年)?"
        + _PACE
        + r"(?P<dir>快|慢|高|低|超出|落后))了?(?P<by>{Q})",
        "超序时进度12.3个百分点",
        {"against": "pace"},
    ),
    Rule(
        "limit.within",
        Kind.LIMIT,
        r"(?:控制在|保持在|稳定在|在)(?P<label>{T}{0,10}?)(?P<limit>{P})(?P<word>以内|以下)",
        "在年度控制目标4%以内",
    ),
    Rule(
        "limit.below",
        Kind.LIMIT,
        r"(?P<word>(?<!不)低于|不超过|不高于|未超过)(?P<label>{T}{0,10}?)(?P<limit>{P})(?:的(?P<label2>{T}{0,8}?目标))?$",
        "低于4.5%的控制目标",
    ),
    Rule(
        "limit.floor",
        Kind.LIMIT,
        r"(?P<word>不低于|(?<!不)高于)(?P<label>{T}{0,10}?)(?P<limit>{P})(?:的(?P<label2>{T}{0,8}?目标))?$",
        "不低于95%的目标",
    ),
    Rule(
        "limit.above",
        Kind.LIMIT,
        r"(?:保持在|稳定在)(?P<label>{T}{0,10}?)(?P<limit>{P})$",
        "保持在95%以上",
        {"word": "以上"},
    ),
    Rule(
        "pace.ahead",
        Kind.PACE,
        r"(?:快于|超过|超出|超|高于|领先于?)(?:全年)?" + _PACE,
        "快于时序进度",
        {"status": "ahead"},
    ),
    Rule(
        "pace.on",
        Kind.PACE,
        r"(?:与|和|同)?" + _PACE + r"(?:基本)?(?:一致|同步|持平|相当|相符)|达到" + _PACE,
        "与时序进度基本一致",
        {"status": "on_pace"},
    ),
    Rule(
        "pace.behind",
        Kind.PACE,
        r"(?:慢于|落后于?|低于|滞后于?)" + _PACE,
        "慢于时序进度",
        {"status": "behind"},
    ),
    Rule(
        "pace.half",
        Kind.PACE,
        r"时间过半[,、]?任务过半",
        "实现时间过半、任务过半",
        {"status": "half"},
    ),
    Rule(
        "except.rest",  # read on the whole sentence: the two parts stand in two clauses
        Kind.EXCEPT,
        r"除(?P<first>{T}{0,6}?{N}){T}{0,30}?外,?(?:其他|其余|其它)(?P<rest>{T}{0,30}?{N})",
        "除72项服务事项可以全程网办外,其他无法实现全程网办的33个事项均可不见面办理",
    ),
]

# Relations read across clauses and sentences by hrkpi.scans.structure (code, not
# patterns: they join what the clause rules read). Listed for the docs and the tests.
STRUCTURE_RULES = [
    Rule(
        "parts.qizhong",
        Kind.EACH,
        "",
        "就业登记在岗职工236.60万人,其中本市员工70.54万人,来厦务工人员166.06万人",
    ),
    Rule(
        "parts.partial",
        Kind.EACH,
        "",
        "全市城镇新增就业5.2万人,其中高校毕业生1.1万人、就业困难人员0.6万人",
    ),
    Rule(
        "parts.increments",
        Kind.EACH,
        "",
        "参保人数比上年末增加5.2万人,其中职工增加3.1万人、居民增加2.1万人",
    ),
    Rule(
        "parts.natural_growth",
        Kind.EACH,
        "",
        "出生率为7.99‰;死亡率为6.27‰;人口自然增长率为1.72‰",
    ),
    Rule(
        "parts.share_partition",
        Kind.EACH,
        "",
        "第一产业就业人员占23.6%;第二产业就业人员占28.7%;第三产业就业人员占47.7%",
    ),
    Rule("parts.named_list", Kind.EACH, "", "686家用人单位…评出A级639家、B级23家、C级24家"),
    Rule("parts.partition", Kind.EACH, "", "总人口140005万人…男性人口71527万人,女性人口68478万人"),
    Rule(
        "parts.partition_growth",
        Kind.EACH,
        "",
        "职工增幅2.28%…第三产业…2.54%;第二产业、第一产业…分别为2.18%和1.91%",
    ),
    Rule(
        "parts.in_turn",
        Kind.LIST,
        "",
        "全市新增就业5.20万人,各区依次为:思明区1.35万人、湖里区1.21万人…",
    ),
    Rule(
        "restatement", Kind.EACH, "", "全市城镇新增就业5.2万人(摘要)…全市城镇新增就业51862人(正文)"
    ),
]

BASE_RULES = [
    Rule(
        "base.clause",
        Kind.BASE,
        r"^(?:与|和|同)(?P<base>{T}{1,14}?)(?:相比|比较)$",
        "与2月10日相比",
    ),
]

# A word every rule of a kind needs: a clause without it skips the kind's patterns
# (most clauses state a plain figure, and the patterns are tried on every clause).
TRIGGERS: dict[Kind, re.Pattern[str]] = {
    Kind.EACH: re.compile("分别|结构|比例|之比|构成"),
    Kind.LIST: re.compile("依次|分别"),
    Kind.COMPLETION: re.compile("任务|目标|计划"),
    Kind.CHANGE: re.compile("增|减|降|提高|上升|上涨|回落|下滑|同期|上年末|上年底|去年|年初|上月"),
    Kind.LIMIT: re.compile("以内|以下|低于|高于|超过|保持在|稳定在"),
    Kind.PACE: re.compile("进度|过半"),
    Kind.SHARE: re.compile("占|比重"),
    Kind.RATIO: re.compile("比|" + PLACEHOLDER[FigureClass.TIMES]),
    Kind.MARGIN: re.compile("低于|高于|超|少于|多于|比|快于|慢于|领先|落后|滞后"),
}

# A rate from figures the report does not print: at constant prices, on a revised
# (comparable) basis, after prices. Never checked against the printed change or values.
_COMPARABLE = r"按?可比(?:价格|口径|价)(?:计算)?|不变价(?:格)?(?:计算)?|扣除价格因素(?:后)?"
COMPARABLE = re.compile(_COMPARABLE + r"|实际(?=增长|下降|增速|增幅|减少)")
# The same words left as a change's subject ("实际" in 实际增长5.8%): not a name.
COMPARABLE_SUBJECT = re.compile(r"(?:" + _COMPARABLE + r"|实际|名义)+$")

# Sets of parts that make up a whole by their names alone.
PARTITIONS: list[tuple[str, ...]] = [
    ("第一产业", "第二产业", "第三产业"),
    ("男性", "女性"),
    ("城镇", "农村"),
    ("城镇", "乡村"),
]

# Words that make a clause a claim; a clause with one of them and a figure that no
# rule took is listed as not understood.
CUES = re.compile(
    r"(?<!自然)增长|增加(?!值)|增幅|增速|减少|下降|降低|降幅|提高|上升|回落|同比|环比|比上年|较(?:上年|去年|年初|\d)|"
    r"完成(?:全年|年度)?(?:目标|任务|计划)|目标任务|占|分别|依次|低于|高于|超过|倍|"
    r"百分点|进度|过半|比重|" + _ANY + r"(?:以内|以下)"
)


__all__ = [
    "BASES",
    "COMPARABLE",
    "COMPARABLE_SUBJECT",
    "CUES",
    "PARTITIONS",
    "PLACEHOLDER",
    "RULES",
    "TRIGGERS",
    "Kind",
    "Rule",
]
