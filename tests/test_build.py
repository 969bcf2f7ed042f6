"""End to end: reports in, Turtle and HTML out, queryable, traceable, typed."""
from __future__ import annotations

import pyoxigraph as ox
import rdflib

import kg
from tests.conftest import write_report

CITES = """
SELECT ?townLabel ?lawLabel WHERE {
  ?t a tkg:Township ; rdfs:label ?townLabel ; tkg:cites ?law .
  ?law a tkg:Law ; rdfs:label ?lawLabel .
}"""


def test_build_seed_outputs_parse_in_rdflib_and_oxigraph(seed_build):
    ttl = seed_build / "graph.ttl"
    g = rdflib.Graph().parse(ttl)
    assert len(g) > 1000
    store = ox.Store()
    store.load(path=str(ttl))
    assert len(store) == len(g)
    assert (seed_build / "graph.html").read_bytes().startswith(b"<!DOCTYPE html>")


def test_build_which_townships_cite_the_constitution(seed_graph):
    rows = {(r["townLabel"].value, r["lawLabel"].value) for r in seed_graph.query(CITES)}
    assert ("大村乡", "中华人民共和国宪法") in rows
    assert ("国宝乡", "中华人民共和国宪法") in rows


def test_build_every_fact_traces_to_sentence_and_offsets(seed_graph, seed_build):
    import kg.ingest

    q = """
    SELECT ?file ?words ?b ?e ?sentence ?sb ?se WHERE {
      ?ev a tkg:Evidence ; rdf:predicate ?p ; prov:wasDerivedFrom ?r ; nif:anchorOf ?words ;
          nif:beginIndex ?b ; nif:endIndex ?e ; tkg:sentence ?s .
      ?s nif:anchorOf ?sentence ; nif:beginIndex ?sb ; nif:endIndex ?se .
      ?r tkg:sourceFile ?file .
    }"""
    rows = list(seed_graph.query(q))
    assert len(rows) > 100
    texts = {}
    for r in rows:
        name = r["file"].value
        if name not in texts:
            texts[name] = kg.ingest.read(f"seeds/{name}").text
        text = texts[name]
        b, e, sb, se = (int(r[k].value) for k in ("b", "e", "sb", "se"))
        assert text[b:e] == r["words"].value
        assert text[sb:se] == r["sentence"].value
        assert sb <= b < se


def test_build_regulation_has_exactly_one_kind(seed_graph):
    q = """
    SELECT ?reg (COUNT(?k) AS ?n) WHERE {
      ?reg a tkg:Regulation .
      OPTIONAL { ?reg a ?k . VALUES ?k { tkg:Law tkg:AdministrativeRegulation tkg:PartyRegulation
                                         tkg:PolicyDocument tkg:LocalDocument } }
    } GROUP BY ?reg"""
    assert {int(r["n"].value) for r in seed_graph.query(q)} == {1}


def test_build_one_regulation_node_across_reports(seed_graph):
    q = 'SELECT ?law WHERE { ?law rdfs:label "中华人民共和国民法典"@zh }'
    assert len(list(seed_graph.query(q))) == 1


def test_build_township_identity_is_name_plus_county(tmp_path):
    # Two 新华乡 in different counties are two nodes; one township's two years share a node.
    write_report(tmp_path, "a.txt", "甲县新华乡2022年法治政府建设工作报告\n2022年，甲县新华乡学习《中华人民共和国宪法》。\n")
    write_report(tmp_path, "b.txt", "甲县新华乡2023年法治政府建设工作报告\n2023年，甲县新华乡学习《中华人民共和国民法典》。\n")
    write_report(tmp_path, "c.txt", "乙县新华乡2023年法治政府建设工作报告\n2023年，乙县新华乡学习《中华人民共和国宪法》。\n")
    g = kg.build([tmp_path])
    towns = list(g.query("SELECT ?t ?c WHERE { ?t a tkg:Township ; tkg:partOf/rdfs:label ?c }"))
    assert sorted(r["c"].value for r in towns) == sorted(["甲县", "乙县"])
    years = list(g.query("""SELECT ?y WHERE { ?r tkg:township ?t ; tkg:year ?y .
                                             ?t tkg:partOf/rdfs:label "甲县"@zh }"""))
    assert sorted(r["y"].value for r in years) == ["2022", "2023"]


def test_build_report_year_not_taken_from_cited_titles(tmp_path):
    write_report(tmp_path, "r.txt", "某某镇法治政府建设工作报告\n我镇认真落实《法治政府建设实施纲要（2021-2025年）》。2023年，我镇扎实推进依法行政。\n")
    g = kg.build([tmp_path])
    assert [r["y"].value for r in g.query("SELECT ?y WHERE { ?r tkg:year ?y }")] == ["2023"]


def test_build_second_build_is_byte_identical(tmp_path, seed_graph):
    a, b = tmp_path / "a", tmp_path / "b"
    kg.write(seed_graph, a)
    kg.write(kg.build(["seeds"]), b)
    for name in ("graph.ttl", "graph.html"):
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_build_networkx_view_links_townships_to_laws(seed_graph):
    g = seed_graph.to_networkx()
    towns = {n for n, d in g.nodes(data=True) if d["type"] == "Township"}
    assert {g.nodes[n]["label"] for n in towns} == {"大村乡", "付店镇", "白土乡", "国宝乡", "蔡江乡"}
    constitution = next(n for n, d in g.nodes(data=True) if d["label"] == "中华人民共和国宪法")
    assert g.nodes[constitution]["type"] == "Law"
    assert {g.nodes[t]["label"] for t, _ in g.in_edges(constitution)} >= {"大村乡", "国宝乡"}


def test_build_from_python_with_nothing_readable_raises_and_warns_per_input(tmp_path):
    # issue 13: kg.build(["/no/such/path"]) and a build of empty files returned an empty graph silently
    import warnings

    import pytest

    from kg.errors import NoReports

    (tmp_path / "empty.txt").write_bytes(b"")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with pytest.raises(NoReports, match="no report could be read"):
            kg.build([tmp_path / "no-such-path", tmp_path / "empty.txt"])
    messages = [str(w.message) for w in caught]
    assert any("no-such-path" in m and "no such file" in m for m in messages)
    assert any("empty.txt" in m and "empty file" in m for m in messages)
