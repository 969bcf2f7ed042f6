"""Regions of the HTML graph (地区): the province › city › county tree the page aggregates by.

A township's official code names its county (first 6 digits), and the county register
(kg/data/counties.tsv) names the county's city and province, so the tree comes from the
codes, not from the report text. A township without a code is placed by its county's
name when the register knows one county of that name; the rest go under 其他地区.
Cities that are placeholders (市辖区, 省直辖县级行政区划 …) are skipped: the county hangs
from the province directly.
"""
from __future__ import annotations

from functools import lru_cache

from kg import regex
from kg.export.graphview import Town
from kg.extract.register import Division, counties
from kg.graph.build import PLACEHOLDER_CITIES

OTHER = "其他地区"
_CODE = regex.compile(r"township-(\d{6})\d+$")


@lru_cache(maxsize=1)
def _by_code() -> dict[str, Division]:
    """County code -> its register row (kg.extract.register.counties, keyed the other way)."""
    return {d.code: d for rows_ in counties().values() for d in rows_}


def _path(town: Town) -> tuple[str, ...]:
    """(province, city?, county) of a township; (其他地区, county) when unknown."""
    m = _CODE.search(town.iri)
    known = _by_code().get(m.group(1)) if m else None
    named = counties().get(town.county, ())
    if known is None and len(named) == 1:
        known = named[0]
    if known is None:
        return (OTHER, town.county or "未识别县级单位")
    if known.city in PLACEHOLDER_CITIES or known.city == known.province:
        return (known.province, known.name)
    return (known.province, known.city, town.county or known.name)


def tree(towns: list[Town]) -> tuple[list[list], list[int]]:
    """The groups ([name, parent index or -1], sorted, parents first) and each township's leaf group."""
    paths = [_path(t) for t in towns]
    keys = sorted({p[:k] for p in paths for k in range(1, len(p) + 1)}, key=lambda k: (len(k), k))
    index = {k: i for i, k in enumerate(keys)}
    groups = [[k[-1], index[k[:-1]] if len(k) > 1 else -1] for k in keys]
    return groups, [index[p] for p in paths]
