"""kg push into a real Oxigraph server on loopback: one named graph per report, no duplicates."""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
from store_stub import StoreStub

from kg.errors import InputError, StoreError
from kg.query.push import graph_url, push


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _oxigraph() -> str | None:
    beside = Path(sys.executable).with_name("oxigraph")
    return str(beside) if beside.exists() else shutil.which("oxigraph")


@pytest.fixture()
def oxigraph_server(tmp_path):
    """A real `oxigraph serve` on 127.0.0.1 (the `oxigraph` package of the test extra)."""
    binary = _oxigraph()
    if binary is None:
        pytest.skip("the oxigraph server binary is not installed (pip install -e .[test])")
    port = _free_port()
    proc = subprocess.Popen([binary, "serve", "--location", str(tmp_path / "db"), "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/", timeout=1).read()
                break
            except OSError:
                if proc.poll() is not None:
                    pytest.fail(f"oxigraph exited: {proc.stderr.read().decode()[:500]}")
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _graph_counts(base: str) -> dict[str, int]:
    q = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    req = urllib.request.Request(base + "/query?query=" + urllib.parse.quote(q),
                                 headers={"Accept": "text/tab-separated-values"})
    body = urllib.request.urlopen(req, timeout=10).read().decode()
    results = ox.parse_query_results(body.encode(), format=ox.QueryResultsFormat.TSV)
    return {r["g"].value: int(r["n"].value) for r in results}


def _expected(quads_build: Path) -> dict[str, set]:
    by_graph: dict[str, set] = {}
    for q in ox.parse(path=str(quads_build / "graph.nq")):
        by_graph.setdefault(q.graph_name.value, set()).add(q.triple)
    return by_graph


def test_push_twice_each_report_once(oxigraph_server, quads_build):
    expected = _expected(quads_build)
    store = oxigraph_server + "/store"
    first = push(quads_build, store)
    second = push(quads_build, store)
    assert first.graphs == second.graphs == len(expected) == 5
    counts = _graph_counts(oxigraph_server)
    assert counts == {g: len(t) for g, t in expected.items()}


def test_push_replaces_a_changed_report(oxigraph_server, quads_build, tmp_path):
    store = oxigraph_server + "/store"
    push(quads_build, store)
    # a stale triple in one report's graph disappears when that report is pushed again
    graph = sorted(_expected(quads_build))[0]
    stale = b'<http://example.org/old> <http://example.org/p> "stale" .\n'
    req = urllib.request.Request(graph_url(store, graph), data=stale, method="POST",
                                 headers={"Content-Type": "application/n-triples"})
    urllib.request.urlopen(req, timeout=10).read()
    push(quads_build, store)
    assert _graph_counts(oxigraph_server)[graph] == len(_expected(quads_build)[graph])


def test_push_http_error_is_store_error(oxigraph_server, quads_build):
    with pytest.raises(StoreError, match="HTTP 4"):
        push(quads_build, oxigraph_server + "/no-such-endpoint")


def test_push_unreachable_store_is_store_error(quads_build):
    with pytest.raises(StoreError, match="cannot reach"):
        push(quads_build, f"http://127.0.0.1:{_free_port()}/store", timeout=5)


def test_push_needs_report_graphs(seed_build):
    with pytest.raises(InputError, match="--format nq"):
        push(seed_build / "graph.ttl", "http://127.0.0.1:1/store")


def test_push_bad_url_is_store_error(quads_build):
    with pytest.raises(StoreError, match="not an http"):
        push(quads_build, "ftp://example/store")


def test_push_graph_url_encodes_iri():
    url = graph_url("http://127.0.0.1:7878/store", "https://w3id.org/township-kg/id/report-1")
    assert url == "http://127.0.0.1:7878/store?graph=https%3A%2F%2Fw3id.org%2Ftownship-kg%2Fid%2Freport-1"


# ----------------------------------------------------------------- issue 15 #15: credentials and deadlines

def test_push_credentials_in_the_url_are_sent_as_basic_auth_and_never_shown(quads_build):
    import base64

    stub = StoreStub()
    try:
        url = stub.url.replace("http://", "http://analyst:s3cret@") + "?access_token=t0ken"
        done = push(quads_build, url)
        assert done.graphs == stub.puts > 0
        assert set(stub.auth) == {"Basic " + base64.b64encode(b"analyst:s3cret").decode()}
    finally:
        stub.close()
    with pytest.raises(StoreError) as e:
        push(quads_build, "http://analyst:s3cret@127.0.0.1:1/store?access_token=t0ken")
    assert "s3cret" not in str(e.value) and "t0ken" not in str(e.value) and "analyst" not in str(e.value)


def test_push_failing_midway_says_how_many_graphs_were_replaced(quads_build):
    stub = StoreStub(fail_at=2)
    try:
        with pytest.raises(StoreError, match=r"1 of \d+ report graphs were replaced"):
            push(quads_build, stub.url)
    finally:
        stub.close()


def test_push_a_trickling_store_is_cut_at_the_deadline(quads_build):
    stub = StoreStub(trickle=True)
    start = time.monotonic()
    try:
        with pytest.raises(StoreError, match="within"):
            push(quads_build, stub.url, timeout=1.5)
    finally:
        stub.close()
    assert time.monotonic() - start < 10
