"""Read a file into a ``LoadedDocument``: its text, page map and front matter.

Supported: PDF (text layer, page furniture removed), DOCX, HTML, Markdown (optional YAML front
matter) and plain text. Anything that cannot be read raises ``DocumentError`` with a reason a
person can act on.
"""

from __future__ import annotations

import hashlib
import logging
import re
from pathlib import Path
from typing import Any

import yaml

from assistant.documents.model import DocumentError, LoadedDocument
from assistant.documents.pdf_cleanup import PdfPage, clean_pages, rows_from_words
from assistant.settings import LimitSettings

log = logging.getLogger(__name__)

SUPPORTED_SUFFIXES: frozenset[str] = frozenset(
    {".pdf", ".docx", ".html", ".htm", ".md", ".markdown", ".txt"}
)
_KINDS = {
    ".pdf": "pdf", ".docx": "docx", ".html": "html", ".htm": "html",
    ".md": "markdown", ".markdown": "markdown", ".txt": "text",
}
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)


class _FrontMatterLoader(yaml.SafeLoader):
    """YAML's safe loader with two changes for files from anywhere. A timestamp that is no real day
    ("date: 2023-13-45") stays the text it was written as, for the document parser to report, rather
    than failing the whole file. Aliases ("*name") are refused: a few nested ones expand a few
    hundred bytes into gigabytes of text once the values are read."""

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        if self.check_event(yaml.AliasEvent):
            raise yaml.composer.ComposerError(
                None, None, "aliases ('*name') are not allowed in front matter", self.peek_event().start_mark
            )
        return super().compose_node(parent, index)

    def construct_yaml_timestamp(self, node):  # type: ignore[no-untyped-def]
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError, AttributeError):  # month 13, year 0, "!!timestamp kemarin"
            return self.construct_scalar(node)


_FrontMatterLoader.add_constructor("tag:yaml.org,2002:timestamp", _FrontMatterLoader.construct_yaml_timestamp)


def load_document(path: Path | str, limits: LimitSettings | None = None) -> LoadedDocument:
    """Load one file; raises ``DocumentError`` with the reason when it cannot be used, or when it
    would cause more work than ``limits`` allow (bytes, unpacked bytes, pages, characters)."""
    path = Path(path)
    limits = limits or LimitSettings()
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        supported = ", ".join(sorted(SUPPORTED_SUFFIXES))
        raise DocumentError(path, f"unsupported file type '{suffix or '(none)'}'; supported: {supported}")
    if not path.is_file():
        raise DocumentError(path, "file not found")
    size = path.stat().st_size
    if size > limits.max_file_bytes:
        raise DocumentError(path, f"the file is {_mb(size)}; at most {_mb(limits.max_file_bytes)} is read")
    data = path.read_bytes()
    if not data.strip():
        raise DocumentError(path, "the file is empty")
    sha = hashlib.sha256(data).hexdigest()
    kind = _KINDS[suffix]
    if kind == "pdf":
        text, page_starts = _pdf_text(path, data, limits.max_pdf_pages)
        _check_length(path, text, limits)
        return LoadedDocument(path=path, text=text, kind=kind, sha256=sha, page_starts=page_starts)
    if kind == "docx":
        _check_archive(path, data, limits)
        text = _docx_text(path, data)
        _check_length(path, text, limits)
        return LoadedDocument(path=path, text=text, kind=kind, sha256=sha)

    raw = _decode_text(path, data, _declared_charset(data) if kind == "html" else None)
    front: dict[str, Any] = {}
    if kind == "markdown":
        front, raw = _split_front_matter(path, raw)
    elif kind == "html":
        front, raw = _html_text(raw)
    text = _normalise_newlines(raw)
    _check_length(path, text, limits)
    if not text.strip():
        raise DocumentError(path, "the file contains no text" + (" after its front matter" if front else ""))
    return LoadedDocument(path=path, text=text, kind=kind, sha256=sha, front_matter=front)


def _mb(n: int) -> str:
    return f"{n / 2**20:.1f} MB"


def _check_length(path: Path, text: str, limits: LimitSettings) -> None:
    if len(text) > limits.max_text_chars:
        raise DocumentError(path, f"the text is {len(text):,} characters long; at most {limits.max_text_chars:,} "
                            "are indexed per file (split the document)")


def _check_archive(path: Path, data: bytes, limits: LimitSettings) -> None:
    """A DOCX is a zip: refuse one that expands beyond the limits before anything unpacks it."""
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError) as exc:
        raise DocumentError(path, f"corrupt or not a Word .docx file ({type(exc).__name__})") from None
    if len(entries) > limits.max_archive_entries:
        raise DocumentError(path, f"the .docx holds {len(entries):,} entries; at most "
                            f"{limits.max_archive_entries:,} are read")
    unpacked = sum(e.file_size for e in entries)
    if unpacked > limits.max_unpacked_bytes:
        raise DocumentError(path, f"the .docx expands to {_mb(unpacked)}; at most {_mb(limits.max_unpacked_bytes)} "
                            "is read")


# ----------------------------------------------------------------------------- text files

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def _declared_charset(data: bytes) -> str | None:
    """The character set an HTML page declares (``<meta charset="windows-1252">``), as Python names
    it; None when it declares none, or one Python does not know. Latin-1 means windows-1252 on the web."""
    import codecs

    from bs4.dammit import EncodingDetector

    declared = EncodingDetector.find_declared_encoding(data[:4096], is_html=True)
    try:
        name = codecs.lookup(declared).name if declared else None
    except LookupError:
        return None
    return "cp1252" if name in ("latin-1", "iso8859-1", "ascii") else name


def _decode_text(path: Path, data: bytes, declared: str | None = None) -> str:
    """UTF-8 (or UTF-16 with its mark) text; else, for a page that declares its character set, the
    text in that set."""
    if data.startswith(_UTF16_BOMS):  # text saved as "Unicode" by Windows tools
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise DocumentError(path, "the text starts as UTF-16 but is not valid UTF-16") from None
    if b"\x00" in data:
        raise DocumentError(path, "binary content (NUL bytes) in a text file; is it really text?")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if declared and declared != "utf-8":
            try:
                return data.decode(declared)
            except UnicodeDecodeError:
                pass
        raise DocumentError(
            path,
            f"text is not UTF-8 (invalid byte 0x{data[exc.start]:02x} at position {exc.start}); "
            "save the file as UTF-8 and load it again",
        ) from None


def _normalise_newlines(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    return text.replace("\u000c", "\n")


def _split_front_matter(path: Path, text: str) -> tuple[dict[str, Any], str]:
    text = text.replace("\r\n", "\n")
    m = _FRONT_MATTER.match(text)
    if not m:
        if text.startswith("---\n") and re.search(r"^\w[\w ]*:", text[4:200], re.M):
            raise DocumentError(path, "invalid front matter: the opening '---' has no closing '---' line")
        return {}, text
    try:
        data = yaml.load(m.group(1), Loader=_FrontMatterLoader) if m.group(1).strip() else {}
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        line = f" (line {where.line + 2})" if where is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise DocumentError(path, f"invalid YAML in front matter{line}: {problem}") from None
    except RecursionError:
        raise DocumentError(path, "invalid front matter: values nested too deeply") from None
    except (ValueError, TypeError, OverflowError) as exc:  # a tagged value that is not one: "!!int abc"
        raise DocumentError(path, f"invalid value in front matter: {exc}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise DocumentError(path, "invalid front matter: expected 'key: value' pairs (a YAML mapping)")
    body = text[m.end():]
    return {str(k): v for k, v in data.items()}, body


# ----------------------------------------------------------------------------- HTML

_BLOCK_TAGS = {"p", "div", "li", "tr", "br", "section", "article", "blockquote", "pre", "dd", "dt",
               "table", "ul", "ol", "header", "footer", "main"}


def _html_text(raw: str) -> tuple[dict[str, Any], str]:
    """Visible text of an HTML page; headings become Markdown '#' lines."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(raw, "html.parser")
    front: dict[str, Any] = {}
    if soup.title and soup.title.get_text(strip=True):
        front["title"] = soup.title.get_text(" ", strip=True)
    for tag in soup(["script", "style", "noscript", "template", "nav", "head", "svg", "form"]):
        tag.decompose()
    for level in range(1, 7):
        for h in soup.find_all(f"h{level}"):
            h.replace_with(f"\n\n{'#' * level} {h.get_text(' ', strip=True)}\n\n")
    for tag in soup.find_all(True):
        if tag.name == "br":
            tag.replace_with("\n")
        elif tag.name in ("td", "th"):
            tag.insert_after(" | ")
        elif tag.name in _BLOCK_TAGS:
            tag.insert_before("\n\n")
            tag.insert_after("\n\n")
    text = soup.get_text()
    lines = [re.sub(r"[ \t\u00a0]+", " ", ln).strip().rstrip("|").strip() for ln in text.splitlines()]
    out = "\n".join(lines)
    out = re.sub(r"\n{3,}", "\n\n", out).strip() + "\n"
    return front, out


# ----------------------------------------------------------------------------- DOCX


def _docx_text(path: Path, data: bytes) -> str:
    import io
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise DocumentError(path, f"corrupt or not a Word .docx file ({type(exc).__name__})") from None
    except Exception as exc:  # lxml and others raise their own types for broken parts
        raise DocumentError(path, f"corrupt .docx file: {exc}") from None

    try:
        parts = _docx_parts(document)
    except Exception as exc:  # python-docx reads attributes lazily: a broken one fails here
        raise DocumentError(path, f"corrupt .docx file: {exc}") from None
    text = "\n\n".join(parts)
    if not text.strip():
        raise DocumentError(path, "the .docx file contains no text")
    return text + "\n"


def _docx_parts(document: Any) -> list[str]:
    """The paragraphs (headings as Markdown '#' lines) and table rows of a Word document, in order."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    parts: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            para = Paragraph(child, document)
            text = para.text.strip()
            if not text:
                continue
            style = (para.style.name if para.style is not None else "") or ""
            m = re.match(r"(?i)heading\s*(\d)", style)
            if m:
                parts.append(f"{'#' * int(m.group(1))} {text}")
            elif style.lower() == "title":
                parts.append(f"# {text}")
            else:
                parts.append(text)
        elif tag == "tbl":
            for row in Table(child, document).rows:
                cells = [c.text.strip() for c in row.cells]
                line = " | ".join(c for c in cells if c)
                if line:
                    parts.append(line)
    return parts


# ----------------------------------------------------------------------------- PDF


def _pdf_has_end(data: bytes) -> bool:
    """Whether the file holds the end of a PDF: an "%%EOF" marker with no PDF object after it (junk
    a server appended is no object; the rest of a file cut after an earlier marker is)."""
    end = data.rfind(b"%%EOF")
    return end >= 0 and re.search(rb"\d+\s+\d+\s+obj\b", data[end:]) is None


def _pdf_text(path: Path, data: bytes, max_pages: int) -> tuple[str, list[int]]:
    import pymupdf

    if b"%PDF-" not in data[:1024]:
        raise DocumentError(path, "not a PDF: the file does not start with '%PDF-' (another kind of file "
                            "renamed to .pdf?)")
    # A PDF ends with "%%EOF". MuPDF rebuilds a file cut short from what is left, silently losing
    # the pages past the cut, so a file without its end is refused.
    incomplete = DocumentError(path, "corrupt PDF: the file is cut short, its end is missing (an interrupted "
                               "download or copy?); get a complete copy")
    try:
        doc = pymupdf.open(stream=data, filetype="pdf")
    except Exception as exc:
        if not _pdf_has_end(data):
            raise incomplete from None
        raise DocumentError(path, f"corrupt PDF that cannot be opened ({exc}); get an undamaged copy") from None
    try:
        if doc.is_repaired and not _pdf_has_end(data):
            raise incomplete
        if doc.needs_pass:
            raise DocumentError(path, "the PDF is encrypted (password-protected); save an unencrypted copy")
        if doc.page_count == 0:
            raise DocumentError(path, "corrupt PDF: it has no pages")
        if doc.page_count > max_pages:
            raise DocumentError(path, f"the PDF has {doc.page_count:,} pages; at most {max_pages:,} are read")
        pages: list[PdfPage] = []
        for number in range(1, doc.page_count + 1):
            try:
                page = doc.load_page(number - 1)
                words = page.get_text("words")
                has_images = bool(page.get_images(full=False))
            except Exception as exc:
                raise DocumentError(path, f"corrupt PDF: page {number} cannot be read ({exc})") from None
            pages.append(
                PdfPage(number=number, width=page.rect.width, height=page.rect.height,
                        lines=rows_from_words(words), has_images=has_images)
            )
    finally:
        doc.close()

    letters = sum(sum(ch.isalnum() for ch in ln.text) for p in pages for ln in p.lines)
    if letters < 20 * len(pages) and letters < 200:
        if any(p.has_images for p in pages):
            raise DocumentError(
                path, "the PDF holds scanned images without a text layer; run OCR first"
            )
        raise DocumentError(path, "the PDF contains no text")

    cleaned = clean_pages(pages)
    chunks: list[str] = []
    page_starts: list[int] = []
    offset = 0
    for i, lines in enumerate(cleaned):
        if i > 0:
            page_starts.append(offset)
        block = "\n".join(lines) + "\n"
        chunks.append(block)
        offset += len(block)
    log.debug("%s: %d pages, %d characters", path, len(pages), offset)
    return "".join(chunks), page_starts
