"""The first view of graph.html at seed scale, at 300 and at 10,000 bench reports (issue 12).

Label boxes are read from vis-network's own drawing state (each node's label module, after
the first draw), not from the page's layout code, so a layout that lets labels collide
fails here whatever it believes it did.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# drawn labels and unit boxes in page pixels: a label is drawn when it has text and its font,
# at the current zoom, is above vis-network's draw threshold
DRAWN = """() => {
  const net = window.kg.network, s = net.getScale(), out = [];
  const r = document.querySelector('#kg-graph canvas').getBoundingClientRect();
  for (const id of net.body.nodeIndices) {
    const n = net.body.nodes[id], lm = n.labelModule;
    if (!n.options.label || lm.fontOptions.size * s < n.options.scaling.label.drawThreshold - 1) continue;
    const a = net.canvasToDOM({x: lm.size.left, y: lm.size.top}),
          b = net.canvasToDOM({x: lm.size.left + lm.size.width, y: lm.size.top + lm.size.height});
    const bb = n.shape.boundingBox, c = net.canvasToDOM({x: bb.left, y: bb.top}), d = net.canvasToDOM({x: bb.right, y: bb.bottom});
    out.push({id: String(id), label: n.options.label, px: lm.fontOptions.size * s, shape: n.options.shape,
              box: [a.x, a.y, b.x, b.y], node: [c.x, c.y, d.x, d.y],
              inside: a.x >= 0 && a.y >= 0 && b.x <= r.width && b.y <= r.height});
  }
  return out;
}"""


def _overlap(a, b) -> bool:
    return a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5 and a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5


def _assert_no_overlap(boxes: list[tuple[str, list[float]]]) -> None:
    for i, (la, a) in enumerate(boxes):
        for lb, b in boxes[i + 1:]:
            assert not _overlap(a, b), f"{la!r} overlaps {lb!r}"


def _until(p, js: str, arg=None, seconds: float = 20) -> None:
    """Wait until `js` (a function) is true; evaluate() passes the page's CSP, wait_for_function does not."""
    end = time.monotonic() + seconds
    while not p.evaluate(js, arg):
        assert time.monotonic() < end, f"timed out waiting for {js}"
        time.sleep(0.05)


def _data(page):
    return page.evaluate("() => JSON.parse(document.getElementById('kg-data').textContent)")


def _most_linked_laws(data, n=10, kinds=None) -> list[int]:
    deg = {}
    for _t, e, _ in data["links"]:
        deg[e] = deg.get(e, 0) + 1
    # 法规: laws, regulations, party rules, policy and local documents
    wanted = {i for i, t in enumerate(data["types"]) if t["key"] in (kinds or data["regKinds"])}
    laws = [e for e in deg if data["nodes"][e][2] in wanted]
    return sorted(laws, key=lambda e: (-deg[e], data["nodes"][e][0], e))[:n]


def _check_first_view(p, min_units: int, laws: list[int]) -> list[dict]:
    drawn = p.evaluate(DRAWN)
    readable = [d for d in drawn if d["inside"] and d["px"] >= 10]
    _assert_no_overlap([(d["label"], d["box"]) for d in drawn])
    units = [d for d in drawn if d["shape"] == "box"]
    _assert_no_overlap([(d["label"], d["node"]) for d in units])      # township / region boxes
    assert len([d for d in readable if d["shape"] == "box"]) >= min_units
    shown = {d["id"] for d in readable}
    assert {str(e) for e in laws} <= shown, "the most-linked regulations are labeled and readable"
    data = p.evaluate("() => JSON.parse(document.getElementById('kg-data').textContent)")
    assert {str(e) for e in _most_linked_laws(data, kinds=("law",))} <= shown, "and the 10 most-linked 法律"
    return readable


@pytest.fixture(scope="module")
def bench_pages(tmp_path_factory):
    """graph.html of bench builds, made once: {n reports: path}."""
    sys.path.insert(0, str(ROOT))
    import kg
    from bench.corpus import generate
    from kg.export import export

    made = {}

    def make(n: int) -> Path:
        if n not in made:
            folder = tmp_path_factory.mktemp(f"bench{n}")
            corpus = generate(n, folder / "corpus")
            graph = kg.build([corpus], jobs=2 if n > 1000 else 1, on_warning=lambda e: None)
            made[n] = export(graph, folder / "graph.html")
        return made[n]
    return make


def test_first_view_at_seed_scale_labels_every_township_and_top_laws(tmp_path, open_page):
    import kg
    from kg.export import export

    graph = kg.build([ROOT / "seeds"])
    page = open_page(export(graph, tmp_path / "graph.html"))
    data = _data(page.page)
    readable = _check_first_view(page.page, min(data["nTowns"], 10), _most_linked_laws(data))
    towns = {d["label"].split("\n")[0] for d in readable if d["shape"] == "box"}
    assert towns == {n[1] for n in data["nodes"][:data["nTowns"]]}
    assert page.errors == [] and page.external == []


@pytest.mark.parametrize("n", [300, 10_000])
def test_first_view_of_a_big_build_aggregates_and_drills_down(n, bench_pages, open_page):
    path = bench_pages(n)
    page = open_page(path)   # how long it takes is measured by scripts/browser_check.py, not asserted
    p = page.page
    data = _data(p)
    readable = _check_first_view(p, 10, _most_linked_laws(data))
    assert len(readable) >= 20
    regions = [d for d in readable if d["id"].startswith("g")]
    assert regions and all("个乡镇" in d["label"] for d in regions)      # regions, not 10,000 boxes
    # drill down: click the biggest region until its townships are drawn one by one
    for _ in range(4):
        view = p.evaluate("() => { const v = window.kg.view(); return {regions: v.asRegions, units: v.units.map(u => String(u.id)), n: v.nTowns}; }")
        if not view["regions"]:
            break
        before = view["n"]
        page.click_node_id(view["units"][0])
        _until(p, "n => window.kg.view().nTowns < n", before)
        assert p.inner_text("#kg-panel h2")                               # the region's panel
        crumbs = p.locator("#kg-crumbs .kg-crumb").all_inner_texts()
        assert crumbs[0] == "全部地区" and len(crumbs) >= 2
    units = p.evaluate("() => window.kg.view().units.map(u => u.id)")
    assert all(isinstance(u, int) for u in units) and 0 < len(units) <= data["unitsMax"]
    drawn = p.evaluate(DRAWN)
    _assert_no_overlap([(d["label"], d["box"]) for d in drawn])
    p.click("#kg-crumbs .kg-crumb >> nth=0")                               # back to the top
    assert p.evaluate("() => window.kg.view().scope") == -1
    assert page.errors == [] and page.external == []


def test_township_panel_lists_its_figures_and_the_figure_view_compares_them(tmp_path, open_page, kit):
    from kg.export import export
    from kg.graph import KnowledgeGraph
    from kg.model import Mention

    facts = []
    for town, county, value in (("付店镇", "汝阳县", 84), ("大村乡", "南宫市", 120), ("城关镇", "汝阳县", 7)):
        f = kit.report(f"{town}.txt", town, county, 2023, [(f"全年化解矛盾纠纷{value}起，学习中华人民共和国宪法。", [kit.law(kit.LAW)])])
        at = f.doc.text.index("化解矛盾纠纷")
        surface = f"化解矛盾纠纷{value}起"
        f.mentions.append(Mention("indicator", "化解矛盾纠纷", at, at + len(surface), surface,
                                  {"name": "化解矛盾纠纷", "value": float(value), "unit": "起"}))
        facts.append(f)
    page = open_page(export(KnowledgeGraph.from_facts(facts), tmp_path / "graph.html"))
    p = page.page
    page.click_node("大村乡")
    p.wait_for_selector("#kg-panel-figures")
    figures = p.inner_text("#kg-panel-figures")
    assert "化解矛盾纠纷" in figures and "120起" in figures and "全年化解矛盾纠纷120起" in figures
    p.click("#kg-tab-figure")
    p.wait_for_selector("#kg-figures tbody tr")
    assert p.input_value("#kg-fig-name") == "化解矛盾纠纷"
    towns = lambda: p.locator("#kg-figures tbody th").all_inner_texts()  # noqa: E731
    assert towns() == ["大村乡", "付店镇", "城关镇"]                        # largest value first
    p.locator("#kg-figures thead button", has_text="数值").click()
    assert towns() == ["城关镇", "付店镇", "大村乡"]
    p.locator("#kg-figures tbody th button", has_text="城关镇").click()
    p.wait_for_selector("#kg-panel:not([hidden])")
    assert p.inner_text("#kg-panel h2") == "城关镇" and p.is_visible("#kg-graph canvas")
    assert page.errors == []


def test_summary_page_reaches_all_evidence_through_kg_serve(tmp_path, browser, kit, monkeypatch):
    from kg.export import export, graphview
    from kg.graph import KnowledgeGraph
    from kg.query.serve import serve_in_thread

    facts = [kit.report(f"r{i}.txt", f"第{i}镇", "汝阳县", 2023,
                        [(f"第{i}镇学习《中华人民共和国宪法》第{k}次。", [kit.law(kit.LAW)]) for k in range(3)])
             for i in range(4)]
    graph = KnowledgeGraph.from_facts(facts)
    monkeypatch.setattr(graphview, "SUMMARY_BYTES", 0)             # force the summary page
    page_path = export(graph, tmp_path / "graph.html")
    server = serve_in_thread(graph, page=page_path)
    try:
        origin = f"http://127.0.0.1:{server.server_port}"
        p = browser.new_page(viewport={"width": 1400, "height": 900})
        foreign = []
        p.route("**/*", lambda r: r.continue_() if r.request.url.startswith(origin) else (foreign.append(r.request.url), r.abort()))
        p.goto(origin + "/graph")
        _until(p, "() => window.kgReady === true")
        p.evaluate("l => window.kg.select(l)", kit.LAW)
        p.wait_for_selector("#kg-load-evidence")
        assert p.locator("#kg-panel-evidence blockquote").count() == graphview.EVIDENCE_LIMIT
        p.click("#kg-load-evidence")
        _until(p, "() => document.querySelectorAll('#kg-panel-evidence blockquote').length === 12")
        text = p.inner_text("#kg-panel-evidence")
        assert all(f"第{i}镇学习《中华人民共和国宪法》第{k}次。" in text for i in range(4) for k in range(3))
        assert p.locator("#kg-panel-evidence mark").first.inner_text() == kit.LAW
        assert "全部 12 条" in p.inner_text("#kg-panel h3 >> nth=1")
        assert foreign == []
        p.close()
    finally:
        server.shutdown()
