"""kg validate in parts: the same problems as validating the whole graph at once, found in
neighbourhoods of report graphs, in this process or in a pool (speed is measured, not asserted)."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from typer.testing import CliRunner

from kg.cli import app
from kg.graph import KnowledgeGraph
from kg.query import validate as V

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "data" / "shapes"
R = "https://w3id.org/township-kg/id/"
SHAPES = ROOT / "ontology" / "shapes.ttl"


def _fixture_graph(seed_graph=None) -> KnowledgeGraph:
    """Every shapes fixture as a report graph of its own (they share tkgr:township-t and others,
    so a subject's triples come from several graphs), over the seed build when given."""
    quads = list(seed_graph.quads) if seed_graph is not None else []
    for path in sorted(FIXTURES.glob("*.ttl")):
        g = ox.NamedNode(R + "report-fixture-" + path.stem.lower())
        quads += [ox.Quad(t.subject, t.predicate, t.object, g) for t in ox.parse(path=str(path))]
    return KnowledgeGraph(quads)


def _whole(graph: KnowledgeGraph, shapes: Path = SHAPES) -> list[V.Problem]:
    """What `kg validate` found before it worked in parts: pySHACL over the whole graph."""
    import pyshacl

    shapes_graph = rdflib.Graph().parse(shapes)
    ontology = rdflib.Graph().parse(V.ONTOLOGY_DIR / "township-kg.ttl")
    data = graph.to_rdflib()
    _, results, _ = pyshacl.validate(data, shacl_graph=shapes_graph, ont_graph=ontology, inference="none",
                                     advanced=True, allow_warnings=True)
    return sorted(V.problems(results, data, shapes_graph))


@pytest.fixture
def small_parts(monkeypatch):
    """Parts of a few triples, checked in a pool even for a small graph."""
    monkeypatch.setattr(V, "PART_TRIPLES", 7)
    monkeypatch.setattr(V, "IN_PROCESS_TRIPLES", 0)


def test_validate_parts_find_the_problems_of_the_whole_graph(small_parts):
    graph = _fixture_graph()
    expected = _whole(graph)
    assert {p.focus.rsplit("/", 1)[-1] for p in expected} >= {
        "regulation-b", "township-t", "indicator-i", "county-c", "evidence-e"}   # the fixtures' known violations
    report = V.validate(graph, jobs=1)
    assert report.problems == expected
    assert not report.conforms and report.triples == len(graph.triples())


def test_validate_parts_in_a_pool_find_the_same_problems(small_parts, seed_graph):
    graph = _fixture_graph(seed_graph)
    done = []
    report = V.validate(graph, jobs=2, progress=lambda i, n: done.append((i, n)))
    assert report.problems == _whole(graph)
    assert done[-1] == (report.triples, report.triples)
    assert [i for i, _ in done] == sorted(i for i, _ in done)


def test_validate_seed_build_parts_conform_like_the_whole(small_parts, seed_graph, monkeypatch):
    monkeypatch.setattr(V, "PART_TRIPLES", 500)
    assert V.validate(seed_graph, jobs=1).problems == _whole(seed_graph) == []


def test_validate_shipped_shapes_look_one_hop_away():
    """The shipped shapes are checked in parts (sh:class of a value reads that value's types):
    a shape that breaks this must be seen, or validation silently falls back to one slow part."""
    shapes = rdflib.Graph().parse(SHAPES)
    assert V.reach(shapes) == 1
    assert V.inverse_predicates(shapes) == {"http://www.w3.org/1999/02/22-rdf-syntax-ns#object"}


PREFIXES = """@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix tkg: <https://w3id.org/township-kg/ontology#> .
@prefix tkgs: <https://w3id.org/township-kg/shapes#> . @prefix tkgr: <https://w3id.org/township-kg/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
"""


@pytest.mark.parametrize("shape, hops", [
    ("tkgs:S a sh:NodeShape ; sh:targetClass tkg:Township ; sh:property [ sh:path tkg:code ; sh:maxCount 1 ] .", 0),
    ("tkgs:S a sh:NodeShape ; sh:targetClass tkg:Township ; sh:property [ sh:path tkg:partOf ; "
     "sh:node [ sh:property [ sh:path tkg:partOf ; sh:class tkg:Province ] ] ] .", 2),
    ("tkgs:S a sh:NodeShape ; sh:targetNode tkgr:township-t ; sh:property [ sh:path tkg:code ; sh:maxCount 1 ] .", None),
    ("tkgs:S a sh:NodeShape ; sh:targetClass tkg:Township ; sh:property [ sh:path ( tkg:partOf tkg:partOf ) ; "
     "sh:minCount 1 ] .", None),
    ("tkgs:S a sh:NodeShape ; sh:targetClass tkg:County ; sh:property [ sh:path [ sh:inversePath tkg:partOf ] ; "
     "sh:class tkg:Township ] .", None),
    ("tkgs:S a sh:NodeShape ; sh:targetClass tkg:Township ; sh:sparql [ sh:select "
     "\"SELECT $this WHERE { ?other tkg:partOf ?c . $this tkg:partOf ?c . FILTER(?other != $this) }\" ] .", None),
    ("tkgs:S a sh:NodeShape ; sh:targetClass tkg:Township ; sh:sparql [ sh:select "
     "\"SELECT $this WHERE { $this tkg:partOf ?c . ?c tkg:partOf ?p . FILTER NOT EXISTS { ?p rdfs:label ?l } }\" ] .", 2),
    ("tkgs:C a sh:ConstraintComponent ; sh:parameter [ sh:path tkgs:most ] . "      # its SPARQL is unknown
     "tkgs:S a sh:NodeShape ; sh:targetClass tkg:Township ; tkgs:most 1 .", None),
])
def test_validate_reach_of_shapes(shape, hops):
    assert V.reach(rdflib.Graph().parse(data=PREFIXES + shape, format="turtle")) == hops


def test_validate_shapes_beyond_a_neighbourhood_validate_whole(tmp_path, small_parts):
    """A shape that compares townships across reports (two in one county) cannot be checked in
    parts: the graph is validated whole, with the same result."""
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(PREFIXES + "tkgs:S a sh:NodeShape ; sh:targetClass tkg:Township ; sh:sparql [ sh:select "
                      "\"SELECT $this WHERE { ?other tkg:partOf ?c . $this tkg:partOf ?c . FILTER(?other != $this) }\" ] .",
                      encoding="utf-8")
    t, c = ox.NamedNode(R + "township-a"), ox.NamedNode(R + "county-c")
    part_of = ox.NamedNode("https://w3id.org/township-kg/ontology#partOf")
    kind = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    township = ox.NamedNode("https://w3id.org/township-kg/ontology#Township")
    graph = KnowledgeGraph([
        ox.Quad(t, kind, township, ox.NamedNode(R + "report-1")),
        ox.Quad(t, part_of, c, ox.NamedNode(R + "report-1")),
        ox.Quad(ox.NamedNode(R + "township-b"), kind, township, ox.NamedNode(R + "report-2")),
        ox.Quad(ox.NamedNode(R + "township-b"), part_of, c, ox.NamedNode(R + "report-2")),
    ])
    report = V.validate(graph, shapes, jobs=1)
    assert {p.focus for p in report.violations} == {R + "township-a", R + "township-b"}
    assert report.problems == _whole(graph, shapes)


def test_validate_reads_terms_as_rdflib_does():
    """N-Triples as Oxigraph writes them (an xsd:string literal is written plain)."""
    data = ('<http://e/s> <http://e/p> "a \\"quoted\\"\\nline \\u00e9 中"@zh .\n'
            '<http://e/s> <http://e/p> "12.50"^^<http://www.w3.org/2001/XMLSchema#decimal> .\n'
            '<http://e/s> <http://e/p> "plain" .\n'
            '<http://e/s> <http://e/p> "true"^^<http://www.w3.org/2001/XMLSchema#boolean> .\n'
            '<http://e/s> <http://e/p> <http://e/o> .\n')
    expected = set(rdflib.Graph().parse(data=data, format="nt"))
    assert set(V._rdflib_triples(data.encode("utf-8"))) == expected


def test_validate_cli_output_unchanged_without_a_terminal(seed_build):
    """The progress bar is for terminals: piped, stdout holds the report alone."""
    result = CliRunner().invoke(app, ["validate", str(seed_build), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().splitlines()[-1].endswith("conform to ontology/shapes.ttl")
    assert "validating" not in result.output


def test_validate_parses_each_sparql_constraint_once_per_part(seed_graph, monkeypatch):
    """pySHACL sends the evidence shape's SPARQL text again for each of the seeds' hundreds of
    evidence nodes; parsing it each time was two thirds of a validation."""
    parsed = []

    def counting(text, **kwargs):
        parsed.append(text)
        return prepare(text, **kwargs)

    prepare = V.prepareQuery
    monkeypatch.setattr(V, "prepareQuery", counting)
    monkeypatch.setattr(V, "PART_TRIPLES", 10**9)
    assert V.validate(seed_graph, jobs=1).conforms
    assert len(parsed) == 1


def test_validate_graph_with_blank_nodes_is_checked_whole_with_the_same_problems(small_parts):
    """Blank nodes cannot be shared between parts by label: such a graph is one part."""
    kind = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    tkg = "https://w3id.org/township-kg/ontology#"
    county = ox.BlankNode("c")
    g = ox.NamedNode(R + "report-1")
    graph = KnowledgeGraph([
        ox.Quad(county, kind, ox.NamedNode(tkg + "County"), g),
        ox.Quad(county, ox.NamedNode(tkg + "code"), ox.Literal("12AB"), g),
    ])
    anonymous = lambda ps: [(p.severity, p.path, p.value, p.message) for p in ps]  # noqa: E731  (labels differ)
    report = V.validate(graph, jobs=2)
    assert anonymous(report.problems) == anonymous(_whole(graph))
    assert {p.path for p in report.violations} == {"tkg:code", "rdfs:label"}
