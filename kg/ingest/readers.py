"""Readers per file format: bytes on disk to raw text. Register one with @reader."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from kg.errors import InputError

READERS: dict[str, Callable[[Path], str]] = {}


def reader(*suffixes: str):
    """Register a function Path -> str for these file suffixes."""
    def deco(fn):
        for s in suffixes:
            READERS[s] = fn
        return fn
    return deco


def decode(data: bytes, path) -> str:
    """Decode report bytes: BOMs, UTF-8, then GB18030, then a charset detector."""
    if not data.strip():
        raise InputError(path, "empty file")
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(enc, errors="replace")
    if b"\x00" in data[:4096]:
        raise InputError(path, "binary file (NUL bytes), not a text report")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(path, "cannot detect the text encoding")
    return str(best)


@reader(".txt", ".md", ".text", ".markdown")
def read_text(path: Path) -> str:
    return decode(path.read_bytes(), path)
