"""The project's vocabulary as Python names; ontology/township-kg.ttl is the source of truth.

TERMS lists every class and property of the ontology (tests/graph/test_vocab.py keeps it in
step with the file); the kinds' classes and predicates come from kg.kinds. Code that writes
or reads the graph names terms through `term()` (no rdflib: a build never imports it) or
`TKG`, an rdflib DefinedNamespace with _fail = True made from the same list; either raises
on a name the ontology lacks, so a typo fails where the module is imported, not in a
user's SPARQL.
"""
from __future__ import annotations

from kg.kinds import FACTS, KINDS, TOWNSHIP

ONTOLOGY = "https://w3id.org/township-kg/ontology#"
RESOURCE = "https://w3id.org/township-kg/id/"
PRACTICES = "https://w3id.org/township-kg/practices#"     # the SKOS scheme ontology/practices.ttl


def _distinct(names) -> tuple[str, ...]:
    return tuple(dict.fromkeys(names))


CLASSES = _distinct(("Report", TOWNSHIP.cls, "County", "City", "Province", *(f.cls for f in FACTS),
                     *(k.cls for k in KINDS), "BackgroundFigure", "Evidence", "Sentence"))
PROPERTIES = _distinct(("township", "year", "partOf", *(f.predicate for f in FACTS), "hasBackgroundFigure",
                        "value", "unit", "about", "code", "inRegister", "report", "sentence", "sourceFile",
                        "sha256", "category", "practice", "inScheme", "placeSource", "yearSource"))
TERMS = frozenset(CLASSES + PROPERTIES)


def term(name: str) -> str:
    """The IRI of the ontology's term `name`; AttributeError if the ontology has no such term."""
    if name not in TERMS:
        raise AttributeError(f"term {name!r} not in namespace {ONTOLOGY!r} (see kg.graph.vocab.TERMS)")
    return ONTOLOGY + name


def __getattr__(name: str):
    # TKG needs rdflib, which a build never does: made on first use
    if name == "TKG":
        return _tkg()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _tkg():
    from rdflib.namespace import DefinedNamespace, Namespace
    from rdflib.term import URIRef

    tkg = type("TKG", (DefinedNamespace,), {
        "__doc__": "The ontology's terms (ontology/township-kg.ttl); an unknown name raises AttributeError.",
        "__annotations__": {name: URIRef for name in CLASSES + PROPERTIES},
        "_NS": Namespace(ONTOLOGY),
        "_fail": True,
    })
    globals()["TKG"] = tkg
    return tkg


PREFIXES = {
    "tkg": ONTOLOGY,
    "tkgr": RESOURCE,
    "tkgp": PRACTICES,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "nif": "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
}
