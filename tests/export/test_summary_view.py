"""The summary page of big builds: the view read from report chunks, bounded evidence, top entities."""
from __future__ import annotations

import csv
import io
import json
import re

from kg.export import export, graphview, html, render
from kg.export.graphview import read_view
from kg.export.matrix import columns, to_csv
from kg.graph import KnowledgeGraph
from kg.kinds import REGULATION_KINDS


def _data(page: bytes) -> dict:
    m = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page.decode("utf-8"), re.S)
    return json.loads(m.group(1))


def _many(kit) -> list:
    """Six townships' reports (years 2021-2023) citing the constitution twice each."""
    return [kit.report(f"r{i}.txt", f"第{i}镇", "甲县", 2021 + i % 3, [
        (f"第{i}镇学习《中华人民共和国宪法》。", [kit.law(kit.LAW)]),
        (f"第{i}镇再次学习宪法，并推行法律顾问制度。",
         [kit.law(kit.LAW, "宪法"), ("mechanism", "法律顾问制度", "法律顾问制度", {})]),
    ]) for i in range(6)]


def test_graphview_read_from_loaded_turtle_matches_chunks(tmp_path, small_graph):
    loaded = KnowledgeGraph.load(export(small_graph, tmp_path / "graph.ttl"))  # one default graph
    a, b = read_view(small_graph), read_view(loaded)
    assert [t.label for t in a.towns] == [t.label for t in b.towns]
    assert [(e.label, e.type, e.aliases) for e in a.entities] == [(e.label, e.type, e.aliases) for e in b.entities]
    assert a.sentences == b.sentences
    assert [(ln.town, ln.entity, ln.evidence, ln.total) for ln in a.links] == \
           [(ln.town, ln.entity, ln.evidence, ln.total) for ln in b.links]


def test_graphview_summary_keeps_first_evidence_by_report_order_and_full_counts(kit):
    graph = KnowledgeGraph.from_facts(_many(kit))
    full, short = read_view(graph), read_view(graph, limit=3)
    law = next(i for i, e in enumerate(short.entities) if e.label == kit.LAW)
    kept = [(short.reports[ev.report], short.sentences[ev.sentence])
            for ln in short.links if ln.entity == law for ev in ln.evidence]
    assert len(kept) == 3 and short.evidence_limit == 3
    # the earliest reports: year first, then file name (r0, r3 are 2021; r1 is 2022)
    assert sorted({r.file for r, _ in kept}) == ["r0.txt", "r3.txt"]
    assert {r.year for r, _ in kept} == {"2021"}
    # counts are those of the full view, whatever was left out
    assert sum(ln.total for ln in short.links if ln.entity == law) == 12
    assert [(ln.total, ln.sentences) for ln in short.links] == [(ln.total, ln.sentences) for ln in full.links]
    assert [(ln.total, ln.sentences) for ln in full.links if ln.entity == law] == [(2, 2)] * 6
    assert len(short.sentences) < len(full.sentences)


def test_html_summary_page_for_big_graph_keeps_counts(kit, monkeypatch):
    monkeypatch.setattr(graphview, "SUMMARY_BYTES", 0)       # every graph counts as big
    monkeypatch.setattr(graphview, "EVIDENCE_LIMIT", 2)
    data = _data(render(KnowledgeGraph.from_facts(_many(kit)), "graph.html"))
    assert data["evLimit"] == 2 and data["omitted"] == 0
    law = next(i for i, n in enumerate(data["nodes"]) if n[0] == kit.LAW)
    kept = sum(len(ev) // 4 for t, e, ev in data["links"] if e == law)
    total = sum(c[0] for (t, e, _), c in zip(data["links"], data["counts"], strict=True) if e == law)
    assert kept == 2 and total == 12


def test_html_page_embeds_only_the_most_shared_entities(small_graph, kit, monkeypatch):
    monkeypatch.setattr(html, "EMBED_MAX", 2)
    data = html.payload(graphview.collect(small_graph))
    entities = [n[0] for n in data["nodes"][data["nTowns"]:]]
    assert len(entities) == 2 and kit.LAW in entities and data["omitted"] == 4
    assert data["nTowns"] == 3  # every township stays
    assert all(data["nTowns"] <= e < len(data["nodes"]) for _, e, _ in data["links"])
    used = {ev[i + 1] for _, _, ev in data["links"] for i in range(0, len(ev), 4)}
    assert used == set(range(len(data["sentences"])))  # no sentence of a left-out entity


def test_matrix_csv_columns_only_cited_regulations_and_streams_the_same_bytes(tmp_path, small_graph, kit):
    view = graphview.collect(small_graph)
    assert [view.entities[i].label for i in columns(view)][0] == kit.LAW
    assert {view.entities[i].type for i in columns(view)} <= set(REGULATION_KINDS)
    path = export(small_graph, tmp_path / "township_law.csv")
    assert path.read_bytes() == to_csv(view)
    rows = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))
    assert len(rows) == 1 + len(view.towns) and {len(r) for r in rows} == {4 + len(columns(view))}


def test_html_browser_summary_panel_says_first_n_of_total(tmp_path, kit, open_page, monkeypatch):
    monkeypatch.setattr(graphview, "SUMMARY_BYTES", 0)
    monkeypatch.setattr(graphview, "EVIDENCE_LIMIT", 2)
    page = open_page(export(KnowledgeGraph.from_facts(_many(kit)), tmp_path / "graph.html"))
    p = page.page
    page.click_node(kit.LAW)
    p.wait_for_selector("#kg-panel:not([hidden])")
    assert "证据句（本页带 2 条，共 12 条）" in p.inner_text("#kg-panel")
    assert "kg serve --graph" in p.inner_text("#kg-panel .kg-note")     # how to see the rest
    assert p.locator("#kg-panel-evidence blockquote").count() == 2
    assert "本页为摘要" in p.inner_text("#kg-status")
    p.click("#kg-tab-matrix")
    p.wait_for_selector("#kg-matrix tbody tr")
    assert p.locator("#kg-matrix td.kg-hit").first.inner_text() == "2"  # full count, not the kept 0-2
    assert page.errors == []
