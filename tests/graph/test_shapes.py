"""SHACL shapes: the seed build conforms; each XFAIL fixture fails exactly where expected."""
from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import SH

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "data" / "shapes"
TKG = "https://w3id.org/township-kg/ontology#"
R = "https://w3id.org/township-kg/id/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"


def validate(data: rdflib.Graph) -> tuple[bool, set[tuple[str, str]]]:
    """(conforms, {(focus node, path or constraint)}) for a data graph."""
    import pyshacl

    shapes = rdflib.Graph().parse(ROOT / "ontology" / "shapes.ttl")
    conforms, report, _ = pyshacl.validate(data, shacl_graph=shapes, advanced=True)
    found = set()
    for result in report.subjects(rdflib.RDF.type, SH.ValidationResult):
        focus = str(report.value(result, SH.focusNode))
        path = report.value(result, SH.resultPath)
        found.add((focus, str(path) if path is not None else str(report.value(result, SH.sourceConstraintComponent))))
    return conforms, found


def test_shapes_seed_build_conforms(seed_graph):
    conforms, found = validate(seed_graph.to_rdflib())
    assert conforms, sorted(found)[:10]


def test_shapes_regulation_pass():
    conforms, found = validate(rdflib.Graph().parse(FIXTURES / "regulation_PASS.ttl"))
    assert conforms and not found


@pytest.mark.parametrize("name, expected", [
    ("regulation_XFAIL.ttl", {
        (R + "regulation-b", SH.XoneConstraintComponent),
        (R + "regulation-b", RDFS + "label"),
        (R + "township-t", TKG + "cites"),
    }),
    ("indicator_XFAIL.ttl", {
        (R + "indicator-i", TKG + "value"),
        (R + "indicator-i", TKG + "unit"),
    }),
    ("township_XFAIL.ttl", {
        (R + "township-t", TKG + "code"),
        (R + "county-c", TKG + "code"),
    }),
    ("evidence_XFAIL.ttl", {
        (R + "evidence-e", TKG + "sentence"),
        (R + "evidence-e", SH.SPARQLConstraintComponent),
    }),
])
def test_shapes_xfail_fixture_violations(name, expected):
    conforms, found = validate(rdflib.Graph().parse(FIXTURES / name))
    assert not conforms
    expected = {(f, str(p)) for f, p in expected}
    assert expected <= found, f"missing {expected - found}; found {found}"
