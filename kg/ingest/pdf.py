"""PDF reports: the text layer (pypdf), with the page layout undone.

A PDF stores lines, not paragraphs: a sentence that reached the right margin goes on in
the next line, and on the next page after the running header. So each page's page number
and running header/footer are dropped, and a line that fills the page width without
closing punctuation is joined to the next one. A PDF without a text layer (a scan) is an
error: OCR is out of scope.
"""
from __future__ import annotations

import logging
import math
import re
import unicodedata
from collections import Counter
from pathlib import Path

from kg import regex
from kg.chinese import PDF_HEADING
from kg.errors import InputError
from kg.ingest.readers import reader

_PAGE_NUMBER = regex.compile(
    r"^\s*(?:[-—–－]\s*\d{1,4}\s*[-—–－]|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|"
    r"\d{1,4}\s*/\s*\d{1,4}|\d{1,4}|page\s*\d{1,4}(?:\s*of\s*\d{1,4})?)\s*$", re.I)
_SENTENCE_END = tuple("。！？；：!?;:…”’）)】」』")
_LINE_START_PUNCT = tuple("，、。；：！？）)】」』”’%")
_HEADING = PDF_HEADING
_EDGE = 2            # how many lines at the top and bottom of a page may be header/footer
_FULL = 0.85         # a line at least this share of the page's text width reached the margin
MIN_TEXT_CHARS = 20  # fewer visible characters than this in the whole file: no text layer


@reader(".pdf")
def read_pdf(path: Path) -> str:
    pages = [_lines(t) for t in _page_texts(path)]
    pages = _drop_edges(pages)
    visible = sum(len(re.sub(r"\s", "", ln)) for page in pages for ln in page)
    if visible < MIN_TEXT_CHARS:
        raise InputError(path, "PDF has no text layer (a scanned image?); OCR is not supported, "
                               "convert it to text or .docx first")
    return "\n".join(_join_lines(pages))


def _page_texts(path: Path) -> list[str]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    # pypdf logs its repairs of damaged files to stderr; the user gets our one line instead
    log = logging.getLogger("pypdf")
    level = log.level
    log.setLevel(logging.CRITICAL)
    try:
        pdf = PdfReader(str(path), strict=False)
        if pdf.is_encrypted and not pdf.decrypt(""):
            raise InputError(path, "encrypted PDF (a password is needed)")
        return [page.extract_text() or "" for page in pdf.pages]
    except InputError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, AssertionError,
            RecursionError, NotImplementedError) as e:
        raise InputError(path, f"corrupt or truncated PDF ({type(e).__name__}: {_short(e)})") from None
    finally:
        log.setLevel(level)


def _short(e: Exception) -> str:
    return " ".join(str(e).split())[:120]


def _lines(text: str) -> list[str]:
    return [ln.strip() for ln in text.replace("\r", "\n").split("\n") if ln.strip()]


def _shape(line: str) -> str:
    """A line with its digits masked, so 'page 3' and 'page 4' headers compare equal."""
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", line))


def _drop_edges(pages: list[list[str]]) -> list[list[str]]:
    """Drop page numbers and the running header/footer lines repeated across pages."""
    counts: Counter = Counter()
    for page in pages:
        counts.update({_shape(ln) for ln in page[:_EDGE] + page[-_EDGE:]})
    need = max(2, math.ceil(len(pages) / 2))
    repeated = {s for s, n in counts.items() if n >= need} if len(pages) >= 2 else set()
    out = []
    for page in pages:
        keep = []
        for i, ln in enumerate(page):
            at_edge = i < _EDGE or i >= len(page) - _EDGE
            if at_edge and (_PAGE_NUMBER.match(ln) or _shape(ln) in repeated):
                continue
            keep.append(ln)
        out.append(keep)
    return out


def _width(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def _join_lines(pages: list[list[str]]) -> list[str]:
    """Join lines that the layout broke: full-width lines without closing punctuation."""
    out: list[str] = []
    open_line = False  # the last line in `out` ran to the margin and goes on
    widths = sorted(_width(ln) for page in pages for ln in page)
    text_width = widths[int(0.9 * (len(widths) - 1))] if widths else 0  # the page's measure
    for page in pages:
        for ln in page:
            continues = out and (open_line or ln.startswith(_LINE_START_PUNCT)) and not _HEADING.match(ln)
            if continues:
                words = out[-1][-1:].isascii() and out[-1][-1:].isalnum() and ln[:1].isascii() and ln[:1].isalnum()
                sep = " " if words else ""
                out[-1] += sep + ln
            else:
                out.append(ln)
            open_line = (text_width > 0 and _width(ln) >= _FULL * text_width
                         and not ln.endswith(_SENTENCE_END))
    return out
