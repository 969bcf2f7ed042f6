"""kg serve and the graph page (关系图): /graph serves the build's graph.html, and only that."""
from __future__ import annotations

import socket
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request

import pytest

from kg.query.serve import serve_in_thread


def _serve(graph, page=None):
    server = serve_in_thread(graph, page=page)
    return server, f"http://127.0.0.1:{server.server_port}"


@pytest.fixture(scope="module")
def page_only(tmp_path_factory, seed_graph):
    """A folder holding only the graph.html kg.export writes for the seed graph (no CSV)."""
    from kg.export import export

    folder = tmp_path_factory.mktemp("page-only")
    return export(seed_graph, folder / "graph.html")


@pytest.fixture(scope="module")
def with_page(seed_graph, seed_build):
    server, base = _serve(seed_graph, seed_build / "graph.html")
    yield base
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def without_page(seed_graph):
    server, base = _serve(seed_graph)
    yield base
    server.shutdown()
    server.server_close()


def _fetch(url: str, method: str = "GET", headers: dict | None = None):
    """(status, headers, body) of one request, error statuses included."""
    req = urllib.request.Request(url, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=20) as resp:
            return resp.status, resp.headers, resp.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def _raw(base: str, target: str) -> tuple[int, bytes]:
    """Send a request line exactly as written (urllib would tidy the path first)."""
    port = int(base.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=20) as s:
        s.sendall(f"GET {target} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".encode("latin-1"))
        data = b""
        while chunk := s.recv(1 << 16):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), body


def test_serve_graph_is_the_exported_graph_html(seed_graph, page_only):
    server, base = _serve(seed_graph, page_only)
    try:
        for path in ("/graph", "/graph.html"):
            status, headers, body = _fetch(base + path)
            assert status == 200 and body == page_only.read_bytes()
            assert headers["Content-Type"] == "text/html; charset=utf-8"
            assert headers["Content-Length"] == str(len(body))
            assert headers["X-Content-Type-Options"] == "nosniff"
            assert headers["Referrer-Policy"] == "no-referrer"
        status, headers, body = _fetch(base + "/graph", method="HEAD")
        assert status == 200 and body == b"" and headers["Content-Length"] == str(page_only.stat().st_size)
        status, _, body = _fetch(base + "/township_law.csv")      # not written beside this page
        assert status == 404 and "township_law.csv" in body.decode()
    finally:
        server.shutdown()
        server.server_close()


def test_serve_graph_is_read_per_request_so_a_rebuild_shows(seed_graph, tmp_path):
    page = tmp_path / "graph.html"
    page.write_text("<p>旧</p>", encoding="utf-8")
    server, base = _serve(seed_graph, page)
    try:
        assert _fetch(base + "/graph")[2] == "<p>旧</p>".encode()
        page.write_text("<p>新的关系图</p>", encoding="utf-8")
        assert _fetch(base + "/graph")[2] == "<p>新的关系图</p>".encode()
        page.unlink()
        status, _, body = _fetch(base + "/graph")
        assert status == 404 and "graph.html" in body.decode()
    finally:
        server.shutdown()
        server.server_close()


def test_serve_township_law_csv_beside_the_page(with_page, seed_build):
    status, headers, body = _fetch(with_page + "/township_law.csv")
    assert status == 200 and body == (seed_build / "township_law.csv").read_bytes()
    assert headers["Content-Type"] == "text/csv; charset=utf-8"


def test_serve_without_page_answers_404_in_chinese_and_english(without_page):
    for path in ("/graph", "/graph.html", "/township_law.csv"):
        status, headers, body = _fetch(without_page + path)
        text = body.decode()
        assert status == 404 and headers["Content-Type"].startswith("text/plain")
        assert "关系图" in text and "graph.html" in text and text.count("\n") == 1


@pytest.mark.parametrize("target", [
    "/..%2fgraph.ttl", "/../graph.ttl", "/%2e%2e/graph.ttl", "/graph/../graph.ttl", "/graph.ttl",
    "/graph.html/../graph.ttl", "/graph%2f..%2fgraph.ttl", "//graph.ttl", "/./graph.ttl",
    "/township_law.csv/../graph.ttl", "/graph%00.html", "/..%2f..%2f..%2fetc%2fpasswd", "/GRAPH.TTL",
])
def test_serve_graph_serves_no_other_file(with_page, target):
    status, body = _raw(with_page, target)
    assert status == 404 and b"@prefix" not in body and b"root:" not in body


def test_serve_graph_ignores_a_query_string_with_a_path(with_page, seed_build):
    status, body = _raw(with_page, "/graph?x=../../etc/passwd")
    assert status == 200 and body == (seed_build / "graph.html").read_bytes()
    status, body = _raw(with_page, "/graph?file=graph.ttl")
    assert status == 200 and b"@prefix" not in body


def test_serve_query_page_is_chinese_and_links_the_graph(with_page):
    status, headers, body = _fetch(with_page + "/")
    page = body.decode("utf-8")
    assert status == 200 and "查询" in page and "关系图" in page
    assert "Run (" not in page and "rows," not in page          # the English labels are gone
    hrefs = [part.split('"', 1)[0] for part in page.split('href="')[1:]]
    assert with_page + "/graph" in [urllib.parse.urljoin(with_page + "/", h) for h in hrefs]


def test_serve_graph_checks_the_host_header(with_page):
    port = with_page.rsplit(":", 1)[1]
    status, _, body = _fetch(with_page + "/graph", headers={"Host": f"evil.example:{port}"})
    assert status == 421 and b"<html" not in body.lower()
    assert _fetch(with_page + "/graph", headers={"Host": f"localhost:{port}"})[0] == 200


def _cli_first_line(target) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--graph", str(target), "--port", "0"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return proc, proc.stderr.readline().decode("utf-8")


@pytest.mark.parametrize("folder", [True, False])
def test_serve_cli_names_the_graph_page_when_the_folder_has_one(seed_build, folder):
    proc, line = _cli_first_line(seed_build if folder else seed_build / "graph.ttl")
    try:
        assert "查询页" in line and "/query" in line, line
        base = line.split("查询页 ", 1)[1].split("/", 3)
        base = "/".join(base[:3])
        if folder:
            assert f"关系图 {base}/graph" in line
            assert _fetch(base + "/graph")[2] == (seed_build / "graph.html").read_bytes()
        else:                              # a bare .ttl has no build folder to take a page from
            assert "关系图" not in line and _fetch(base + "/graph")[0] == 404
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        proc.stderr.close()
