"""Who wrote the report and for which year: township (乡镇), its county, the year (年度)."""
from __future__ import annotations

import re
from collections import Counter

from kg.extract.lexicon import words
from kg.extract.register import (TOWNSHIP_SUFFIXES, Division, counties, short_name,
                                 townships)
from kg.model import Document, Place

_TITLE_WORDS = ("报告", "总结", "情况", "汇报", "述职")
_CN_DIGITS = str.maketrans("〇○零一二三四五六七八九", "00012345678" + "9")
_YEAR = re.compile(r"((?:19|20)\d{2}|[〇○零一二][〇○零一二三四五六七八九]{3})\s*年")
_QUOTED = re.compile(r"《[^》]*》")
_RANGE = re.compile(r"\d{4}\s*[-—–－~～至到]\s*\d{4}")
_SUFFIX = re.compile("|".join(sorted(TOWNSHIP_SUFFIXES, key=len, reverse=True)))
_COUNTY_BEFORE = re.compile(r"([\u4e00-\u9fff]{2,7}?(?:自治县|自治旗|县|市|区|旗))$")
_HEAD_LINES = 6


def title_of(doc: Document) -> tuple[str, str]:
    """The report's title line and the head text (title plus the lines above it)."""
    lines = [ln for ln in doc.text.split("\n") if ln.strip()][:_HEAD_LINES]
    for i, line in enumerate(lines):
        if any(w in line for w in _TITLE_WORDS) and len(line) <= 60:
            return line, "\n".join(lines[: i + 1])
    first = lines[0] if lines else ""
    return first, first


def year_of(doc: Document, title: str) -> int | None:
    """The year the report covers: from the title, else the opening sentences."""
    candidates = [title] + [s.text for s in doc.sentences[:4]]
    for text in candidates:
        text = _RANGE.sub("", _QUOTED.sub("", text))
        for m in _YEAR.finditer(text):
            y = int(m.group(1).translate(_CN_DIGITS))
            if 1990 <= y <= 2100:
                return y
    return None


def _registered_mentions(text: str) -> Counter:
    """Count register township names in `text`, longest name ending at each suffix."""
    found: Counter = Counter()
    register = townships()
    stop = set(words("township_stopwords.txt"))
    for m in _SUFFIX.finditer(text):
        end = m.end()
        for length in range(min(12, end), 1, -1):
            name = text[end - length:end]
            if name in register and name not in stop and len(name) >= 3:
                found[name] += 1
                break
    return found


def _unregistered_in_head(head: str) -> str | None:
    """A township-like name in the title lines when the register knows none."""
    stop = set(words("township_stopwords.txt"))
    for m in re.finditer(r"([\u4e00-\u9fff]{2,8}?)(民族乡|街道|苏木|乡|镇)(?:人民政府|党委|政府)?", head):
        name = m.group(1) + m.group(2)
        county = _COUNTY_BEFORE.search(m.group(1))
        if county and len(m.group(1)) - len(county.group(1)) >= 1:
            name = name[len(county.group(1)):]
        name = re.sub(r"^(?:关于|中共|\d{4}年度?)", "", name)
        if len(name) >= 2 and name not in stop:
            return name
    return None


def _choose_division(rows: tuple[Division, ...], text: str, head: str) -> Division | None:
    """Pick the register row whose county, city or province the text mentions most."""
    def score(d: Division) -> float:
        s = 0.0
        for name, weight in ((d.county, 3.0), (d.city, 1.5), (d.province, 0.5)):
            if name in ("市辖区", "县") or "直辖" in name:
                continue
            short = short_name(name)
            if name in head:
                s += 2 * weight
            s += weight * min(text.count(name), 3)
            if short != name and len(short) >= 2:
                s += 0.5 * weight * min(text.count(short) - text.count(name), 3)
        return s

    scored = sorted(((score(d), d.code, d) for d in rows), key=lambda t: (-t[0], t[1]))
    if len(scored) == 1:
        return scored[0][2]
    if scored and scored[0][0] > 0 and scored[0][0] > scored[1][0]:
        return scored[0][2]
    return None


def place_of(doc: Document, head: str) -> Place | None:
    """Resolve the reporting township against the register, using the text's place clues."""
    text = doc.text
    counts = _registered_mentions(text)
    head_counts = _registered_mentions(head)
    best = None
    if counts:
        best = max(counts, key=lambda n: (head_counts[n] * 10 + counts[n], len(n), n))
    else:
        best = _unregistered_in_head(head)
        if best is None:
            return None
    rows = townships().get(best, ())
    division = _choose_division(rows, text, head) if rows else None
    if division:
        county_rows = counties().get(division.county, ())
        county_code = next((c.code for c in county_rows if c.city == division.city), division.code[:6])
        return Place(best, division.county, division.code, county_code, division.city,
                     division.province, registered=True)
    return Place(best, _county_in_text(head, best) or _county_in_text(text, best), registered=False)


def _county_in_text(text: str, township: str) -> str | None:
    """A county-level name written right before the township's name (黔江区白土乡)."""
    i = text.find(township)
    while i >= 0:
        m = _COUNTY_BEFORE.search(text[max(0, i - 8):i])
        if m:
            name = m.group(1)
            for k in range(len(name) - 2, -1, -1):  # prefer a known county suffix of the match
                if name[k:] in counties():
                    return name[k:]
            return name
        i = text.find(township, i + 1)
    return None
