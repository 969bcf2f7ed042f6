"""Regions of the HTML graph (地区): the province › city › county tree the page aggregates by.

A township's official code names its county (first 6 digits), and the county register
(kg/data/counties.tsv) names the county's city and province, so the tree comes from the
codes, not from the report text. A township without a code is placed by its county's
name when the register knows one county of that name; the rest go under 其他地区.
Cities that are placeholders (市辖区, 省直辖县级行政区划 …) are skipped: the county hangs
from the province directly.
"""
from __future__ import annotations

import re
from functools import lru_cache

from kg.export.graphview import Town
from kg.extract.lexicon import DATA, rows
from kg.graph.build import PLACEHOLDER_CITIES

OTHER = "其他地区"
_CODE = re.compile(r"township-(\d{6})\d+$")


@lru_cache(maxsize=1)
def _counties() -> tuple[dict[str, tuple[str, str, str]], dict[str, list[str]]]:
    """county code -> (name, city, province); county name -> codes."""
    by_code: dict[str, tuple[str, str, str]] = {}
    by_name: dict[str, list[str]] = {}
    for code, name, city, province in rows(DATA / "counties.tsv", 4)[1:]:
        by_code[code] = (name, city, province)
        by_name.setdefault(name, []).append(code)
    return by_code, by_name


def _path(town: Town) -> tuple[str, ...]:
    """(province, city?, county) of a township; (其他地区, county) when unknown."""
    by_code, by_name = _counties()
    m = _CODE.search(town.iri)
    code = m.group(1) if m else None
    if code is None and len(by_name.get(town.county, ())) == 1:
        code = by_name[town.county][0]
    if code is None or code not in by_code:
        return (OTHER, town.county or "未识别县级单位")
    county, city, province = by_code[code]
    if city in PLACEHOLDER_CITIES or city == province:
        return (province, county)
    return (province, city, town.county or county)


def tree(towns: list[Town]) -> tuple[list[list], list[int]]:
    """The groups ([name, parent index or -1], sorted, parents first) and each township's leaf group."""
    paths = [_path(t) for t in towns]
    keys = sorted({p[:k] for p in paths for k in range(1, len(p) + 1)}, key=lambda k: (len(k), k))
    index = {k: i for i, k in enumerate(keys)}
    groups = [[k[-1], index[k[:-1]] if len(k) > 1 else -1] for k in keys]
    return groups, [index[p] for p in paths]
