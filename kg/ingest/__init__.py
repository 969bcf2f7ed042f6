"""Ingest (读入): find report files, read them in any supported format, clean, split.

Formats: .txt/.md (UTF-8 with or without BOM, UTF-16, GBK/GB18030, Big5 ...), .docx,
.pdf (text layer), .html (article text of a web page). See docs/inputs.md.

Size policy: a real report is 10-50 KB of text. A file whose text is larger than the
report limit (2 MB by default; KG_MAX_REPORT_MB or `kg build --max-report-mb`) is refused
with the limit named, because it is almost certainly not one report (a merged dump, a log,
a wrong file) and extraction time and memory grow with its size (~13 s and ~120 MB per MB of text).
Plain text is checked by file size before it is read, so a 50 MB file costs nothing.
"""
from __future__ import annotations

import hashlib
import os
import unicodedata
from pathlib import Path
from typing import Iterable

from kg import regex
from kg.errors import InputError, InputNote, NoTownship, Skipped, UnsupportedFormat, shown  # noqa: F401 (re-exported)
from kg.ingest.clean import clean
from kg.ingest.readers import ADVICE, READERS
from kg.ingest.sentences import split
from kg.model import Document

DEFAULT_MAX_REPORT_MB = 2.0
ENV_MAX_REPORT_MB = "KG_MAX_REPORT_MB"
# Word, PDF and web files are bigger on disk than their text (images, markup): they may be
# this many times the report limit before they are opened at all.
FILE_FACTOR = {".docx": 50, ".docm": 50, ".pdf": 50, ".html": 10, ".htm": 10, ".shtml": 10, ".xhtml": 10}
_CJK = regex.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_GARBLE = regex.compile(r"[\ufffd\x80-\x84\x86-\x9f\ue000-\uf8ff]")  # U+0085 is a line break
_GARBLED_SHARE = 0.05


def max_report_bytes(mb: float | None = None) -> int:
    """The report size limit in bytes: `mb`, else $KG_MAX_REPORT_MB, else the default."""
    if mb is None:
        env = os.environ.get(ENV_MAX_REPORT_MB, "").strip()
        try:
            mb = float(env) if env else DEFAULT_MAX_REPORT_MB
        except ValueError:
            mb = DEFAULT_MAX_REPORT_MB
    if not mb > 0:
        raise ValueError("the report size limit must be a positive number of MB")
    return int(mb * 2**20)


def discover(inputs: Iterable[str | Path], exclude: Iterable[str | Path] = ()) -> tuple[list[Path], list[InputError]]:
    """Expand files and folders (recursively) into report files, sorted; also the problems.

    Hidden files and folders are ignored; files under `exclude` (the output folder) too.
    A file in a folder that no reader handles is a Skipped note; a file named on the
    command line that no reader handles is an error.
    """
    skip = [Path(e).resolve() for e in exclude]
    files: dict[Path, Path] = {}
    problems: list[InputError] = []
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            _walk(p, skip, files, problems)
        elif p.is_file():
            if p.suffix.lower() in READERS:
                files.setdefault(p.resolve(), p)
            else:
                problems.append(UnsupportedFormat(p, _no_reader(p)))
        else:
            problems.append(InputError(p, "no such file or folder"))
    problems.sort(key=lambda e: e.path)
    return sorted(files.values(), key=lambda f: str(f)), problems


_SYSTEM = {"thumbs.db", "desktop.ini", "ehthumbs.db", ".ds_store"}


def _system_file(name: str) -> bool:
    """Files an office or a file manager leaves beside reports: ~$报告.docx (Word's lock), Thumbs.db."""
    return name.startswith("~$") or name.lower() in _SYSTEM


def _walk(top: Path, skip: list[Path], files: dict[Path, Path], problems: list[InputError]) -> None:
    """The report files under folder `top` (os.walk: a tenth of rglob's time on 10,000 files)."""
    root = top.resolve()                       # once: resolving every file costs 50 µs each
    for folder, dirs, names in os.walk(top):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        if "graph.ttl" in names and "graph.html" in names and os.path.isfile(os.path.join(folder, "graph.ttl")) \
                and os.path.isfile(os.path.join(folder, "graph.html")):
            dirs[:] = []                       # a folder an earlier `kg build` wrote, and all below it
            continue
        here = Path(folder)
        resolved = root.joinpath(here.relative_to(top))
        if skip and _under(resolved, skip):
            dirs[:] = []
            continue
        for name in names:
            f = here / name
            if name.startswith(".") or _system_file(name) or not os.path.isfile(f):
                continue                       # hidden, Word lock files, Thumbs.db, broken links
            if f.suffix.lower() in READERS:
                files.setdefault(resolved / name, f)
            else:
                problems.append(Skipped(f, f"skipped: {_no_reader(f)}"))


def _under(resolved: Path, roots: list[Path]) -> bool:
    return any(resolved.is_relative_to(root) for root in roots)


def _no_reader(p: Path) -> str:
    suffix = p.suffix.lower()
    return ADVICE.get(suffix) or f"no reader for '{suffix or 'no extension'}' files (reads .txt .md .docx .pdf .html)"


def read(path: str | Path, max_bytes: int | None = None) -> Document:
    """Read one report file into a cleaned, sentence-split Document."""
    p = Path(path)
    limit = max_bytes or max_report_bytes()
    try:
        size = p.stat().st_size
    except OSError as e:
        raise InputError(p, e.strerror or str(e)) from None
    suffix = p.suffix.lower()
    fn = READERS.get(suffix)
    if fn is None:
        raise UnsupportedFormat(p, _no_reader(p))
    if size == 0:
        raise InputError(p, "empty file")
    file_limit = limit * FILE_FACTOR.get(suffix, 1)
    if size > file_limit:
        raise InputError(p, f"too large: {_mb(size)} file, over the {_mb(file_limit)} limit for one "
                            f"{suffix} report (set --max-report-mb or {ENV_MAX_REPORT_MB} to raise it)")
    try:
        raw = fn(p)
    except InputError:
        raise
    except OSError as e:
        raise InputError(p, e.strerror or str(e)) from None
    except MemoryError:
        raise InputError(p, "out of memory while reading") from None
    except Exception as e:  # a reader library failing on a corrupt file
        raise InputError(p, f"cannot read {suffix} file: {type(e).__name__}: {_one_line(e)}") from None
    text_bytes = len(raw.encode("utf-8", errors="replace"))
    if text_bytes > limit:
        raise InputError(p, f"too large: {_mb(text_bytes)} of text, over the {_mb(limit)} limit for one report "
                            f"(set --max-report-mb or {ENV_MAX_REPORT_MB} to raise it)")
    return from_text(raw, shown(p))


def _mb(n: int) -> str:
    return f"{n / 2**20:.1f} MB" if n >= 2**20 else f"{n / 2**10:.1f} KB"


def _one_line(e: Exception) -> str:
    return " ".join(str(e).split())[:160]


def same_text_key(text: str) -> str:
    """A digest equal for two cleaned texts that differ only in spacing, line breaks or the
    width of forms (，/,  （/(): the same report saved as .txt, .docx and .pdf, whose readers
    break lines and paragraphs differently. Chinese punctuation (。、“”) is kept as it is."""
    folded = _SPACE.sub("", _nfkc(text))
    return hashlib.sha256(folded.encode("utf-8", "surrogatepass")).hexdigest()


_SPACE = regex.compile(r"\s+")
# what NFKC may change: not ASCII, Han ideographs (never changed, never composed with) nor 。、“”《》
_MAY_CHANGE = regex.compile("[^\u4e00-\u9fff\x00-\x7f。、“”《》]+")


def _nfkc(text: str) -> str:
    """unicodedata.normalize("NFKC", text), three times faster on Chinese text: each run of
    characters NFKC may change is normalized on its own. Replacing pieces by equivalent ones
    keeps a text compatibility-equivalent, so if the result is normalized it is the NFKC form
    (a mark that composes across a cut leaves it unnormalized: then the whole is normalized)."""
    out = _MAY_CHANGE.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
    return out if unicodedata.is_normalized("NFKC", out) else unicodedata.normalize("NFKC", text)


def from_text(raw: str, path: str = "<text>") -> Document:
    """Build a Document from raw text (used by readers and by tests).

    Raises InputError when the text is empty, garbled (a wrong encoding or binary data),
    or holds no Chinese at all (not a township report).
    """
    if not raw.strip():
        raise InputError(path, "no text content")
    garbled = len(_GARBLE.findall(raw))
    if garbled > _GARBLED_SHARE * len(raw):
        raise InputError(path, f"garbled text ({garbled} of {len(raw)} characters undecodable: "
                               "binary data or an unknown encoding)")
    text = clean(raw)
    if not text.strip():
        raise InputError(path, "no text content")
    if not _CJK.search(text):
        raise InputError(path, "no Chinese text found; not a township report")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Document(path=path, text=text, sha256=digest, sentences=split(text))
