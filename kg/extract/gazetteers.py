"""Known names from the lexicons, found in the text and read through quotation marks."""
from __future__ import annotations

import bisect
import re
from functools import lru_cache

from kg import regex
from kg.extract.finders import finder
from kg.extract.lexicon import aliases, trie_pattern
from kg.extract.phrase import Candidate, Source
from kg.model import Document


@lru_cache(maxsize=None)
def gazetteer(name: str) -> tuple[re.Pattern, dict[str, str]]:
    """A regex over every form of a `canonical<TAB>aliases` lexicon, longest first."""
    forms = aliases(name)
    pattern = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    return regex.compile(pattern), forms


QUOTE_MARKS = "“”‘’\"「」"
_UNQUOTE = str.maketrans("", "", QUOTE_MARKS)


@lru_cache(maxsize=None)
def plain_gazetteer(name: str) -> tuple[re.Pattern, dict[str, str]]:
    """gazetteer() over forms with their quotation marks removed (“三重一大”集体决策制度 → 三重一大集体决策制度)."""
    _, forms = gazetteer(name)
    plain: dict[str, str] = {}
    for form in sorted(forms, key=lambda f: ("“" in f, f)):      # an unquoted form's canonical wins
        plain.setdefault(form.translate(_UNQUOTE), forms[form])
    return regex.compile(trie_pattern(plain)), plain     # = the forms longest first, faster to scan


class KeptOffsets:
    """For each character of the text without quotation marks, its offset in the text.

    Reads like the list of kept offsets, computed from the few removed ones: the kept
    character u sits after every removed mark that has at most u kept characters before it.
    """

    def __init__(self, text: str):
        removed = [m.start() for m in _HAS_QUOTE.finditer(text)]
        self._before = [r - k for k, r in enumerate(removed)]   # kept characters before each mark
        self._len = len(text) - len(removed)

    def __len__(self) -> int:
        return self._len

    def __getitem__(self, u: int) -> int:
        if u < 0:
            u += self._len
        if not 0 <= u < self._len:
            raise IndexError(u)
        return u + bisect.bisect_right(self._before, u)


_HAS_QUOTE = regex.compile(f"[{QUOTE_MARKS}]")


def unquoted(doc: Document) -> tuple[str, KeptOffsets]:
    """The text without quotation marks, and for each of its characters the offset in doc.text."""
    cached = doc._unquoted
    if cached is None:
        cached = (_HAS_QUOTE.sub("", doc.text), KeptOffsets(doc.text))
        doc._unquoted = cached
    return cached


@finder("lexicon_matches", lexicons={"lexicon": "mechanisms.tsv"})
def lexicon_matches(doc: Document, lexicon: str, kind: str) -> list[Candidate]:
    """Every occurrence of a known form, read through quotation marks (法律“七进”, “三重一大”集体决策制度)."""
    rx, forms = plain_gazetteer(lexicon)
    text, where = unquoted(doc)
    out = []
    for m in rx.finditer(text):
        start, end = where[m.start()], where[m.end() - 1] + 1
        inside = doc.text[start:end]
        if inside.count("”") > inside.count("“") and start > 0 and doc.text[start - 1] == "“":
            start -= 1                               # keep the quotes balanced: “三重一大”集体决策制度
        if inside.count("“") > inside.count("”") and doc.text[end:end + 1] == "”":
            end += 1                                 # 法律“七进”
        out.append(Candidate(kind, start, end, forms[m.group(0)], Source.LEXICON))
    return out
