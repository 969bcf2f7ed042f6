"""Practices named by a construction (句式), not by a head word: 学习贯彻习近平法治思想,
党委理论学习中心组学习, 听取…汇报, 发放宣传资料, and division-of-work formulas
(主要领导亲自抓、分管领导具体抓…, 同部署、同推进、同考核) that a report presents as its way of working.

The constructions are data (lexicons/practice_patterns.tsv); they are searched in the text
without quotation marks, so “事前”论证把关、“事中”跟踪督办 reads as one formula.
"""
from __future__ import annotations

import re
from functools import lru_cache

from kg import regex
from kg.errors import LexiconError
from kg.extract.boundaries import last_trigger
from kg.extract.finders import finder
from kg.extract.gazetteers import unquoted
from kg.extract.lexicon import LEXICONS, load, pattern
from kg.extract.phrase import Candidate, Source, plain
from kg.model import Document

_FILE = "practice_patterns.tsv"
# the constructions are lexicons/patterns.tsv's constructions.* (each commented there)
_LEADING = pattern("constructions.leading")


@lru_cache(maxsize=None)
def patterns() -> tuple[tuple[str, re.Pattern, str, re.Pattern], ...]:
    """(kind, anchor, fixed label or '', regex) for each row; errors name the file and row
    (the kind and the regexes are checked by the lexicon registry)."""
    out = []
    for n, (kind, anchor, label, rx) in enumerate(load(_FILE), 1):
        compiled, anchored = regex.compile(rx), regex.compile(anchor)
        if "name" not in compiled.groupindex:
            raise LexiconError(f"{LEXICONS / _FILE}: row {n}: the regex has no (?P<name>…) group")
        out.append((kind, anchored, label, compiled))
    return tuple(out)


# how far a match may reach before and after its anchor (the longest row spans about 60)
_BACK, _AHEAD = 48, 72


def _windows(anchor: re.Pattern, text: str) -> list[tuple[int, int]]:
    """The stretches of text around the anchor's hits, merged: where a row can match."""
    out: list[tuple[int, int]] = []
    for m in anchor.finditer(text):
        a, b = max(0, m.start() - _BACK), min(len(text), m.end() + _AHEAD)
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


@finder("constructed")
def constructed(doc: Document) -> list[Candidate]:
    """One candidate per match of a construction, its span mapped back to the text as written."""
    text, where = unquoted(doc)
    out = []
    for kind, anchor, label, rx in patterns():
        first = None
        for lo, hi in _windows(anchor, text):
            for m in rx.finditer(text, lo, hi):
                a, b = m.span("name")
                while b - a > 4 and text[a] in _LEADING:      # 形成了主要领导负责抓… → 主要领导负责抓…
                    a += 1
                start, end = where[a], where[b - 1] + 1
                if label == "=first":
                    name = first = first or text[a:b]
                else:
                    name = label.format(**{k: v or "" for k, v in m.groupdict().items()}) if label else text[a:b]
                out.append(Candidate(kind, start, end, plain(name), Source.CONSTRUCTION))
    return out


# the occasions of a study list: bodies and meetings that study (中心组, 主题党日, 周例会, 办公会)
_SHARED = regex.compile(pattern("constructions.shared_study"))
_SHARED_AT = regex.compile(pattern("constructions.shared_at"))


@finder("shared_study")
def shared_study(doc: Document) -> list[Candidate]:
    """One study session per occasion of a list sharing its head: 党委理论学习中心组、支部主题党日、
    干部职工周例会学习 is a 中心组学习, a 主题党日学习 and a 周例会学习; followed by 制度 the
    list names rules of study (中心组常态化学法、联席会议会前学法制度), mechanisms."""
    text, out = doc.text, []
    for m in (m for lo, hi in _windows(_SHARED_AT, text) for m in _SHARED.finditer(text, lo, hi)):
        head, pos = m.group("head") or "学习", m.start("items")      # …学习内容: the occasions study
        kind = "mechanism" if m.group("rule") else "activity"     # 中心组、联席会议学法制度: rules of study
        end = m.end("items") if m.group("put") else m.end()
        for item in re.split("([、和及])", m.group("items")):
            if len(item) > 1:
                last = pos + len(item) == m.end("items")
                cut = last_trigger(item)          # 面向领导班子开展理论学习中心组 → 理论学习中心组
                out.append(Candidate(kind, pos + cut, end if last else pos + len(item), item[cut:] + head,
                                     Source.CONSTRUCTION))
            pos += len(item)
    return out


_RULE_LIST = regex.compile(pattern("constructions.rule_list"))


@finder("listed_rules")
def listed_rules(doc: Document) -> list[Candidate]:
    """健全A、B制度: every item before the last names a rule of its own (党委理论学习中心组常态化学法);
    the last, with the head, is a head phrase. Items with 的 are who the one rule binds."""
    out = []
    for m in _RULE_LIST.finditer(doc.text):
        if "的" in m.group(0):
            continue                          # 完善干部职工、村两委干部的学法用法制度: one rule
        pos = m.start("items")
        for item in m.group("items").split("、")[:-1]:
            if len(item) >= 6 and not item.endswith(("制度", "机制")):
                out.append(Candidate("mechanism", pos, pos + len(item), item, Source.CONSTRUCTION))
            pos += len(item) + 1
    return out


_STUDY_OF = regex.compile(pattern("constructions.study_of"))
_PRC = pattern("regulation.prc")


@finder("studied_titles")
def studied_titles(doc: Document) -> list[Candidate]:
    """学习《中华人民共和国宪法》《民法典》: a study of those texts (宪法、民法典学习), named by their
    short titles; a list ending in 等…法律法规 is a study of laws (practice_patterns.tsv)."""
    out = []
    for m in _STUDY_OF.finditer(doc.text):
        titles = [t.removeprefix(_PRC) for t in re.findall(r"《([^《》\n]+)》", m.group("titles"))]
        out.append(Candidate("activity", m.start(), m.start() + 2, "、".join(titles) + "学习", Source.CONSTRUCTION))
    return out


_DELIBERATED = regex.compile(pattern("constructions.deliberated"))
_OWN = regex.compile(pattern("constructions.own"))


@finder("deliberated")
def deliberated(doc: Document) -> list[Candidate]:
    """审议《独流镇2024年度法治政府建设情况报告》: a meeting that deliberated the document, named by
    the kind of document without the township and year (审议法治政府建设情况报告), so every
    township's deliberation of its report is one practice. The span is the verb: the title is
    the regulation's."""
    out = []
    for m in _DELIBERATED.finditer(doc.text):
        kind = _OWN.sub("", m.group("doc"))
        if len(kind) >= 4:
            out.append(Candidate("activity", m.start(), m.start() + 2, "审议" + kind, Source.CONSTRUCTION))
    return out
