"""kg build --format: N-Quads and TriG keep one named graph per report; N-Triples and JSON-LD parse."""
from __future__ import annotations

import pyoxigraph as ox

from kg.query import open_graph


def _reports(graph) -> set[str]:
    return {r["r"].value for r in graph.query("SELECT ?r WHERE { ?r a tkg:Report }")}


def test_exports_quads_keep_one_graph_per_report(quads_build, seed_graph):
    reports = _reports(seed_graph)
    assert len(reports) == 5
    for name in ("graph.nq", "graph.trig"):
        quads = list(ox.parse(path=str(quads_build / name)))
        graphs = {q.graph_name.value for q in quads}
        assert graphs == reports, name
        # each report's own node, and its facts, live in its own graph
        for q in quads:
            if q.predicate.value.endswith("#wasDerivedFrom"):
                assert q.object.value == q.graph_name.value


def test_exports_quads_union_equals_turtle(quads_build):
    def triples(name):
        return {x.triple for x in ox.parse(path=str(quads_build / name))}

    ttl, nq, nt = triples("graph.ttl"), triples("graph.nq"), triples("graph.nt")
    assert nq == ttl == nt


def test_exports_jsonld_parses(quads_build):
    triples = list(ox.parse(path=str(quads_build / "graph.jsonld"), format=ox.RdfFormat.JSON_LD))
    assert len(triples) > 1000


def test_exports_load_folder_prefers_quads(quads_build):
    g = open_graph(quads_build)
    rows = g.query("SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?g a tkg:Report } }")
    assert int(next(iter(rows))["n"].value) == 5


def test_exports_files_written_aside_by_child_processes_are_the_same_and_fail_cleanly(tmp_path):
    """`kg build` writes graph.ttl and the CSV in forked processes while it writes the page: the
    same bytes, work done `before` a child starts is shared with it, and a failure there (disk
    full) is the parent's OSError, with nothing half-written left."""
    import errno
    import os

    import pytest

    from kg.export import write_all_atomic

    shared: dict[str, bytes] = {}
    files = {tmp_path / "graph.ttl": lambda f: f.write(b"@prefix x: <urn:x#> .\n" * 1000),
             tmp_path / "graph.html": b"<html></html>",
             tmp_path / "m.csv": lambda f: f.write(shared["view"])}
    write_all_atomic(files, aside=[tmp_path / "graph.ttl", tmp_path / "m.csv"],
                     before={tmp_path / "m.csv": lambda: shared.setdefault("view", b"a,b\n")})
    assert (tmp_path / "graph.ttl").read_bytes() == b"@prefix x: <urn:x#> .\n" * 1000
    assert (tmp_path / "graph.html").read_bytes() == b"<html></html>"
    assert (tmp_path / "m.csv").read_bytes() == b"a,b\n"

    def full(f):
        f.write(b"half")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with pytest.raises(OSError) as raised:
        write_all_atomic({tmp_path / "graph.ttl": b"new", tmp_path / "graph.html": b"new", tmp_path / "m.csv": full},
                         aside=[tmp_path / "graph.ttl", tmp_path / "m.csv"])
    assert raised.value.errno == errno.ENOSPC and raised.value.filename == str(tmp_path / "m.csv")
    assert (tmp_path / "graph.html").read_bytes() == b"<html></html>"          # all or none
    assert (tmp_path / "graph.ttl").read_bytes() == b"@prefix x: <urn:x#> .\n" * 1000
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.html", "graph.ttl", "m.csv"]
