"""`hrkpi scan` for people and for CI: the sentence with its figures marked, the verdict,
the values that would be consistent (Chinese first, English with --lang en), and
GitHub annotations."""

from __future__ import annotations

from hrkpi.checks.findings import Verdict
from hrkpi.output.checktext import summary_text
from hrkpi.output.findreasons import explanation as explain
from hrkpi.output.findwords import VERDICT_LABELS, Words
from hrkpi.output.findwords import kind_label as check_kind_label
from hrkpi.output.github import annotation, finding_level
from hrkpi.output.words import Lang, say
from hrkpi.scans.model import Why
from hrkpi.scans.result import ScanFile, ScanFinding, ScanReport

_SCAN_KIND = {
    "restatement": ("前后复述", "restatement"),
    "pace": ("进度表述", "pace claim"),
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
    Why.UNRELATED_LIST: (
        "“分别”逐一列出数字，但文中没有可与之核对的总数、变化或占比",
        "分别 gives each name a figure, but nothing printed relates them: nothing to check",
    ),
    Why.CHANGES_ONLY: (
        "“分别”逐一列出变化量，但无从核对：文中没有这些变化所属的数值，"
        "也没有它们所构成的总体（其数值和变化）",
        "分别 gives each name a change, but nothing printed checks them: neither the figures "
        "they are changes of, nor a total (its figure and its change) whose change they make up",
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
    if f.verdict is Verdict.CONSISTENT and not f.check.implied:
        return []
    return explain(f.check, words)


def message(f: ScanFinding, words: Words) -> str:
    """The explanation as one sentence (JSON, annotations)."""
    return ("；" if words.zh() else "; ").join(explanation(f, words))


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


def to_text(
    report: ScanReport, *, lang: Lang = Lang.ZH, strict: bool = False, unchecked: bool = False
) -> str:
    """Every finding with its sentence, then what was not understood, then a summary."""
    zh = lang is Lang.ZH
    sep = "：" if zh else ": "
    lines: list[str] = []
    for file in report.files:
        words = Words(lang, file.catalog)
        lines.append(_header(file, lang))
        for f in file.findings:
            at = f"第{f.line}行" if zh else f"line {f.line}"
            verdict = say(VERDICT_LABELS[f.verdict], lang)
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
        if report.failed(strict=strict, unchecked=unchecked)
        else ("通过" if zh else "PASSED")
    )
    return "\n".join(lines) + "\n"


def summary_line(report: ScanReport, lang: Lang) -> str:
    """hrkpi check's count of every verdict, and the clauses not understood."""
    nu = sum(len(f.not_understood) for f in report.files)
    counts = summary_text(report.check_report(), lang)
    return f"{counts}；未读懂{nu}处" if lang is Lang.ZH else f"{counts}; {nu} not understood"


def to_github(
    report: ScanReport, *, lang: Lang = Lang.ZH, strict: bool = False, unchecked: bool = False
) -> str:
    """GitHub workflow commands at check's levels (an error per figure that cannot be
    right, ...), a notice per other target not printed, then the summary as plain text."""
    lines: list[str] = []
    for file in report.files:
        words = Words(lang, file.catalog)
        for f in file.findings:
            level = finding_level(f.check, strict=strict, unchecked=unchecked)
            if level is None and f.verdict is Verdict.TARGET_NOT_PRINTED:
                level = "notice"
            if level is None:
                continue
            text = f"{message(f, words)} — {marked(f)}"
            title = f"hrkpi scan: {kind_label(f, lang)}"
            lines.append(
                annotation(level, text, file=file.path, line=f.line, col=f.column, title=title)
            )
    lines.append(summary_line(report, lang))
    return "\n".join(lines) + "\n"
