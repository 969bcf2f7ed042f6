"""Reports in traditional characters (繁體): read through a simplified view, offsets unchanged.

Some government sites serve a 繁體 version of every page; a report saved from one names
里田鄉 and 學法用法制度, which no register, lexicon or pattern knows. Extraction reads such
a report converted to simplified characters (OpenCC t2s) character by character, so every
offset into the view is the same offset into the text as written, and evidence quotes
the report as written while labels are in the graph's canonical simplified form.
"""
from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from kg import regex
from kg.extract.lexicon import pattern
from kg.model import Document, Sentence

# Characters that only traditional text writes (們 個 這 說 為 會 國 …): a report with a few of
# them in its opening is read through the view; a simplified one costs one short search.
_TRADITIONAL = regex.compile(pattern("script.traditional"))
_PROBE = 3000
_MIN_HITS = 5


@lru_cache(maxsize=None)
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


def is_traditional(text: str) -> bool:
    """Whether the opening of `text` is written in traditional characters."""
    return len(_TRADITIONAL.findall(text, 0, _PROBE)) >= _MIN_HITS


def to_simplified(text: str) -> str:
    """`text` in simplified characters, one character for one (offsets are kept)."""
    out = _converter().convert(text)
    if len(out) == len(text):
        return out
    convert = _converter().convert      # a phrase rule changed the length: convert each character alone
    return "".join(c if len(c := convert(ch)) == 1 else ch for ch in text)


def simplified_view(doc: Document) -> Document:
    """The document itself, or (繁體) a copy in simplified characters with the same offsets."""
    if not is_traditional(doc.text):
        return doc
    text = to_simplified(doc.text)
    return replace(doc, text=text, sentences=[Sentence(text[s.start:s.end], s.start, s.end) for s in doc.sentences])
