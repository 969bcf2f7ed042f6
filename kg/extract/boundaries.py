"""Where a practice's name stops: boundary words, function words by tag, numerals, triggers."""
from __future__ import annotations

import re
from functools import lru_cache

from kg import regex
from kg.extract.lexicon import load, pattern
from kg.extract.phrase import CLAUSE_STOP
from kg.extract.pos import STOP_TAGS, pos_table


@lru_cache(maxsize=None)
def boundary_words() -> frozenset[str]:
    return frozenset(load("phrase_boundaries.txt"))


@lru_cache(maxsize=None)
def boundary_prefix() -> re.Pattern:
    """Leading words a name never starts with (开展, 切实, 进一步, 的 …), longest first."""
    forms = sorted((w for w in boundary_words() if len(w) >= 2), key=len, reverse=True)
    return regex.compile("^(?:" + "|".join(re.escape(f) for f in forms) + ")")


@lru_cache(maxsize=None)
def domain_verbs() -> frozenset[str]:
    return frozenset(load("domain_verbs.txt"))


NUMERAL = regex.compile(pattern("boundaries.numeral"))
DIGIT = regex.compile(r"^[0-9０-９]")


@lru_cache(maxsize=65536)
def is_boundary(word: str) -> bool:
    """A token a practice's name cannot extend over: punctuation, listed words, function words.

    jieba fuses verb runs into one token (广泛开展, 切实加强), so a token made of boundary
    words end to end is a boundary too; numerals and quantifiers (多次, 一些) stop a name,
    a character that the dictionary tags as numeral but is a noun here (接访日) does not.
    """
    if any(c in CLAUSE_STOP or c.isspace() or c.isdigit() for c in word) or word in boundary_words():
        return True
    if word in domain_verbs():
        return False
    tag = pos_table().get(word)
    if tag in ("m", "q", "mq"):
        return bool(NUMERAL.match(word))
    if tag in STOP_TAGS:
        return True
    return splits_into_boundaries(word)


def splits_into_boundaries(word: str) -> bool:
    if len(word) < 3:
        return False
    b = boundary_words()
    ok = [True] + [False] * len(word)
    for i in range(1, len(word) + 1):
        ok[i] = any(ok[j] and word[j:i] in b for j in range(max(0, i - 5), i - 1))
    return ok[-1]


@lru_cache(maxsize=None)
def _trigger_rx() -> re.Pattern:
    forms = sorted((w for w in boundary_words() if len(w) >= 2), key=len, reverse=True)
    return regex.compile("|".join(re.escape(f) for f in forms))


def last_trigger(desc: str) -> int:
    """Offset after the last multi-character boundary word (按照, 建立, 探索建立 …) in desc."""
    end = 0
    for m in _trigger_rx().finditer(desc):
        end = m.end()
    return end
