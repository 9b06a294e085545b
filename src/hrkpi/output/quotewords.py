"""The words of a figure that its own quote does not print (`quote` findings), in
Chinese and English: the figure as stated, and the quote's numbers of its kind."""

from __future__ import annotations

from hrkpi.checks.findings import Finding, Role
from hrkpi.output.findwords import Words

_SHOWN = 40  # characters of the quote shown in the relation line


def _field(key: str, zh: bool) -> str:
    """The stated field in the report's words: 完成率, 增幅, 增减量, 上期值."""
    last = key.rsplit(".", 1)[-1]
    names = {
        "value": ("", ""),
        "completion": ("完成率", "completion rate "),
        "abs": ("增减量", "absolute change "),
        "pct": ("增幅", "growth rate "),
        "pp": ("百分点变化", "change in points "),
        "previous": ("上期值", "base value "),
    }
    zh_name, en_name = names.get(last, ("", ""))
    return zh_name if zh else en_name


def quote_relation(f: Finding, w: Words) -> str:
    """再就业为4.22万人，与引文“截至6月末,全市失业人员再就业4.23万人,…”不符."""
    zh = w.zh()
    stated = f"{w.fig((f.stated or '').lstrip('-'))}{w.unit(f.unit)}"
    quote = " ".join(f.quote.split())
    if len(quote) > _SHOWN:
        quote = quote[:_SHOWN] + "…"
    what = _field(f.field, zh)
    if zh:
        return f"{w.name(f.indicator)}{what}为{stated}，与引文“{quote}”不符"
    return f"{w.name(f.indicator)}: {what}{stated} is not what its quote prints (“{quote}”)"


def quote_reason(f: Finding, w: Words) -> str:
    """The quote's numbers of the figure's kind, none of which can be it."""
    zh = w.zh()
    shown = [f"{w.fig(u.literal)}{w.unit(u.unit)}" for u in f.figures if u.role is Role.QUOTED]
    stated = f"{w.fig((f.stated or '').lstrip('-'))}{w.unit(f.unit)}"
    if zh:
        listed = "、".join(shown)
        one = "不可能是" if len(shown) == 1 else "均不可能是"
        return f"引文中同类数字为{listed}，在修约误差内{one}{stated}：请核对数据或引文"
    listed = " and ".join([", ".join(shown[:-1]), shown[-1]] if len(shown) > 1 else shown)
    return (
        f"the quote prints {listed}; within rounding none of them can be {stated}: "
        "check the figure or the quote"
    )
