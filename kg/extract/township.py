"""Who wrote the report and for which year: township (乡镇), its county, the year (年度).

The township is read from the report's head (title lines, the line naming the sender, the
salutation to 县委/区委) before the body, because bodies also name neighbouring townships.
Names are linked to the NBS register (kg/data/townships.tsv, matched in township_names.py); a name the register lacks
(renamed or new units) is kept and flagged. Repeated names (城关镇 x88) are told apart by
the places the report names: its county, city or province, in full or short (平安信阳), and
by the kind of county its 县委 / 区委 / 市委 points to.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from kg import regex
from kg.chinese import DIGITS, HAN
from kg.extract.lexicon import load, pattern
from kg.extract.register import counties, division_rows, short_name, townships
from kg.extract.township_names import (
    ADMIN_CUT,
    as_written,
    choose_division,
    contradicted,
    counties_in,
    county_in_text,
    county_named,
    official,
    townships_of,
)
from kg.model import Document, Place

# the words and constructions are lexicons/patterns.tsv's township.* (each commented there)
_TITLE_WORDS = regex.compile(pattern("township.title_word"))
_CN_DIGITS = str.maketrans({c: str(v) for c, v in DIGITS.items()})    # 二〇二三 -> 2023
_YEAR = regex.compile(pattern("township.year"))
_QUOTED = regex.compile(r"《[^》]*》")
_RANGE = regex.compile(r"\d{4}\s*[-—–－~～至到]\s*\d{4}")
# 街道办事处 is scanned at its 街道: the register names the unit XX街道.
_SUFFIX = regex.compile(pattern("township.suffix"))
_SHORT_STREET = regex.compile(pattern("township.short_street"))
_IN_A_WORD = regex.compile(pattern("township.in_a_word"))
_REPORT_LEAD = regex.compile(pattern("township.report_lead"))
_HEAD_LINES = 12
# a metadata field holding the title: "• 标  题：…", "| 标题: | … |"
_FIELD = regex.compile(pattern("township.field"))
_TITLE_MAX = 80
_NOT_TITLE = regex.compile(pattern("township.not_title"))
_VERB_BEFORE_UNIT = pattern("township.verb_before_unit")


@lru_cache(maxsize=None)
def _junk() -> re.Pattern:
    """Lines of a web page's frame (索引号, 发布日期, 首页 >> …) that are not the report."""
    return regex.compile("|".join(load("head_junk.txt")))


def _head_lines(doc: Document) -> list[str]:
    out = []
    for ln in doc.text.split("\n"):
        field = _FIELD.search(ln)
        ln = (field.group(1) if field else ln).strip().lstrip("#").strip().strip(" |")
        if ln and (field or not _junk().search(ln)):
            out.append(ln)
        if len(out) >= _HEAD_LINES:
            break
    return out


def _is_title(line: str) -> bool:
    return (len(line) <= _TITLE_MAX and bool(_TITLE_WORDS.search(line))
            and not _NOT_TITLE.search(line))


def title_of(doc: Document) -> tuple[str, str]:
    """The report's title line and the head text (lines down to the title, and a salutation).

    A title broken over two lines (…法治政府建设 / 工作的报告) is joined.
    """
    lines = _head_lines(doc)
    for i, line in enumerate(lines):
        if not _is_title(line):
            continue
        title, start = line, i
        prev = lines[i - 1] if i else ""
        if (prev and len(line) <= 12 and len(prev) <= 40 and not re.search(r"[。，；：:,]", prev)
                and not _is_title(prev)):
            title, start = prev + line, i - 1
        head = lines[: i + 1]
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if nxt and len(nxt) <= 40 and re.search(r"[:：]$", nxt):   # 中共XX县委、XX县人民政府：
            head.append(nxt)
        del start
        return title, "\n".join(head)
    first = next((ln for ln in lines if not re.search(r"[:：]$", ln)), lines[0] if lines else "")
    return first if len(first) <= _TITLE_MAX else "", "\n".join(lines[:2])


def year_of(doc: Document, title: str) -> int | None:
    """The year the report covers: from the title, else the opening sentences (not a date)."""
    candidates = [title] + [s.text for s in doc.sentences[:4]]
    for text in candidates:
        text = _RANGE.sub("", _QUOTED.sub("", text))
        for m in _YEAR.finditer(text):
            y = int(m.group(1).translate(_CN_DIGITS))
            if 1990 <= y <= 2100:
                return y
    return None


@lru_cache(maxsize=None)
def _stop() -> frozenset[str]:
    return frozenset(load("township_stopwords.txt"))


def _mentions(text: str) -> list[tuple[int, str, bool]]:
    """(offset, name, in register) for every township-like name in `text`.

    At each suffix the longest register name ending there wins; else, in head text, the
    characters back to the last county/city word make an unregistered name.
    """
    register, stop = townships(), _stop()
    out = []
    for m in _SUFFIX.finditer(text):
        end = m.end()
        found = None
        for length in range(min(12, end), 2, -1):
            name = text[end - length:end]
            if name in register and name not in stop:
                found = name
                break
        if found and not _cut_name(text, end - len(found), found):
            out.append((end - len(found), found, True))
            continue
        before = _HAN_BEFORE.search(text[max(0, m.start() - 10):m.start()])
        if not before:
            continue
        stem = ADMIN_CUT.sub("", before.group(0))
        stem = _YEAR_LEAD.sub("", stem)
        if _IN_A_WORD.match(text, m.end()) or stem[-1:] in _VERB_BEFORE_UNIT:
            continue                 # 法律进乡村, 送法下乡, 镇村两级: the suffix is part of a word
        name = stem + m.group(0)
        if 1 <= len(stem) <= 6 and name not in stop and not _generic(name):
            out.append((m.end() - len(name), name, False))
    for m in _SHORT_STREET.finditer(text) if "街" in text else ():       # 洛浦街 for 洛浦街道
        name = m.group(1) + "街道"
        if name in register:
            out.append((m.start(), name, True))
    return out


_HAN_BEFORE = regex.compile(rf"[{HAN}]{{1,10}}$")
_YEAR_LEAD = regex.compile(pattern("township.year_lead"))


def _cut_name(text: str, start: int, name: str) -> bool:
    """A register name made of a street word (大街街道, 新村街道) that is the end of a longer name
    in the text (银杏大街街道): the characters before it are a name's, not a county or a verb."""
    stem = re.sub("(?:街道|镇|乡)$", "", name)
    if stem not in _generic_stems() or start == 0:
        return False
    before = re.search(rf"[{HAN}]{{1,6}}$", text[max(0, start - 6):start])
    return bool(before and ADMIN_CUT.sub("", before.group(0)) and not re.search(r"[省市县区旗州盟]$", before.group(0)))


@lru_cache(maxsize=None)
def _generic_stems() -> frozenset[str]:
    return frozenset(load("township_generic_stems.txt"))


def _generic(name: str) -> bool:
    """Words ending in 乡/镇 that name no place: 各乡镇, 全镇, 法治乡, 我乡, 在镇(党委), 促进我镇…"""
    return bool(_GENERIC_LEAD.match(name)
                or _PREPOSITION_UNIT.match(name)        # 在镇党委…
                or _OUR_UNIT.search(name)               # 促进我镇…
                or _GENERIC_WORD.search(name))


_GENERIC_LEAD = regex.compile(pattern("township.generic_lead"))
_PREPOSITION_UNIT = regex.compile(pattern("township.preposition_unit"))
_OUR_UNIT = regex.compile(pattern("township.our_unit"))
_GENERIC_WORD = regex.compile(pattern("township.generic_word"))


def _head_choice(head: str, text: str) -> tuple[str, bool] | None:
    """The township the head names; the one the body repeats most if it names several."""
    found = _mentions(head)
    if not found:
        return None
    registered = [f for f in found if f[2]]
    pool = registered or found
    count = Counter(n for _, n, _ in pool)
    body = Counter(n for _, n, _ in _mentions(text) if n in count)
    order = {n: i for i, (_, n, _) in reversed(list(enumerate(pool)))}
    best = max(count, key=lambda n: (body[n] + 5 * count[n], -order[n]))
    return best, best in townships()


def _body_choice(doc: Document) -> tuple[str, bool] | None:
    """No township in the head: the one the report says it reports on, else the one named most."""
    text = doc.text
    lead = _REPORT_LEAD.search(text)
    if lead:
        for _, name, reg in _mentions(lead.group(1)):
            return name, reg
    weights: Counter = Counter()
    for pos, name, reg in _mentions(text):
        if reg:
            weights[name] += 3 if pos < 400 else 1
    if weights:
        best = max(weights, key=lambda n: (weights[n], len(n), n))
        return best, True
    first = " ".join(s.text for s in doc.sentences[:2])
    loose = [(n, r) for _, n, r in _mentions(first)]
    return loose[0] if loose else _by_stem(text) or _repeated(text)


_SELF = regex.compile(pattern("township.self"))
_FUNCTION_CHARS = pattern("township.function_chars")


def _own_suffix(text: str) -> str | None:
    """镇 / 乡 / 街道: what the report calls itself (我镇, 全乡, 全街, 街道坚持…)."""
    kinds = Counter("街道" if (m.group(1) or m.group(2)) in ("街", "街道") else m.group(1)
                    for m in _SELF.finditer(text))
    return kinds.most_common(1)[0][0] if kinds else None


def _by_stem(text: str) -> tuple[str, bool] | None:
    """A register township of a county the text names, called by its stem (奋力谱写鱼复法治建设新篇章):
    the most repeated one (twice at least) with the suffix the report calls itself by."""
    suffix = _own_suffix(text)
    if suffix is None:
        return None
    counts: Counter = Counter()
    for county in counties_in(text):
        for name in townships_of(county):
            stem = name[: -len(suffix)] if name.endswith(suffix) else ""
            if len(stem) >= 2 and (n := text.count(stem)) >= 2:
                counts[name] = n
    if not counts:
        return None
    best = max(counts, key=lambda n: (counts[n], n))
    return best, True


def _repeated(text: str) -> tuple[str, bool] | None:
    """An unregistered name the body writes with the suffix the report calls itself by
    (下太镇 for a report saying 我镇): its stem is two characters, or more where the longer
    form is as frequent (a name never starts with the verb or preposition before it)."""
    suffix = _own_suffix(text)
    if suffix is None:
        return None
    counts: Counter = Counter()
    for m in re.finditer(suffix, text):
        stem = re.search(rf"[{HAN}]{{2,4}}$", text[max(0, m.start() - 4):m.start()])
        if not stem:
            continue
        s = stem.group(0)
        k = 2
        while k < len(s) and text.count(s[-k - 1:] + suffix) == text.count(s[-k:] + suffix) >= 2:
            k += 1
        name = s[-k:] + suffix
        if name not in _stop() and not _generic(name) and not _boundary_word(s[-k:]):
            counts[name] += 1
    if not counts:
        return None
    best = max(counts, key=lambda n: (counts[n], n))
    return best, False


def _boundary_word(stem: str) -> bool:
    return stem in load("phrase_boundaries.txt") or any(c in _FUNCTION_CHARS for c in stem)


def place_of(doc: Document, head: str) -> Place | None:
    """Resolve the reporting township against the register, using the text's place clues."""
    choice = _head_choice(head, doc.text) or _body_choice(doc)
    if choice is None:
        return None
    name, _ = choice
    rows = division_rows(name)
    division = choose_division(rows, doc.text, head, name) if rows else None
    stated = county_in_text(head, name) or county_in_text(doc.text, name)
    if division and stated and short_name(official(stated)) != short_name(division.county):
        division = None        # the report names another county: a unit the register lacks
    if division and contradicted(division, doc.text):
        division = None        # a 河南 report never takes a 山东 unit's code
    if division:
        county_rows = counties().get(division.county, ())
        county_code = next((c.code for c in county_rows if c.city == division.city), division.code[:6])
        return Place(name, as_written(division.county, doc.text), division.code, county_code,
                     division.city, division.province, registered=True)
    county = stated or county_named(head)
    if county:
        rows_c = counties().get(official(county), ())
        if len(rows_c) == 1:
            c = rows_c[0]
            return Place(name, county, None, c.code, c.city, c.province, registered=False)
    return Place(name, county, registered=False)
