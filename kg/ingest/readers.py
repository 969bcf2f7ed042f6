"""Readers per file format: bytes on disk to raw text. Register one with @reader.

Plain text is decoded here; Word, PDF and web pages have a module each (word.py, pdf.py,
web.py) that registers itself on import. Readers raise InputError with a reason a user
can act on; anything else a reader library throws on a corrupt file is turned into an
InputError by kg.ingest.read().
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from kg import regex
from kg.errors import InputError

READERS: dict[str, Callable[[Path], str]] = {}

# Formats people have that we do not read, with what to do instead.
ADVICE = {
    ".doc": "old Word .doc format is not supported; save it as .docx",
    ".wps": "WPS format is not supported; save it as .docx",
    ".rtf": "RTF is not supported; save it as .docx or .txt",
    ".xls": "spreadsheets are not reports",
    ".xlsx": "spreadsheets are not reports",
}

# Share of non-ASCII characters that must be common simplified Chinese (GB2312) for a
# GB18030 decoding to be trusted; Big5 read as GBK decodes cleanly but yields rare glyphs.
_GB_PLAUSIBLE = 0.8
# A UTF-8 file with at most this share of bad bytes (e.g. cut off mid-character) is UTF-8.
_UTF8_TOLERANCE = 0.001


def reader(*suffixes: str):
    """Register a function Path -> str for these file suffixes."""
    def deco(fn):
        for s in suffixes:
            READERS[s] = fn
        return fn
    return deco


def decode(data: bytes, path) -> str:
    """Decode report bytes: BOMs, UTF-8, GB18030 when plausible, then a charset detector.

    The detector is charset-normalizer (well kept, pure Python, used by requests); it is
    asked only when the cheap, exact checks fail, and it handles Big5, BOM-less UTF-16, ...
    """
    if not data.strip():
        raise InputError(path, "empty file")
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(enc, errors="replace")
    head = data[:4096]
    if b"\x00" in head:
        utf16 = _bomless_utf16(data)
        if utf16 is None:
            raise InputError(path, "binary file (NUL bytes), not a text report")
        return utf16
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
        if _looks_simplified(text):
            return text
    except UnicodeDecodeError:
        pass
    loose = data.decode("utf-8", errors="replace")
    if loose.count("\ufffd") <= max(8, len(loose) * _UTF8_TOLERANCE):
        return loose
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(path, "cannot detect the text encoding (binary file?)")
    return str(best)


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark: of the two byte orders, the one whose text is nearly all
    Chinese, ASCII and the usual punctuation. (Chinese text has NULs too: 一 is U+4E00, so NUL
    bytes alone do not tell binary from text.)"""
    if len(data) % 2:
        return None
    best: tuple[float, str] | None = None
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        sample = text[:4096]
        share = len(_TEXT_LIKE.findall(sample)) / max(1, len(sample))
        if best is None or share > best[0]:
            best = (share, text)
    return best[1] if best is not None and best[0] >= 0.95 else None


_TEXT_LIKE = regex.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\u2000-\u206f\x20-\x7e\r\n\t\u00b7]")


def _looks_simplified(text: str) -> bool:
    wide = [c for c in text[:200_000] if ord(c) > 0x7F][:20_000]
    if not wide:
        return True
    common = 0
    for c in wide:
        try:
            c.encode("gb2312")
            common += 1
        except UnicodeEncodeError:
            pass
    return common >= _GB_PLAUSIBLE * len(wide)


@reader(".txt", ".md", ".text", ".markdown")
def read_text(path: Path) -> str:
    return decode(path.read_bytes(), path)


# the readers of the other formats register themselves on import
from kg.ingest import pdf as _pdf  # noqa: E402,F401
from kg.ingest import web as _web  # noqa: E402,F401
from kg.ingest import word as _word  # noqa: E402,F401
