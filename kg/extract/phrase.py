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
from enum import IntEnum
from functools import lru_cache

from kg import chinese, regex
from kg.extract.lexicon import load

CLAUSE_STOP = set("，。；：！？、,;:!?\n“”《》（）()【】[]")
HAN = chinese.HAN          # re-exported: the finders write [{HAN}]


class Source(IntEnum):
    """How a finder came to a candidate; among equally long spans the lower value wins."""

    LEXICON = 1        # a known name of a lexicon (mechanisms.tsv, activities.tsv): its label is canonical
    CONSTRUCTION = 2   # named by a construction: a quote, a pattern, a venue, a theme, topics before a head
    HEAD = 3           # a noun phrase ending in a head word (…制度, …培训)
    LIST_ITEM = 4      # an item of a list (开展A、B等活动, 通过A、B等方式) or a counted clause


@dataclass(frozen=True)
class Candidate:
    kind: str        # mechanism | activity
    start: int
    end: int
    label: str
    source: Source


def plain(s: str) -> str:
    """s without its curly double quotation marks."""
    return s.replace("“", "").replace("”", "")


@lru_cache(maxsize=None)
def _generic() -> frozenset[str]:
    return frozenset(load("generic_phrases.txt"))


@lru_cache(maxsize=None)
def generic_modifier() -> re.Pattern:
    """A run of leading generic modifiers (generic_modifiers.txt), longest first."""
    forms = sorted(load("generic_modifiers.txt"), key=len, reverse=True)
    return regex.compile("^(?:" + "|".join(re.escape(f) for f in forms) + ")+")


@lru_cache(maxsize=None)
def _head_words(name: str) -> frozenset[str]:
    """The heads of a heads file that name nothing on their own (an 'event' head, 公职律师, does)."""
    return frozenset(h for h, flag in load(name) if flag != "event")


def is_generic(label: str, kind: str) -> bool:
    """Too general to name a practice: 制度, 宣传活动, and for mechanisms 基层治理机制 (generic words + head)."""
    if label in _generic() or label in slogans():
        return True
    if kind != "mechanism":
        return False
    lead = generic_modifier().match(label)
    rest = label[lead.end():] if lead else label
    if not (rest == "" or rest in _generic() or rest in _head_words("mechanism_heads.txt")):
        return False
    return lead is None or _named_pairs(lead.group()) < 2     # 激励监督机制, 领导责任机制: a name


@lru_cache(maxsize=None)
def _modifier_words() -> re.Pattern:
    forms = sorted(load("generic_modifiers.txt"), key=len, reverse=True)
    return regex.compile("|".join(re.escape(f) for f in forms))


def _named_pairs(modifiers: str) -> int:
    """How many of the words of a run of generic modifiers say what an arrangement does
    (named_modifiers.txt): two of them together name it (激励+监督 机制)."""
    named = frozenset(load("named_modifiers.txt"))
    return sum(w in named for w in _modifier_words().findall(modifiers))


@lru_cache(maxsize=None)
def slogans() -> frozenset[str]:
    """Quoted slogans that name no practice."""
    return frozenset(load("slogans.txt"))
