"""The graph as the HTML view and the matrix see it (图谱视图): townships, the entities they
cite / adopt / conduct, and the evidence sentences behind each link, read by SPARQL.

Everything is sorted by label and IRI, so the same graph always gives the same view.
"""
from __future__ import annotations

import weakref
from dataclasses import dataclass, field

from kg.graph import KnowledgeGraph

# (key, class, 中文名) in display order; the first class listed wins when a regulation
# was typed differently by different reports.
ENTITY_TYPES = (
    ("law", "Law", "法律"),
    ("regulation", "AdministrativeRegulation", "行政法规/规章"),
    ("party_rule", "PartyRegulation", "党内法规"),
    ("policy", "PolicyDocument", "政策文件"),
    ("local", "LocalDocument", "乡镇文件"),
    ("mechanism", "Mechanism", "机制"),
    ("activity", "Activity", "活动"),
)
REGULATION_KINDS = tuple(k for k, _, _ in ENTITY_TYPES[:5])
_RANK = {cls: i for i, (_, cls, _) in enumerate(ENTITY_TYPES)}
TYPE_RANK = {key: i for i, (key, _, _) in enumerate(ENTITY_TYPES)}

_Q_TOWNS = """
SELECT ?town ?label ?county ?countyLabel WHERE {
  ?town a tkg:Township ; rdfs:label ?label .
  OPTIONAL { ?town tkg:partOf ?county . ?county a tkg:County ; rdfs:label ?countyLabel }
}"""
_Q_ENTITIES = """
SELECT ?x ?cls ?label WHERE {
  VALUES ?cls { tkg:Law tkg:AdministrativeRegulation tkg:PartyRegulation tkg:PolicyDocument
                tkg:LocalDocument tkg:Mechanism tkg:Activity }
  ?x a ?cls ; rdfs:label ?label .
}"""
_Q_ALIASES = "SELECT ?x ?alt WHERE { ?x skos:altLabel ?alt }"
_Q_FACTS = """
SELECT ?town ?x WHERE {
  VALUES ?p { tkg:cites tkg:adopts tkg:conducts }
  ?town a tkg:Township ; ?p ?x .
}"""
_Q_EVIDENCE = """
SELECT ?town ?x ?report ?sentence ?text ?sb ?eb ?ee WHERE {
  VALUES ?p { tkg:cites tkg:adopts tkg:conducts }
  ?ev a tkg:Evidence ; rdf:subject ?town ; rdf:predicate ?p ; rdf:object ?x ;
      prov:wasDerivedFrom ?report ; tkg:sentence ?sentence .
  ?sentence nif:anchorOf ?text .
  OPTIONAL { ?sentence nif:beginIndex ?sb }
  OPTIONAL { ?ev nif:beginIndex ?eb ; nif:endIndex ?ee }
}"""
_Q_REPORTS = """
SELECT ?r ?title ?year ?file ?town WHERE {
  ?r a tkg:Report .
  OPTIONAL { ?r rdfs:label ?title }
  OPTIONAL { ?r tkg:year ?year }
  OPTIONAL { ?r tkg:sourceFile ?file }
  OPTIONAL { ?r tkg:township ?town }
}"""


@dataclass
class Town:
    iri: str
    label: str
    county: str = ""


@dataclass
class Entity:
    iri: str
    label: str
    type: str                      # a key of ENTITY_TYPES
    aliases: list[str] = field(default_factory=list)


@dataclass
class Report:
    iri: str
    title: str
    file: str
    year: str
    town: int                      # index into GraphView.towns, -1 when unknown


@dataclass
class Evidence:
    report: int                    # index into GraphView.reports
    sentence: int                  # index into GraphView.sentences
    start: int                     # the mention's characters within the sentence, -1 if unknown
    end: int


@dataclass
class Link:
    town: int
    entity: int
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class GraphView:
    towns: list[Town]
    entities: list[Entity]
    reports: list[Report]
    sentences: list[str]
    links: list[Link]

    def degree(self) -> list[int]:
        """How many townships link to each entity (关联乡镇数)."""
        out = [0] * len(self.entities)
        for link in self.links:
            out[link.entity] += 1
        return out

    def years(self) -> list[str]:
        return sorted({r.year for r in self.reports if r.year})


def _v(row, name: str) -> str:
    term = row[name]
    return "" if term is None else term.value


def _int(row, name: str) -> int | None:
    value = _v(row, name)
    return int(value) if value.lstrip("-").isdigit() else None


_CACHE: "weakref.WeakKeyDictionary[KnowledgeGraph, GraphView]" = weakref.WeakKeyDictionary()


def collect(graph: KnowledgeGraph) -> GraphView:
    """The view of `graph` (read once per graph; graph.html and township_law.csv share it)."""
    view = _CACHE.get(graph)
    if view is None:
        view = _CACHE[graph] = _collect(graph)
    return view


def _collect(graph: KnowledgeGraph) -> GraphView:
    """Read the view from the graph with SPARQL; deterministic for a given graph."""
    towns: dict[str, Town] = {}
    for r in graph.query(_Q_TOWNS):
        iri, label, county = _v(r, "town"), _v(r, "label"), _v(r, "countyLabel")
        old = towns.get(iri)
        if old is None or (label, county) < (old.label, old.county):
            towns[iri] = Town(iri, label, county)
    town_list = sorted(towns.values(), key=lambda t: (t.county, t.label, t.iri))
    town_ix = {t.iri: i for i, t in enumerate(town_list)}

    ents: dict[str, tuple[int, str]] = {}
    for r in graph.query(_Q_ENTITIES):
        iri, rank, label = _v(r, "x"), _RANK[_v(r, "cls").rsplit("#", 1)[-1]], _v(r, "label")
        if iri not in ents or (rank, label) < ents[iri]:
            ents[iri] = (rank, label)
    aliases: dict[str, set[str]] = {}
    for r in graph.query(_Q_ALIASES):
        if _v(r, "x") in ents:
            aliases.setdefault(_v(r, "x"), set()).add(_v(r, "alt"))
    entity_list = sorted((Entity(iri, label, ENTITY_TYPES[rank][0],
                                 sorted(aliases.get(iri, set()) - {label}))
                          for iri, (rank, label) in ents.items()),
                         key=lambda e: (TYPE_RANK[e.type], e.label, e.iri))
    ent_ix = {e.iri: i for i, e in enumerate(entity_list)}

    reps = {}
    for r in graph.query(_Q_REPORTS):
        iri = _v(r, "r")
        rep = Report(iri, _v(r, "title"), _v(r, "file"), _v(r, "year")[:4], town_ix.get(_v(r, "town"), -1))
        old = reps.get(iri)
        if old is None or (rep.title, rep.year, rep.file) < (old.title, old.year, old.file):
            reps[iri] = rep
    report_list = sorted(reps.values(), key=lambda r: (r.year, r.file, r.title, r.iri))
    rep_ix = {r.iri: i for i, r in enumerate(report_list)}

    links: dict[tuple[int, int], Link] = {}
    for r in graph.query(_Q_FACTS):
        t, e = town_ix.get(_v(r, "town")), ent_ix.get(_v(r, "x"))
        if t is not None and e is not None:
            links.setdefault((t, e), Link(t, e))
    raw: list[tuple[int, int, int, str, str, int, int]] = []
    for r in graph.query(_Q_EVIDENCE):
        key = (town_ix.get(_v(r, "town")), ent_ix.get(_v(r, "x")))
        rep = rep_ix.get(_v(r, "report"))
        if None in key or rep is None:
            continue
        sb, eb, ee = _int(r, "sb"), _int(r, "eb"), _int(r, "ee")
        start, end = (eb - sb, ee - sb) if None not in (sb, eb, ee) else (-1, -1)
        if not 0 <= start < end <= len(_v(r, "text")):
            start, end = -1, -1
        raw.append((key[0], key[1], rep, _v(r, "sentence"), _v(r, "text"), start, end))
    raw.sort()
    sentence_ix: dict[str, int] = {}
    sentences: list[str] = []
    seen = set()
    for t, e, rep, s_iri, text, start, end in raw:
        if s_iri not in sentence_ix:
            sentence_ix[s_iri] = len(sentences)
            sentences.append(text)
        ev = (t, e, rep, sentence_ix[s_iri], start, end)
        if ev not in seen:
            seen.add(ev)
            links.setdefault((t, e), Link(t, e)).evidence.append(Evidence(*ev[2:]))
    return GraphView(town_list, entity_list, report_list, sentences, [links[k] for k in sorted(links)])
