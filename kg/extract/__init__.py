"""Extract (抽取): a pipeline of small components turning a Document into ReportFacts.

The candidate finders of mechanisms and activities are registered components, run in the
order of a table (kg/extract/finders.py, lexicons/finders.tsv). Order matters only for
conflicts: cited titles block practices inside them, and among overlapping mechanism/activity
candidates the longest span wins.
"""
from __future__ import annotations

from kg import regex

# importing a finder's module registers it (kg.extract.finders); finders.tsv says which run, in what order
from kg.extract import (  # noqa: F401
    constructions,
    counted,
    finders,
    gazetteers,
    heads,
    indicator,
    lists,
    numbered,
    paired,
    quotes,
    register,
    regulation,
    resolve,
    script,
    township,
    venues,
)
from kg.model import Document, Mention, ReportFacts

VERSION = "15"  # bump when extraction output changes, so caches are invalidated


def extract(doc: Document) -> ReportFacts:
    """Run every extractor over one report (a 繁體 report through its simplified view)."""
    view = script.simplified_view(doc)
    facts = _extract(view)
    if view is not doc:
        facts.doc = doc
        for m in facts.mentions:
            m.surface = doc.text[m.start:m.end]      # evidence quotes the report as written
    return facts


def _extract(doc: Document) -> ReportFacts:
    title, head = township.title_of(doc)
    place = township.place_of(doc, head)
    facts = ReportFacts(doc=doc, place=place, year=township.year_of(doc, title), title=title)
    regs = regulation.extract(doc, place, facts.year)
    cands = finders.candidates(doc)
    own = _own_names(place)
    practices = [Mention(c.kind, _unplaced(c.label, own), c.start, c.end, doc.text[c.start:c.end])
                 for c in resolve.practices(doc, cands)]
    practices = _one_study_group(practices)
    practices += paired.paired(doc, practices)
    indicators = indicator.extract(doc)
    practices += counted.counted(doc, indicators, practices)
    _link_about(practices, regs)
    facts.mentions = regs + practices + indicators
    return facts


_UNIT_BODY = regex.compile(r"^(?:镇|乡|街道|街)(?=党委|党工委|工委|党组)")


def _own_names(place) -> tuple[str, ...]:
    """The township's name and its short form (青山镇, 青山), as practice names may start with them."""
    if place is None:
        return ()
    short = register.short_name(place.name, register.TOWNSHIP_SUFFIXES)
    return tuple(n for n in (place.name, short) if len(n) >= 2)


def _unplaced(label: str, own: tuple[str, ...]) -> str:
    """A practice's name without the township's own name in front (独流镇党政第一责任人 → 党政第一责任人),
    nor a unit word before its party committee: the same practice in every township is one node."""
    label = _UNIT_BODY.sub("", label)        # 镇党委理论学习中心组学习 → 党委理论学习中心组学习
    for name in own:
        if label.startswith(name) and len(label) - len(name) >= 4:
            return label[len(name):]
    return label


def _one_study_group(practices: list[Mention]) -> list[Mention]:
    """The party committee's study group (理论学习中心组) is one practice of a report: a plain
    …中心组学习 is dropped where the report names the group's study more exactly (…中心组学法);
    plain ones alone (党委中心组学习, 中心组学习) are one, under the fuller name."""
    groups = {p.label for p in practices if p.kind == "activity" and "中心组" in p.label}
    if len(groups) < 2:
        return practices
    plain = {g for g in groups if g.endswith("中心组学习")}
    if plain == groups:          # 党委中心组学习 and 中心组学习, none more exact: one study, the fuller name
        fuller = max(sorted(plain), key=len)
        for p in practices:
            if p.kind == "activity" and p.label in plain:
                p.label = fuller
        return practices
    return [p for p in practices if not (p.kind == "activity" and p.label in plain)]


def _link_about(practices: list[Mention], regs: list[Mention]) -> None:
    """An activity is about a law named inside it or right before it (民法典专题宣传, 《…法》…宣传).

    Only laws the report itself cites count, so every tkg:about points at a cited regulation.
    """
    for p in practices:
        if p.kind != "activity":
            continue
        for r in regs:
            inside = p.start - 2 <= r.start < p.end
            before = r.end <= p.start and p.start - r.end <= 1
            if inside or before:
                p.attrs["about"] = r.label
                break
