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

from kg import regex
from kg.extract.finders import finder
from kg.extract.heads import VERBAL_OK_AFTER
from kg.extract.lexicon import load, pattern, trie_pattern
from kg.extract.phrase import Candidate, Source
from kg.model import Document

# the constructions are lexicons/patterns.tsv's venues.* (each commented there)


@lru_cache(maxsize=None)
def _venue_rx() -> re.Pattern:
    heads = trie_pattern(h for h, _ in load("activity_heads.txt"))
    venues = trie_pattern(load("activity_venues.txt"))
    return regex.compile(pattern("venues.at_venue", VENUES=venues, HEADS=heads))


_THEMED = regex.compile(pattern("venues.themed"))


@finder("venue_activities")
def venue_activities(doc: Document) -> list[Candidate]:
    """在<venue>开展<bare head>: the venue is part of the activity's name (学校普法教育)."""
    text, out = doc.text, []
    for m in _venue_rx().finditer(text):
        place, act = m.group("place"), m.group("act")
        ends_clause = m.end() == len(text) or text[m.end()] in VERBAL_OK_AFTER or m.group(0).endswith("活动")
        if place[0] in "各全本我该" or not ends_clause:
            continue
        out.append(Candidate("activity", m.start("place"), m.end(), place + act, Source.CONSTRUCTION))
    return out


@finder("themed_activities")
def themed_activities(doc: Document) -> list[Candidate]:
    """开展以X为核心的Y的宣传活动: the 以…为核心的 clause names the activity (以宪法为核心的…宣传)."""
    return [Candidate("activity", m.start("theme"), m.end(), m.group("theme") + m.group("head"), Source.CONSTRUCTION)
            for m in _THEMED.finditer(doc.text)]
