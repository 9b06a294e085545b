"""The words of an analyst's wide sheet: which header is the region, the period,
a total row, and what a column under an indicator holds (hrkpi.sources.workbook)."""

from __future__ import annotations

import re

from hrkpi.core.models import Measure
from hrkpi.core.periods import Period, PeriodKind

REGION_HEADERS = {"地区", "区域", "地市", "县区", "区县", "单位", "地区名称", "region", "Region"}
PERIOD_HEADERS = {"期别", "时间", "月份", "统计期", "period"}
SKIPPED_HEADERS = {"序号", "排名", "名次", "备注", "序时进度", "进度", "进度状态", "no", "rank"}
TOTAL_ROWS = {"合计", "总计", "全市", "全省", "全区", "全县", "全市合计", "合 计"}
LONG_ALIASES = {
    "指标": "indicator",
    "地区": "region",
    "期别": "period",
    "数值": "value",
    "单位": "unit",
}
TARGET_WORDS = ("目标", "任务", "计划")
UNIT_IN_HEADER = re.compile(r"^(?P<name>.*?)[（(](?P<unit>[^）)]+)[）)]\s*$")
UNIT_LINE = re.compile(r"^单位[:：]\s*(?P<unit>\S+)")
TITLE_PERIOD = re.compile(
    r"(?P<y>\d{4})年(?P<rest>\d{1,2}(?:[-－—~至]\d{1,2})?月|[一二三四]季度|[上下]半年)?"
)


def column_role(header: str) -> str:
    if "完成率" in header or header in ("完成%", "完成进度"):
        return "completion"
    if "同比" in header or "增幅" in header or "增长" in header:
        return "change_pct"
    if any(w in header for w in TARGET_WORDS):
        return "target"
    return "value"


def forward_filled(header: list[str]) -> list[str]:
    """A merged header's text spread over the columns it spans (only the first holds it)."""
    out, last = [], ""
    for text in header:
        last = text.strip() or last
        out.append(last)
    return out


def stands_at(period: Period, measure: Measure) -> Period:
    """A stock's or rate's figure in a 1-6月 sheet stands at the end of June (当月)."""
    if measure is Measure.FLOW or period.first == period.last:
        return period
    return Period(period.year, period.last, period.last, PeriodKind.MONTH)
