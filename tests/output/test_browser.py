"""The HTML report in a real browser: headless Chromium (Debian's `chromium`, which
.ci/run installs with a CJK font) lays the page out, and the test reads back
where every chart label landed.

The measuring uses Chromium alone: a copy of the page gets a script that writes
each SVG text's box into the DOM, and `--dump-dom` returns the laid-out DOM. No
driver library is needed (and none pins a browser build that this machine cannot
download). The report itself carries no script; only the copy does, and the copy
drops the Content-Security-Policy that would forbid it.

Set HRKPI_UPDATE_DOCS=1 to refresh docs/images/report.png, the README's picture.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import struct
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import ROOT, write

from hrkpi.api import check, compute
from hrkpi.output.files import export_report
from hrkpi.output.words import Lang

from .conftest import pdf_page_sizes

WINDOW = (1400, 1150)
# What Chromium needs in this sandbox and in CI: no sandbox (root), no GPU, and no
# network of its own (the closed network refuses its background connections).
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]

MEASURE = r"""<script>
(function () {
  function own(t) {
    return [...t.childNodes].filter(n => n.nodeName !== 'title').map(n => n.textContent).join('');
  }
  function box(r) { return {l: r.left, r: r.right, t: r.top, b: r.bottom}; }
  const out = {svgs: []};
  document.querySelectorAll('svg').forEach(svg => {
    out.svgs.push({
      box: box(svg.getBoundingClientRect()),
      holder: box(svg.parentElement.getBoundingClientRect()),
      texts: [...svg.querySelectorAll('text')].map(t => ({text: own(t),
        ...box(t.getBoundingClientRect())})),
    });
  });
  const pre = document.createElement('pre');
  pre.id = 'hrkpi-measure';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
</script>"""


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    assert found, "Chromium is missing: apt-get install chromium fonts-noto-cjk (.ci/run does)"
    return found


def _run(args: list[str]) -> subprocess.CompletedProcess[str]:
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run(
            [chromium(), *FLAGS, f"--user-data-dir={profile}", *args],
            capture_output=True,
            text=True,
            timeout=180,
            check=True,
        )


def measure(page: Path) -> list[dict[str, Any]]:
    """Where each SVG and each of its texts was drawn (CSS pixels)."""
    text = page.read_text(encoding="utf-8")
    text = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", text)
    copy = page.with_name(page.stem + ".measured.html")
    copy.write_text(text.replace("</body>", MEASURE + "</body>"), encoding="utf-8")
    dom = _run([f"--window-size={WINDOW[0]},{WINDOW[1]}", "--dump-dom", copy.as_uri()]).stdout
    found = re.search(r'<pre id="hrkpi-measure">(.*?)</pre>', dom, re.S)
    assert found, dom[-2000:]
    svgs: list[dict[str, Any]] = json.loads(html.unescape(found[1]))["svgs"]
    return svgs


def _overlap(a: dict[str, Any], b: dict[str, Any]) -> float:
    w = min(a["r"], b["r"]) - max(a["l"], b["l"])
    h = min(a["b"], b["b"]) - max(a["t"], b["t"])
    return w * h if w > 0.5 and h > 0.5 else 0.0


def layout_problems(svgs: list[dict[str, Any]]) -> list[str]:
    """Every label cut by its chart's edge, every two labels on top of each other,
    and every chart wider than the page holds."""
    problems = []
    for n, svg in enumerate(svgs):
        edge, holder = svg["box"], svg["holder"]
        if edge["r"] > holder["r"] + 0.5:
            problems.append(f"chart {n} is wider ({edge['r']:.0f}) than its place ({holder['r']})")
        texts = [t for t in svg["texts"] if t["text"].strip()]
        for t in texts:
            if t["l"] < edge["l"] - 0.5 or t["r"] > edge["r"] + 0.5:
                problems.append(f"chart {n}: {t['text']!r} is clipped ({t['l']:.0f}-{t['r']:.0f})")
            if t["t"] < edge["t"] - 0.5 or t["b"] > edge["b"] + 0.5:
                problems.append(f"chart {n}: {t['text']!r} is clipped at the top or bottom")
        for i, a in enumerate(texts):
            for b in texts[i + 1 :]:
                if _overlap(a, b):
                    problems.append(f"chart {n}: {a['text']!r} overlaps {b['text']!r}")
    return problems


@pytest.fixture(scope="module")
def stress(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Long and wide English names, a completion far past 100%, limits of every kind,
    values beyond them: what pushes labels to the charts' edges."""
    root = tmp_path_factory.mktemp("stress")
    ind = write(
        root / "indicators" / "a.yaml",
        """
        sections:
          - {id: s1, code: 一, title: 就业与社会保险}
        indicators:
          - id: a
            name: 城镇新增就业人数（含灵活就业和新就业形态劳动者）全年累计
            name_en: WORKERS MOVING WWWW MMMM Employment of hard-to-employ urban persons
            section: s1
            unit: 万人
            measure: flow
            target: "4"
          - id: b
            name: 再就业
            name_en: Mmmm Wwww Re-employment
            section: s1
            unit: 人
            measure: flow
            target: "1000"
          - id: c
            name: 城镇调查失业率（全市各区合计，期末）
            name_en: Surveyed urban unemployment rate (all districts, end of period)
            section: s1
            unit: "%"
            measure: rate
            direction: lower
            thresholds:
              - {word: 以内, value: "4"}
              - {word: 以内, value: "3.5", level: warn}
          - id: d
            name: 参保率
            name_en: Insurance coverage
            section: s1
            unit: "%"
            measure: rate
            thresholds:
              - {word: 以上, value: "95"}
          - id: e
            name: 基金支付月数
            name_en: Months of fund payments
            section: s1
            unit: 个
            measure: stock
            thresholds:
              - {word: 左右, value: "12", tolerance: "3"}
          - id: f
            name: 最低工资标准
            name_en: Minimum wage
            section: s1
            unit: 元
            measure: stock
            thresholds:
              - {word: 以上, value: "1800"}
        """,
    )
    data = write(
        root / "data" / "d.yaml",
        """
        source: 测试报告
        region: 测试市
        as_of: 2020-06-30
        figures:
          a: {value: 9.87}
          b: {value: 3}
          c: {value: 3.51}
          d: {value: 12.4}
          e: {value: 100}
          f: {value: 1799.99}
        """,
    )
    return ind.parent, data.parent


PAGES = ["bundled-zh", "bundled-en", "stress-zh", "stress-en"]


@pytest.mark.parametrize("name", PAGES)
def test_no_label_is_clipped_or_overlapping(
    name: str, stress: tuple[Path, Path], tmp_path: Path
) -> None:
    which, lang = name.split("-")
    paths = stress if which == "stress" else (None, None)
    report = compute(*paths)
    page = export_report(report, tmp_path / f"{name}.html", lang=Lang(lang), findings=check(*paths))
    svgs = measure(page)
    assert len(svgs) == 2  # the pace chart and the limits chart
    assert sum(len(s["texts"]) for s in svgs) > 10
    assert layout_problems(svgs) == []


def test_the_measure_sees_a_clipped_label(tmp_path: Path) -> None:
    """The check itself: a label drawn past the chart's left edge is reported."""
    page = tmp_path / "bad.html"
    page.write_text(
        '<!DOCTYPE html><html><body><div><svg width="300" height="60">'
        '<text x="5" y="20" text-anchor="end">clipped label</text>'
        '<text x="100" y="40">one</text><text x="104" y="42">two</text>'
        "</svg></div></body></html>",
        encoding="utf-8",
    )
    problems = layout_problems(measure(page))
    assert any("'clipped label' is clipped" in p for p in problems)
    assert any("'one' overlaps 'two'" in p for p in problems)


def _png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_screenshot_for_the_readme(tmp_path: Path) -> None:
    page = export_report(compute(), tmp_path / "report.html", findings=check())
    shot = tmp_path / "report.png"
    _run([f"--window-size={WINDOW[0]},{WINDOW[1]}", f"--screenshot={shot}", page.as_uri()])
    data = shot.read_bytes()
    assert _png_size(data) == WINDOW
    assert len(data) > 50_000  # drawn, not blank
    if os.environ.get("HRKPI_UPDATE_DOCS"):
        (ROOT / "docs" / "images" / "report.png").write_bytes(data)
    assert _png_size((ROOT / "docs" / "images" / "report.png").read_bytes()) == WINDOW


def test_prints_on_a4_with_the_table_landscape(tmp_path: Path) -> None:
    page = export_report(compute(), tmp_path / "report.html", findings=check())
    pdf = tmp_path / "report.pdf"
    _run(["--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri()])
    pages = pdf_page_sizes(pdf.read_bytes())
    portrait, landscape = (595, 842), (842, 595)  # A4 in points
    assert pages[0] == portrait  # title, cards and charts
    assert len(pages) >= 3 and set(pages[1:]) == {landscape}  # the table and the findings
