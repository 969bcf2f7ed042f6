"""The graph model (图谱): reports' quads, one named graph per report, and views of them."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import pyoxigraph as ox

from kg.graph.build import report_quads
from kg.graph.vocab import ONTOLOGY, PREFIXES
from kg.model import ReportFacts


@dataclass
class BuildStats:
    """Counts for the build summary line."""

    reports: int = 0
    failed: int = 0
    unresolved_regulations: int = 0
    unregistered_townships: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)


class KnowledgeGraph:
    """A built graph: quads grouped by report, with Turtle/SPARQL/rdflib/networkx views."""

    def __init__(self, quads: list[ox.Quad], stats: BuildStats | None = None):
        # de-duplicated and sorted so that every serialization is byte-identical across runs
        self.quads = sorted(set(quads), key=_quad_key)
        self.stats = stats or BuildStats()

    @classmethod
    def from_facts(cls, facts: list[ReportFacts], stats: BuildStats | None = None) -> "KnowledgeGraph":
        quads = [q for f in facts for q in report_quads(f)]
        return cls(quads, stats)

    @classmethod
    def load(cls, path) -> "KnowledgeGraph":
        """Read a graph written by `kg build` (graph.ttl, .nq or .trig, or the folder)."""
        from pathlib import Path

        p = Path(path)
        if p.is_dir():
            p = next((p / n for n in ("graph.nq", "graph.trig", "graph.ttl") if (p / n).exists()), p / "graph.ttl")
        quads = list(ox.parse(path=str(p)))
        default = ox.DefaultGraph()
        return cls([q if isinstance(q, ox.Quad) else ox.Quad(q.subject, q.predicate, q.object, default)
                    for q in quads])

    def triples(self) -> list[ox.Triple]:
        """Distinct triples of the union of all report graphs, sorted."""
        seen, out = set(), []
        for q in self.quads:
            t = q.triple
            if t not in seen:
                seen.add(t)
                out.append(t)
        return sorted(out, key=_triple_key)

    @cached_property
    def store(self) -> ox.Store:
        """An in-memory Oxigraph store: the distinct triples in the default graph, plus one
        named graph per report (query those with GRAPH ?report { ... })."""
        store = ox.Store()
        default = ox.DefaultGraph()
        store.bulk_extend([ox.Quad(t.subject, t.predicate, t.object, default) for t in self.triples()])
        store.bulk_extend([q for q in self.quads if not isinstance(q.graph_name, ox.DefaultGraph)])
        return store

    def query(self, sparql: str):
        """Run SPARQL over the graph (each fact once, whatever number of reports state it)."""
        return self.store.query(sparql, prefixes=PREFIXES)

    def to_rdflib(self):
        """The graph as an rdflib.Graph (slower; for rdflib users and SHACL)."""
        import rdflib

        g = rdflib.Graph()
        for k, v in PREFIXES.items():
            g.bind(k, v)
        g.parse(data=ox.serialize(self.triples(), format=ox.RdfFormat.N_TRIPLES).decode("utf-8"),
                format="nt")
        return g

    def to_networkx(self):
        """Townships and what they cite, adopt and conduct, as a networkx.MultiDiGraph.

        Nodes carry `label` and `type` (Township, Law, …, Mechanism, Activity); edges carry
        `relation` (cites, adopts, conducts).
        """
        import networkx as nx

        q = """SELECT ?t ?tl ?rel ?x ?xl ?type WHERE {
          ?t a tkg:Township ; rdfs:label ?tl ; ?rel ?x .
          VALUES ?rel { tkg:cites tkg:adopts tkg:conducts }
          ?x rdfs:label ?xl ; a ?type .
          FILTER(?type != tkg:Regulation && STRSTARTS(STR(?type), STR(tkg:)))
        }"""
        g = nx.MultiDiGraph()
        for r in sorted(self.query(q), key=lambda r: (r["t"].value, r["rel"].value, r["x"].value)):
            g.add_node(r["t"].value, label=r["tl"].value, type="Township")
            g.add_node(r["x"].value, label=r["xl"].value, type=r["type"].value.rsplit("#", 1)[-1])
            g.add_edge(r["t"].value, r["x"].value, relation=r["rel"].value.rsplit("#", 1)[-1])
        return g

    def count(self, cls: str) -> int:
        """How many resources of a tkg: class the graph holds."""
        q = f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a <{ONTOLOGY}{cls}> }}"
        return int(next(iter(self.query(q)))["n"].value)

    def summary(self) -> dict:
        """The numbers of the build's one-line summary."""
        return {
            "reports": self.count("Report"),
            "townships": self.count("Township"),
            "regulations": self.count("Regulation"),
            "mechanisms": self.count("Mechanism"),
            "activities": self.count("Activity"),
            "indicators": self.count("Indicator"),
            "triples": len(self.triples()),
        }


def _quad_key(q: ox.Quad) -> tuple[str, str, str, str]:
    return (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object))


def _triple_key(t: ox.Triple) -> tuple[str, str, str]:
    return (str(t.subject), str(t.predicate), str(t.object))
