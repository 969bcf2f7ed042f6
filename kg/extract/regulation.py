"""Regulations (法规): titles in 《》 and law names in running text, canonicalized and typed."""
from __future__ import annotations

import re
from functools import lru_cache

from kg.extract.lexicon import table, words
from kg.extract.register import TOWNSHIP_SUFFIXES, laws, short_name
from kg.model import Document, Mention, Place

PRC = "中华人民共和国"
KIND_OF_CATEGORY = {"宪法": "law", "法律": "law", "行政法规": "regulation", "部门规章": "regulation",
                    "司法解释": "regulation", "地方性法规": "regulation"}
_TITLE = re.compile(r"《([^《》\n]{1,80}?(?:《[^《》\n]*》[^《》\n]*?)*)》")
_DASH = re.compile(r"\s*[—–－~～]+\s*|(?<=\d)\s*-\s*(?=\d)")
_VERSION = re.compile(r"[（(](?:\d{4}年)?(?:修订|修正|修改|草案)[）)]$")


def normalize_title(title: str) -> str:
    """Canonical spelling of a title: no spaces, （） brackets, '-' in year ranges."""
    t = re.sub(r"\s+", "", title).replace("(", "（").replace(")", "）").replace("〈", "《").replace("〉", "》")
    return re.sub(r"(?<=\d)[—–－~～-]+(?=\d)", "-", t)


@lru_cache(maxsize=None)
def _aliases() -> dict[str, tuple[str, str, bool]]:
    return {form: (canonical, kind, bare == "yes") for form, canonical, kind, bare in table("regulation_aliases.tsv", 4)}


@lru_cache(maxsize=None)
def _kind_rules() -> tuple[tuple[re.Pattern, str], ...]:
    return tuple((re.compile(rx), kind) for rx, kind in table("regulation_kinds.tsv", 2))


def resolve(title: str, place: Place | None = None) -> tuple[str, str, bool] | None:
    """(canonical title, kind, found in a register) for a cited title, or None if not normative."""
    t = normalize_title(title)
    if not t or any(w in t for w in words("not_regulations.txt")):
        return None
    register = laws()
    for form in (t, t.removeprefix(PRC), _VERSION.sub("", t), _VERSION.sub("", t).removeprefix(PRC)):
        if form in register:
            law = register[form]
            return law.title, KIND_OF_CATEGORY.get(law.category, "regulation"), True
        if form in _aliases():
            canonical, kind, _ = _aliases()[form]
            return canonical, kind, True
    if place and _is_local(t, place):
        return t, "local", False
    for rx, kind in _kind_rules():
        if rx.search(t):
            return t, kind, False
    return None


def _is_local(title: str, place: Place) -> bool:
    """A township's own document names the township (付店镇…, or its short form 付店…)."""
    if place.name in title:
        return True
    short = short_name(place.name, TOWNSHIP_SUFFIXES)
    return len(short) >= 2 and title.startswith(short)


@lru_cache(maxsize=None)
def _bare_pattern() -> re.Pattern:
    """Law names that count as citations without 《》: national laws and flagged aliases."""
    forms = set()
    for form, law in laws().items():
        if law.category in ("宪法", "法律") and len(form) >= 2 and "《" not in form:
            forms.add(form)
    forms.update(f for f, (_, _, bare) in _aliases().items() if bare)
    alternation = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    # not a law when it is part of a longer word: 宪法日, 宪法宣传周 stay (activities about it).
    return re.compile(rf"(?:{PRC})?“?(?:中央“)?({alternation})”?(?![日学治规律官院庭])")


def extract(doc: Document, place: Place | None) -> list[Mention]:
    """Every regulation the report names, one Mention per occurrence."""
    out: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for m in _TITLE.finditer(doc.text):
        taken.append((m.start(), m.end()))
        resolved = resolve(m.group(1), place)
        if resolved:
            out.append(_mention(m.start(), m.end(), m.group(0), m.group(1), *resolved))
    for m in _bare_pattern().finditer(doc.text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        resolved = resolve(m.group(1), place)
        if resolved:
            out.append(_mention(m.start(), m.end(), m.group(0), m.group(1), *resolved))
    return out


def _mention(start, end, surface, written, canonical, kind, registered) -> Mention:
    alias = normalize_title(written)
    return Mention("regulation", canonical, start, end, surface,
                   {"reg_kind": kind, "alias": alias if alias != canonical else None, "registered": registered})
