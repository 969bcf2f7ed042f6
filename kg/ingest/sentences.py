"""Sentence splitting (分句) with character offsets into the cleaned text."""
from __future__ import annotations

from kg import regex
from kg.model import Sentence

# A sentence ends at 。！？ (and ASCII ! ?), at a semicolon, or at a line break;
# a closing quote or bracket right after the stop stays with the sentence.
_END = regex.compile(r"[。！？!?；;]+[”’」』）)]*|\n")


def split(text: str) -> list[Sentence]:
    """Split `text` into sentences, dropping whitespace-only pieces."""
    out: list[Sentence] = []
    start = 0
    for m in _END.finditer(text):
        _add(out, text, start, m.end())
        start = m.end()
    _add(out, text, start, len(text))
    return out


def _add(out: list[Sentence], text: str, start: int, end: int) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if not stripped:
        return
    lead = len(piece) - len(piece.lstrip())
    s = start + lead
    out.append(Sentence(stripped, s, s + len(stripped)))
