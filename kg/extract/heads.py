"""Head phrases: noun phrases ending in a head word (…制度, …活动), expanded left to a boundary."""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from kg import regex
from kg.chinese import HAN_CHAR
from kg.extract.boundaries import DIGIT, NUMERAL, boundary_words, is_boundary, last_trigger
from kg.extract.finders import finder
from kg.extract.lexicon import load, pattern, trie_pattern
from kg.extract.phrase import CLAUSE_STOP, HAN, Candidate, Source
from kg.extract.pos import pos_table
from kg.extract.tokens import Tokens, lazy_tokens
from kg.model import Document

_HAN_CHAR = HAN_CHAR


@lru_cache(maxsize=None)
def heads_of(name: str) -> tuple[re.Pattern, frozenset[str], frozenset[str]]:
    """The head words of a heads file as one regex, the subset that are also verbs, and event nouns."""
    rows = load(name)        # the registry checks each flag is '', verbal or event
    rx = regex.compile(trie_pattern(h for h, _ in rows))     # = the heads longest first, faster to scan
    return (rx, frozenset(h for h, flag in rows if flag == "verbal"),
            frozenset(h for h, flag in rows if flag == "event"))


_ANY_DIGIT = regex.compile(r"[0-9]")
_COUNTED_AFTER = regex.compile(pattern("heads.counted_after"))
_NOT_AFTER_HEAD = regex.compile(rf"^(?:{pattern('heads.not_after_head')})")
VERBAL_OK_AFTER = set("等和与及、，。；：！？）)\n”0123456789工活,.;:!?")  # 培训4次, 宣传工作; ASCII punctuation too


@finder("head_phrases", lexicons={"heads": "activity_heads.txt"})
def head_phrases(doc: Document, heads: str, kind: str, max_len: int = 20) -> list[Candidate]:
    """Noun phrases ending in a head word, expanded leftwards over tokens to a boundary."""
    text, toks = doc.text, lazy_tokens(doc)
    out = []
    rx, verbal, event = heads_of(heads)
    for m in rx.finditer(text):
        hs, he = m.span()
        if _NOT_AFTER_HEAD.match(text[he:he + 3]):
            continue
        if m.group(0) in verbal and he < len(text) and text[he] not in VERBAL_OK_AFTER:
            continue
        start = _expand_left(text, toks, hs, max_len, durations=kind == "mechanism",
                             rule=kind == "mechanism" and m.group(0) in _RULE_HEADS)
        if kind == "activity" and _after_into(text, toks, start):
            continue                             # 进社区、进企业活动: the place an activity went to, no name
        label = text[start:he]
        prefix = len(label) - len(m.group(0))
        if (prefix < 2 and not (prefix == 0 and m.group(0) in event)) or _ANY_DIGIT.search(label):
            continue
        done = kind == "mechanism" and m.group(0) in verbal and _COUNTED_AFTER.match(text, he)
        out.append(Candidate("activity" if done else kind, start, he, label, Source.HEAD))   # 审核48件: held
    return out


_DURATION = regex.compile(pattern("heads.duration"))


def _names_rule(word: str) -> bool:
    """A verb right before 制度/机制 that says what the rule does (反映, 征求意见 in 意见反映制度): jieba tags it a
    verb, but no listed boundary word (建立, 落实), verb of motion (关进制度的笼子) or mark is one."""
    return len(word) >= 2 and pos_table().get(word) == "v" and word not in boundary_words() \
        and word[-1] not in "进入到在于向" and not any(c in CLAUSE_STOP or c.isspace() for c in word)


def _after_into(text: str, toks: Tokens, start: int) -> bool:
    """The name starts right after the verb 进 on its own (进企业活动): it is cut from 进X, a place."""
    tok = toks.covering(start - 1) if start > 0 else None
    return tok is not None and tok[1] == start and text[tok[0]:tok[1]] == "进"


_RULE_HEADS = ("制度", "机制")


def _expand_left(text: str, toks: Tokens, hs: int, max_len: int, durations: bool = False, rule: bool = False) -> int:
    if hs == 0 or not _HAN_CHAR.match(text, hs - 1):
        return hs                                # a run starts at the head: nothing to its left, no cut
    tok = toks.covering(hs)                      # token holding the head's first character
    start = tok[0] if tok is not None else hs
    if start < hs and is_boundary(text[start:hs]):
        return hs
    cur = toks.before(tok) if tok is not None else None
    if rule and cur is not None and start == hs and _names_rule(text[cur[0]:cur[1]]):
        start, cur = cur[0], toks.before(cur)    # 意见反映制度: what the rule does names it
    while cur is not None:
        s, e = cur
        prev = toks.before(cur)
        if durations and "\n" not in text[s:start]:
            # a rule named by the time it takes (晨学半小时制度): the number word belongs to the name
            if _DURATION.fullmatch(text, s, e):
                start, cur = s, prev
                continue
            if prev is not None and _DURATION.fullmatch(text, prev[0], e):
                start, cur = prev[0], toks.before(prev)
                continue
        if is_boundary(text[s:e]) or hs - s > max_len or "\n" in text[e:start]:
            break                                # a name never runs over a line end
        if prev is not None and (e - s == 1 and NUMERAL.match(text[prev[0]:prev[1]])
                                 or e - s <= 2 and DIGIT.match(text[prev[0]:prev[1]])):
            break                                # a measure word after a number: 4期培训班, 400余份
        start = s
        cur = prev
    return start


OF_CLAUSE = regex.compile(pattern("heads.of_clause"))


@finder("described_mechanisms")
def described_mechanisms(doc: Document) -> list[Candidate]:
    """“A、B的工作责任制”: a generic mechanism head named by the clause before 的.

    Reports name a local arrangement by describing it (包村领导包案、村书记具体负责的
    工作责任制); the description up to the nearest verb or punctuation is the name.
    """
    text, out = doc.text, []
    for m in of_clauses(text):
        desc = m.group(1)
        if "、" not in desc and not desc.startswith("以"):
            continue                     # a lone modifier is an ordinary phrase, head_phrases has it
        # the verb before the list ends it (形成了A、B的…), a verb inside an item does not (密切配合)
        cut = last_trigger(desc.split("、", 1)[0])
        desc = desc[cut:].lstrip("、")
        if len(desc) < 6 or "“" in desc or "”" in desc or "等" in desc:
            continue
        start = m.start(1) + (len(m.group(1)) - len(desc))
        out.append(Candidate("mechanism", start, m.end(), desc + "的" + m.group(2), Source.HEAD))
    return out


_OF_HEAD = regex.compile(pattern("heads.of_head"))
_OF_RUN = regex.compile(rf"[{HAN}、“”]+")


def of_clauses(text: str) -> Iterator[re.Match[str]]:
    """OF_CLAUSE.finditer(text), searched only in the runs of its characters that hold its head:
    every character of a match is one of the run's, so matches never cross a run."""
    if not _OF_HEAD.search(text):
        return
    for run in _OF_RUN.finditer(text):
        if _OF_HEAD.search(text, run.start(), run.end()):
            yield from OF_CLAUSE.finditer(text, run.start(), run.end())
