"""Word (.docx) reports: body paragraphs and tables in document order (python-docx).

Running headers and footers live in separate parts of a .docx and are not read; content
controls (w:sdt) are opened; a table becomes one line per row, cells joined by " | ",
merged cells counted once.
"""
from __future__ import annotations

import zipfile
from pathlib import Path

from kg.errors import InputError
from kg.ingest.readers import reader

# Budgets checked on the zip directory before anything is unpacked (python-docx loads every
# part, images included): a report's document.xml is a few MB; the whole package, photos
# included, far under the total; a member unpacking to 100 times its packed size and more
# than BOMB_MIN_BYTES is a zip bomb (a zero-filled "image" of 4 GiB packs into 4 MB).
MAX_XML_BYTES = 32 * 1024 * 1024
MAX_TOTAL_BYTES = 256 * 1024 * 1024
BOMB_RATIO, BOMB_MIN_BYTES = 100, 16 * 1024 * 1024
CELL_SEPARATOR = " | "


@reader(".docx", ".docm")
def read_docx(path: Path) -> str:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    _check_package(path)
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as e:
        raise InputError(path, f"corrupt or truncated .docx file ({type(e).__name__})") from None
    except Exception as e:  # lxml.etree.XMLSyntaxError and friends from a damaged part
        raise InputError(path, f"corrupt .docx file ({type(e).__name__})") from None
    lines: list[str] = []
    _blocks(document.element.body, document, lines)
    return "\n".join(lines)


def _check_package(path: Path) -> None:
    if not zipfile.is_zipfile(path):
        raise InputError(path, "not a .docx file (not a zip package; corrupt, truncated, or an old .doc renamed)")
    try:
        with zipfile.ZipFile(path) as z:
            info = z.getinfo("word/document.xml")
            members = z.infolist()
    except KeyError:
        raise InputError(path, "not a Word document (no word/document.xml inside)") from None
    except (zipfile.BadZipFile, OSError) as e:
        raise InputError(path, f"corrupt or truncated .docx file ({e})") from None
    if info.file_size > MAX_XML_BYTES:
        raise InputError(path, f"document.xml unpacks to {info.file_size // 2**20} MB, over the "
                               f"{MAX_XML_BYTES // 2**20} MB a report's text needs; refusing (zip bomb?)")
    total = sum(m.file_size for m in members)
    if total > MAX_TOTAL_BYTES:
        raise InputError(path, f"the package unpacks to {total // 2**20} MB, over {MAX_TOTAL_BYTES // 2**20} MB; "
                               "refusing (zip bomb?)")
    for m in members:
        if m.file_size > BOMB_MIN_BYTES and m.file_size > BOMB_RATIO * max(1, m.compress_size):
            raise InputError(path, f"{m.filename} unpacks to {m.file_size // 2**20} MB from "
                                   f"{max(1, m.compress_size // 2**10)} KB; refusing (zip bomb)")


def _blocks(container, parent, lines: list[str]) -> None:
    """Paragraphs and tables of a body, cell or content control, in order."""
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in container.iterchildren():
        if child.tag == qn("w:p"):
            lines.append(Paragraph(child, parent).text)
        elif child.tag == qn("w:tbl"):
            _table(Table(child, parent), lines)
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                _blocks(content, parent, lines)


def _table(table, lines: list[str]) -> None:
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if cell._tc in seen:  # a merged cell repeats in row.cells
                continue
            seen.add(cell._tc)
            inner: list[str] = []
            _blocks(cell._tc, cell, inner)
            text = " ".join(t.strip() for t in inner if t.strip())
            cells.append(text)
        if any(cells):
            lines.append(CELL_SEPARATOR.join(c for c in cells if c))
    lines.append("")
