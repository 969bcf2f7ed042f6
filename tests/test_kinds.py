"""kg/kinds.py is the one table of kinds: every layer derives from it, none lists a kind it lacks."""
from __future__ import annotations

import re
from pathlib import Path

import rdflib
from rdflib.namespace import RDFS

from kg.graph.vocab import CLASSES, ONTOLOGY, PROPERTIES
from kg.kinds import CATEGORY, FACT, FACTS, KIND, KINDS, REGULATION_KINDS, TOWNSHIP

ROOT = Path(__file__).resolve().parents[1]
FACT_KEYS, KIND_KEYS = set(FACT), set(KIND)
EVERY_KEY = FACT_KEYS | KIND_KEYS | {TOWNSHIP.key, CATEGORY.key}
EVERY_CLASS = {f.cls for f in FACTS} | {k.cls for k in KINDS}


def test_kinds_table_keys_are_unique_and_each_kind_is_found_as_a_fact():
    assert len(FACT) == len(FACTS) and len(KIND) == len(KINDS)
    assert {k.fact for k in KINDS} <= FACT_KEYS
    assert len({k.color for k in (TOWNSHIP, CATEGORY, *KINDS)}) == len(KINDS) + 2


def test_kinds_classes_and_predicates_are_the_ontologys_with_its_labels():
    g = rdflib.Graph().parse(ROOT / "ontology" / "township-kg.ttl")
    assert EVERY_CLASS | {TOWNSHIP.cls} <= set(CLASSES)
    assert {f.predicate for f in FACTS} <= set(PROPERTIES)
    for k in (TOWNSHIP, *KINDS):
        labels = {(x.language, str(x)) for x in g.objects(rdflib.URIRef(ONTOLOGY + k.cls), RDFS.label)}
        assert {("zh", k.zh), ("en", k.en)} == labels, k.key
    for f in FACTS:
        assert (rdflib.URIRef(ONTOLOGY + f.cls), RDFS.label, rdflib.Literal(f.zh, lang="zh")) in g, f.key


def test_kinds_ontology_files_declare_the_tables_classes_as_generated():
    from kg.graph import ontology

    for path, text in ontology.expected().items():      # python -m kg.graph.ontology writes them
        assert path.read_text(encoding="utf-8") == text, f"{path.name}: run python -m kg.graph.ontology"
    assert all(k.comment for k in ontology.subclass_kinds())


def test_kinds_shapes_require_exactly_one_regulation_kind():
    shapes = (ROOT / "ontology" / "shapes.ttl").read_text(encoding="utf-8")
    xone = re.search(r"sh:xone \((.*?)\) \.", shapes, re.S)
    assert xone is not None
    assert re.findall(r"sh:class tkg:(\w+)", xone.group(1)) == [KIND[k].cls for k in REGULATION_KINDS]


def test_kinds_graph_writer_and_summary_derive_from_the_table():
    from kg.graph import build, chunks

    assert {fact for fact, _ in build.CLASSES} <= FACT_KEYS and {k for _, k in build.CLASSES} == KIND_KEYS
    assert set(build.P_FACT) == FACT_KEYS
    assert set(chunks.COUNTED) == {"Report", TOWNSHIP.cls} | {f.cls for f in FACTS}


def test_kinds_view_and_page_derive_from_the_table(seed_graph):
    from kg.export import graphview, html

    assert set(graphview.TYPE_RANK) == KIND_KEYS
    data = html.payload(graphview.collect(seed_graph))
    assert [t["key"] for t in data["types"]] == [TOWNSHIP.key, *(k.key for k in KINDS)]
    assert {k for b in data["bands"] for k in b["kinds"]} == KIND_KEYS
    assert data["regKinds"] == list(REGULATION_KINDS) and data["category"]["key"] == CATEGORY.key
    assert [k.key for k in html.NODE_KINDS] == [t["key"] for t in data["types"]]


def test_kinds_page_script_lists_no_kind():
    # the page gets its kinds from the payload (types, bands, regKinds, category): never by name
    # ('town' is left out: the page knows townships by position, and a SPARQL variable is named so)
    folder = ROOT / "kg" / "export" / "assets" / "js"
    for path in sorted(folder.glob("*.js")):
        quoted = set(re.findall(r"'([A-Za-z_]+)'", path.read_text(encoding="utf-8")))
        assert not quoted & (EVERY_KEY - {TOWNSHIP.key} | EVERY_CLASS), path.name


def test_kinds_shipped_queries_name_no_kind_of_regulation():
    # a query filters kinds by class (kind= parameter), never by a list that a new kind would miss
    classes = {k.cls for k in KINDS if k.cls != FACT[k.fact].cls}
    for path in sorted((ROOT / "kg" / "query" / "queries").glob("*.rq")):
        body = "\n".join(line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#"))
        assert not set(re.findall(r"tkg:(\w+)", body)) & classes, path.name


def test_kinds_query_parameters_name_every_kind_and_fact():
    from kg.query.resolve import NAMED

    assert set(NAMED["kind"].terms) == {k.cls for k in KINDS}
    assert {f.predicate for f in FACTS} <= set(NAMED["relation"].terms)


def test_kinds_lexicons_name_only_regulation_kinds_of_the_table():
    lexicons = ROOT / "kg" / "extract" / "lexicons"
    rows = [line.split("\t") for name in ("regulation_kinds.tsv", "regulation_aliases.tsv")
            for line in (lexicons / name).read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]
    named = {r[1] for r in rows if len(r) == 2} | {r[2] for r in rows if len(r) == 4}
    assert named and named <= set(REGULATION_KINDS)


def test_kinds_seed_build_finds_only_kinds_of_the_table(seed_graph):
    counts = seed_graph.summary()
    assert set(counts) == {"reports", "townships", "triples"} | {f.plural for f in FACTS}
    links = "|".join(f"tkg:{f.predicate}" for f in FACTS)
    found = {str(r["c"].value)[len(ONTOLOGY):] for r in seed_graph.query(
        f"SELECT DISTINCT ?c WHERE {{ ?x a ?c . ?t {links} ?x }}")}
    assert found <= EVERY_CLASS and found >= {KIND["law"].cls, KIND["mechanism"].cls, KIND["activity"].cls}


def test_kinds_every_category_of_the_law_register_is_read_as_a_kind_of_the_table():
    from kg.extract.register import laws

    read_as = {c: k.key for k in KINDS for c in k.categories}
    assert {law.category for law in laws().values()} <= set(read_as)
    assert set(read_as.values()) <= set(REGULATION_KINDS)
