"""graph.html in a real headless Chromium: offline load, search, panel, filters, matrix, safety."""
from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def small_page(tmp_path, small_graph, open_page):
    from kg.export import export

    return open_page(export(small_graph, tmp_path / "graph.html"))


def _visible_labels(page) -> set[str]:
    return set(page.evaluate(
        "() => { const D = JSON.parse(document.getElementById('kg-data').textContent);"
        " return window.kg.network.body.nodeIndices.filter(i => typeof i === 'number')"
        ".map(i => D.nodes[i] ? D.nodes[i][0] : window.kg.network.body.nodes[i].options.label); }"))


def test_html_browser_loads_offline_without_errors_and_draws_nodes(small_page):
    p = small_page.page
    assert small_page.external == [] and small_page.errors == []
    assert p.evaluate("() => window.kg.network.body.nodeIndices.length") == 3 + 6 + 4  # nodes + band headings
    assert {"付店镇", "大村乡", "城关镇", "中华人民共和国宪法"} <= _visible_labels(p)
    assert p.locator("#kg-graph canvas").count() == 1
    inked = p.evaluate("""() => { const c = document.querySelector('#kg-graph canvas'),
        d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;
        for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n; }""")
    assert inked > 2000  # the nodes and labels were actually drawn
    assert "乡镇（3）" in p.inner_text("#kg-legend") and "法律（2 / 2）" in p.inner_text("#kg-legend")


def test_html_browser_search_finds_futianzhen(small_page):
    p = small_page.page
    p.fill("#kg-search", "付店")
    p.wait_for_selector("#kg-results:not([hidden]) button")
    assert "付店镇" in p.inner_text("#kg-results")
    p.press("#kg-search", "Enter")
    p.wait_for_selector("#kg-panel:not([hidden])")
    assert p.inner_text("#kg-panel h2") == "付店镇"
    panel = p.inner_text("#kg-panel")
    assert "汝阳县" in panel and "中华人民共和国行政处罚法" in panel and "行政执法公示制度" in panel


def test_html_browser_search_matches_aliases(small_page):
    p = small_page.page
    p.fill("#kg-search", "宪法")
    p.wait_for_selector("#kg-results:not([hidden]) button")
    assert "中华人民共和国宪法" in p.inner_text("#kg-results")


def test_html_browser_click_law_lists_townships_and_evidence(small_page, kit):
    p = small_page.page
    small_page.click_node(kit.LAW)
    p.wait_for_selector("#kg-panel:not([hidden])")
    assert p.inner_text("#kg-panel h2") == kit.LAW
    assert set(p.locator("#kg-panel-towns button").all_inner_texts()) == {"付店镇（汝阳县）", "大村乡（南宫市）"}
    evidence = p.inner_text("#kg-panel-evidence")
    assert "大村乡深入学习《中华人民共和国宪法》，增强干部法治意识。" in evidence
    assert "dacun-2022.txt" in evidence and "2022年" in evidence
    assert p.locator("#kg-panel-evidence mark").first.inner_text() in (kit.LAW, "宪法")
    assert small_page.errors == []


def test_html_browser_click_township_highlights_its_laws_and_practices(small_page):
    p = small_page.page
    small_page.click_node("大村乡")
    p.wait_for_selector("#kg-panel:not([hidden])")
    colour = p.evaluate("""() => { const D = JSON.parse(document.getElementById('kg-data').textContent), out = {};
        D.nodes.forEach((n, i) => { out[n[0]] = window.kg.network.body.nodes[i].options.color.background; });
        return out; }""")
    dim = colour["城关镇"]
    assert colour["中华人民共和国宪法"] != dim and colour["法律顾问制度"] != dim
    assert colour["中华人民共和国行政处罚法"] == dim and colour["行政执法公示制度"] == dim
    assert set(p.evaluate("() => window.kg.network.getSelectedNodes()")) == {small_page.node_id("大村乡")}


def test_html_browser_filters_by_region_year_kind_and_top_n(small_page):
    p = small_page.page
    p.select_option("#kg-f-region", label="\u3000\u3000汝阳县（2）")     # 河南省 › 洛阳市 › 汝阳县
    assert {"付店镇", "城关镇"} <= _visible_labels(p) and "大村乡" not in _visible_labels(p)
    assert "法律顾问制度" not in _visible_labels(p)  # only 大村乡 adopts it
    p.click("#kg-reset")
    p.select_option("#kg-f-year", "2022")
    assert _visible_labels(p) == {"大村乡", "中华人民共和国宪法", "法律顾问制度"}
    p.click("#kg-reset")
    p.uncheck("#kg-f-kinds input[data-key=law]")
    shown = _visible_labels(p)
    assert "中华人民共和国宪法" not in shown and "法治政府建设实施纲要（2021-2025年）" in shown
    p.click("#kg-reset")
    p.fill("#kg-f-top", "1")
    p.press("#kg-f-top", "Enter")
    assert _visible_labels(p) - {"付店镇", "大村乡", "城关镇"} == {"中华人民共和国宪法"}


def test_html_browser_search_reaches_node_hidden_by_filters(small_page):
    p = small_page.page
    p.fill("#kg-f-top", "1")
    p.press("#kg-f-top", "Enter")
    p.fill("#kg-search", "法律顾问")
    p.press("#kg-search", "Enter")
    p.wait_for_selector("#kg-panel:not([hidden])")
    assert "法律顾问制度" in _visible_labels(p) and p.inner_text("#kg-panel h2") == "法律顾问制度"


def test_html_browser_matrix_has_short_headers_sort_buttons_and_opens_panels(small_page, kit):
    p = small_page.page
    p.click("#kg-tab-matrix")
    p.wait_for_selector("#kg-matrix tbody tr")
    heads = p.locator("#kg-matrix thead th")
    assert heads.nth(3).locator(".kg-head").inner_text() == "宪法"           # 简称, full title on hover
    assert heads.nth(3).locator(".kg-head").get_attribute("title") == kit.LAW
    names = p.locator("#kg-matrix thead .kg-head").all_inner_texts()
    assert len(set(names)) == len(names)
    towns = lambda: p.locator("#kg-matrix tbody th").all_inner_texts()  # noqa: E731
    assert towns()[0] == "付店镇"                                           # most laws first
    heads.nth(2).locator(".kg-sort").click()
    assert towns()[-1] == "付店镇"
    county = p.locator("#kg-matrix tbody td.kg-county").first.bounding_box()
    assert county["width"] > county["height"]                              # 汝阳县 on one line
    heads.nth(3).locator(".kg-head").click()                                # a law's name opens its panel
    p.wait_for_selector("#kg-panel:not([hidden])")
    assert p.inner_text("#kg-panel h2") == kit.LAW and p.is_visible("#kg-graph canvas")
    p.click("#kg-tab-matrix")
    with p.expect_download() as got:
        p.click("#kg-matrix-csv")
    rows = Path(got.value.path()).read_text(encoding="utf-8-sig").splitlines()
    assert rows[0].split(",")[:5] == ["乡镇", "县级单位", "乡镇IRI", "引用法规数", kit.LAW]
    p.locator("#kg-matrix tbody th button", has_text="大村乡").click()
    p.wait_for_selector("#kg-panel:not([hidden])")
    assert p.inner_text("#kg-panel h2") == "大村乡"


def test_html_browser_hostile_labels_render_as_text_and_never_run(tmp_path, hostile_graph, open_page, kit):
    from kg.export import export

    page = open_page(export(hostile_graph, tmp_path / "graph.html"))
    p = page.page

    def assert_harmless():
        assert p.evaluate("() => window.__pwned") is None
        assert p.locator("img, iframe, b").count() == 0
        assert p.evaluate("() => [...document.querySelectorAll('*')].some("
                          "e => [...e.attributes].some(a => a.name.startsWith('on')))") is False
        assert p.locator("script").count() == 3
        assert page.dialogs == [] and page.external == []

    assert_harmless()
    p.fill("#kg-search", "条例")
    p.press("#kg-search", "Enter")
    p.wait_for_selector("#kg-panel:not([hidden])")
    assert p.inner_text("#kg-panel h2") == kit.HOSTILE_LAW
    assert kit.HOSTILE_SENTENCE in p.inner_text("#kg-panel-evidence")
    p.locator("#kg-panel-towns button").first.click()
    panel = p.inner_text("#kg-panel")
    assert "<svg onload=" in panel and kit.HOSTILE_MECH in panel and "<b onclick=window.__pwned='file'>evil.txt" in panel
    p.fill("#kg-search", "<script>")
    p.wait_for_selector("#kg-results:not([hidden]) button")
    p.fill("#kg-search", kit.LAW)
    p.press("#kg-search", "Enter")
    assert "<iframe src=javascript:" in p.inner_text("#kg-panel")
    p.click("#kg-tab-matrix")
    p.wait_for_selector("#kg-matrix tbody tr")
    assert kit.HOSTILE_LAW in p.locator("#kg-matrix thead .kg-head").evaluate_all("bs => bs.map(b => b.title)")
    p.wait_for_timeout(200)  # an onerror would fire asynchronously
    assert_harmless()
    assert page.errors == []


def test_html_browser_many_townships_open_as_regions_and_drill_down(tmp_path, open_page, kit):
    from kg.export import export
    from kg.graph import KnowledgeGraph

    n = 120                                     # more than unitsMax: the first view shows regions
    facts = [kit.report(f"r{i}.txt", f"第{i}镇", f"{i % 7}县", 2023,
                        [(f"推行机制{i}。", [("mechanism", f"机制{i}", f"机制{i}", {})]),
                         ("学习《中华人民共和国宪法》。", [kit.law(kit.LAW)])])
             for i in range(n)]
    page = open_page(export(KnowledgeGraph.from_facts(facts), tmp_path / "graph.html"))
    p = page.page
    labels = p.evaluate("() => window.kg.network.body.nodeIndices.map(i => window.kg.network.body.nodes[i].options.label)")
    assert sum(1 for x in labels if x and "个乡镇" in x) == 7                # the seven counties, once each
    assert not any(x and x.startswith("第") for x in labels)
    assert kit.LAW in _visible_labels(p)
    page.click_node_id("g" + str(p.evaluate("() => JSON.parse(document.getElementById('kg-data').textContent).groups.findIndex(g => g[0] === '3县')")))
    in_county = sum(1 for i in range(n) if i % 7 == 3)
    p.wait_for_selector("#kg-panel:not([hidden])")
    assert p.inner_text("#kg-panel h2") == "3县"
    shown = _visible_labels(p)
    assert len([x for x in shown if x.startswith("第")]) == in_county and kit.LAW in shown
    assert p.locator("#kg-crumbs .kg-crumb").all_inner_texts()[-1] == "3县"
    p.click("#kg-reset")
    assert not any(x.startswith("第") for x in _visible_labels(p))
    p.fill("#kg-search", "第8镇")
    p.press("#kg-search", "Enter")                                         # a township inside a region
    p.wait_for_selector("#kg-panel:not([hidden])")
    assert p.inner_text("#kg-panel h2") == "第8镇" and "第8镇" in _visible_labels(p)
    assert page.errors == []


def test_html_browser_evidence_highlight_is_right_after_astral_characters(tmp_path, open_page, kit):
    # issue 15 #18: Python code-point offsets were used as JavaScript UTF-16 indices, so 𠀀 or an
    # emoji before the quote moved the highlight
    from kg.export import export
    from kg.graph import KnowledgeGraph

    graph = KnowledgeGraph.from_facts([kit.report("astral.txt", "大村乡", "南宫市", 2023, [
        ("𠀀𠀁😀大村乡深入学习《中华人民共和国宪法》。", [kit.law(kit.LAW, "中华人民共和国宪法")])])])
    page = open_page(export(graph, tmp_path / "graph.html"))
    p = page.page
    p.fill("#kg-search", "宪法")
    p.press("#kg-search", "Enter")
    p.wait_for_selector("#kg-panel-evidence mark")
    assert p.locator("#kg-panel-evidence mark").first.inner_text() == "中华人民共和国宪法"
    assert page.errors == []


def test_html_browser_reset_after_a_selection_returns_to_the_first_view(small_page):
    p = small_page.page
    first = p.evaluate("() => [window.kg.network.getScale(), window.kg.network.getViewPosition()]")
    small_page.click_node("大村乡")
    p.wait_for_selector("#kg-panel:not([hidden])")
    p.click("#kg-reset")
    p.wait_for_timeout(100)
    after = p.evaluate("() => [window.kg.network.getScale(), window.kg.network.getViewPosition()]")
    assert p.is_hidden("#kg-panel")
    assert abs(after[0] - first[0]) < 0.01 * first[0]
    assert abs(after[1]["x"] - first[1]["x"]) < 2 and abs(after[1]["y"] - first[1]["y"]) < 2


def test_html_browser_search_dropdown_closes_on_a_click_elsewhere(small_page):
    p = small_page.page
    p.fill("#kg-search", "没有这个词")
    p.wait_for_selector("#kg-results:not([hidden]) .kg-empty")
    assert "没有找到" in p.inner_text("#kg-results")
    p.mouse.click(700, 600)                                   # on the graph
    assert p.is_hidden("#kg-results")


def test_html_browser_phone_layout_is_usable(tmp_path, small_graph, browser):
    from kg.export import export

    path = export(small_graph, tmp_path / "graph.html")
    p = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        p.goto(path.as_uri())
        p.wait_for_function("window.kgReady === true", timeout=20_000)
        assert p.evaluate("() => document.documentElement.scrollWidth") <= 390      # nothing off to the side
        box = p.locator("#kg-search").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390 and box["y"] < 200   # search reachable
        tabs = p.locator(".kg-tab").evaluate_all("ts => ts.map(t => t.getBoundingClientRect().height)")
        assert max(tabs) < 40                                                         # one line each
        assert p.is_hidden("#kg-filters")
        p.click("#kg-filters-toggle")
        assert p.is_visible("#kg-f-region")                                           # filters behind a button
        scale = p.evaluate("() => window.kg.network.getScale()")
        assert 16 * scale >= 10                                                        # labels readable at once
        p.evaluate("() => window.kg.select('大村乡')")
        p.wait_for_selector("#kg-panel:not([hidden])")
        assert "返回" in p.inner_text("#kg-panel-close")
        p.click("#kg-panel-close")
        assert p.is_hidden("#kg-panel") and p.is_visible("#kg-graph canvas")
    finally:
        p.close()


def test_html_browser_practices_filter_and_aggregate_by_category(small_page):
    p = small_page.page
    data = p.evaluate("() => JSON.parse(document.getElementById('kg-data').textContent)")
    cats = data["categories"]
    assert cats                                                     # every mechanism and activity has one
    practices = {n[0]: cats[n[6]] for n in data["nodes"][data["nTowns"]:] if n[6] >= 0}
    assert set(practices) == {"行政执法公示制度", "法律顾问制度", "宪法宣传周"}
    p.check("#kg-f-bycat")                                          # the first view by category
    shown = _visible_labels(p)
    assert set(practices.values()) <= shown and not set(practices) & shown
    assert "中华人民共和国宪法" in shown                               # laws stay
    cat = practices["法律顾问制度"]
    small_page.click_node_id(len(data["nodes"]) + cats.index(cat))  # a category opens its practices
    p.wait_for_selector("#kg-panel:not([hidden])")
    assert p.inner_text("#kg-panel h2") == cat and "法律顾问制度" in p.inner_text("#kg-panel")
    shown = _visible_labels(p)
    assert "法律顾问制度" in shown and not p.is_checked("#kg-f-bycat")
    assert {x for x, c in practices.items() if c != cat}.isdisjoint(shown)
    assert small_page.errors == []
