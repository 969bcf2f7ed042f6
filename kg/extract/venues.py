"""Activities named with where they were held (在学校开展普法教育 → 学校普法教育) or what
they were about (开展以宪法为核心的法律体系的宣传活动).

Both constructions put the words that make an activity specific outside the noun phrase
a head word closes: before 开展 as a place, or in a 以…为核心的 clause before 的. A venue
only completes a bare head (普法教育, 讲座); an activity named on its own keeps its own
name (在集市开展禁毒宣传 → 禁毒宣传), the node other reports share.
"""
from __future__ import annotations

import re
from functools import lru_cache

from kg.extract.heads import VERBAL_OK_AFTER
from kg.extract.lexicon import table, trie_pattern, words
from kg.extract.phrase import HAN, Candidate
from kg.model import Document

_VERB = r"(?:组织开展|集中开展|开展|举行|举办|组织|进行)了?"


@lru_cache(maxsize=None)
def _venue_rx() -> re.Pattern:
    heads = trie_pattern(h for h, _ in table("activity_heads.txt", 2))
    venues = trie_pattern(words("activity_venues.txt"))
    return re.compile(rf"在(?P<place>[{HAN}]{{0,3}}?(?:{venues}))(?:内|里|中)?{_VERB}(?P<act>{heads})(?:活动)?")


_THEMED = re.compile(
    rf"{_VERB}(?P<theme>以[{HAN}]{{1,10}}为(?:核心|主题|重点|主线)的[{HAN}]{{2,20}}?)的?"
    rf"(?P<head>宣传教育|宣传|宣讲|培训|讲座)(?:活动)?(?![{HAN}])")


def venue_activities(doc: Document) -> list[Candidate]:
    """在<venue>开展<bare head>: the venue is part of the activity's name (学校普法教育)."""
    text, out = doc.text, []
    for m in _venue_rx().finditer(text):
        place, act = m.group("place"), m.group("act")
        ends_clause = m.end() == len(text) or text[m.end()] in VERBAL_OK_AFTER or m.group(0).endswith("活动")
        if place[0] in "各全本我该" or not ends_clause:
            continue
        out.append(Candidate("activity", m.start("place"), m.end(), place + act, 2))
    return out


def themed_activities(doc: Document) -> list[Candidate]:
    """开展以X为核心的Y的宣传活动: the 以…为核心的 clause names the activity (以宪法为核心的…宣传)."""
    return [Candidate("activity", m.start("theme"), m.end(), m.group("theme") + m.group("head"), 2)
            for m in _THEMED.finditer(doc.text)]
