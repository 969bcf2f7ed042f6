"""Shared machinery for naming practices (机制, 活动): tokens, lexicon matches, quotes, heads.

Each finder yields Candidates; the pipeline keeps the longest non-overlapping ones.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache

from kg.extract.lexicon import LEXICONS, aliases, table, words
from kg.model import Document

CLAUSE_STOP = set("，。；：！？、,;:!?\n“”《》（）()【】[]")


@dataclass(frozen=True)
class Candidate:
    kind: str        # mechanism | activity
    start: int
    end: int
    label: str
    priority: int    # lower wins among equally long spans: 1 lexicon, 2 quote, 3 head


@lru_cache(maxsize=None)
def tokenizer():
    """A jieba tokenizer that knows the domain's terms and heads as words."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    tk.initialize()
    for name in ("mechanisms.tsv", "activities.tsv"):
        for form in aliases(name):
            if 2 <= len(form) <= 12 and re.fullmatch(r"[\u4e00-\u9fff]+", form):
                tk.add_word(form, 2000)
    for name in ("mechanism_heads.txt", "activity_heads.txt"):
        for head, _ in table(name, 2):
            tk.add_word(head, 5000)
    return tk


def tokens(doc: Document) -> list[tuple[int, int]]:
    """Token spans of the whole text, computed once per document (the one jieba pass)."""
    cached = getattr(doc, "_tokens", None)
    if cached is None:
        cached, pos = [], 0
        for line in doc.text.split("\n"):
            for w in tokenizer().cut(line, HMM=True):
                cached.append((pos, pos + len(w)))
                pos += len(w)
            pos += 1
        doc._tokens = cached
    return cached


@lru_cache(maxsize=None)
def gazetteer(name: str) -> tuple[re.Pattern, dict[str, str]]:
    """A regex over every form of a `canonical<TAB>aliases` lexicon, longest first."""
    forms = aliases(name)
    pattern = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    return re.compile(pattern), forms


def _plain(s: str) -> str:
    return s.replace("“", "").replace("”", "")


def lexicon_matches(doc: Document, name: str, kind: str) -> list[Candidate]:
    """Every occurrence of a known form; quotes inside forms are matched too."""
    rx, forms = gazetteer(name)
    out = [Candidate(kind, m.start(), m.end(), forms[m.group(0)], 1) for m in rx.finditer(doc.text)]
    return out


@lru_cache(maxsize=None)
def _boundaries() -> frozenset[str]:
    return frozenset(words("phrase_boundaries.txt"))


@lru_cache(maxsize=None)
def _generic() -> frozenset[str]:
    return frozenset(words("generic_phrases.txt"))


@lru_cache(maxsize=None)
def _domain_verbs() -> frozenset[str]:
    return frozenset(words("domain_verbs.txt"))


@lru_cache(maxsize=None)
def _pos() -> dict[str, str]:
    """Word -> part-of-speech tag from jieba's own dictionary (no tagging pass is run)."""
    import jieba.posseg

    return jieba.posseg.dt.word_tag_tab


_STOP_TAGS = {"v", "d", "p", "c", "u", "r", "ad", "m", "q", "f", "y", "e", "o", "uj", "ul", "uz", "ud", "ug", "zg"}


def _is_boundary(word: str) -> bool:
    """A token a practice's name cannot extend over: punctuation, listed words, function words."""
    if any(c in CLAUSE_STOP or c.isspace() or c.isdigit() for c in word) or word in _boundaries():
        return True
    if word in _domain_verbs():
        return False
    return _pos().get(word) in _STOP_TAGS


@lru_cache(maxsize=None)
def _heads(name: str) -> tuple[re.Pattern, frozenset[str]]:
    """The head words of a heads file as one regex, and the subset that are also verbs."""
    rows = table(name, 2)
    rx = re.compile("|".join(re.escape(h) for h, _ in sorted(rows, key=lambda r: -len(r[0]))))
    return rx, frozenset(h for h, flag in rows if flag == "verbal")


_NOT_AFTER_HEAD = re.compile(r"^(?:建设|创新|开放|发展|体系|体制|化|性|工作|人员|水平|能力|意识|氛围|力度|效果|质量|成果|成效|阵地|队伍|中心|室|站|所)")


def head_phrases(doc: Document, heads: str, kind: str, max_len: int = 20) -> list[Candidate]:
    """Noun phrases ending in a head word, expanded leftwards over tokens to a boundary."""
    text, toks = doc.text, tokens(doc)
    starts = [s for s, _ in toks]
    out = []
    rx, verbal = _heads(heads)
    for m in rx.finditer(text):
        hs, he = m.span()
        if _NOT_AFTER_HEAD.match(text[he:he + 3]):
            continue
        if m.group(0) in verbal and he < len(text) and "\u4e00" <= text[he] <= "\u9fff" and text[he] not in "等和与及":
            continue
        start = _expand_left(text, toks, starts, hs, max_len)
        label = text[start:he].lstrip("的")
        prefix = len(label) - len(m.group(0))
        if prefix < 2 or label in _generic() or re.search(r"[0-9]", label):
            continue
        out.append(Candidate(kind, he - len(label), he, label, 3))
    return out


def _expand_left(text: str, toks, starts, hs: int, max_len: int) -> int:
    import bisect

    i = bisect.bisect_right(starts, hs) - 1      # token holding the head's first character
    start = toks[i][0] if i >= 0 else hs
    j = i - 1
    while j >= 0:
        s, e = toks[j]
        if _is_boundary(text[s:e]):
            break
        if hs - s > max_len:
            break
        start = s
        j -= 1
    return start


@lru_cache(maxsize=None)
def _quote_cues() -> dict[str, re.Pattern]:
    return {role: re.compile(rx) for role, rx in table("quote_cues.tsv", 2)}


_GENERIC_ACTIVITY_SUFFIX = {"活动", "学习活动", "主题活动", "宣传活动"}
_QUOTE_RUN = re.compile(r"“[^“”\n]{1,30}”(?:[、和与及]?“[^“”\n]{1,30}”)*")


def quoted(doc: Document) -> list[Candidate]:
    """Quoted names (“最多跑一次”改革, “法律七进”等活动) typed by the words around them."""
    text = doc.text
    cues = _quote_cues()
    slogans = set(words("slogans.txt"))
    mech_forms, act_forms = aliases("mechanisms.tsv"), aliases("activities.tsv")
    out = []
    for m in _QUOTE_RUN.finditer(text):
        parts = [p for p in re.findall(r"“([^“”]+)”", m.group(0))]
        inner = "、".join(parts)
        if inner in slogans or all(p in slogans for p in parts):
            continue
        after = text[m.end():m.end() + 12]
        before = text[max(0, m.start() - 8):m.start()]
        act = cues["act_suffix"].match(after)
        mech = cues["mech_suffix"].match(after)
        if act and (not mech or act.end() <= mech.end()):
            kind, suffix = "activity", act
        elif mech:
            kind, suffix = "mechanism", mech
        elif cues["trigger"].search(before) or inner in mech_forms:
            kind, suffix = "mechanism", None
        elif inner in act_forms:
            kind, suffix = "activity", None
        else:
            continue
        end, label = m.end(), inner
        if suffix is not None and suffix.group(1):
            gap = after[: suffix.start(1)]
            # nouns between the quote and its head belong to the name (“爱心眼”视频监控工程);
            # a short quote or an activity keeps its head (“五大”程序, “民转刑”专项行动).
            keep = (gap and "的" not in gap) or len(inner) < 3 or (
                kind == "activity" and suffix.group(1) not in _GENERIC_ACTIVITY_SUFFIX)
            if keep:
                label, end = inner + after[: suffix.end(1)], m.end() + suffix.end(1)
        if len(label) < 3:
            continue
        forms = mech_forms if kind == "mechanism" else act_forms
        label = forms.get(label, forms.get(_plain(label), label))
        out.append(Candidate(kind, m.start(), end, label, 2))
    return out


def blocked_spans(doc: Document) -> list[tuple[int, int]]:
    """Spans no practice may overlap: cited titles in 《》."""
    return [(m.start(), m.end()) for m in re.finditer(r"《[^《》\n]*》", doc.text)]


def resolve_overlaps(cands: list[Candidate], blocked: list[tuple[int, int]]) -> list[Candidate]:
    """Keep the longest candidates that overlap neither each other nor a blocked span."""
    taken = list(blocked)
    kept = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), c.priority, c.start)):
        if any(c.start < e and s < c.end for s, e in taken):
            continue
        taken.append((c.start, c.end))
        kept.append(c)
    return sorted(kept, key=lambda c: (c.start, c.end))
