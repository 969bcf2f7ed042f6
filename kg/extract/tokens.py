"""jieba's tokens of a document: the domain tokenizer, whole-text token spans, lazy Tokens."""
from __future__ import annotations

import bisect
import re
from functools import lru_cache
from itertools import accumulate

from kg import regex
from kg.extract.lexicon import aliases, load
from kg.extract.phrase import HAN
from kg.extract.segment import Segmenter
from kg.model import Document


@lru_cache(maxsize=None)
def tokenizer() -> Segmenter:
    """A segmenter (jieba's tokens, kg/extract/segment.py) that knows the domain's terms and heads as words."""
    words = [(form, 2000) for name in ("mechanisms.tsv", "activities.tsv") for form in aliases(name)
             if 2 <= len(form) <= 12 and re.fullmatch(f"[{HAN}]+", form)]
    words += [(head, 5000) for name in ("mechanism_heads.txt", "activity_heads.txt") for head, _ in load(name)]
    return Segmenter(words)


def tokens(doc: Document) -> list[tuple[int, int]]:
    """Token spans of the whole text, computed once per document (extraction cuts lazily: Tokens)."""
    cached = doc._tokens
    if cached is None:
        cached, pos = [], 0
        for line in doc.text.split("\n"):
            for w in tokenizer().cut(line):
                cached.append((pos, pos + len(w)))
                pos += len(w)
            pos += 1
        doc._tokens = cached
    return cached


class Tokens:
    """jieba's tokens of a document, cut one run of Han characters at a time, on demand.

    jieba cuts each run of `re_han_default` characters on its own and yields every other
    character as a token of its own, so the tokens around a position are those of the run
    holding it: cutting only the runs a head phrase reaches gives the same tokens as
    `tokens(doc)` (newlines are no token), for a fraction of the cost.
    """

    def __init__(self, text: str):
        self.text = text
        # run start -> (run end, token starts, token ends); runs are found from the positions
        # asked for, not by scanning the whole text (a head phrase reaches a few of them)
        self._cut: dict[int, tuple[int, list[int], list[int]]] = {}
        # the run asked for last: most asks are in it
        self._last: tuple[int, int, list[int], list[int]] = (0, 0, [], [])

    def _run_tokens(self, p: int) -> tuple[int, int, list[int], list[int]] | None:
        """(start, end, token starts, token ends) of the run holding character p, None outside runs."""
        last = self._last
        if last[0] <= p < last[1]:
            return last
        text = self.text
        if text[p] not in RUN_CHARS:
            return None
        a = p                                # the run is the maximal one around p (= HAN_RUN's match)
        while a and text[a - 1] in RUN_CHARS:
            a -= 1
        cut = self._cut.get(a)
        if cut is None:
            m = NOT_RUN.search(text, p)
            b = m.start() if m else len(text)
            bounds = list(accumulate(map(len, tokenizer().cut(text[a:b])), initial=a))
            cut = self._cut[a] = (b, bounds[:-1], bounds[1:])     # token starts, token ends
        self._last = last = (a, *cut)
        return last

    def covering(self, p: int) -> tuple[int, int] | None:
        """The token holding character p; at a newline the last token before it; None if none."""
        text = self.text
        while p >= 0 and text[p] == "\n":
            p -= 1
        if p < 0:
            return None
        run = self._run_tokens(p)
        if run is not None:
            starts = run[2]
            i = bisect.bisect_right(starts, p) - 1
            return starts[i], run[3][i]
        return p, p + 1

    def before(self, tok: tuple[int, int]) -> tuple[int, int] | None:
        """The token before `tok` (newlines skipped), None at the start of the text."""
        return self.covering(tok[0] - 1) if tok[0] > 0 else None


RUN_CHARS = frozenset(map(chr, range(0x4E00, 0x9FD6))) | frozenset(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+#&._%-")   # = HAN_RUN's class
NOT_RUN = regex.compile("[^\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]")


def lazy_tokens(doc: Document) -> Tokens:
    """The document's Tokens, made once per document."""
    cached = doc._lazy_tokens
    if cached is None:
        cached = doc._lazy_tokens = Tokens(doc.text)
    return cached
