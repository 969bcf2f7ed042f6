"""The Python vocabulary mirrors ontology/township-kg.ttl exactly."""
from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import OWL, RDF

from kg.graph.vocab import ONTOLOGY, TKG

ONTOLOGY_FILE = Path(__file__).resolve().parents[2] / "ontology" / "township-kg.ttl"


def test_vocab_matches_ontology_terms():
    g = rdflib.Graph().parse(ONTOLOGY_FILE)
    declared = {str(s)[len(ONTOLOGY):] for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
                for s in g.subjects(RDF.type, kind) if str(s).startswith(ONTOLOGY)}
    in_python = {name for name in TKG.__annotations__}
    assert declared == in_python


def test_vocab_typo_raises():
    with pytest.raises(AttributeError):
        TKG.Townhsip  # noqa: B018


def test_vocab_every_term_has_zh_and_en_labels():
    g = rdflib.Graph().parse(ONTOLOGY_FILE)
    for name in TKG.__annotations__:
        langs = {lit.language for lit in g.objects(rdflib.URIRef(ONTOLOGY + name), rdflib.RDFS.label)}
        assert {"zh", "en"} <= langs, name
        assert g.value(rdflib.URIRef(ONTOLOGY + name), rdflib.RDFS.comment) is not None, name
