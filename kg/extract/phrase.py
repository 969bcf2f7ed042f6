"""Shared words for naming practices (机制, 活动): the Candidate, clause stops, generic names.

Each finder yields Candidates: known names (kg/extract/gazetteers.py), head phrases
(kg/extract/heads.py, over kg/extract/tokens.py and kg/extract/boundaries.py), quoted names
(kg/extract/quotes.py); kg/extract/resolve.py keeps the longest non-overlapping ones, trims
each label to the short name a reader would write and folds a label into a longer one of the
same kind that contains it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.extract.lexicon import table, words

CLAUSE_STOP = set("，。；：！？、,;:!?\n“”《》（）()【】[]")
HAN = r"\u4e00-\u9fff"


@dataclass(frozen=True)
class Candidate:
    kind: str        # mechanism | activity
    start: int
    end: int
    label: str
    priority: int    # lower wins among equally long spans: 1 lexicon, 2 quote, 3 head, 4 list item


def plain(s: str) -> str:
    """s without its curly double quotation marks."""
    return s.replace("“", "").replace("”", "")


@lru_cache(maxsize=None)
def _generic() -> frozenset[str]:
    return frozenset(words("generic_phrases.txt"))


@lru_cache(maxsize=None)
def generic_modifier() -> re.Pattern:
    """A run of leading generic modifiers (generic_modifiers.txt), longest first."""
    forms = sorted(words("generic_modifiers.txt"), key=len, reverse=True)
    return re.compile("^(?:" + "|".join(re.escape(f) for f in forms) + ")+")


@lru_cache(maxsize=None)
def _head_words(name: str) -> frozenset[str]:
    """The heads of a heads file that name nothing on their own (an 'event' head, 公职律师, does)."""
    return frozenset(h for h, flag in table(name, 2) if flag != "event")


def is_generic(label: str, kind: str) -> bool:
    """Too general to name a practice: 制度, 宣传活动, and for mechanisms 基层治理机制 (generic words + head)."""
    if label in _generic() or label in slogans():
        return True
    if kind != "mechanism":
        return False
    rest = generic_modifier().sub("", label)
    return rest == "" or rest in _generic() or rest in _head_words("mechanism_heads.txt")


@lru_cache(maxsize=None)
def slogans() -> frozenset[str]:
    """Quoted slogans that name no practice."""
    return frozenset(words("slogans.txt"))
