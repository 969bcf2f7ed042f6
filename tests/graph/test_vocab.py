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


def test_vocab_every_term_the_code_and_queries_name_is_in_the_ontology():
    """Terms written as tkg:Name in SPARQL text (kg/query/queries/*.rq, queries inside the code,
    docstrings) and the closed vocabularies of query parameters are terms of the ontology; IRIs
    the code makes go through kg.graph.vocab.term(), which raises on import."""
    import re

    from kg.graph.vocab import TERMS
    from kg.query.resolve import NAMED

    kg_dir = Path(__file__).resolve().parents[2] / "kg"
    named: dict[str, set[str]] = {}
    for path in [*kg_dir.rglob("*.py"), *kg_dir.rglob("*.rq"), *kg_dir.rglob("*.js"), *kg_dir.rglob("*.tsv")]:
        for name in re.findall(r"\btkg:([A-Za-z]\w*)", path.read_text(encoding="utf-8")):
            named.setdefault(name, set()).add(path.relative_to(kg_dir).as_posix())
    assert "township" in named and "cites" in named                 # the queries were read
    assert {n: sorted(paths) for n, paths in named.items() if n not in TERMS} == {}
    for what in NAMED.values():
        assert set(what.terms) <= TERMS, what.noun
