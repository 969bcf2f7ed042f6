"""Sections (章节) of a report that describe problems or plans rather than the year's work.

A 法治政府建设年度报告 follows one outline: what was done (主要举措和成效), what falls short
(存在的不足和原因), what comes next (下一年度工作安排). An activity named only in the
last two was not held that year. A section runs from its heading to the next heading of
the same or a higher level; headings are numbered lines (一、 / 第一部分 / （一）).
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache

from kg import regex
from kg.chinese import SECTION_HEADING
from kg.extract.lexicon import load
from kg.model import Document

# level 1: 一、 二． 第三部分; level 2: （一） (二)
_HEADING = SECTION_HEADING


@lru_cache(maxsize=None)
def _cues() -> dict[str, re.Pattern]:
    return {role: regex.compile(rx) for role, rx in load("section_cues.tsv")}


def is_unheld_heading(words: str) -> bool:
    """A heading's words name problems (存在的不足和原因) or plans (2025年工作安排), not work done
    (主要举措和成效, 问题整改情况)."""
    cues = _cues()
    return bool(cues["problems"].search(words) or cues["plans"].search(words)) and not cues["done"].search(words)


def unheld_spans(doc: Document) -> list[tuple[int, int]]:
    """Character spans of the problems and plans sections of the report, in order."""
    cached = doc._unheld_spans
    if cached is not None:
        return cached
    text, heads, pos = doc.text, [], 0
    for line in text.split("\n"):
        m = _HEADING.match(line)
        if m:
            level = 1 if m.group(1) else 2
            words = re.split(r"[。！？]", line[m.end():], maxsplit=1)[0]
            heads.append((pos, level, is_unheld_heading(words)))
        pos += len(line) + 1
    spans: list[tuple[int, int]] = []
    for i, (start, level, unheld) in enumerate(heads):
        if not unheld:
            continue
        end = next((s for s, lv, _ in heads[i + 1:] if lv <= level), len(text))
        if spans and start < spans[-1][1]:
            continue                      # inside an unheld section already
        spans.append((start, end))
    doc._unheld_spans = spans
    return spans


_HEADING_WORDS = 60        # longer numbered "headings" are paragraphs whose first sentence runs on
_SENTENCE_END = regex.compile(r"[。！？；]")


def heading_words(doc: Document) -> list[tuple[int, int]]:
    """Spans of the numbered headings' own words (（一）加强法治学习教育，提升干部法治素养), each up to
    its first 。: a heading names an area of the work, not an event held in it."""
    cached = doc._heading_spans
    if cached is not None:
        return cached
    spans, pos = [], 0
    for line in doc.text.split("\n"):
        m = _HEADING.match(line)
        if m:
            words = _SENTENCE_END.split(line[m.end():], maxsplit=1)[0]
            if len(words) <= _HEADING_WORDS:
                spans.append((pos + m.end(), pos + m.end() + len(words)))
        pos += len(line) + 1
    doc._heading_spans = spans
    return spans


def in_heading(doc: Document, start: int, end: int) -> bool:
    """Whether the span start..end lies in a numbered heading's own words."""
    return any(a <= start and end <= b for a, b in heading_words(doc))


def in_unheld(doc: Document, offset: int) -> bool:
    """Whether character `offset` lies in a problems or plans section."""
    spans = unheld_spans(doc)
    i = bisect.bisect_right([s for s, _ in spans], offset) - 1
    return i >= 0 and offset < spans[i][1]
