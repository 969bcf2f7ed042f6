"""The query page of kg serve in a real headless Chromium: Chinese, and big results in pages."""
from __future__ import annotations


def test_query_page_shows_big_results_a_page_at_a_time(seed_graph, browser):
    from kg.query.serve import serve_in_thread

    server = serve_in_thread(seed_graph)
    try:
        p = browser.new_page()
        p.goto(f"http://127.0.0.1:{server.server_port}/")
        assert "查询" in p.inner_text("body")
        p.fill("#sparql", "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o LIMIT 450")
        p.click("#run")
        p.wait_for_selector("#pager")
        rows = lambda: p.locator("#out table tr").count() - 1  # noqa: E731  (the header row)
        assert rows() == 200 and "共 450 行" in p.inner_text("#status")
        assert "第 1–200 行" in p.inner_text("#pager")
        first = p.locator("#out table tr").nth(1).inner_text()
        p.click("#pager button:has-text('下一页')")
        assert "第 201–400 行" in p.inner_text("#pager") and rows() == 200
        p.click("#pager button:has-text('下一页')")
        assert rows() == 50 and p.is_disabled("#pager button:has-text('下一页')")
        p.click("#pager button:has-text('上一页')")
        p.click("#pager button:has-text('上一页')")
        assert p.locator("#out table tr").nth(1).inner_text() == first
        p.close()
    finally:
        server.shutdown()
