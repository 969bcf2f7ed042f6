"""graph.html and township_law.csv without a browser: content, safety, layout, determinism."""
from __future__ import annotations

import csv
import io
import json
import re

import kg
from kg.export import render
from kg.export.graphview import collect
from kg.export.html import payload, script_json, short_labels
from kg.export.matrix import to_csv
from kg.export.regions import OTHER, tree
from kg.graph import KnowledgeGraph

LAW, PUNISH = "中华人民共和国宪法", "中华人民共和国行政处罚法"


def _data(page: str) -> dict:
    m = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    return json.loads(m.group(1))


def test_graphview_collect_links_townships_to_entities_with_evidence(small_graph):
    view = collect(small_graph)
    assert [(t.county, t.label) for t in view.towns] == [("南宫市", "大村乡"), ("汝阳县", "付店镇"), ("汝阳县", "城关镇")]
    ent = {e.label: i for i, e in enumerate(view.entities)}
    law = ent[LAW]
    towns = {view.towns[ln.town].label for ln in view.links if ln.entity == law}
    assert towns == {"付店镇", "大村乡"}
    assert view.entities[law].type == "law" and "宪法" in view.entities[law].aliases
    ev = [ev for ln in view.links if ln.entity == law for ev in ln.evidence]
    texts = {view.sentences[e.sentence] for e in ev}
    assert "大村乡深入学习《中华人民共和国宪法》，增强干部法治意识。" in texts
    e = next(e for e in ev if view.sentences[e.sentence].startswith("大村乡"))
    assert view.sentences[e.sentence][e.start:e.end] == LAW
    assert view.reports[e.report].year == "2022" and view.reports[e.report].file == "dacun-2022.txt"


def test_html_page_is_self_contained_utf8(small_graph):
    page = render(small_graph, "graph.html").decode("utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page
    assert not re.search(r"<(script|link|img|iframe)[^>]*\s(src|href)\s*=", page, re.I)
    assert "default-src 'none'" in page and "connect-src 'self'" in page
    assert "付店镇" in page  # Chinese written as UTF-8, not \u escapes
    assert page.count("</script>") == 3  # data, vis-network, the page's own script


def test_html_data_escapes_markup_in_every_label(hostile_graph, kit):
    page = render(hostile_graph, "graph.html").decode("utf-8")
    assert page.count("</script>") == 3
    assert "<img" not in page and "<svg onload" not in page and "<iframe" not in page
    labels = {n[0] for n in _data(page)["nodes"]}
    assert kit.HOSTILE_LAW in labels and kit.HOSTILE_MECH in labels  # kept as text, not dropped


def test_html_script_json_has_no_angle_brackets_or_ampersands():
    text = script_json({"a": "</script><!-- & \u2028"}).decode("utf-8")
    assert not set("<>&\u2028") & set(text) and json.loads(text) == {"a": "</script><!-- & \u2028"}


def test_html_output_is_deterministic_under_shuffled_input(kit):
    facts = kit.small_facts()
    one = render(KnowledgeGraph.from_facts(facts), "graph.html")
    two = render(KnowledgeGraph.from_facts(list(reversed(facts))), "graph.html")
    assert one == two
    assert render(KnowledgeGraph.from_facts(facts), "x.csv") == render(KnowledgeGraph.from_facts(facts[::-1]), "x.csv")


def test_regions_come_from_official_codes_and_county_names():
    from kg.export.graphview import Town

    towns = [Town("https://w3id.org/township-kg/id/township-410326100", "城关镇", "汝阳县"),
             Town("https://w3id.org/township-kg/id/township-x1", "大村乡", "南宫市"),    # no code: by county name
             Town("https://w3id.org/township-kg/id/township-110101001", "东华门街道", "东城区"),
             Town("https://w3id.org/township-kg/id/township-x2", "某镇", "不存在县")]
    groups, leaf = tree(towns)
    path = lambda g: [] if g < 0 else path(groups[g][1]) + [groups[g][0]]  # noqa: E731
    assert [path(g) for g in leaf] == [["河南省", "洛阳市", "汝阳县"], ["河北省", "邢台市", "南宫市"],
                                      ["北京市", "东城区"], [OTHER, "不存在县"]]
    assert all(parent < g for g, (_, parent) in enumerate(groups))   # parents first


def test_html_payload_has_short_law_names_figures_and_regions(small_graph):
    data = payload(collect(small_graph))
    short = {n[0]: n[1] for n in data["nodes"]}
    assert short[LAW] == "宪法" and short[PUNISH] == "行政处罚法"
    towns = data["nodes"][:data["nTowns"]]
    assert all(n[3] >= 0 for n in towns) and {data["groups"][n[3]][0] for n in towns} == {"汝阳县", "南宫市"}
    assert data["firstView"] > 0 and data["unitsMax"] >= 10


def test_short_labels_never_make_two_entities_look_the_same(kit):
    facts = [kit.report("a.txt", "甲镇", "乙县", 2023, [
        ("学习《中华人民共和国宪法》和《宪法》。", [kit.law(LAW), kit.law("宪法", kind="policy")])])]
    view = collect(KnowledgeGraph.from_facts(facts))
    labels = short_labels(view.entities)
    assert len(set(labels)) == len(labels) == 2 and LAW in labels


def test_html_township_figures_reach_the_page(kit):
    from kg.model import Mention

    fact = kit.report("f.txt", "付店镇", "汝阳县", 2023, [("全年化解矛盾纠纷84起，化解率100%。", [])])
    text = fact.doc.text
    at = text.index("化解矛盾纠纷84起")
    fact.mentions.append(Mention("indicator", "化解矛盾纠纷", at, at + 9, "化解矛盾纠纷84起",
                                 {"name": "化解矛盾纠纷", "value": 84.0, "unit": "起"}))
    data = payload(collect(KnowledgeGraph.from_facts([fact])))
    (rep, name, value, unit, sentence, start, end), = data["figures"]
    assert (name, value, unit) == ("化解矛盾纠纷", "84", "起")
    assert data["reports"][rep][3] == 0 and data["sentences"][sentence][start:end] == "化解矛盾纠纷84起"


def test_html_node_size_data_counts_linked_townships(small_graph):
    data = payload(collect(small_graph))
    deg = {}
    for _t, e, _ in data["links"]:
        deg[data["nodes"][e][0]] = deg.get(data["nodes"][e][0], 0) + 1
    assert deg[LAW] == 2 and deg[PUNISH] == 1


def test_matrix_csv_counts_evidence_per_township_and_law(small_graph):
    raw = render(small_graph, "township_law.csv")
    assert raw.startswith("\ufeff".encode("utf-8"))
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    head = rows[0]
    assert head[:4] == ["乡镇", "县级单位", "乡镇IRI", "引用法规数"] and head[4] == LAW
    assert "行政执法公示制度" not in head  # mechanisms are not laws
    by_town = {r[0]: dict(zip(head, r, strict=True)) for r in rows[1:]}
    assert by_town["付店镇"][LAW] == "1" and by_town["付店镇"][PUNISH] == "1"
    assert by_town["大村乡"][PUNISH] == "" and by_town["大村乡"]["引用法规数"] == "1"
    assert by_town["城关镇"]["县级单位"] == "汝阳县"


def test_matrix_csv_neutralises_formula_cells(kit):
    facts = [kit.report("a.txt", "甲镇", "乙县", 2023, [("学习《=HYPERLINK(1)》。", [kit.law("=HYPERLINK(1)")])])]
    raw = to_csv(collect(KnowledgeGraph.from_facts(facts))).decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in raw and ",=HYPERLINK" not in raw


def test_pipeline_write_puts_township_law_csv_next_to_graph_html(tmp_path, small_graph):
    written = {p.name for p in kg.write(small_graph, tmp_path)}
    assert {"graph.html", "township_law.csv"} <= written
    assert (tmp_path / "township_law.csv").read_bytes() == render(small_graph, "township_law.csv")


def test_html_renders_an_empty_graph():
    page = render(KnowledgeGraph([]), "graph.html").decode("utf-8")
    data = _data(page)
    assert data["nodes"] == [] and data["links"] == [] and data["groups"] == [] and data["figures"] == []
    assert render(KnowledgeGraph([]), "township_law.csv").decode("utf-8-sig").startswith("乡镇,县级单位")


def test_short_labels_of_long_names_alike_at_the_start_are_cut_in_the_middle_or_kept_whole(kit):
    from kg.model import Mention

    names = ["镇村两级干部学法用法专项工作考核制度", "镇村两级干部学法用法专项工作督查制度",
             "党政主要负责人履行推进法治建设第一责任人职责", "党政主要负责人履行推进法治政府建设第一责任人职责"]
    fact = kit.report("a.txt", "甲镇", "乙县", 2023, [("建立四项制度。", [])])
    fact.mentions += [Mention("mechanism", n, 0, 2, "建立") for n in names]
    labels = short_labels(collect(KnowledgeGraph.from_facts([fact])).entities)
    assert len(set(labels)) == len(labels) == 4
    assert "镇村两级干部…项工作考核制度" in labels                 # cut in the middle where that tells them apart
    assert "党政主要负责人履行推进法治政府建设第一责任人职责" in labels   # else whole


def test_view_links_are_read_as_links_by_index_and_in_town_entity_order(small_graph):
    from kg.export.graphview import Link

    view = collect(small_graph)
    links = list(view.links)                    # kept as columns, made into Link objects as read
    assert len(view.links) == len(links) > 0 and all(isinstance(ln, Link) for ln in links)
    assert [view.links[i] for i in range(len(links))] == links and view.links[-1] == links[-1]
    assert [(ln.town, ln.entity) for ln in links] == sorted({(ln.town, ln.entity) for ln in links})
    assert any(ln.evidence for ln in links) and all(ln.total >= len(ln.evidence) for ln in links)
    assert view.degree() == [sum(ln.entity == e for ln in links) for e in range(len(view.entities))]
