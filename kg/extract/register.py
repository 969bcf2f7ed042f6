"""The national registers shipped in kg/data: administrative divisions and law titles."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from kg import kept, regex
from kg.extract.lexicon import DATA, alternatives, pattern, rows

# the suffixes and patterns are lexicons/patterns.tsv's register.* (each commented there)
COUNTY_SUFFIXES = alternatives("register.county_suffixes")
TOWNSHIP_SUFFIXES = alternatives("register.township_suffixes")
_PROVINCE_SUFFIXES = alternatives("register.province_suffixes")


class Division(NamedTuple):
    """One register row (a tuple: 41,000 of them are made at start-up, three times faster than a frozen dataclass)."""

    code: str
    name: str
    county: str
    city: str
    province: str


def short_name(name: str, suffixes=COUNTY_SUFFIXES + _PROVINCE_SUFFIXES) -> str:
    """南宫市 -> 南宫, 德化县 -> 德化; keeps names that would shrink below two characters."""
    for s in sorted(suffixes, key=len, reverse=True):
        if name.endswith(s) and len(name) - len(s) >= 2:
            return name[: -len(s)]
    return name


@lru_cache(maxsize=None)
def townships() -> dict[str, str]:
    """Township name -> every register row of that name (names repeat: 城关镇 x88) as text, one
    "code\tcounty\tcity\tprovince" line each (division_rows() makes them Divisions). Kept between
    processes in this form: a build's start-up reads 41,000 names and one string each in 9 ms,
    where 41,000 tuples of five took 40-70 ms."""
    path = DATA / "townships.tsv"

    def grouped() -> dict[str, str]:
        by_name: dict[str, list[str]] = defaultdict(list)
        for code, name, county, city, province in rows(path, 5)[1:]:
            by_name[name].append(f"{code}\t{county}\t{city}\t{province}")
        return {k: "\n".join(v) for k, v in by_name.items()}

    return kept.of_file("townships", path, grouped, "lines")


def division_rows(name: str) -> tuple[Division, ...]:
    """The register's rows of township `name`."""
    packed = townships().get(name)
    if not packed:
        return ()
    return tuple(Division(code, name, county, city, province)
                 for code, county, city, province in (line.split("\t") for line in packed.split("\n")))


@lru_cache(maxsize=None)
def counties() -> dict[str, tuple[Division, ...]]:
    """County name -> register rows (code is the 6-digit county code)."""
    by_name: dict[str, list[Division]] = defaultdict(list)
    for code, name, city, province in rows(DATA / "counties.tsv", 4)[1:]:
        by_name[name].append(Division(code, name, name, city, province))
    return {k: tuple(v) for k, v in by_name.items()}


_AUTONOMOUS = regex.compile(pattern("register.autonomous"))


@lru_cache(maxsize=None)
def county_aliases() -> dict[str, str]:
    """屏边县 -> 屏边苗族自治县: the short form reports write for an autonomous county.

    A short form that is itself a county name, or that two counties share, is left out.
    """
    out: dict[str, str | None] = {}
    names = counties()
    for name in names:
        m = _AUTONOMOUS.match(name)
        if m:
            alias = m.group(1) + m.group(2)
            if alias not in names:
                out[alias] = None if alias in out else name
    return {k: v for k, v in out.items() if v}


@dataclass(frozen=True)
class LawTitle:
    title: str
    category: str   # 宪法 法律 行政法规 部门规章 司法解释 地方性法规
    short_names: tuple[str, ...]


@lru_cache(maxsize=None)
def laws() -> dict[str, LawTitle]:
    """Every known form (title, short name) -> the national title it names."""
    out: dict[str, LawTitle] = {}
    for title, category, shorts, _src in rows(DATA / "laws.tsv", 4, min_columns=2)[1:]:
        law = LawTitle(title, category, tuple(s for s in shorts.split(";") if s))
        for form in (title, *law.short_names):
            # a title keeps its own row; a short name never overrides a full title
            if form == title or form not in out:
                out[form] = law
    return out
