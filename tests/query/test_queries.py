"""Each shipped query on the seed graph: rows a user relies on, and the shape of the answer."""
from __future__ import annotations

import pytest

from kg import query as q

KNOWN_TOWNSHIPS = {"大村乡", "国宝乡", "白土乡", "付店镇", "蔡江乡"}


def test_list_queries_each_has_description_and_defaults():
    names = [x.name for x in q.list_queries()]
    assert {"townships-citing-law", "law-ranking", "mechanism-diffusion", "figure-comparison",
            "law-cocitation", "evidence"} <= set(names)
    for x in q.list_queries():
        assert x.description and "\n" not in x.description
        assert "$" not in x.render().split("SELECT", 1)[1], f"{x.name}: a parameter left unbound"


def test_townships_citing_law_constitution(seed_graph):
    rows = q.run(seed_graph, "townships-citing-law", {"law": "中华人民共和国宪法"})
    assert rows.columns[:4] == ["township", "county", "year", "law"]
    assert {"大村乡", "国宝乡"} <= set(rows.column("township"))
    assert set(rows.column("law")) == {"中华人民共和国宪法"}
    assert all(m >= 1 for m in rows.column("mentions"))


def test_townships_citing_law_by_alias(seed_graph):
    # the short name written in a report finds the canonical title
    full = q.run(seed_graph, "townships-citing-law", {"law": "中华人民共和国民法典"})
    assert {"国宝乡", "付店镇"} <= set(full.column("township"))


def test_townships_citing_law_unknown_title_is_empty(seed_graph):
    with pytest.warns(q.ParamNote, match="没有名为“中华人民共和国不存在法”的法规"):
        rows = q.run(seed_graph, "townships-citing-law", {"law": "中华人民共和国不存在法"})
    assert len(rows) == 0 and rows.columns[0] == "township"


def test_law_ranking_constitution_cited_by_two(seed_graph):
    rows = {r["law"]: r for r in q.run(seed_graph, "law-ranking").dicts()}
    assert rows["中华人民共和国宪法"]["kind"] == "Law"
    assert rows["中华人民共和国宪法"]["townships"] >= 2
    counts = [r["townships"] for r in q.run(seed_graph, "law-ranking").dicts()]
    assert counts == sorted(counts, reverse=True)


def test_law_ranking_kind_filter(seed_graph):
    rows = q.run(seed_graph, "law-ranking", {"kind": "PartyRegulation"})
    assert len(rows) >= 1 and set(rows.column("kind")) == {"PartyRegulation"}


def _report_years(graph) -> dict:
    rows = q.run(graph, "SELECT ?t ?y WHERE { ?r tkg:township/rdfs:label ?t ; tkg:year ?y }")
    return {t: y for t, y in rows}


def test_mechanism_diffusion_first_year_per_township(seed_graph):
    rows = q.run(seed_graph, "mechanism-diffusion", {"mechanism": ""}).dicts()
    assert rows, "the seed reports share mechanisms (e.g. 政务公开)"
    years = _report_years(seed_graph)
    # one report per seed township: its first year of any mechanism is that report's year
    for r in rows:
        assert r["first_year"] == years[r["township"]]
    # a township listed with a different year than another: 2022 (蔡江乡) .. 2024 (付店镇)
    assert len({r["first_year"] for r in rows}) >= 2


def test_mechanism_diffusion_name_filter(seed_graph):
    shared = q.run(seed_graph, "mechanism-diffusion", {"mechanism": ""}).dicts()
    name = shared[0]["mechanism"]
    rows = q.run(seed_graph, "mechanism-diffusion", {"mechanism": name}).dicts()
    assert rows and all(name in r["mechanism"] for r in rows)
    assert len([r for r in rows if r["mechanism"] == name]) == shared[0]["townships"]


def test_mechanism_diffusion_all_shared(seed_graph):
    rows = q.run(seed_graph, "mechanism-diffusion", {"mechanism": "", "min_townships": "3"}).dicts()
    assert rows and all(r["townships"] >= 3 for r in rows)
    by_mech = {}
    for r in rows:
        by_mech.setdefault(r["mechanism"], set()).add(r["township"])
    assert all(len(towns) == next(r["townships"] for r in rows if r["mechanism"] == m)
               for m, towns in by_mech.items())


def test_figure_comparison_disputes(seed_graph):
    rows = q.run(seed_graph, "figure-comparison", {"figure": "矛盾纠纷"}).dicts()
    found = {(r["township"], int(r["value"]), r["unit"]) for r in rows}
    # 国宝乡: 排查矛盾纠纷67起; 付店镇: 排查矛盾纠纷84起 (both stated in the reports)
    assert ("国宝乡", 67, "起") in found and ("付店镇", 84, "起") in found
    assert all("矛盾纠纷" in r["figure"] for r in rows)


def test_figure_comparison_unit_filter(seed_graph):
    rows = q.run(seed_graph, "figure-comparison", {"figure": "率", "unit": "%"}).dicts()
    assert rows and {r["unit"] for r in rows} == {"%"}
    assert any(r["township"] == "国宝乡" and float(r["value"]) == 97.56 for r in rows)


def test_law_cocitation_pairs_are_ordered_and_counted(seed_graph):
    rows = q.run(seed_graph, "law-cocitation", {"law": "中华人民共和国宪法"}).dicts()
    assert rows
    for r in rows:
        assert r["law_a"] < r["law_b"] and "中华人民共和国宪法" in (r["law_a"], r["law_b"])
        assert r["townships"] >= 1
    pairs = {frozenset((r["law_a"], r["law_b"])): r["townships"] for r in rows}
    # 国宝乡 cites both the constitution and the civil code
    assert pairs.get(frozenset(("中华人民共和国宪法", "中华人民共和国民法典")), 0) >= 1


def _share_graph():
    """Ten townships: 法A and 法B cited together by three, 法A and 法C by one."""
    import pyoxigraph as ox

    tkg = "https://w3id.org/township-kg/ontology#"
    ns = "https://w3id.org/township-kg/id/"
    quads = []
    add = lambda s, p, o: quads.append(ox.Quad(ox.NamedNode(ns + s), ox.NamedNode(p), o))  # noqa: E731
    label = "http://www.w3.org/2000/01/rdf-schema#label"
    for law in ("法A", "法B", "法C"):
        add(law, label, ox.Literal(law, language="zh"))
    cites = {0: ("法A", "法B"), 1: ("法A", "法B"), 2: ("法A", "法B"), 3: ("法A", "法C")}
    for i in range(10):
        add(f"town{i}", "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", ox.NamedNode(tkg + "Township"))
        for law in cites.get(i, ()):
            add(f"town{i}", tkg + "cites", ox.NamedNode(ns + law))
    store = ox.Store()
    store.extend(quads)
    return store


def test_law_cocitation_min_share_keeps_pairs_of_enough_townships():
    store = _share_graph()
    pairs = lambda **p: {(r["law_a"], r["law_b"], r["townships"])  # noqa: E731
                         for r in q.run(store, "law-cocitation", p).dicts()}
    # default 1 % of 10 townships: every pair; 0: every pair
    assert pairs() == pairs(min_share="0") == {("法A", "法B", 3), ("法A", "法C", 1)}
    # 30 % of 10 townships = 3: only the pair three townships cite
    assert pairs(min_share="0.3") == {("法A", "法B", 3)}
    assert pairs(min_share="0.31") == set()
    # the larger of min_townships and the share wins
    assert pairs(min_share="0.1", min_townships="2") == {("法A", "法B", 3)}
    assert pairs(min_share="0.3", law="法C") == set()
    assert pairs(law="法C") == {("法A", "法C", 1)}


def test_evidence_gives_sentence_and_offsets(seed_graph):
    rows = q.run(seed_graph, "evidence", {"object": "中华人民共和国宪法"}).dicts()
    assert {"大村乡", "国宝乡"} <= {r["township"] for r in rows}
    for r in rows:
        assert r["relation"] == "cites"
        assert r["end"] - r["begin"] == len(r["written"])
        assert r["written"] in r["sentence"] and "宪法" in r["written"]


def test_evidence_township_and_relation_filters(seed_graph):
    rows = q.run(seed_graph, "evidence", {"object": "", "township": "国宝乡", "relation": "adopts"}).dicts()
    assert rows and {r["township"] for r in rows} == {"国宝乡"} and {r["relation"] for r in rows} == {"adopts"}


def test_township_overview_one_row_per_township(seed_graph):
    rows = q.run(seed_graph, "township-overview").dicts()
    assert {r["township"] for r in rows} == KNOWN_TOWNSHIPS
    gb = next(r for r in rows if r["township"] == "国宝乡")
    assert gb["county"] == "德化县" and gb["first_year"] == "2023" and gb["regulations"] >= 2


@pytest.mark.parametrize("name", [x.name for x in q.list_queries()])
def test_shipped_query_runs_on_turtle_only_build(seed_build, name):
    # graph.ttl has no named graphs: every shipped query must still answer from it
    g = q.open_graph(seed_build / "graph.ttl")
    rows = q.run(g, name)
    assert rows.columns and len(rows) >= 1


def test_time_queries_times_every_shipped_query(seed_graph):
    times = q.time_queries(seed_graph, repeat=1)
    assert set(times) == {x.name for x in q.list_queries()}
    assert all(isinstance(t, float) and t >= 0 for t in times.values())
