"""kg serve through a real SPARQL client: SPARQLWrapper gets every result format it asks for."""
from __future__ import annotations

import csv
import io
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from kg.query.serve import serve_in_thread

SPARQLWrapper = pytest.importorskip("SPARQLWrapper")

TOWNSHIPS = "SELECT ?township ?year WHERE { ?r tkg:township/rdfs:label ?township ; tkg:year ?year } ORDER BY ?year ?township"
# the seed build's five reports, as `kg query` and the README show them
EXPECTED = [("蔡江乡", "2022"), ("国宝乡", "2023"), ("大村乡", "2023"), ("白土乡", "2023"), ("付店镇", "2024")]


@pytest.fixture(scope="module")
def endpoint(seed_server):
    return seed_server + "/query"


def _client(endpoint: str, fmt: str, method: str):
    sparql = SPARQLWrapper.SPARQLWrapper(endpoint)
    sparql.setQuery(TOWNSHIPS)
    sparql.setReturnFormat(fmt)
    sparql.setMethod(method)
    return sparql.query()


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_serve_sparqlwrapper_json(endpoint, method):
    result = _client(endpoint, SPARQLWrapper.JSON, method)
    assert result.info()["content-type"].startswith("application/sparql-results+json")
    rows = result.convert()["results"]["bindings"]
    assert [(b["township"]["value"], b["year"]["value"]) for b in rows] == EXPECTED


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_serve_sparqlwrapper_xml(endpoint, method):
    result = _client(endpoint, SPARQLWrapper.XML, method)
    assert result.info()["content-type"].startswith("application/sparql-results+xml")
    doc = result.convert()                               # an xml.dom.minidom document
    values = [b.getElementsByTagName("literal")[0].firstChild.data for b in doc.getElementsByTagName("binding")]
    assert list(zip(values[::2], values[1::2], strict=True)) == EXPECTED


@pytest.mark.parametrize("fmt, media, delimiter", [("csv", "text/csv", ","), ("tsv", "text/tab-separated-values", "\t")])
def test_serve_sparqlwrapper_csv_and_tsv(endpoint, fmt, media, delimiter):
    result = _client(endpoint, getattr(SPARQLWrapper, fmt.upper()), "GET")
    assert result.info()["content-type"].startswith(media)
    text = result.convert().decode("utf-8")
    if fmt == "csv":
        assert list(csv.reader(io.StringIO(text))) == [["township", "year"], *map(list, EXPECTED)]
    else:                             # TSV writes RDF terms: "蔡江乡"@zh, "2022"^^<...#gYear>
        rows = [line.split(delimiter) for line in text.splitlines()]
        assert rows[0] == ["?township", "?year"] and rows[1][0] == '"蔡江乡"@zh'
        assert [(t.split('"')[1], y.split('"')[1]) for t, y in rows[1:]] == EXPECTED


def test_serve_sparqlwrapper_ask_and_a_refused_update(endpoint):
    sparql = SPARQLWrapper.SPARQLWrapper(endpoint)
    sparql.setQuery('ASK { ?t rdfs:label "国宝乡"@zh }')
    sparql.setReturnFormat(SPARQLWrapper.JSON)
    assert sparql.query().convert()["boolean"] is True
    sparql.setQuery('INSERT DATA { <http://example.org/a> <http://example.org/b> "c" }')
    sparql.setMethod(SPARQLWrapper.POST)
    with pytest.raises(Exception, match="403|read-only|Forbidden") as err:
        sparql.query()
    assert not isinstance(err.value, AssertionError)


def test_serve_sparqlwrapper_answered_while_a_runaway_query_runs(seed_graph):
    # issue 13: a query that runs forever is cut at the timeout with a clear error, and a real
    # client is answered meanwhile over the same server
    server = serve_in_thread(seed_graph, timeout_s=2.0)
    base = f"http://127.0.0.1:{server.server_port}/query"
    endless = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    got: dict = {}

    def runaway():
        try:
            urllib.request.urlopen(base + "?query=" + urllib.parse.quote(endless), timeout=20)
        except urllib.error.HTTPError as e:
            got["status"], got["body"] = e.code, e.read().decode()

    try:
        t = threading.Thread(target=runaway)
        t.start()
        time.sleep(0.3)
        start = time.monotonic()
        sparql = SPARQLWrapper.SPARQLWrapper(base)
        sparql.setQuery(TOWNSHIPS)
        sparql.setReturnFormat(SPARQLWrapper.CSV)
        assert sparql.query().convert().decode().splitlines()[1] == "蔡江乡,2022"
        assert time.monotonic() - start < 1.0
        t.join(20)
        assert got["status"] == 503 and "timeout" in got["body"]
    finally:
        server.shutdown()
        server.server_close()
