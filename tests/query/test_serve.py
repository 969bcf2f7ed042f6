"""kg serve: a read-only SPARQL 1.1 Protocol endpoint on loopback."""
from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from kg.query.serve import serve_in_thread


@pytest.fixture(scope="module")
def endpoint(seed_server):
    return seed_server


def _get(url: str, accept: str = "application/sparql-results+json"):
    return urllib.request.urlopen(urllib.request.Request(url, headers={"Accept": accept}), timeout=10)


def _post(url: str, body: bytes, media: str):
    req = urllib.request.Request(url, data=body, method="POST", headers={"Content-Type": media})
    return urllib.request.urlopen(req, timeout=10)


ASK = "ASK { ?t rdfs:label \"国宝乡\"@zh ; tkg:cites ?l . ?l rdfs:label \"中华人民共和国宪法\"@zh }"


def test_serve_get_query_json(endpoint):
    q = "SELECT ?t WHERE { ?r tkg:township/rdfs:label ?t } ORDER BY ?t"
    with _get(endpoint + "/query?query=" + urllib.parse.quote(q)) as resp:
        assert resp.headers["Content-Type"].startswith("application/sparql-results+json")
        data = json.load(resp)
    assert "国宝乡" in [b["t"]["value"] for b in data["results"]["bindings"]]


def test_serve_post_sparql_query_and_ask(endpoint):
    with _post(endpoint + "/query", ASK.encode(), "application/sparql-query") as resp:
        assert json.load(resp)["boolean"] is True


def test_serve_post_form_csv(endpoint):
    body = urllib.parse.urlencode({"query": "SELECT (COUNT(*) AS ?n) WHERE { ?r a tkg:Report }"}).encode()
    req = urllib.request.Request(endpoint + "/query", data=body, method="POST",
                                 headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": "text/csv"})
    with urllib.request.urlopen(req, timeout=10) as resp:
        assert resp.read().decode().split() == ["n", "5"]


def test_serve_construct_turtle(endpoint):
    q = "CONSTRUCT { ?r a tkg:Report } WHERE { ?r a tkg:Report }"
    with _get(endpoint + "/query?query=" + urllib.parse.quote(q), "text/turtle") as resp:
        assert resp.headers["Content-Type"].startswith("text/turtle") and b"tkg:Report" in resp.read()


@pytest.mark.parametrize("how", ["update-form", "sparql-update", "update-path", "update-as-query", "put"])
def test_serve_refuses_writes(endpoint, seed_graph, how):
    update = "INSERT DATA { <http://example.org/a> <http://example.org/b> \"c\" }"
    with pytest.raises(urllib.error.HTTPError) as err:
        if how == "update-form":
            _post(endpoint + "/query", urllib.parse.urlencode({"update": update}).encode(),
                  "application/x-www-form-urlencoded")
        elif how == "sparql-update":
            _post(endpoint + "/query", update.encode(), "application/sparql-update")
        elif how == "update-path":
            _post(endpoint + "/update", urllib.parse.urlencode({"update": update}).encode(),
                  "application/x-www-form-urlencoded")
        elif how == "update-as-query":
            _get(endpoint + "/query?query=" + urllib.parse.quote(update))
        else:
            req = urllib.request.Request(endpoint + "/store?default", data=b"", method="PUT")
            urllib.request.urlopen(req, timeout=10)
    assert err.value.code == 403
    assert b"read-only" in err.value.read()
    ask = "ASK { <http://example.org/a> ?p ?o }"
    with _get(endpoint + "/query?query=" + urllib.parse.quote(ask)) as resp:
        assert json.load(resp)["boolean"] is False


def test_serve_syntax_error_is_400(endpoint):
    with pytest.raises(urllib.error.HTTPError) as err:
        _get(endpoint + "/query?query=" + urllib.parse.quote("SELECT ?x WHERE { ?x a }"))
    assert err.value.code == 400 and b"syntax" in err.value.read()


def test_serve_page_and_shipped_queries(endpoint):
    with _get(endpoint + "/", "text/html") as resp:
        assert b"<textarea" in resp.read()
    with _get(endpoint + "/queries", "application/json") as resp:
        names = {q["name"] for q in json.load(resp)}
    assert "townships-citing-law" in names


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_cli_answers_and_refuses_update(seed_build):
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--graph", str(seed_build), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                with _post(base + "/query", ASK.encode(), "application/sparql-query") as resp:
                    assert json.load(resp)["boolean"] is True
                break
            except urllib.error.URLError as e:
                if isinstance(e, urllib.error.HTTPError):
                    raise
                if proc.poll() is not None:
                    pytest.fail(proc.stderr.read().decode()[:500])
                time.sleep(0.1)
        else:
            pytest.fail("kg serve did not answer within 15 s")
        with pytest.raises(urllib.error.HTTPError) as err:
            _post(base + "/query", b"DELETE WHERE { ?s ?p ?o }", "application/sparql-update")
        assert err.value.code == 403
    finally:
        proc.terminate()
        proc.wait(timeout=10)


# ----------------------------------------------------------------- issue 15: a hostile world

def _status(url: str, data: bytes | None = None, headers: dict | None = None) -> tuple[int, str]:
    req = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=20) as resp:
            return resp.status, resp.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace")


def test_serve_refuses_service_so_it_is_no_proxy(endpoint):
    # #1: SERVICE made the read-only endpoint fetch any URL and return its rows
    q = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    status, body = _status(endpoint + "/query?query=" + urllib.parse.quote(q))
    assert status == 400 and "SERVICE" in body
    ok = "SELECT ?s WHERE { ?s rdfs:label \"SERVICE { }\" } # SERVICE in a comment"   # strings and comments are fine
    assert _status(endpoint + "/query?query=" + urllib.parse.quote(ok))[0] == 200


def test_serve_deeply_nested_query_is_a_400_and_the_server_lives(endpoint):
    # #2: 3,000 nested { } killed the server process (SIGSEGV in the parser)
    q = "SELECT * WHERE " + "{ " * 3000 + "?s ?p ?o" + " }" * 3000
    status, body = _status(endpoint + "/query", q.encode(), {"Content-Type": "application/sparql-query"})
    assert status == 400 and "nested" in body
    assert _status(endpoint + "/query?query=" + urllib.parse.quote(ASK))[0] == 200


def test_serve_sends_no_wildcard_cors_and_answers_only_its_own_host(endpoint):
    # #3: Access-Control-Allow-Origin: * let any page read the graph; Host was never checked (DNS rebinding)
    with _get(endpoint + "/query?query=" + urllib.parse.quote(ASK)) as resp:
        assert "Access-Control-Allow-Origin" not in resp.headers
    status, _ = _status(endpoint + "/query?query=" + urllib.parse.quote(ASK), headers={"Host": "evil.example:7878"})
    assert status == 421
    port = endpoint.rsplit(":", 1)[1]
    assert _status(endpoint + "/", headers={"Host": f"localhost:{port}"})[0] == 200


def test_query_command_refuses_what_the_endpoint_refuses(seed_graph):
    # `kg query` died at 20,000 nested groups (the same parser)
    from kg.errors import QueryError
    from kg.query import execute

    with pytest.raises(QueryError, match="nested"):
        execute(seed_graph, "SELECT * WHERE " + "{" * 20000 + "?s ?p ?o" + "}" * 20000)
    with pytest.raises(QueryError, match="SERVICE"):
        execute(seed_graph, "SELECT * WHERE { service <http://example.org/sparql> { ?s ?p ?o } }")


def test_serve_a_runaway_query_is_stopped_at_the_timeout_while_others_are_answered(seed_graph):
    # #4: a cartesian query had no timeout and no cancel: five of them held both cores until restart
    import threading

    server = serve_in_thread(seed_graph, timeout_s=2.0, max_result=64 * 2**20)
    base = f"http://127.0.0.1:{server.server_port}"
    try:
        endless = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
        got: dict = {}
        t = threading.Thread(target=lambda: got.update(r=_status(base + "/query?query=" + urllib.parse.quote(endless))))
        start = time.monotonic()
        t.start()
        time.sleep(0.3)
        small = time.monotonic()
        assert _status(base + "/query?query=" + urllib.parse.quote(ASK))[0] == 200
        assert time.monotonic() - small < 1.0          # answered beside the runaway one
        t.join(20)
        status, body = got["r"]
        assert status == 503 and "timeout" in body
        assert time.monotonic() - start < 6
        big = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"      # millions of rows: capped, not built in memory
        server.max_result = 1 * 2**20
        status, body = _status(base + "/query?query=" + urllib.parse.quote(big))
        assert status == 413 and "LIMIT" in body
    finally:
        server.shutdown()
        server.server_close()


def test_serve_log_escapes_control_bytes_of_request_lines(seed_graph, capsys):
    # issue 15 #16: the server log wrote request-line control bytes to the terminal unescaped.
    # Raw control bytes in a request line are now refused by the HTTP parser (400) before any
    # log sees them; percent-encoded ones reach the app, decoded, and are logged escaped.
    server = serve_in_thread(seed_graph)
    server.quiet = False
    try:
        for target, status in ((b"/\x1b]0;pwned\x07", b" 400 "), (b"/%1b]0;pwned%07", b" 404 ")):
            with socket.create_connection(("127.0.0.1", server.server_port), timeout=5) as s:
                s.sendall(b"GET " + target + b" HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
                assert status in s.recv(100)
        time.sleep(0.2)
    finally:
        server.shutdown()
        server.server_close()
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err and "\\x1b]0;pwned\\x07" in err
