"""Ingest (读入): find report files, read them in any supported format, clean, split."""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Iterable

from kg.errors import InputError, UnsupportedFormat
from kg.ingest.clean import clean
from kg.ingest.readers import READERS
from kg.ingest.sentences import split
from kg.model import Document

MAX_BYTES = 200 * 1024 * 1024


def discover(inputs: Iterable[str | Path]) -> tuple[list[Path], list[InputError]]:
    """Expand files and folders (recursively) into report files, sorted; also the problems."""
    files: set[Path] = set()
    problems: list[InputError] = []
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            for f in p.rglob("*"):
                if f.is_file() and not f.name.startswith("."):
                    if f.suffix.lower() in READERS:
                        files.add(f)
                    else:
                        problems.append(UnsupportedFormat(f, f"skipped: no reader for '{f.suffix or 'no extension'}' files"))
        elif p.is_file():
            if p.suffix.lower() in READERS:
                files.add(p)
            else:
                problems.append(UnsupportedFormat(p, f"no reader for '{p.suffix or 'no extension'}' files"))
        else:
            problems.append(InputError(p, "no such file or folder"))
    return sorted(files, key=lambda f: str(f)), problems


def read(path: str | Path) -> Document:
    """Read one report file into a cleaned, sentence-split Document."""
    p = Path(path)
    try:
        size = p.stat().st_size
    except OSError as e:
        raise InputError(p, e.strerror or str(e)) from None
    if size > MAX_BYTES:
        raise InputError(p, f"file too large ({size // 2**20} MB > {MAX_BYTES // 2**20} MB)")
    fn = READERS.get(p.suffix.lower())
    if fn is None:
        raise UnsupportedFormat(p, f"no reader for '{p.suffix}' files")
    try:
        raw = fn(p)
    except InputError:
        raise
    except OSError as e:
        raise InputError(p, e.strerror or str(e)) from None
    except Exception as e:  # a reader library failing on a corrupt file
        raise InputError(p, f"cannot read {p.suffix} file: {type(e).__name__}: {e}") from None
    return from_text(raw, str(p))


def from_text(raw: str, path: str = "<text>") -> Document:
    """Build a Document from raw text (used by readers and by tests)."""
    text = clean(raw)
    if not text.strip():
        raise InputError(path, "no text content")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Document(path=path, text=text, sha256=digest, sentences=split(text))
