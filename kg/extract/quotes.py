"""Quoted names (引号中的名称): “最多跑一次”改革, “法律七进”等活动, typed by the words around them."""
from __future__ import annotations

import re
from functools import lru_cache

from kg import regex
from kg.chinese import HAN_CHAR
from kg.extract import numbered
from kg.extract.finders import finder
from kg.extract.gazetteers import gazetteer
from kg.extract.lexicon import aliases, alternatives, load, pattern
from kg.extract.phrase import Candidate, Source, plain, slogans
from kg.model import Document


@lru_cache(maxsize=None)
def _quote_cues() -> dict[str, re.Pattern]:
    return {role: regex.compile(rx) for role, rx in load("quote_cues.tsv")}


_GENERIC_SUFFIX = set(alternatives("quotes.generic_suffix"))
_NAMES_DOCUMENT = regex.compile(pattern("quotes.names_document"))
_QUOTE_RUN = regex.compile(pattern("quotes.quote_run"))
_GENERIC_RULE = regex.compile(pattern("heads.generic_mechanism"))


@finder("quoted")
def quoted(doc: Document) -> list[Candidate]:
    """Quoted names (“最多跑一次”改革, “法律七进”等活动) typed by the words around them.

    A run of quotes that shares a specific head (“法治带头人”“法律明白人”培养工程) is one
    name; a run closed by a generic head (等活动, 的要求) or by nothing is one name per quote.
    """
    text = doc.text
    cues = _quote_cues()
    mech_forms, act_forms = aliases("mechanisms.tsv"), aliases("activities.tsv")
    mech_rx, _ = gazetteer("mechanisms.tsv")
    out = []
    for m in _QUOTE_RUN.finditer(text):
        items = [(q.start(), q.end(), q.group(1)) for q in re.finditer(r"“([^“”]+)”", m.group(0))]
        parts = [p for _, _, p in items]
        after = text[m.end():m.end() + 12]
        if _not_a_name(parts, after, cues):
            continue
        # an appositive known name right after the quote is the name (“自治、法治、德治”三治融合)
        known = mech_rx.match(text, m.end())
        if known and len(known.group(0)) >= 3:
            out.append(Candidate("mechanism", m.start(), known.end(), mech_forms[known.group(0)], Source.CONSTRUCTION))
            continue
        typed = _kind_of(text, m, parts, after, cues)
        if typed is None:
            continue
        kind, suffix = typed
        forms = mech_forms if kind == "mechanism" else act_forms
        head = after[: suffix.end(1)] if suffix is not None and suffix.group(1) else ""
        if _NAMES_DOCUMENT.search(head):
            continue        # “八五”普法规划收官要求: the quote names a plan
        out += _names(kind, m, items, head, forms)
    return out


def _not_a_name(parts: list[str], after: str, cues: dict[str, re.Pattern]) -> bool:
    """A run of slogans, a goal or pattern of work, a document, or who does what."""
    if all(p in slogans() or plain(p) in slogans() for p in parts):
        return True
    if cues["not_name"].match(after) or any(_NAMES_DOCUMENT.search(p) for p in parts):
        return True         # a goal or a pattern of work (“…”的工作格局), or a document
    pieces = [i for p in parts for i in p.split("、")]
    # who does what (“党委领导、政府负责、部门协同”的工作机制) is no name
    return len(pieces) >= 3 and all(cues["division"].search(i) for i in pieces)


def _kind_of(text: str, m: re.Match[str], parts: list[str], after: str,
             cues: dict[str, re.Pattern]) -> tuple[str, re.Match[str] | None] | None:
    """The kind the words around a quote run give it, and the suffix match that says so; None if none."""
    act = cues["act_suffix"].match(after)
    mech = cues["mech_suffix"].match(after)
    if act and act.group(1) is None and all(p in aliases("mechanisms.tsv") for p in parts):
        return "mechanism", None       # “三会一课”等载体: a known rule used as a way stays a rule
    if act and (not mech or act.end() <= mech.end()):
        return "activity", act
    if mech:
        return "mechanism", mech
    for role, kind in (("mech_end", "mechanism"), ("act_end", "activity")):
        if all(cues[role].search(p) for p in parts) and not HAN_CHAR.match(after):
            return kind, None          # “一把手工程”，: the quote names its own kind (not “…宣讲”阵地)
    before = text[max(0, m.start() - 8):m.start()]
    if (cues["trigger"].search(before) or all(p in aliases("mechanisms.tsv") for p in parts)
            or len(parts) == 1 and numbered.sums_up_list(text, m.start(), parts[0])):
        return "mechanism", None       # …、…和…“三到位” names the three together
    if all(p in aliases("activities.tsv") for p in parts):
        return "activity", None
    return None


def _names(kind: str, m: re.Match[str], items: list[tuple[int, int, str]], head: str,
           forms: dict[str, str]) -> list[Candidate]:
    """One name for a run sharing a specific head, else one name per quote; a run of known names
    before a generic rule head keeps each (“谁执法谁普法”“谁主管谁负责”责任制: two known mechanisms)."""
    parts = [p for _, _, p in items]
    shared = head and head not in _GENERIC_SUFFIX and not head.startswith("的") \
        and not (len(parts) > 1 and _GENERIC_RULE.fullmatch(head)
                 and all(p in forms or plain(p) in forms for p in parts))
    if shared and len(parts) > 1:
        return [Candidate(kind, m.start(), m.end() + len(head), "、".join(parts) + head, Source.CONSTRUCTION)]
    out = []
    for qs, qe, inner in items:
        if inner in slogans():
            continue
        label, end = inner, m.start() + qe
        if shared or (head and len(inner) < 3 and head not in _GENERIC_SUFFIX):
            # nouns between the quote and its head belong to the name (“爱心眼”视频监控工程);
            # a short quote keeps its head (“五大”程序)
            label, end = inner + head, m.end() + len(head)
        if len(plain(label)) < 3:
            continue
        label = forms.get(label, forms.get(plain(label), label))
        out.append(Candidate(kind, m.start() + qs, end, label, Source.CONSTRUCTION))
    return out
