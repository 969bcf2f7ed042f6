"""Regulations (法规): titles in 《》 and law names in running text, canonicalized and typed.

A cited title is looked up in the national list (kg/data/laws.tsv) under its written form,
without the 中华人民共和国 prefix and without a version note; then in the alias lexicon;
then it is the township's own document if it names the township; else its wording gives
its kind. Editions of outlines and plans (纲要（2021-2025年）) are read through
regulation_versions.tsv so that a missing or garbled span still names the right edition.
"""
from __future__ import annotations

import re
from functools import lru_cache

from kg import regex
from kg.extract.lexicon import load, pattern, trie_pattern
from kg.extract.register import TOWNSHIP_SUFFIXES, laws, short_name
from kg.extract.spans import Spans
from kg.kinds import KINDS
from kg.model import Document, Mention, Place

# the constructions are lexicons/patterns.tsv's regulation.* (each commented there)
PRC = pattern("regulation.prc")
KIND_OF_CATEGORY = {c: k.key for k in KINDS for c in k.categories}   # the law register's categories
_TITLE = regex.compile(r"《([^《》\n]{1,80}?(?:《[^《》\n]*》[^《》\n]*?)*)》")
_UNCLOSED = regex.compile(r"《([^《》\n]{4,60})(?=《)")
_VERSION = regex.compile(pattern("regulation.version"))
# a span of years at the end of a title, however written: （2021-2025年） (2021—2025) （20212025年）
_SPAN = regex.compile(pattern("regulation.span"))
_DRAFTED = regex.compile(pattern("regulation.drafted"))
_NOT_OWN = regex.compile(pattern("regulation.not_own"))


def normalize_title(title: str) -> str:
    """Canonical spelling of a title: no spaces, （） brackets, '-' in year ranges."""
    t = re.sub(r"\s+", "", title).replace("(", "（").replace(")", "）").replace("〈", "《").replace("〉", "》")
    t = t.replace("<", "《").replace(">", "》")
    t = re.sub(r"(?<=\d)[—–－~～-]+(?=\d)", "-", t)
    return _SPAN.sub(lambda m: f"（{_years(m)[0]}-{_years(m)[1]}年）", t)


def _years(m: re.Match) -> tuple[int, int]:
    """The two years of a _SPAN match, bracketed or not."""
    return int(m.group(1) or m.group(3)), int(m.group(2) or m.group(4))


@lru_cache(maxsize=None)
def _aliases() -> dict[str, tuple[str, str, bool]]:
    return {normalize_title(form): (canonical, kind, bare == "yes")
            for form, canonical, kind, bare in load("regulation_aliases.tsv")}


@lru_cache(maxsize=None)
def _versions() -> dict[str, tuple[tuple[int, ...], ...]]:
    out = {}
    for base, spans in load("regulation_versions.tsv"):
        out[base] = tuple(tuple(int(y) for y in s.split("-")) for s in spans.split(";") if s)
    return out


@lru_cache(maxsize=None)
def _kind_rules() -> tuple[tuple[re.Pattern, str], ...]:
    return tuple((regex.compile(rx), kind) for rx, kind in load("regulation_kinds.tsv"))


@lru_cache(maxsize=None)
def _not_normative() -> re.Pattern:
    return regex.compile("|".join(f"(?:{rx})" for rx in load("not_regulations.txt")))


def _edition(title: str, year: int | None) -> str | None:
    """法治政府建设实施纲要 / …（2021-2025）/ …（2020-2025年） -> the edition meant."""
    m = _SPAN.search(title)
    base = title[: m.start()] if m else title
    base = base.removeprefix("中共中央国务院").removeprefix("中共中央、国务院")
    spans = _versions().get(base)
    if not spans:
        return None
    if m and _years(m) in spans:
        start, end = _years(m)
    elif m:      # a wrong span: the edition whose years are nearest
        y0, y1 = _years(m)
        start, end = min(spans, key=lambda s: (abs(s[0] - y0) + abs(s[1] - y1), -s[0]))
    else:        # no span: the edition in force in the report's year, else the latest
        current = [s for s in spans if year and s[0] <= year <= s[1]]
        start, end = current[0] if current else spans[-1]
    return f"{base}（{start}-{end}年）"


def resolve(title: str, place: Place | None = None, year: int | None = None) -> tuple[str, str, bool] | None:
    """(canonical title, kind, found in a register) for a cited title, or None if not normative."""
    t = normalize_title(title)
    if not t or _not_normative().search(t):
        return None
    register = laws()
    for form in (t, t.removeprefix(PRC), _VERSION.sub("", t), _VERSION.sub("", t).removeprefix(PRC)):
        if form in register:
            law = register[form]
            return law.title, KIND_OF_CATEGORY.get(law.category, "regulation"), True
        if form in _aliases():
            canonical, kind, _ = _aliases()[form]
            return canonical, kind, True
    spanless = _SPAN.sub("", t)
    if spanless != t and spanless in _aliases():     # 《…三年计划(2023-2025年)》: the alias carries the span
        canonical, kind, _ = _aliases()[spanless]
        return canonical, kind, True
    edition = _edition(t, year)
    if edition:
        return edition, "policy", True
    if place and _is_local(t, place):
        return t, "local", False
    for rx, kind in _kind_rules():
        if rx.search(t):
            if kind == "law" and not t.startswith(PRC):
                t = PRC + t     # a national law the list lacks (newer than the list)
            return t, kind, False
    return None


def _is_local(title: str, place: Place) -> bool:
    """A township's own document names the township (付店镇…, or its short form 付店…)."""
    if place.name in title:
        return True
    short = short_name(place.name, TOWNSHIP_SUFFIXES)
    return len(short) >= 2 and (title.startswith(short) or title.startswith("关于印发" + short))


@lru_cache(maxsize=None)
def _bare_pattern() -> re.Pattern:
    """Law names that count as citations without 《》: national laws, long 条例, flagged aliases."""
    forms = set()
    for form, law in laws().items():
        if "《" in form or len(form) < 2:
            continue
        if law.category in ("宪法", "法律") or (law.category == "行政法规" and len(form) >= 6
                                                and form.endswith("条例")):
            forms.add(form)
    forms.update(f for f, (_, _, bare) in _aliases().items() if bare)
    forms.update(_versions())          # 贯彻落实法治政府建设实施纲要相关要求: the edition of the year
    alternation = trie_pattern(forms)   # = the forms longest first, ~10x faster to scan
    # not a law when part of a longer word: 宪法日, 法学会, 取消法定… (宪法学习 cites it)
    # a match starts with 中华人民共和国, “, 中央“ or a name: one set lookup rejects most positions
    firsts = "".join(re.escape(ch) for ch in sorted({f[0] for f in forms if f} | {PRC[0], "“"}))
    return regex.compile(pattern("regulation.in_text", FIRSTS=firsts, FORMS=alternation))


def _drafted_local(doc: Document, place: Place | None, taken) -> list[Mention]:
    """A township document named without 《》 after a drafting verb (制定国宝乡“八五”普法规划)."""
    if place is None:
        return []
    out = []
    names = {place.name}
    short = short_name(place.name, TOWNSHIP_SUFFIXES)
    if len(short) >= 2:
        names.add(short)
    if not _drafts_named(doc.text, names):
        return []                        # no drafting verb right before a name: no match, no regex to compile
    lead = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    rx = regex.compile(pattern("regulation.drafted_local", NAMES=lead))
    for m in rx.finditer(doc.text):
        written = m.group(1)
        if taken.holds(m.start(1)) or _NOT_OWN.search(written):
            continue
        label = normalize_title(written)
        out.append(_mention(m.start(1), m.end(1), written, written, label, "local", False))
    return out


_DRAFTED_AT = regex.compile(pattern("regulation.drafted_at"))


def _drafts_named(text: str, names: set[str]) -> bool:
    """Some drafting verb of _DRAFTED is followed by one of the names (what a match needs)."""
    for m in _DRAFTED_AT.finditer(text):
        after = m.start() + 2
        if any(text.startswith(n, after) for n in names):
            return True
        if m.group(1) and any(text.startswith(n, after + 1) for n in names):
            return True
    return False


def extract(doc: Document, place: Place | None, year: int | None = None) -> list[Mention]:
    """Every regulation the report names, one Mention per occurrence."""
    out: list[Mention] = []
    taken = Spans()
    for m in _TITLE.finditer(doc.text):
        taken.add(m.start(), m.end())
        resolved = resolve(m.group(1), place, year)
        if resolved:
            out.append(_mention(m.start(), m.end(), m.group(0), m.group(1), *resolved))
    for m in _UNCLOSED.finditer(doc.text):     # 《A（2020-2025年）《B》: A lost its 》
        if taken.holds(m.start()):
            continue
        taken.add(m.start(), m.end())
        resolved = resolve(m.group(1), place, year)
        if resolved:
            out.append(_mention(m.start(), m.end(), m.group(0), m.group(1), *resolved))
    for m in _bare_pattern().finditer(doc.text):
        if taken.holds(m.start()):
            continue
        resolved = resolve(m.group(1), place, year)
        if resolved:
            out.append(_mention(m.start(), m.end(), m.group(0), m.group(1), *resolved))
    out.extend(_drafted_local(doc, place, taken))
    return out


def _mention(start, end, surface, written, canonical, kind, registered) -> Mention:
    alias = re.sub(r"\s+", "", written)     # the text's own form, kept as skos:altLabel
    return Mention("regulation", canonical, start, end, surface,
                   {"reg_kind": kind, "alias": alias if alias != canonical else None, "registered": registered})
