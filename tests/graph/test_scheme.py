"""The practice scheme ontology/practices.ttl: written from the lexicons, valid SKOS, and every
mechanism and activity of a build placed in exactly one of its categories."""
from __future__ import annotations

from collections import Counter

import pytest
import rdflib
from rdflib.namespace import RDF, SKOS

from kg.extract import vocabulary
from kg.graph import scheme

TKG = rdflib.Namespace("https://w3id.org/township-kg/ontology#")


@pytest.fixture(scope="module")
def skos():
    return rdflib.Graph().parse(scheme.SCHEME_FILE)


def test_scheme_file_is_what_the_lexicons_give():
    assert scheme.SCHEME_FILE.read_text(encoding="utf-8") == scheme.turtle(), \
        "ontology/practices.ttl is stale: run python -m kg.graph.scheme"


def test_scheme_no_concept_has_two_preflabels_in_one_language(skos):
    per = Counter((s, o.language) for s, o in skos.subject_objects(SKOS.prefLabel))
    assert per and max(per.values()) == 1
    # nor do two categories, or two practices of one kind (a category may share its name with a
    # practice: 普法宣传 the area and 普法宣传 the activity)
    tops = set(skos.objects(None, SKOS.hasTopConcept))
    for group in (tops, *({p for p in skos.subjects(rdflib.DCTERMS.type, k)} for k in (TKG.Mechanism, TKG.Activity))):
        labels = Counter((str(o), o.language) for c in group for o in skos.objects(c, SKOS.prefLabel))
        assert max(labels.values()) == 1, labels.most_common(1)


def test_scheme_categories_are_top_concepts_with_zh_en_labels_and_a_definition(skos):
    tops = set(skos.objects(None, SKOS.hasTopConcept))
    assert len(tops) == len(vocabulary.categories())
    for c in tops:
        assert {o.language for o in skos.objects(c, SKOS.prefLabel)} == {"zh", "en"}
        assert skos.value(c, SKOS.definition) is not None
        assert (c, SKOS.topConceptOf, None) in skos


def test_scheme_every_practice_has_one_broader_category(skos):
    tops = set(skos.objects(None, SKOS.hasTopConcept))
    practices = set(skos.subjects(RDF.type, SKOS.Concept)) - tops
    assert len(practices) == len(vocabulary.practices())
    for p in practices:
        assert set(skos.objects(p, SKOS.broader)) <= tops and len(list(skos.objects(p, SKOS.broader))) == 1


def test_scheme_related_practices_are_distinct_and_symmetric(skos):
    pairs = set(skos.subject_objects(SKOS.related))
    assert pairs and all(a != b and (b, a) in pairs for a, b in pairs)


def test_scheme_every_mechanism_and_activity_of_the_seed_build_has_one_category(seed_graph):
    g = seed_graph.to_rdflib()
    nodes = {s for cls in (TKG.Mechanism, TKG.Activity) for s in g.subjects(RDF.type, cls)}
    assert nodes
    for n in nodes:
        cats = set(g.objects(n, TKG.category))
        assert len(cats) == 1, (n, cats)
        assert (next(iter(cats)), SKOS.topConceptOf, None) in g
        assert len(set(g.objects(n, TKG.inScheme))) == 1


def test_scheme_view_record_carries_each_entitys_category():
    import json

    from kg.export.graphview import read_view, record_of
    from kg.extract import extract
    from kg.graph import KnowledgeGraph, build, chunks
    from kg.ingest import from_text

    facts = extract(from_text("东湖县新城镇\n关于2023年度法治政府建设情况的报告\n"
                              "2023年，新城镇认真学习《中华人民共和国宪法》，开展年度述法，在集市开展赶集日集中宣传。\n"))
    made, view = build.report_graph(facts)
    rows = {name: category for _, _, name, category in json.loads(chunks.decompress(view))["entities"]}
    assert rows["年度述法"] == "组织领导与责任落实" and rows["赶集日集中宣传"] == "普法宣传"
    assert rows["中华人民共和国宪法"] == ""
    assert {n: c for _, _, n, c in record_of(made[0].raw())["entities"]} == rows
    entities = {e.label: e.category for e in read_view(KnowledgeGraph.from_facts([facts])).entities}
    assert entities["年度述法"] == "组织领导与责任落实" and entities["中华人民共和国宪法"] == ""
