"""`hrkpi scan` for people and for CI: the sentence with its figures marked, the verdict,
the values that would be consistent (Chinese first, English with --lang en), and
GitHub annotations."""

from __future__ import annotations

from hrkpi.output.figures import interval_places, interval_text
from hrkpi.output.findreasons import explanation as explain
from hrkpi.output.findwords import Words
from hrkpi.output.findwords import kind_label as check_kind_label
from hrkpi.output.github import annotation
from hrkpi.output.words import Lang, say
from hrkpi.scans.model import Why
from hrkpi.scans.result import ScanFile, ScanFinding, ScanReport, ScanVerdict

_SCAN_KIND = {
    "restatement": ("前后复述", "restatement"),
    "pace": ("进度表述", "pace claim"),
}
VERDICT = {
    ScanVerdict.CONSISTENT: ("一致", "consistent"),
    ScanVerdict.INCONSISTENT: ("不一致", "INCONSISTENT"),
    ScanVerdict.NOT_CHECKABLE: ("无法核对", "not checkable"),
    ScanVerdict.TARGET_NOT_PRINTED: ("未印目标", "target not printed"),
    ScanVerdict.PASS: ("达标", "met"),
    ScanVerdict.WARN: ("预警", "warning"),
    ScanVerdict.FAIL: ("未达标", "FAILED"),
}
WHY = {
    Why.NO_RULE: (
        "没有规则能读懂其中的数字：占比、差距、倍数等",
        "no rule reads its figures (a share, a margin, a ratio)",
    ),
    Why.NO_FIGURE: ("前面没有它所说的数字", "no figure before it to be about"),
    Why.NO_BASE: (
        "变化缺少比较基期：同比？比上年末？",
        "a change without its base (year on year? since year end?)",
    ),
    Why.UNDATED_BASE: ("基期日期缺少年份", "a base date with no year to place it in"),
    Why.APPROXIMATE_FALL: (
        "约数的下降（下降近…）的上下限取决于正负号",
        "an approximate fall: its bounds depend on the sign",
    ),
    Why.RATE_PERCENT_CHANGE: (
        "比率的%变化：相对变化还是百分点？",
        "a % change of a rate: relative, or points?",
    ),
    Why.SECOND_CHANGE: (
        "同一数字的第二个同类变化：说的是哪个数字？",
        "a second change of the same kind on one figure",
    ),
    Why.UNITS_DIFFER: ("前后两个数字的单位无法比较", "figures in units that do not compare"),
    Why.APPROXIMATE_TARGET: ("目标是约数", "an approximate target"),
    Why.APPROXIMATE_LIMIT: ("限值是约数", "an approximate limit"),
    Why.NO_LIMIT_WORD: ("限值缺少以上、以内等词", "a level without a limit word"),
    Why.NO_COMPLETION: ("进度表述前没有完成率", "a pace claim with no completion rate before it"),
    Why.NAMES_AND_FIGURES: (
        "“分别”前后名称与数字个数不一致",
        "分别: as many names as figures are needed",
    ),
    Why.NO_TOTAL: (
        "占比所依据的总数未在文中列出",
        "the total it is a share of is not printed",
    ),
    Why.NO_PACE_DATE: (
        "与序时进度的差距：未读到数据截止日期，无法确定序时进度",
        "a distance to schedule pace, but no as-of date to place the pace",
    ),
    Why.WHICH_FIGURE: (
        "变化可能属于前面两个数字中的任一个",
        "a change that may be of either of two figures before it",
    ),
    Why.RATE_PERCENT_MARGIN: (
        "比率与目标的%差距：相对差距还是百分点？",
        "a rate's distance in %: relative, or points?",
    ),
}
KIND_OF_FILE = {
    "text": ("文本", "text"),
    "markdown": ("Markdown", "Markdown"),
    "html": ("网页", "web page"),
    "docx": ("Word 文档", "Word document"),
    "pdf": ("PDF 文字层", "PDF text layer"),
}


def kind_label(f: ScanFinding, lang: Lang) -> str:
    """What the relation is, in words (check's name for its rule)."""
    if f.relation in _SCAN_KIND:
        return say(_SCAN_KIND[f.relation], lang)
    return check_kind_label(f.check.kind, lang)


def explanation(f: ScanFinding, words: Words) -> list[str]:
    """Why the verdict and what would be consistent, in check's own words."""
    if f.verdict is ScanVerdict.TARGET_NOT_PRINTED:
        return [_target_message(f, words.lang)]
    if f.verdict is ScanVerdict.CONSISTENT and not f.check.implied:
        return []
    return explain(f.check, words)


def message(f: ScanFinding, words: Words) -> str:
    """The explanation as one sentence (JSON, annotations)."""
    return ("；" if words.zh() else "; ").join(explanation(f, words))


def _target_message(f: ScanFinding, lang: Lang) -> str:
    # `hrkpi check`'s target_not_printed finding: the targets the value and the rate
    # allow (computed) and the roundest of them (implied).
    if f.check.computed is None:
        return "未印全年目标" if lang is Lang.ZH else "the annual target is not printed"
    value = next((x for x in f.figures if x.role == "value"), None)
    places = interval_places(_places(value.text) if value else 0)
    shown = interval_text(f.check.computed, places) + f.unit
    roundest = f.check.implied or ""
    if lang is Lang.ZH:
        tail = f"，{roundest}{f.unit}在其中" if roundest else ""
        return f"未印全年目标：所印数字意味着目标在{shown}之间{tail}"
    tail = f"; {roundest}{f.unit} lies in it" if roundest else ""
    return f"the annual target is not printed: the figures imply a target in {shown}{tail}"


def _places(literal: str | None) -> int:
    digits = "".join(ch for ch in (literal or "") if ch.isdigit() or ch == ".")
    return len(digits.split(".", 1)[1]) if "." in digits else 0


_LONG = 160  # a relation's text longer than this is shown around its figures only
_AROUND = 24


def marked(f: ScanFinding) -> str:
    """The relation's text with its figures in 【】; a long one (a figure restated pages
    later) only around its figures, the rest elided with ……."""
    start = f.span[0]
    text = f.text
    keep = [(0, len(text))]
    if len(text) > _LONG:
        keep = []
        for ref in sorted(f.figures, key=lambda r: r.span[0]):
            a = max(0, ref.span[0] - start - _AROUND)
            b = min(len(text), ref.span[1] - start + 4)
            if keep and a <= keep[-1][1]:
                keep[-1] = (keep[-1][0], max(b, keep[-1][1]))
            else:
                keep.append((a, b))
    pieces = []
    for a, b in keep:
        piece = text[a:b]
        for ref in sorted(f.figures, key=lambda r: -r.span[0]):
            x, y = ref.span[0] - start - a, ref.span[1] - start - a
            if 0 <= x < y <= len(piece):
                piece = f"{piece[:x]}【{piece[x:y]}】{piece[y:]}"
        pieces.append(" ".join(piece.split()))
    shown = "……".join(pieces)
    if keep and keep[0][0] > 0:
        shown = "……" + shown
    if keep and keep[-1][1] < len(text):
        shown += "……"
    return shown


def _header(file: ScanFile, lang: Lang) -> str:
    what = say(KIND_OF_FILE.get(file.kind, (file.kind, file.kind)), lang)
    enc = f"{file.encoding} " if file.encoding else ""
    if file.as_of is None:
        when = "未读到数据截止日期" if lang is Lang.ZH else "as-of date not found"
    elif lang is Lang.ZH:
        when = f"截至{file.as_of.isoformat()}" + ("，据正文" if file.as_of_from == "text" else "")
    else:
        when = f"as of {file.as_of.isoformat()}" + (
            " (from the text)" if file.as_of_from == "text" else ""
        )
    sep = "；" if lang is Lang.ZH else "; "
    return (
        f"{file.path}（{enc}{what}{sep}{when}）"
        if lang is Lang.ZH
        else (f"{file.path} ({enc}{what}{sep}{when})")
    )


def to_text(report: ScanReport, *, lang: Lang = Lang.ZH, strict: bool = False) -> str:
    """Every finding with its sentence, then what was not understood, then a summary."""
    zh = lang is Lang.ZH
    sep = "：" if zh else ": "
    lines: list[str] = []
    for file in report.files:
        words = Words(lang, file.catalog)
        lines.append(_header(file, lang))
        for f in file.findings:
            at = f"第{f.line}行" if zh else f"line {f.line}"
            verdict = say(VERDICT[f.verdict], lang)
            lines.append(f"  {at} {verdict} {kind_label(f, lang)}{sep}{marked(f)}")
            lines.extend(f"      {why}" for why in explanation(f, words))
        if not file.findings:
            lines.append(
                f"  没有找到可核对的关系（读到{file.figures}个数字）"
                if zh
                else f"  nothing to check: no relation found ({file.figures} figures read)"
            )
        if file.not_understood:
            count = len(file.not_understood)
            lines.append(
                f"  未读懂（{count}处，未核对）："
                if zh
                else f"  not understood ({count}, not checked):"
            )
            for n in file.not_understood:
                at = f"第{n.line}行" if zh else f"line {n.line}"
                why = say(WHY[n.reason], lang)
                lines.append(
                    f"    {at} {' '.join(n.text.split())}（{why}）"
                    if zh
                    else (f"    {at} {' '.join(n.text.split())} ({why})")
                )
        lines.append("")
    lines.append(summary_line(report, lang))
    lines.append(
        ("未通过" if zh else "FAILED")
        if report.failed(strict=strict)
        else ("通过" if zh else "PASSED")
    )
    return "\n".join(lines) + "\n"


def summary_line(report: ScanReport, lang: Lang) -> str:
    """Counts by verdict."""
    n = {v: report.count(v) for v in ScanVerdict}
    nu = sum(len(f.not_understood) for f in report.files)
    total = len(report.findings)
    if lang is Lang.ZH:
        return (
            f"共{total}项：一致{n[ScanVerdict.CONSISTENT]}，不一致{n[ScanVerdict.INCONSISTENT]}，"
            f"无法核对{n[ScanVerdict.NOT_CHECKABLE]}，未印目标{n[ScanVerdict.TARGET_NOT_PRINTED]}，"
            f"达标{n[ScanVerdict.PASS]}，未达标{n[ScanVerdict.FAIL]}；未读懂{nu}处"
        )
    return (
        f"{total} checks: {n[ScanVerdict.CONSISTENT]} consistent, "
        f"{n[ScanVerdict.INCONSISTENT]} inconsistent, "
        f"{n[ScanVerdict.NOT_CHECKABLE]} not checkable, "
        f"{n[ScanVerdict.TARGET_NOT_PRINTED]} target not printed, "
        f"{n[ScanVerdict.PASS]} limits met, {n[ScanVerdict.FAIL]} limits failed; "
        f"{nu} not understood"
    )


def to_github(report: ScanReport, *, lang: Lang = Lang.ZH, strict: bool = False) -> str:
    """GitHub workflow commands: an error per figure that cannot be right, a notice per
    target not printed, then the summary as plain text."""
    lines: list[str] = []
    for file in report.files:
        words = Words(lang, file.catalog)
        for f in file.findings:
            if f.verdict.is_problem or (strict and f.verdict is ScanVerdict.WARN):
                level = "error"
            elif f.verdict is ScanVerdict.TARGET_NOT_PRINTED:
                level = "notice"
            else:
                continue
            text = f"{message(f, words)} — {marked(f)}"
            title = f"hrkpi scan: {kind_label(f, lang)}"
            lines.append(
                annotation(level, text, file=file.path, line=f.line, col=f.column, title=title)
            )
    lines.append(summary_line(report, lang))
    return "\n".join(lines) + "\n"
