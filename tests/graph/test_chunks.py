"""Report chunks: the merged union of sorted runs is the sorted set of all triples."""
from __future__ import annotations

import random

import pyoxigraph as ox
import pytest

from kg.graph import KnowledgeGraph, chunks, union

EX = "http://example.org/"


def _quads(n_graphs: int, seed: int) -> list[ox.Quad]:
    rng = random.Random(seed)
    shared = [ox.NamedNode(f"{EX}law-{i}") for i in range(5)]
    out = []
    for g in range(n_graphs):
        graph = ox.NamedNode(f"{EX}report-{g:03d}")
        for _ in range(30):
            s = rng.choice(shared + [ox.NamedNode(f"{EX}ev-{g}-{rng.randrange(9)}")])
            o = ox.Literal(rng.choice(["宪法", "民法典", 'a "quoted"\nline', "x"]), language="zh")
            out.append(ox.Quad(s, ox.NamedNode(EX + rng.choice("pq")), o, graph))
    return out


def test_chunks_merge_of_runs_equals_one_sort(monkeypatch):
    graph = KnowledgeGraph(_quads(40, 1))
    in_memory = list(graph.ntriple_lines())
    monkeypatch.setattr(union, "_RUN_BYTES", 2000)        # force many runs and a streamed merge
    assert list(graph.ntriple_lines()) == in_memory
    assert in_memory == sorted(set(in_memory))


def test_chunks_views_match_pyoxigraph_sorted_by_terms():
    quads = _quads(12, 2)
    graph = KnowledgeGraph(list(reversed(quads)))
    key = lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object))  # noqa: E731
    assert graph.quads == sorted(set(quads), key=key)
    triples = sorted({q.triple for q in quads}, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    assert graph.triples() == triples
    assert b"".join(graph.ntriple_lines()) == ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)


def test_chunks_summary_counts_each_typed_resource_once():
    tkg = "https://w3id.org/township-kg/ontology#"
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    law = ox.NamedNode(EX + "law")
    quads = [ox.Quad(law, rdf_type, ox.NamedNode(tkg + "Regulation"), ox.NamedNode(f"{EX}r{i}")) for i in range(3)]
    quads.append(ox.Quad(ox.NamedNode(EX + "r0"), rdf_type, ox.NamedNode(tkg + "Report"), ox.NamedNode(EX + "r0")))
    s = KnowledgeGraph(quads).summary()
    assert s["regulations"] == 1 and s["reports"] == 1 and s["triples"] == 2


def test_chunks_query_naming_a_graph_sees_report_graphs_after_plain_query():
    quads = _quads(3, 3)
    graph = KnowledgeGraph(quads)
    distinct = len({q.triple for q in quads})
    assert int(next(iter(graph.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))["n"].value) == distinct
    named = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert int(next(iter(graph.query(named)))["n"].value) == len(set(quads))
    assert len(graph.store) == distinct + len(set(quads))


def test_chunks_big_graph_store_on_disk_is_removed_with_graph(monkeypatch, tmp_path):
    import gc
    import tempfile

    import kg.graph

    monkeypatch.setattr(kg.graph, "STORE_IN_MEMORY_BYTES", 100)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    quads = _quads(3, 4)
    graph = KnowledgeGraph(quads)
    rows = list(graph.query("SELECT ?s WHERE { ?s ?p ?o }"))
    assert len(rows) == len({q.triple for q in quads})
    assert [p.name[:9] for p in tmp_path.iterdir()] == ["kg-store-"]
    del graph, rows
    gc.collect()
    assert list(tmp_path.iterdir()) == []


def test_chunks_line_search_finds_the_first_line_not_below_the_key():
    data = b"".join(sorted({f'<s{i % 37:03d}> <p> "{i}" .\n'.encode() for i in range(200)}))
    lines = data.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    for key in [b"", b"<s000>", b"<s017> <p>", b"<s036> <q>", b"<s999>", lines[5], lines[-1]]:
        want = next((starts[i] for i, line in enumerate(lines) if line >= key), len(data))
        assert chunks._line_at_or_after(data, key, 0) == want


R = "https://w3id.org/township-kg/id/"


def _report_lines(n: int, seed: int) -> list[list[bytes]]:
    """Lines of n reports: local subjects (evidence-, sentence-, report-) of their own, shared ones in common."""
    rng = random.Random(seed)
    out = []
    for g in range(n):
        sha = f"{rng.getrandbits(48):012x}"
        lines = [f'<{R}report-{sha}abcd> <{EX}p> "r{g}" .\n', f'<{R}township-1> <{EX}label> "镇" .\n']
        for i in range(rng.randrange(1, 6)):
            lines.append(f'<{R}evidence-{sha}-{i:012x}> <{EX}p> "证据 {i}" .\n')
            lines.append(f'<{R}sentence-{sha}-{i:012x}> <{EX}q> "句子 \\"{i}\\"" .\n')
            lines.append(f'<{R}regulation-{rng.randrange(4)}> <{EX}label> "法{i}" .\n')
        out.append([x.encode() for x in lines])
    return out


def test_chunks_union_of_segments_is_the_sorted_set_of_lines():
    reports = _report_lines(30, 5)
    packed = [chunks.pack(f"<{EX}g{i}>", lines, turtle=True) for i, lines in enumerate(reports)]
    want = sorted({x for lines in reports for x in lines})
    assert list(union.union_lines(packed)) == want
    assert all(len(c.segments) == 3 for c in packed)      # evidence, report, sentence
    assert b"".join(packed[0].lines()) == b"".join(sorted(set(reports[0])))


def test_chunks_overlapping_segments_are_merged_not_repeated():
    lines = _report_lines(3, 6)
    packed = [chunks.pack(f"<{EX}a>", lines[0]), chunks.pack(f"<{EX}b>", lines[0] + lines[1])]
    assert list(union.union_lines(packed)) == sorted(set(lines[0] + lines[1]))


@pytest.mark.parametrize("small", [False, True])
def test_chunks_turtle_of_segments_concatenates_to_turtle_of_the_whole(monkeypatch, small):
    import kg.graph
    from kg.export import render
    from kg.graph.vocab import PREFIXES

    if small:                  # many key ranges and blocks: subjects cut across them still write once
        monkeypatch.setattr(union, "_RUN_BYTES", 3000)
        monkeypatch.setattr(kg.graph, "_BLOCK_LINES", 3)
    reports = _report_lines(25, 7)
    graph = KnowledgeGraph(chunks=[chunks.pack(f"<{EX}g{i}>", lines, turtle=True) for i, lines in enumerate(reports)])
    whole = ox.serialize(ox.parse(b"".join(sorted({x for ls in reports for x in ls})), format=ox.RdfFormat.N_TRIPLES),
                         format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    assert render(graph, "graph.ttl") == whole
    assert graph.summary()["triples"] == len({x for ls in reports for x in ls})
