"""Reading reports as written: text in UTF-8, GB18030 and UTF-16, web pages, Word and PDF,
and every kind of file that is not a report, refused with a message naming it."""

from __future__ import annotations

import os
import threading
import zipfile
from pathlib import Path

import docx
import pytest

from hrkpi.core.errors import InputError
from hrkpi.sources.documents import MAX_BYTES, MAX_CHARS, html_text, read_document

SENTENCE = "全市失业人员再就业4.22万人，完成全年任务数4万人的105.5%。"


def _error(path: Path) -> str:
    with pytest.raises(InputError) as exc:
        read_document(path)
    (problem,) = exc.value.problems
    return str(problem.message)


def test_utf8_text_is_read_and_named(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text(SENTENCE, encoding="utf-8")
    doc = read_document(path)
    assert (doc.text, doc.kind, doc.encoding) == (SENTENCE, "text", "UTF-8")


def test_utf8_with_bom_and_windows_newlines(tmp_path: Path) -> None:
    path = tmp_path / "r.md"
    path.write_bytes("\ufeff# 标题\r\n".encode() + SENTENCE.encode())
    doc = read_document(path)
    assert doc.text == "# 标题\n" + SENTENCE
    assert doc.kind == "markdown"


def test_gb18030_text_is_detected(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_bytes(SENTENCE.encode("gb18030"))
    doc = read_document(path)
    assert (doc.text, doc.encoding) == (SENTENCE, "GB18030")


def test_utf16_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_bytes(SENTENCE.encode("utf-16"))
    assert read_document(path).encoding == "UTF-16"


def test_web_page_text_skips_script_and_style(tmp_path: Path) -> None:
    page = (
        '<html><head><meta charset="gbk"><title>标题</title><style>p{color:red}</style></head>'
        "<body><div class=nav>首页 &gt; 工作动态</div><script>var x = 4.5;</script>"
        f"<p>{SENTENCE}</p><table><tr><td>城镇登记失业率</td><td>3.56%</td></tr></table>"
        "</body></html>"
    )
    path = tmp_path / "r.html"
    path.write_bytes(page.encode("gb18030"))
    doc = read_document(path)
    assert doc.encoding == "GB18030"
    assert [line for line in doc.text.split("\n") if line] == [
        "首页 > 工作动态",
        SENTENCE,
        "城镇登记失业率\t3.56%",
    ]


def test_html_text_keeps_one_block_to_a_line() -> None:
    assert html_text("<p>甲<br>乙</p><p>丙</p>") == "甲\n乙\n\n丙"


def test_word_paragraphs_and_tables(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("一、就业")
    document.add_paragraph(SENTENCE)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "指标", "数值"
    table.cell(1, 0).text, table.cell(1, 1).text = "城镇登记失业率", "3.56%"
    path = tmp_path / "r.docx"
    document.save(str(path))
    doc = read_document(path)
    assert doc.kind == "docx"
    assert doc.text.split("\n") == ["一、就业", SENTENCE, "指标\t数值", "城镇登记失业率\t3.56%"]


def _pdf(path: Path, text: str | None) -> Path:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path))
    if text is None:
        c.rect(72, 500, 300, 200, fill=1)  # a "scan": marks, no text
    else:
        c.setFont("STSong-Light", 11)
        y, line = 800, ""
        for ch in text:  # wrapped at 300 points, as a PDF wraps a paragraph
            if pdfmetrics.stringWidth(line + ch, "STSong-Light", 11) > 300:
                c.drawString(72, y, line)
                y, line = y - 16, ""
            line += ch
        c.drawString(72, y, line)
    c.showPage()
    c.save()
    return path


def test_pdf_text_layer_with_wrapped_lines_joined(tmp_path: Path) -> None:
    text = SENTENCE + "城镇就业困难对象就业0.66万人，完成全年任务数0.9万人的73.33%。"
    doc = read_document(_pdf(tmp_path / "r.pdf", text))
    assert doc.kind == "pdf"
    assert doc.text == text


def test_scanned_pdf_without_text_is_refused(tmp_path: Path) -> None:
    assert "no text layer" in _error(_pdf(tmp_path / "scan.pdf", None))


def test_a_pdf_that_is_not_one(tmp_path: Path) -> None:
    path = tmp_path / "fake.pdf"
    path.write_bytes(b"%PDF-1.7\nnot really a pdf")
    assert "cannot read the PDF" in _error(path)


def test_a_docx_that_is_a_zip_of_something_else(tmp_path: Path) -> None:
    path = tmp_path / "r.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("data.csv", "a,b\n1,2\n")
    assert "not a Word .docx document" in _error(path)


def test_a_docx_that_is_no_zip(tmp_path: Path) -> None:
    path = tmp_path / "r.docx"
    path.write_text(SENTENCE, encoding="utf-8")
    assert "not a Word .docx document" in _error(path)


def test_empty_and_blank_files(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b" \n\n\t")
    assert "empty" in _error(tmp_path / "empty.txt")
    assert "empty" in _error(tmp_path / "blank.txt")


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert "binary" in _error(path)


def test_undecodable_text(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_bytes(bytes([0x81, 0x20, 0xFF, 0xFE, 0x80]) * 50)
    assert "neither UTF-8 nor GB18030" in _error(path)


def test_ten_megabytes_of_text_is_more_than_a_report(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_text(SENTENCE * (10_000_000 // len(SENTENCE.encode())), encoding="utf-8")
    assert f"limit is {MAX_CHARS:,}" in _error(path)


def test_unknown_kind_and_missing_file(tmp_path: Path) -> None:
    (tmp_path / "r.xls").write_bytes(b"x")
    assert "cannot read .xls files" in _error(tmp_path / "r.xls")
    assert "no such file or folder; check the path" in _error(tmp_path / "none.txt")
    assert "this is a folder, not a file" in _error(tmp_path)


def test_a_file_past_the_limit_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    with path.open("wb") as f:
        f.truncate(MAX_BYTES + 1)  # sparse: no disk, the size alone
    assert f"more than {MAX_BYTES:,} bytes" in _error(path)


def _refused_in_time(path: Path) -> str:
    """The message read_document refuses `path` with, given ten seconds (a reader that
    opens a FIFO waits for a writer forever; one that reads /dev/zero never ends)."""
    said: list[str] = []

    def read() -> None:
        said.append(_error(path))

    worker = threading.Thread(target=read, daemon=True)
    worker.start()
    worker.join(10)
    assert said, f"reading {path} did not end"
    return said[0]


def test_a_named_pipe_is_refused_not_waited_on(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "r.txt")
    assert "命名管道（FIFO），不是普通文件" in _refused_in_time(tmp_path / "r.txt")


def test_an_endless_device_is_refused_not_read() -> None:
    assert "字符设备，不是普通文件" in _refused_in_time(Path("/dev/zero"))
