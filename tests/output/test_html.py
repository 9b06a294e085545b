"""The HTML report: one self-contained page (no fetches), the table, and the charts."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from tests.conftest import ROOT, write

from hrkpi.api import check, compute
from hrkpi.output.files import export_report
from hrkpi.output.words import Lang

from .conftest import INJECTIONS_ZH, sample_findings

EXAMPLE = ROOT / "examples" / "regional"


class Page(HTMLParser):
    """Collects what a browser would fetch, the text, and the SVG elements."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.tags: list[str] = []
        self.svg_rects: list[dict[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src", "href", "xlink:href", "action", "poster", "data") and value:
                self.urls.append(value)
        if tag == "rect":
            self.svg_rects.append(dict(attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(path: Path) -> tuple[str, Page]:
    html = path.read_text(encoding="utf-8")
    page = Page()
    page.feed(html)
    return html, page


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("html") / "report.html"
    return export_report(compute(), out, findings=sample_findings())


def test_self_contained(page: Path) -> None:
    html, parsed = parse(page)
    assert parsed.urls == []  # no image, script, style sheet or link to fetch
    assert "script" not in parsed.tags and "link" not in parsed.tags
    assert "@import" not in html and "url(" not in html
    assert "default-src 'none'" in html  # the CSP forbids any fetch anyway
    assert html.startswith("<!DOCTYPE html>") and '<html lang="zh-CN">' in html


def test_table_and_summary(page: Path) -> None:
    _, parsed = parse(page)
    text = "".join(parsed.text)
    for expected in (
        "105.50%",
        "73.33%",
        "49.73%",
        "236.60",
        "达标，余0.44个百分点",
        "+1.23 (+2.28%)",
    ):
        assert expected in text, expected
    assert "一、(一)1 确保就业形势稳定" in text
    assert "不一致" in text and "需要处理" in text  # the inconsistent sample finding


def test_pace_chart_has_a_bar_per_flow_with_a_target(page: Path) -> None:
    html, _ = parse(page)
    svgs = re.findall(r"<svg.*?</svg>", html, flags=re.S)
    assert len(svgs) == 2
    pace, limits = svgs
    # Two flows with a target: 失业人员再就业 105.50% and 城镇就业困难对象就业 73.33%.
    assert "失业人员再就业" in pace and "城镇就业困难对象就业" in pace
    bars = re.findall(r'<rect x="([\d.]+)" y="\d+" width="([\d.]+)" height="18"', pace)
    assert len(bars) == 2
    widths = [float(w) for _, w in bars]
    assert widths[0] / widths[1] == pytest.approx(105.5 / 73.33, rel=1e-3)
    assert "105.50%" in pace and "73.33%" in pace and "49.73%" in pace
    # The unemployment rate against its 4% ceiling.
    assert "城镇登记失业率" in limits and "≤4%" in limits and "3.56%" in limits


def test_threshold_missed_and_english(tricky: tuple[Path, Path], tmp_path: Path) -> None:
    out = export_report(compute(*tricky), tmp_path / "t.html", lang=Lang.EN)
    html, _ = parse(out)
    assert '<html lang="en">' in html
    assert "missed, 0.50 pp beyond the limit" in html
    assert "No check findings were supplied" in html


def test_names_are_escaped(tricky: tuple[Path, Path], tmp_path: Path) -> None:
    out = export_report(compute(*tricky), tmp_path / "t.html")
    _, parsed = parse(out)
    assert parsed.urls == []  # =HYPERLINK("http://x") stays text, not a link
    text = "".join(parsed.text)
    for name in INJECTIONS_ZH:
        assert name in text


def test_limits_chart_floor_band_and_warn(tmp_path: Path) -> None:
    ind = write(
        tmp_path / "i" / "a.yaml",
        """
        indicators:
          - id: rate
            name: 失业率
            unit: "%"
            measure: rate
            direction: lower
            thresholds:
              - {word: 以内, value: "4"}
              - {word: 以内, value: "3.5", level: warn}
          - id: share
            name: 参保率
            unit: "%"
            measure: rate
            thresholds:
              - {word: 以上, value: "95"}
          - id: months
            name: 基金支付月数
            unit: 个
            measure: stock
            thresholds:
              - {word: 左右, value: "12", tolerance: "3"}
        """,
    )
    data = write(
        tmp_path / "d" / "d.yaml",
        """
        source: 测试报告
        region: 测试市
        as_of: 2020-06-30
        figures:
          rate: {value: 3.8}
          share: {value: 93.1}
          months: {value: 16}
        """,
    )
    out = export_report(compute(ind.parent, data.parent), tmp_path / "t.html")
    html = out.read_text(encoding="utf-8")
    limits = re.findall(r"<svg.*?</svg>", html, flags=re.S)[-1]
    for label in ("≤4%", "≤3.5%", "≥95%", "9个", "15个"):  # 左右 12±3 spans 9 to 15
        assert f">{label}<" in limits, label
    assert "预警，超出预警线0.30个百分点" in limits  # 3.8 is over the warn line 3.5, within 4
    assert "未达标，差1.90个百分点" in limits  # 93.1 under the 95 floor: short by 1.90
    # The warn zone is drawn before the fail zone, so the fail zone shows beyond 4%.
    assert limits.index("#fff4d6") < limits.index("#fde3e3")


class FindingsTable(HTMLParser):
    """The headers and cells of the first findings table."""

    def __init__(self) -> None:
        super().__init__()
        self.headers: list[str] = []
        self.cells: list[str] = []
        self._in = False
        self._cell: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table" and ("class", "findings") in attrs:
            self._in = not self.headers
        elif self._in and tag in ("th", "td"):
            self._cell = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self._in = False
        elif self._in and tag in ("th", "td") and self._cell is not None:
            (self.headers if tag == "th" else self.cells).append(self._cell)
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell += data


HEADERS = {
    Lang.ZH: ["序号", "指标", "地区", "时期", "核对项", "结论"],
    Lang.EN: ["No.", "Indicator", "Region", "Period", "Check", "Verdict"],
}


@pytest.mark.parametrize("lang", [Lang.ZH, Lang.EN])
def test_findings_on_one_region_s_rows_name_the_region(lang: Lang, tmp_path: Path) -> None:
    # One region's rows: the terminal says 临江区 2021年1-6月：… and the Excel sheet has
    # its 地区 column, but the page left the column out (it kept it for several regions).
    write(
        tmp_path / "d.csv",
        """
        indicator,region,period,value,completion
        new_jobs,临江区,2021-01/06,2150,17.92
        """,
    )
    args = (EXAMPLE / "indicators", tmp_path / "d.csv")
    out = export_report(compute(*args), tmp_path / "r.html", lang=lang, findings=check(*args))
    table = FindingsTable()
    table.feed(out.read_text(encoding="utf-8"))
    assert table.headers[:6] == HEADERS[lang]
    # One finding: 2150 / 12000 (the definition's 省下达 target) = 17.916…% -> 17.92%.
    verdict = {Lang.ZH: "一致", Lang.EN: "consistent"}[lang]
    assert [table.cells[i] for i in (0, 2, 5)] == ["1", "临江区", verdict]
    assert len(table.cells) == len(table.headers)


def test_a_report_s_own_figures_have_no_region_column(tmp_path: Path) -> None:
    # The bundled report's findings are all 厦门市's, on no table's row: as in the terminal.
    out = export_report(compute(), tmp_path / "r.html", findings=check())
    table = FindingsTable()
    table.feed(out.read_text(encoding="utf-8"))
    assert table.headers[:3] == ["序号", "指标", "核对项"]
