"""Matching a township's name to the NBS register: its county as the text writes it, the
register row whose county, city or province the text names, counties and provinces named."""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from kg import regex
from kg.extract.lexicon import alternatives, pattern, trie_pattern
from kg.extract.register import Division, counties, county_aliases, division_rows, short_name, townships

_COUNTY_BEFORE = regex.compile(pattern("township_names.county_before"))
ADMIN_CUT = regex.compile(pattern("township_names.admin_cut"))
_PROVINCE_SUFFIX = regex.compile(pattern("township_names.province_suffix"))
_COUNTY = regex.compile(pattern("township_names.county"))


def counties_in(text: str) -> list[str]:
    return sorted({m.group(0) for m in _county_rx().finditer(text)})


@lru_cache(maxsize=None)
def _county_rx() -> re.Pattern:
    return regex.compile(trie_pattern(n for n in counties() if len(n) >= 3))


def townships_of(county: str) -> tuple[str, ...]:
    return _by_county().get(county, ())


@lru_cache(maxsize=None)
def _by_county() -> dict[str, tuple[str, ...]]:
    """County name -> the register's township names in it."""
    out: dict[str, set[str]] = {}
    for name in townships():
        for row in division_rows(name):
            out.setdefault(row.county, set()).add(name)
    return {k: tuple(sorted(v)) for k, v in out.items()}


def _county_kind(text: str) -> str | None:
    """县 / 区 / 市 / 旗: which kind of county the report's 县委 / 区委 / 市委 points to."""
    counts = Counter({k: len(re.findall(pattern("township_names.county_organ", KIND=k), text))
                      for k in alternatives("township_names.county_kinds")})
    kind, n = counts.most_common(1)[0]
    return kind if n else None


def choose_division(rows: tuple[Division, ...], text: str, head: str, name: str) -> Division | None:
    """Pick the register row whose county, city or province the text names most."""
    plain = text.replace(name, "〇")
    head = head.replace(name, "〇")
    kind = _county_kind(text)

    def score(d: Division) -> float:
        s = 0.0
        for place, weight in ((d.county, 3.0), (d.city, 1.5), (d.province, 0.5)):
            if place in ("市辖区", "县") or "直辖" in place:
                continue
            short = short_name(place)
            if place in head or (short != place and len(short) >= 2 and short in head):
                s += 2 * weight
            s += weight * min(plain.count(place), 3)
            alias = _alias_of(place)
            if alias:                     # 屏边县 for 屏边苗族自治县
                s += weight * (2 * (alias in head) + min(plain.count(alias), 3))
            if short != place and len(short) >= 2:
                s += 0.5 * weight * min(plain.count(short) - plain.count(place), 3)
        if kind and d.county.endswith(kind):
            s += 0.25
        return s

    scored = sorted(((score(d), d.code, d) for d in rows), key=lambda t: (-t[0], t[1]))
    if len(scored) == 1:
        return scored[0][2]
    if scored and scored[0][0] > 0 and scored[0][0] > scored[1][0]:
        return scored[0][2]
    return None


def contradicted(d: Division, text: str) -> bool:
    """The text names provinces, not this unit's, and none of the unit's county, city or province."""
    places = [p for p in (d.county, d.city) if p not in ("市辖区", "县") and "直辖" not in p]
    if any(p in text or (len(short_name(p)) >= 2 and short_name(p) in text) for p in places):
        return False
    named = _provinces_in(text)
    return bool(named) and d.province not in named


def _provinces_in(text: str) -> set[str]:
    return {p for p, short in _provinces().items() if p in text or short in text}


@lru_cache(maxsize=None)
def _provinces() -> dict[str, str]:
    """Province -> its short name (河南省 -> 河南, 广西壮族自治区 -> 广西), from the county register
    (2,800 rows, not the 41,000 townships)."""
    out = {}
    for rows in counties().values():
        for d in rows:
            p = d.province
            out[p] = _PROVINCE_SUFFIX.sub("", p)
    return out


def official(county: str) -> str:
    """The register's name of a county the text may write short (屏边县 -> 屏边苗族自治县)."""
    return county_aliases().get(county, county)


@lru_cache(maxsize=None)
def _aliases_by_official() -> dict[str, str]:
    return {v: k for k, v in county_aliases().items()}


def _alias_of(county: str) -> str | None:
    return _aliases_by_official().get(county)


def as_written(county: str, text: str) -> str:
    """The county as the report writes it: the short form when it never writes the full name."""
    alias = _alias_of(county)
    return alias if alias and county not in text and alias in text else county


def county_named(head: str) -> str | None:
    """A county the head names on its own (中共渠县县委、渠县人民政府：)."""
    for m in _COUNTY.finditer(head):
        for k in range(0, len(m.group(0)) - 1):
            cand = m.group(0)[k:]
            if cand in counties() or cand in county_aliases():
                return cand
    return None


def county_in_text(text: str, township: str) -> str | None:
    """A county-level name written right before the township's name (黔江区白土乡)."""
    i = text.find(township)
    while i >= 0:
        m = _COUNTY_BEFORE.search(text[max(0, i - 8):i])
        if m:
            name = m.group(1)
            for k in range(0, len(name) - 1):  # the longest known county name ending here
                if name[k:] in counties() or name[k:] in county_aliases():
                    return name[k:]
            tail = ADMIN_CUT.sub("", name[:-1]) + name[-1]
            if 2 <= len(tail) <= 5:          # a county the register does not know (renamed)
                return tail
        i = text.find(township, i + 1)
    return None
