"""graph.jsonld: compacted JSON-LD that a plain-JSON consumer can read (short keys, one shape per
key), that JSON-LD parsers read back as the build's quads, and that is byte-identical per graph."""
from __future__ import annotations

import json
import random

import pyoxigraph as ox
import pytest
import rdflib

from kg.export import render
from kg.export.jsonld import context
from kg.graph import KnowledgeGraph

TKG = "https://w3id.org/township-kg/ontology#"
R = "https://w3id.org/township-kg/id/"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"


@pytest.fixture(scope="module")
def seed_jsonld(seed_graph) -> bytes:
    return render(seed_graph, "graph.jsonld")


def _report_graphs(doc: dict) -> dict[str, list[dict]]:
    return {g["@id"]: g["@graph"] for g in doc["@graph"]}


def _quads_rdflib(data: bytes, fmt: str) -> set:
    ds = rdflib.Dataset()
    ds.parse(data=data.decode("utf-8"), format=fmt)
    return {(s, p, o, str(c)) for s, p, o, c in ds.quads()}


def test_jsonld_context_gives_short_keys_for_the_project_terms():
    ctx = context()
    assert ctx["label"] == {"@id": "rdfs:label", "@language": "zh"}
    assert ctx["cites"] == {"@id": "tkg:cites", "@type": "@id", "@container": "@set"}
    assert ctx["township"] == {"@id": "tkg:township", "@type": "@id"}          # functional: one string
    assert ctx["partOf"] == {"@id": "tkg:partOf", "@type": "@id"}              # sh:maxCount 1
    assert ctx["year"] == {"@id": "tkg:year", "@type": "xsd:gYear"}
    assert ctx["value"] == {"@id": "tkg:value", "@type": "xsd:decimal"}
    assert ctx["unit"] == "tkg:unit"
    assert ctx["Township"] == "tkg:Township"
    assert ctx["tkgr"] == R and ctx["tkg"] == TKG


def test_jsonld_reads_as_plain_json(seed_jsonld):
    doc = json.loads(seed_jsonld)
    graphs = _report_graphs(doc)
    assert len(graphs) == 5 and all(g.startswith("tkgr:report-") for g in graphs)
    nodes = [n for ns in graphs.values() for n in ns]
    townships = [n for n in nodes if "Township" in n["@type"]]
    assert {t["label"] for t in townships} >= {"大村乡", "付店镇", "国宝乡"}
    citing = next(t for t in townships if t["label"] == "大村乡")
    assert isinstance(citing["cites"], list) and all(c.startswith("tkgr:") for c in citing["cites"])
    assert isinstance(citing["partOf"], str)
    report = next(n for n in graphs[next(iter(graphs))] if n["@type"] == ["Report"])
    assert report["@id"] == next(iter(graphs)) and len(report["year"]) == 4
    laws = {n["label"] for n in nodes if "Law" in n["@type"]}
    assert "中华人民共和国宪法" in laws


def test_jsonld_round_trips_to_the_nquads(seed_graph, seed_jsonld):
    nquads = b"".join(seed_graph.nquad_lines())
    assert _quads_rdflib(seed_jsonld, "json-ld") == _quads_rdflib(nquads, "nquads")
    ours = set(ox.parse(seed_jsonld, format=ox.RdfFormat.JSON_LD))
    assert ours == set(ox.parse(nquads, format=ox.RdfFormat.N_QUADS))
    assert {q.triple for q in ours} == set(seed_graph.triples())     # graph.ttl's triples


def test_jsonld_round_trips_values_that_do_not_fit_their_key():
    """An English label, a year as plain text, text where an IRI belongs, an IRI outside every
    prefix, a blank node and default-graph triples all come back as they were."""
    g = ox.NamedNode(R + "report-a")
    t = ox.NamedNode(R + "township-t")
    quads = [
        ox.Quad(t, ox.NamedNode(RDFS + "label"), ox.Literal("Jia", language="en"), g),
        ox.Quad(t, ox.NamedNode(RDFS + "label"), ox.Literal("甲乡", language="zh"), g),
        ox.Quad(t, ox.NamedNode(RDFS + "label"), ox.Literal("甲"), g),
        ox.Quad(g, ox.NamedNode(TKG + "year"), ox.Literal("二〇二三"), g),
        ox.Quad(g, ox.NamedNode(TKG + "year"), ox.Literal("2023", datatype=ox.NamedNode(XSD + "gYear")), g),
        ox.Quad(t, ox.NamedNode(TKG + "cites"), ox.Literal("某某条例"), g),
        ox.Quad(t, ox.NamedNode(TKG + "cites"), ox.NamedNode("http://example.org/law/1"), g),
        ox.Quad(t, ox.NamedNode(TKG + "cites"), ox.NamedNode(R + "//odd"), g),
        ox.Quad(t, ox.NamedNode(TKG + "partOf"), ox.BlankNode("c1"), g),
        ox.Quad(ox.BlankNode("c1"), ox.NamedNode(TKG + "code"), ox.Literal("7", datatype=ox.NamedNode(XSD + "integer")), g),
        ox.Quad(t, ox.NamedNode("http://example.org/p"), ox.Literal("x"), g),
        ox.Quad(t, ox.NamedNode(TKG + "inRegister"), ox.Literal("true", datatype=ox.NamedNode(XSD + "boolean")),
                ox.DefaultGraph()),
    ]
    graph = KnowledgeGraph(quads)
    data = render(graph, "graph.jsonld")
    back = set(ox.parse(data, format=ox.RdfFormat.JSON_LD))
    assert back == set(quads)
    named = lambda qs: {q for q in qs if not any(isinstance(x, rdflib.BNode) for x in q)}  # noqa: E731  (rdflib renames blank nodes)
    ours, theirs = _quads_rdflib(data, "json-ld"), _quads_rdflib(b"".join(graph.nquad_lines()), "nquads")
    assert named(ours) == named(theirs) and len(ours) == len(theirs) == len(quads)
    doc = json.loads(data)
    town = next(n for n in _report_graphs({"@graph": [e for e in doc["@graph"] if "@graph" in e]})["tkgr:report-a"]
                if n["@id"] == "tkgr:township-t")
    assert town["label"] == "甲乡"
    assert sorted(map(str, town["rdfs:label"])) == sorted(map(str, [{"@language": "en", "@value": "Jia"}, "甲"]))
    assert town["cites"] == ["http://example.org/law/1", R + "//odd"] and town["tkg:cites"] == "某某条例"


def test_jsonld_is_byte_identical_whatever_the_quad_order(seed_graph, seed_jsonld):
    quads = list(seed_graph.quads)
    random.Random(13).shuffle(quads)
    assert render(KnowledgeGraph(quads), "graph.jsonld") == seed_jsonld
    assert render(seed_graph, "graph.jsonld") == seed_jsonld


def test_jsonld_streamed_file_equals_rendered_bytes(seed_graph, seed_jsonld, tmp_path):
    from kg.export import export

    path = export(seed_graph, tmp_path / "graph.jsonld")
    assert path.read_bytes() == seed_jsonld
