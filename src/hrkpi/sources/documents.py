"""Reports as written: the text of a .txt/.md (UTF-8 or GB18030), .html, .docx or .pdf file.

`hrkpi scan` reads the text a person reads. Plain text keeps its lines; a web page
keeps the text of its body, one block element to a line; a Word document gives its
paragraphs and its tables (one row to a line, cells apart by tabs); a PDF gives its
text layer with each paragraph's wrapped lines joined again. Everything that cannot
be read as a report is an InputError naming the file and what to do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from hrkpi.core.errors import InputError, os_reason, problem
from hrkpi.core.messages import Msg, reason
from hrkpi.sources.textfile import not_regular

# Past these a file is not one report: a 500-page report is about a million
# characters; the byte cap stops a huge file before it is read into memory.
MAX_BYTES = 60_000_000
MAX_CHARS = 2_000_000

TEXT_SUFFIXES = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".text": "text"}
HTML_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")


@dataclass(frozen=True)
class Document:
    """A report's text as read, and how it was read."""

    path: str  # as shown to the user (relative to the working directory)
    text: str
    kind: str  # text, markdown, html, docx, pdf
    encoding: str | None = None  # UTF-8, UTF-16, GB18030 for text and web pages


def read_document(path: Path) -> Document:
    """Read one report; raise InputError (file, what is wrong, what to do) if it cannot be."""
    suffix = path.suffix.lower()
    raw = _read_bytes(path)
    if suffix == ".docx":
        text, kind, encoding = _docx_text(path), "docx", None
    elif suffix == ".pdf":
        text, kind, encoding = _pdf_text(path, raw), "pdf", None
    elif suffix in HTML_SUFFIXES:
        decoded, encoding = _decode(path, raw, declared=_declared_charset(raw))
        text, kind = html_text(decoded), "html"
    elif suffix in TEXT_SUFFIXES or suffix == "":
        text, encoding = _decode(path, raw)
        kind = TEXT_SUFFIXES.get(suffix, "text")
    else:
        raise _error(
            path,
            Msg(
                "cannot read {suffix} files; give a .txt, .md, .html, .docx or .pdf file "
                "(save a .doc or .wps as .docx first)",
                suffix=suffix,
            ),
        )
    text = _tidy(text)
    if len(text) > MAX_CHARS:
        raise _error(
            path,
            Msg(
                "the text is {length:,} characters, more than one report "
                "(the limit is {limit:,}); split the file and scan the parts",
                length=len(text),
                limit=MAX_CHARS,
            ),
        )
    if not text.strip():
        raise _error(path, Msg("the file has no text; give the report's text"))
    return Document(_shown(path), text, kind, encoding)


def _read_bytes(path: Path) -> bytes:
    # A FIFO would wait for a writer and /dev/zero never ends (their st_size says 0):
    # only a regular file is read, and never more than one byte past the limit.
    why = not_regular(path)
    if why is not None:
        raise _error(path, why)
    try:
        with path.open("rb") as f:
            raw = f.read(MAX_BYTES + 1)
    except OSError as exc:
        raise _error(path, Msg("cannot read the file: {why}", why=os_reason(exc))) from None
    if len(raw) > MAX_BYTES:
        raise _error(
            path,
            Msg(
                "the file is more than {size:,} bytes, too large for one report; split it first",
                size=MAX_BYTES,
            ),
        )
    if not raw.strip():
        raise _error(path, Msg("the file is empty; give the report's text"))
    return raw


def _decode(path: Path, raw: bytes, declared: str | None = None) -> tuple[str, str]:
    """UTF-8 (with or without BOM), UTF-16 with a BOM, else GB18030; binary is refused."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            said = Msg("the file starts as UTF-16 but is not; save it as UTF-8")
            raise _error(path, said) from None
    if b"\x00" in raw[:65536]:
        raise _error(path, Msg("this is a binary file, not text; give the report's text"))
    order = ["utf-8", "gb18030"]
    if declared == "gb18030":
        order.reverse()
    for codec in order:
        try:
            text = raw.decode("utf-8-sig" if codec == "utf-8" else codec)
        except UnicodeDecodeError:
            continue
        if _plausible(text):
            return text, "UTF-8" if codec == "utf-8" else "GB18030"
    raise _error(
        path,
        Msg(
            "the text is neither UTF-8 nor GB18030 (GBK); save it as UTF-8 "
            "(记事本/WPS: 另存为, 编码 UTF-8)"
        ),
    )


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _plausible(text: str) -> bool:
    """A decoded text whose characters are mostly ones a report uses (not decoded noise)."""
    sample = text[:20000]
    if not sample:
        return False
    odd = len(_CONTROL.findall(sample)) + sum(
        1 for ch in sample if "\ue000" <= ch <= "\uf8ff" or ch == "\ufffd"
    )
    return odd <= len(sample) // 100


def _declared_charset(raw: bytes) -> str | None:
    head = raw[:4096].decode("ascii", "replace").lower()
    match = re.search(r"charset\s*=\s*[\"']?\s*([a-z0-9_-]+)", head)
    if match and match.group(1) in ("gbk", "gb2312", "gb18030", "x-gbk", "cp936"):
        return "gb18030"
    return None


_BLOCKS = frozenset(
    {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article"}
    | {"table", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "header", "footer", "nav"}
    | {"aside", "form", "title", "hr"}
)
_SKIP = frozenset(("script", "style", "noscript", "template", "svg", "head"))


class _TextParser(HTMLParser):
    """The visible text of a page, one block element to a line, table cells apart by tabs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skipping += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")
        elif tag in ("td", "th"):
            self.parts.append("\t")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(re.sub(r"[ \t\r\n]+", " ", data))


def html_text(page: str) -> str:
    """The text of a web page as a reader sees it (the stdlib parser: no network, no script)."""
    parser = _TextParser()
    parser.feed(page)
    parser.close()
    lines = [line.strip() for line in "".join(parser.parts).split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")


def _docx_text(path: Path) -> str:
    import zipfile

    import docx
    from docx.table import Table

    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise _error(
            path,
            Msg(
                "not a Word .docx document ({why}); open it in Word or WPS and save it as .docx",
                why=type(exc).__name__,
            ),
        ) from None
    except Exception as exc:  # python-docx raises its own errors for a zip that is not a document
        raise _error(
            path,
            Msg(
                "not a Word .docx document ({why}); open it in Word or WPS and save it as .docx",
                why=reason(exc),
            ),
        ) from None
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                cells: list[str] = []
                for cell in row.cells:
                    text = " ".join(cell.text.split())
                    if not cells or text != cells[-1]:  # a merged cell repeats its text
                        cells.append(text)
                lines.append("\t".join(cells))
        else:
            lines.append(block.text)
    return "\n".join(lines)


def _pdf_text(path: Path, raw: bytes) -> str:
    import pdfplumber

    if not raw.lstrip().startswith(b"%PDF"):
        raise _error(path, Msg("not a PDF file (no %PDF header); give the report's PDF"))
    pages: list[str] = []
    try:
        with pdfplumber.open(str(path)) as pdf:
            for page in pdf.pages:
                pages.append(_page_text(page))
    except Exception as exc:  # pdfminer raises many kinds of errors for a damaged or locked PDF
        raise _error(
            path,
            Msg(
                "cannot read the PDF ({kind}: {why}); "
                "if it is password-protected, save an unprotected copy",
                kind=type(exc).__name__,
                why=reason(exc),
            ),
        ) from None
    text = "\n".join(pages)
    if not text.strip():
        raise _error(
            path,
            Msg(
                "the PDF has no text layer (a scanned image?); run OCR on it first "
                "or give the Word or web version of the report"
            ),
        )
    return text


_END = ("。", "！", "？", "：", "；", ":", "!", "?")


def _page_text(page: object) -> str:
    """A page's lines, with lines that run to the right margin joined to the next one:
    a paragraph wrapped by the PDF is one paragraph again, so no figure is cut from its unit."""
    lines = page.extract_text_lines()  # type: ignore[attr-defined]
    if not lines:
        return ""
    right = max(line["x1"] for line in lines)
    sizes = [
        (line["x1"] - line["x0"]) / max(len(line["text"]), 1) for line in lines if line["text"]
    ]
    char = sorted(sizes)[len(sizes) // 2] if sizes else 10.0
    out: list[str] = []
    joining = False
    for line in lines:
        text = line["text"].strip()
        if joining and out:
            out[-1] += text
        else:
            out.append(text)
        full = right - line["x1"] < 1.5 * char
        joining = full and not text.endswith(_END)
    return "\n".join(out)


def _tidy(text: str) -> str:
    """One newline convention; no trailing blanks. Offsets are into this text."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.split("\n"))


def _shown(path: Path) -> str:
    from hrkpi.core.errors import display_path

    return display_path(path)


def _error(path: Path, message: Msg) -> InputError:
    return InputError([problem(path, 1, 1, "", message)])
