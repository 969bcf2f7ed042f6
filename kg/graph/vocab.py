"""The project's vocabulary as Python names; ontology/township-kg.ttl is the source of truth.

`TKG` is an rdflib DefinedNamespace with _fail = True, so a typo raises at import time of
the code that uses it; tests/graph/test_vocab.py keeps it in step with the ontology file.
"""
from __future__ import annotations

ONTOLOGY = "https://w3id.org/township-kg/ontology#"
RESOURCE = "https://w3id.org/township-kg/id/"
PRACTICES = "https://w3id.org/township-kg/practices#"     # the SKOS scheme ontology/practices.ttl


def __getattr__(name: str):
    # TKG needs rdflib, which a build never does: made on first use
    if name == "TKG":
        return _tkg()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _tkg():
    from rdflib.namespace import DefinedNamespace, Namespace
    from rdflib.term import URIRef

    class TKG(DefinedNamespace):
        _NS = Namespace(ONTOLOGY)
        _fail = True

        # classes
        Report: URIRef
        Township: URIRef
        County: URIRef
        City: URIRef
        Province: URIRef
        Regulation: URIRef
        Law: URIRef
        AdministrativeRegulation: URIRef
        PartyRegulation: URIRef
        PolicyDocument: URIRef
        LocalDocument: URIRef
        Mechanism: URIRef
        Activity: URIRef
        Indicator: URIRef
        BackgroundFigure: URIRef
        Evidence: URIRef
        Sentence: URIRef
        # properties
        township: URIRef
        year: URIRef
        partOf: URIRef
        cites: URIRef
        adopts: URIRef
        conducts: URIRef
        hasIndicator: URIRef
        hasBackgroundFigure: URIRef
        value: URIRef
        unit: URIRef
        about: URIRef
        code: URIRef
        inRegister: URIRef
        report: URIRef
        sentence: URIRef
        sourceFile: URIRef
        sha256: URIRef
        category: URIRef
        practice: URIRef
        inScheme: URIRef
        placeSource: URIRef
        yearSource: URIRef

    globals()["TKG"] = TKG
    return TKG


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

KIND_CLASS = {
    "law": "Law",
    "regulation": "AdministrativeRegulation",
    "party_rule": "PartyRegulation",
    "policy": "PolicyDocument",
    "local": "LocalDocument",
}
