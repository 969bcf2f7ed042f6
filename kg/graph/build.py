"""ReportFacts to RDF: each report's triples go into the named graph of that report.

Provenance (溯源): every cites / adopts / conducts / hasIndicator fact has a tkg:Evidence node,
an rdf:Statement naming the fact, pointing to the report (prov:wasDerivedFrom) and to a
tkg:Sentence with the sentence text and its offsets in the report's cleaned text
(nif:beginIndex / nif:endIndex); the Evidence carries the exact words' (nif:anchorOf).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import PurePath

import orjson
from pyoxigraph import Literal, NamedNode, Quad

from kg.extract import vocabulary
from kg.graph import chunks, iri
from kg.graph.ntriples import decimal_literal, decimal_text, plain, typed, zh
from kg.graph.ntriples import iri_term as _n
from kg.graph.viewrecord import Alias, Entity, Evidence, Figure, Report, Town, empty, links
from kg.graph.vocab import PREFIXES, term
from kg.kinds import FACT, FACTS, KINDS
from kg.model import Mention, Place, ReportFacts

RDF, RDFS, XSD = PREFIXES["rdf"], PREFIXES["rdfs"], PREFIXES["xsd"]
SKOS, PROV, NIF = PREFIXES["skos"], PREFIXES["prov"], PREFIXES["nif"]
PLACEHOLDER_CITIES = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}

def _value(term: str) -> str:
    """The IRI of an IRI term (what NamedNode.value was)."""
    return term[1:-1]


@lru_cache(maxsize=1 << 13)    # the townships and names many reports share; not their own nodes
def _short(term: str) -> str:
    """An IRI term as the view record names it (kg.graph.iri.short)."""
    return iri.short(term[1:-1])


def T(name: str) -> str:
    """A term of the project's ontology (kg.graph.vocab.term): a name it lacks raises."""
    return _n(term(name))


TYPE, LABEL, ALT = _n(RDF + "type"), _n(RDFS + "label"), _n(SKOS + "altLabel")
_ANCHOR, _BEGIN, _END = _n(NIF + "anchorOf"), _n(NIF + "beginIndex"), _n(NIF + "endIndex")
_STATEMENT, _SUBJECT, _PREDICATE, _OBJECT = (_n(RDF + x) for x in ("Statement", "subject", "predicate", "object"))
_DERIVED = _n(PROV + "wasDerivedFrom")
_NON_NEGATIVE = _n(XSD + "nonNegativeInteger")
# Every ontology term the writer emits, made (and so checked against the ontology) on import.
C_REPORT, C_TOWNSHIP, C_COUNTY, C_CITY, C_PROVINCE, C_SENTENCE, C_EVIDENCE, C_INDICATOR, C_BACKGROUND = (
    T(c) for c in ("Report", "Township", "County", "City", "Province", "Sentence", "Evidence", "Indicator",
                   "BackgroundFigure"))
(P_SOURCE_FILE, P_SHA256, P_YEAR, P_TOWNSHIP, P_IN_REGISTER, P_CODE, P_PART_OF, P_ABOUT, P_CATEGORY,
 P_IN_SCHEME, P_PRACTICE, P_REPORT, P_SENTENCE, P_VALUE, P_UNIT, P_HAS_BACKGROUND) = (
    T(p) for p in ("sourceFile", "sha256", "year", "township", "inRegister", "code", "partOf", "about", "category",
                   "inScheme", "practice", "report", "sentence", "value", "unit", "hasBackgroundFigure"))
P_SOURCE = {"place": T("placeSource"), "year": T("yearSource")}   # what the user's manifest gave (ReportFacts.given)
P_FACT = {f.key: T(f.predicate) for f in FACTS}                   # township -> entity (indicator: report -> figure)
# an entity's classes, by (Mention.kind, its kind in kg.kinds): a regulation has two
CLASSES = {(k.fact, k.key): frozenset({FACT[k.fact].cls, k.cls}) for k in KINDS}
C_KIND = {c: T(c) for cs in CLASSES.values() for c in cs}
_EVIDENCE, _SENTENCE = C_EVIDENCE, P_SENTENCE
_FACTS = {P_FACT[f.key] for f in FACTS if f.key != "indicator"}
_HAS_INDICATOR = P_FACT["indicator"]


class _Emitter:
    """Collects the triples of one report's named graph as N-Triples lines."""

    def __init__(self, graph: str):
        self.graph = graph
        self.lines: list[str] = []
        self.sentences: dict[int, str] = {}
        self.entities: dict[tuple, str] = {}
        self.view = empty()     # the report's view record (kg.graph.viewrecord), as records.record_of reads it
        self.classes: dict[str, tuple[frozenset[str], str]] = {}     # entity iri -> (classes, least label)
        self.categories: dict[str, str] = {}    # mechanism/activity iri -> its category's 中文 label
        self.concepts: set[str] = set()         # scheme concepts whose labels are in already
        self.seen: set[tuple] = set()           # evidence rows written (each fact has one at least)

    def record(self) -> dict:
        self.view["entities"] = [Entity(iri.short(value), sorted(c), name, self.categories.get(value, ""))
                                 for value, (c, name) in self.classes.items()]
        self.view["links"] = links((), self.view["evidence"])
        return self.view

    def add(self, s: str, p: str, o: str) -> None:
        self.lines.append(f"{s} {p} {o} .\n")


def report_chunks(facts: ReportFacts) -> list[chunks.Chunk]:
    """One report's graph as compact, picklable chunks of sorted N-Triples (one per graph name)."""
    return report_graph(facts)[0]


def report_graph(facts: ReportFacts) -> tuple[list[chunks.Chunk], bytes]:
    """report_chunks (with each segment's Turtle) and the report's record for the HTML view,
    as compressed JSON: one object, not thousands, while a big build holds every report's."""
    out = _emit(facts)
    view = orjson.dumps(out.record(), default=list)      # rows are NamedTuples: JSON lists
    return [chunks.pack_text(out.graph, out.lines, turtle=True)], chunks.compress(view)


def report_quads(facts: ReportFacts) -> list[Quad]:
    """All quads for one report, in the report's named graph."""
    import pyoxigraph as ox

    out = _emit(facts)
    graph = NamedNode(_value(out.graph))
    return [Quad(t.subject, t.predicate, t.object, graph)
            for t in ox.parse("".join(dict.fromkeys(out.lines)).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)]


def _emit(facts: ReportFacts) -> _Emitter:
    doc = facts.doc
    report = _n(iri.report(doc.sha256))
    out = _Emitter(report)
    out.add(report, TYPE, C_REPORT)
    if facts.title:
        out.add(report, LABEL, zh(facts.title))
    out.add(report, P_SOURCE_FILE, plain(PurePath(doc.path).name))
    out.add(report, P_SHA256, plain(doc.sha256))
    if facts.year:
        out.add(report, P_YEAR, typed(str(facts.year), "gYear"))
    for what in facts.given:         # placeSource / yearSource: the user's manifest said it, not the text
        out.add(report, P_SOURCE[what], plain("manifest"))
    town = _place(out, facts.place) if facts.place else _unidentified(out, facts)
    if town is not None:
        out.add(report, P_TOWNSHIP, town)
    out.view["reports"].append(Report(_short(report), facts.title or "", str(facts.year)[:4] if facts.year else "",
                                      PurePath(doc.path).name, _short(town) if town else ""))
    for i, m in enumerate(facts.mentions):
        if m.kind == "indicator":
            _indicator(out, facts, report, m, i)
        elif town is not None:
            node = _entity(out, m)
            _evidence(out, facts, report, town, P_FACT[m.kind], node, m)
    return out


def _unidentified(out: _Emitter, facts: ReportFacts) -> str:
    """A report whose township was not found keeps its facts on a township node of its own,
    named 未识别乡镇 and not in the register, minted from the report's content."""
    town = _n(iri.local("township", facts.doc.sha256, "unidentified"))
    out.add(town, TYPE, C_TOWNSHIP)
    out.add(town, LABEL, zh(f"未识别乡镇（{PurePath(facts.doc.path).name}）"))
    out.view["towns"].append(Town(_short(town), f"未识别乡镇（{PurePath(facts.doc.path).name}）", ""))
    out.add(town, P_IN_REGISTER, typed("false", "boolean"))
    return town


def _place(out: _Emitter, p: Place) -> str:
    town = _n(iri.township(p.name, p.county, p.code))
    out.add(town, TYPE, C_TOWNSHIP)
    out.add(town, LABEL, zh(p.name))
    out.add(town, P_IN_REGISTER, typed("true" if p.registered else "false", "boolean"))
    if p.code:
        out.add(town, P_CODE, plain(p.code))
    out.view["towns"].append(Town(_short(town), p.name, p.county or ""))
    if p.county:
        county = _n(iri.county(p.county, p.county_code))
        out.add(town, P_PART_OF, county)
        out.add(county, TYPE, C_COUNTY)
        out.add(county, LABEL, zh(p.county))
        if p.county_code:
            out.add(county, P_CODE, plain(p.county_code))
        parent = county
        if p.code and p.city and p.city not in PLACEHOLDER_CITIES:
            city = _n(iri.city(p.code[:4]))
            out.add(county, P_PART_OF, city)
            out.add(city, TYPE, C_CITY)
            out.add(city, LABEL, zh(p.city))
            out.add(city, P_CODE, plain(p.code[:4]))
            parent = city
        if p.code and p.province:
            province = _n(iri.province(p.code[:2]))
            out.add(parent, P_PART_OF, province)
            out.add(province, TYPE, C_PROVINCE)
            out.add(province, LABEL, zh(p.province))
            out.add(province, P_CODE, plain(p.code[:2]))
    return town


def _entity(out: _Emitter, m: Mention) -> str:
    attrs = m.attrs
    key = (m.kind, m.label, m.surface, attrs.get("reg_kind"), attrs.get("registered"), attrs.get("alias"),
           attrs.get("about"))
    node = out.entities.get(key)
    if node is not None:
        return node                  # the same lines are in already
    made = _ENTITIES.get(key)
    if made is None:                 # an entity's lines are the same in every report that names it
        if len(_ENTITIES) >= _ENTITIES_MAX:
            _ENTITIES.clear()
        made = _ENTITIES[key] = _entity_lines(m)
    node, lines, classes, aliases, category = made
    out.entities[key] = node
    out.lines += lines
    value = _value(node)
    known = out.classes.get(value)
    out.classes[value] = (classes | known[0], min(m.label, known[1])) if known else (classes, m.label)
    out.view["aliases"] += aliases
    if category is not None:
        out.categories[value] = category
    return node


_ENTITIES: dict[tuple, tuple] = {}    # entity key -> what _entity_lines made, shared by the reports of a process
_ENTITIES_MAX = 20_000       # about 30 MB: the names most reports share stay in


def forget_entities() -> None:
    """Empty the entity lines kept between reports (after the last report of a build)."""
    _ENTITIES.clear()


def _entity_lines(m: Mention) -> tuple[str, tuple[str, ...], frozenset[str], list[Alias], str | None]:
    """An entity's node, its lines (with its category's and practice's), classes, view aliases, category."""
    out = _Emitter("")
    attrs = m.attrs
    node = _n(iri.entity(m.kind, m.label))
    out.add(node, LABEL, zh(m.label))
    classes = CLASSES[m.kind, attrs["reg_kind"] if m.kind == "regulation" else m.kind]
    for c in classes:
        out.add(node, TYPE, C_KIND[c])
    alias = attrs.get("alias") if m.kind == "regulation" else m.surface.replace("“", "").replace("”", "")
    if alias and (m.kind == "regulation" or alias != m.label):
        out.add(node, ALT, zh(alias))
        out.view["aliases"].append(Alias(_short(node), alias))
    category = None
    if m.kind == "regulation":
        out.add(node, P_IN_REGISTER, typed("true" if attrs.get("registered") else "false", "boolean"))
    else:
        category = _practice(out, node, m.kind, m.label)
        if attrs.get("about"):
            out.add(node, P_ABOUT, _n(iri.entity("regulation", attrs["about"])))
    return node, tuple(out.lines), classes, out.view["aliases"], category


_CONCEPT, _SCHEME_CLASS = _n(SKOS + "Concept"), _n(SKOS + "ConceptScheme")
_PREF, _BROADER, _IN_SCHEME, _TOP = (_n(SKOS + x) for x in ("prefLabel", "broader", "inScheme", "topConceptOf"))


def _practice(out: _Emitter, node: str, kind: str, label: str) -> str:
    """A mechanism's or activity's category (tkg:category), its practice when the scheme knows
    the name (tkg:practice, tkg:inScheme), and the labels of both concepts, so that a build
    answers category queries without the scheme file. Returns the category's 中文 label."""
    placed = vocabulary.place(kind, label)
    cat = _n(iri.category(placed.category.id))
    out.add(node, P_CATEGORY, cat)
    out.add(node, P_IN_SCHEME, typed("true" if placed.practice else "false", "boolean"))
    scheme = _n(iri.scheme())
    if cat not in out.concepts:
        out.concepts.add(cat)
        out.add(scheme, TYPE, _SCHEME_CLASS)
        out.add(cat, TYPE, _CONCEPT)
        out.add(cat, _PREF, zh(placed.category.zh))
        out.add(cat, _PREF, str(Literal(placed.category.en, language="en")))
        out.add(cat, _IN_SCHEME, scheme)
        out.add(cat, _TOP, scheme)
    if placed.practice is not None:
        practice = _n(iri.practice(kind, placed.practice.name))
        out.add(node, P_PRACTICE, practice)
        if practice not in out.concepts:
            out.concepts.add(practice)
            out.add(practice, TYPE, _CONCEPT)
            out.add(practice, _PREF, zh(placed.practice.name))
            out.add(practice, _BROADER, cat)
            out.add(practice, _IN_SCHEME, scheme)
    return placed.category.zh


def _sentence(out: _Emitter, facts: ReportFacts, report: str, s) -> str:
    node = out.sentences.get(s.start)
    if node is not None:
        return node                  # its triples are in already
    node = out.sentences[s.start] = _n(iri.local("sentence", facts.doc.sha256, s.start))
    out.add(node, TYPE, C_SENTENCE)
    out.add(node, P_REPORT, report)
    out.add(node, _ANCHOR, plain(s.text))
    out.add(node, _BEGIN, typed(str(s.start), "nonNegativeInteger"))
    out.add(node, _END, typed(str(s.end), "nonNegativeInteger"))
    return node


def _evidence(out: _Emitter, facts: ReportFacts, report, subject, predicate, obj, m: Mention) -> None:
    # minted IRIs are the resource namespace and hex digits: no check needed
    ev = f"<{iri.local('evidence', facts.doc.sha256, _value(subject), _value(predicate), _value(obj), m.start, m.end)}>"
    s = facts.doc.sentence_at(m.start)
    sentence = _sentence(out, facts, report, s)
    start, end = m.start - s.start, m.end - s.start
    at = (start, end) if 0 <= start < end <= len(s.text) else (-1, -1)
    if predicate == _HAS_INDICATOR:
        a = m.attrs
        out.view["figures"].append(Figure(_short(report), a["name"] or m.surface, decimal_text(a["value"]), a["unit"],
                                          _short(sentence), *at))
        out.view["sentences"][_short(sentence)] = s.text
    elif predicate in _FACTS:
        row = Evidence(_short(subject), _short(obj), _short(report), _short(sentence), *at)
        if row not in out.seen:
            out.seen.add(row)
            out.view["evidence"].append(row)
            out.view["sentences"][row.sentence] = s.text
    out.lines += (
        f"{ev} {TYPE} {_EVIDENCE} .\n",
        f"{ev} {TYPE} {_STATEMENT} .\n",
        f"{ev} {_SUBJECT} {subject} .\n",
        f"{ev} {_PREDICATE} {predicate} .\n",
        f"{ev} {_OBJECT} {obj} .\n",
        f"{ev} {_DERIVED} {report} .\n",
        f"{ev} {_SENTENCE} {sentence} .\n",
        f"{ev} {_ANCHOR} {plain(m.surface)} .\n",
        f'{ev} {_BEGIN} "{m.start}"^^{_NON_NEGATIVE} .\n',
        f'{ev} {_END} "{m.end}"^^{_NON_NEGATIVE} .\n',
        f"{subject} {predicate} {obj} .\n",
    )


def _indicator(out: _Emitter, facts: ReportFacts, report, m: Mention, index: int) -> None:
    a = m.attrs
    node = _n(iri.local("indicator", facts.doc.sha256, m.start, m.end, a["value"], a["unit"], a["name"], index))
    background = a.get("background")
    out.add(node, TYPE, C_BACKGROUND if background else C_INDICATOR)
    out.add(node, LABEL, zh(a["name"] or m.surface))
    out.add(node, P_VALUE, decimal_literal(a["value"]))
    out.add(node, P_UNIT, plain(a["unit"]))
    _evidence(out, facts, report, report, P_HAS_BACKGROUND if background else _HAS_INDICATOR, node, m)
