"""SHACL shapes (ontology/shapes.ttl): the seed build conforms, and each family of shapes has a
pair of fixtures in tests/data/shapes, as UCO's shape tests do: NAME_PASS.ttl conforms, and
NAME_XFAIL.ttl breaks the shapes in known ways, its test naming the exact violations (focus
node, path, constraint component), so a violation that appears or goes away fails it."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import SH

from kg.graph.vocab import PREFIXES

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "data" / "shapes"
FAMILIES = ("evidence", "indicator", "practice", "regulation", "report", "township")


@lru_cache(maxsize=1)
def _shapes() -> rdflib.Graph:
    return rdflib.Graph().parse(ROOT / "ontology" / "shapes.ttl")


def _short(node) -> str:
    """An IRI with the project's prefixes (tkgr:township-t, tkg:code)."""
    text = str(node)
    for prefix, ns in PREFIXES.items():
        if text.startswith(ns):
            return f"{prefix}:{text[len(ns):]}"
    return text


def _path(report: rdflib.Graph, path) -> str:
    """A result's path: a property, ^property for an inverse path, "" for a constraint of the node."""
    if path is None:
        return ""
    inverse = report.value(path, SH.inversePath)
    return "^" + _short(inverse) if inverse is not None else _short(path)


def validate(data: rdflib.Graph) -> tuple[bool, set[tuple[str, str, str]]]:
    """(conforms, {(focus node, path, constraint component)}) for a data graph, in short names."""
    import pyshacl

    conforms, report, _ = pyshacl.validate(data, shacl_graph=_shapes(), advanced=True)
    found = set()
    for result in report.subjects(rdflib.RDF.type, SH.ValidationResult):
        component = str(report.value(result, SH.sourceConstraintComponent))
        found.add((_short(report.value(result, SH.focusNode)), _path(report, report.value(result, SH.resultPath)),
                   component.removeprefix(str(SH)).removesuffix("ConstraintComponent")))
    return conforms, found

def test_shapes_seed_build_conforms(seed_graph):
    conforms, found = validate(seed_graph.to_rdflib())
    assert conforms, sorted(found)[:10]


def test_shapes_every_fixture_is_one_of_a_pair():
    names = {p.name for p in FIXTURES.iterdir()}
    assert names == {f"{family}_{outcome}.ttl" for family in FAMILIES for outcome in ("PASS", "XFAIL")}


@pytest.mark.parametrize("family", FAMILIES)
def test_shapes_pass_fixture_conforms(family):
    conforms, found = validate(rdflib.Graph().parse(FIXTURES / f"{family}_PASS.ttl"))
    assert conforms and found == set()


XFAIL = {
    "evidence": {                       # a fact not in the graph, no sentence
        ("tkgr:evidence-e", "tkg:sentence", "MinCount"),
        ("tkgr:evidence-e", "", "SPARQL"),
    },
    "indicator": {                      # a string value, no unit, no evidence
        ("tkgr:indicator-i", "tkg:value", "Datatype"),
        ("tkgr:indicator-i", "tkg:unit", "MinCount"),
        ("tkgr:indicator-i", "^rdf:object", "MinCount"),
    },
    "practice": {                       # no category, two categories, a practice as category
        ("tkgr:mechanism-none", "tkg:category", "MinCount"),
        ("tkgr:mechanism-none", "tkg:inScheme", "MinCount"),
        ("tkgr:activity-two", "tkg:category", "MaxCount"),
        ("tkgr:mechanism-below", "tkg:category", "Node"),
        ("tkgp:mechanism-p", "skos:topConceptOf", "MinCount"),
    },
    "regulation": {                     # two kinds, no title, a township citing a mechanism
        ("tkgr:regulation-b", "", "Xone"),
        ("tkgr:regulation-b", "rdfs:label", "MinCount"),
        ("tkgr:township-t", "tkg:cites", "Class"),
    },
    "report": {                         # a bad hash, a string year, no file, two townships; a bare sentence
        ("tkgr:report-r", "tkg:sha256", "Pattern"),
        ("tkgr:report-r", "tkg:year", "Datatype"),
        ("tkgr:report-r", "tkg:sourceFile", "MinCount"),
        ("tkgr:report-r", "tkg:township", "MaxCount"),
        ("tkgr:sentence-s", "tkg:report", "MinCount"),
        ("tkgr:sentence-s", "nif:anchorOf", "MinLength"),
        ("tkgr:sentence-s", "nif:beginIndex", "Datatype"),
    },
    "township": {                       # codes of the wrong form, a city without code in a county, no label
        ("tkgr:township-t", "tkg:code", "Pattern"),
        ("tkgr:county-c", "tkg:code", "Pattern"),
        ("tkgr:city-y", "tkg:code", "MinCount"),
        ("tkgr:city-y", "tkg:partOf", "Class"),
        ("tkgr:township-u", "rdfs:label", "MinCount"),
        ("tkgr:township-u", "tkg:inRegister", "MaxCount"),
    },
}


@pytest.mark.parametrize("family", FAMILIES)
def test_shapes_xfail_fixture_has_exactly_its_violations(family):
    conforms, found = validate(rdflib.Graph().parse(FIXTURES / f"{family}_XFAIL.ttl"))
    assert not conforms
    assert found == XFAIL[family], f"unexpected {found - XFAIL[family]}; missing {XFAIL[family] - found}"
