"""The persistent query store (kg.query.store): made once per build, never answers for another."""
from __future__ import annotations

import multiprocessing
import os

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

import kg
from kg import query as q
from kg.cli import app
from kg.query import store as st
from tests.conftest import write_report

runner = CliRunner()
GRAPHS_PER_REPORT = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"
CITED = "SELECT ?law WHERE { [] tkg:cites/rdfs:label ?law } ORDER BY ?law"


def _build(reports, out, law: str, formats=()):
    write_report(reports, "a.txt", f"甲县新华乡2023年法治政府建设工作报告\n2023年，甲县新华乡学习《{law}》。\n")
    write_report(reports, "b.txt", "乙县和平镇2023年法治政府建设工作报告\n2023年，乙县和平镇学习《中华人民共和国宪法》。\n")
    kg.write(kg.build([reports]), out, formats=list(formats))
    return out


def _stores(out):
    root = out / st.STORE_DIR
    return sorted(p.name for p in root.iterdir() if not p.name.startswith(".")) if root.is_dir() else []


@pytest.fixture()
def small_build(tmp_path):
    return _build(tmp_path / "reports", tmp_path / "out", "中华人民共和国民法典", formats=["nq"])


def test_store_second_query_reuses_the_store(small_build, monkeypatch):
    first = runner.invoke(app, ["query", CITED, "--graph", str(small_build)])
    assert first.exit_code == 0, first.output
    [name] = _stores(small_build)
    made = (small_build / st.STORE_DIR / name).stat()

    def no_rebuild(*args, **kwargs):
        raise AssertionError("the store was made again for an unchanged build")

    monkeypatch.setattr(st, "_create", no_rebuild)
    second = runner.invoke(app, ["query", CITED, "--graph", str(small_build)])
    assert second.exit_code == 0 and second.output == first.output
    again = (small_build / st.STORE_DIR / name).stat()
    assert (again.st_ino, again.st_mtime_ns) == (made.st_ino, made.st_mtime_ns)
    assert _stores(small_build) == [name]


def test_store_rebuilt_graph_is_never_answered_from_the_stale_store(tmp_path):
    out = _build(tmp_path / "reports", tmp_path / "out", "中华人民共和国民法典")
    before = q.run(q.open_dataset(out), CITED).column("law")
    assert "中华人民共和国民法典" in before
    [old] = _stores(out)
    _build(tmp_path / "reports", out, "中华人民共和国行政许可法")        # same folder, new content
    after = q.run(q.open_dataset(out), CITED).column("law")
    assert "中华人民共和国行政许可法" in after and "中华人民共和国民法典" not in after
    assert after == q.run(q.open_graph(out), CITED).column("law")
    assert old not in _stores(out) and len(_stores(out)) == 1          # the stale store is gone


def test_store_same_size_same_time_other_bytes_is_a_new_store(small_build):
    """A file edited in place to the same size and modification time (no rename) still differs."""
    q.run(q.open_dataset(small_build), CITED)
    path = small_build / "graph.nq"
    data, st_before = path.read_bytes(), path.stat()
    changed = data.replace("民法典".encode(), "民法甲".encode())
    assert len(changed) == len(data) and changed != data
    path.write_bytes(changed)
    os.utime(path, ns=(st_before.st_atime_ns, st_before.st_mtime_ns))
    assert "中华人民共和国民法甲" in q.run(q.open_dataset(small_build), CITED).column("law")


@pytest.mark.parametrize("formats", [(), ("nq",), ("trig",)])
def test_store_answers_equal_the_in_memory_ones(seed_graph, tmp_path, formats):
    out = tmp_path / "out"
    kg.write(seed_graph, out, formats=list(formats))
    store, memory = q.open_dataset(out), q.open_graph(out)
    assert isinstance(store, st.BuildStore)
    for query in [*q.list_queries(), GRAPHS_PER_REPORT, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"]:
        a, b = q.run(memory, query), q.run(store, query)
        assert (a.columns, a.rows) == (b.columns, b.rows), getattr(query, "name", query)
    # the dataset itself: union in the default graph, reports as named graphs
    assert set(store.store_for(GRAPHS_PER_REPORT)) == set(memory.store)
    default = ox.DefaultGraph()
    assert set(store.store_for(CITED)) == set(memory.store.quads_for_pattern(None, None, None, default))


def test_store_report_graphs_made_only_when_a_query_names_graphs(small_build):
    data = q.open_dataset(small_build)
    q.run(data, CITED)
    assert len(_stores(small_build)) == 1
    rows = q.run(data, GRAPHS_PER_REPORT)
    assert len(rows) == 2 and len(_stores(small_build)) == 2
    assert rows.rows == q.run(q.open_graph(small_build), GRAPHS_PER_REPORT).rows


def test_store_no_store_option_leaves_no_folder(small_build):
    result = runner.invoke(app, ["query", CITED, "--graph", str(small_build), "--no-store"])
    assert result.exit_code == 0 and "中华人民共和国民法典" in result.output
    assert not (small_build / st.STORE_DIR).exists()


def test_store_unwritable_folder_falls_back_to_memory(small_build, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError("read-only file system")

    monkeypatch.setattr(st.tempfile, "mkdtemp", refuse)
    data = q.open_dataset(small_build)
    assert isinstance(data, kg.KnowledgeGraph)
    assert "中华人民共和国民法典" in q.run(data, CITED).column("law")


def test_store_damaged_store_is_made_again(small_build):
    q.run(q.open_dataset(small_build), CITED)
    [name] = _stores(small_build)
    for f in (small_build / st.STORE_DIR / name).iterdir():
        f.unlink()
    assert "中华人民共和国民法典" in q.run(q.open_dataset(small_build), CITED).column("law")


def test_store_is_ignored_by_git_and_by_builds(small_build):
    q.run(q.open_dataset(small_build), CITED)
    assert (small_build / st.STORE_DIR / ".gitignore").read_text().splitlines()[-1] == "*"


def test_store_file_graph_is_read_in_memory(small_build):
    data = q.open_dataset(small_build / "graph.nq")
    assert isinstance(data, kg.KnowledgeGraph) and not (small_build / st.STORE_DIR).exists()


def _first_query(out, results):
    results.put(q.run(q.open_dataset(out), CITED).column("law"))


def test_store_concurrent_first_queries_agree(small_build):
    """Two processes making the store at once: both answer, one store remains, no temp left."""
    ctx = multiprocessing.get_context("spawn")
    results = ctx.Queue()
    procs = [ctx.Process(target=_first_query, args=(small_build, results)) for _ in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    answers = [results.get(timeout=5) for _ in procs]
    assert all(p.exitcode == 0 for p in procs)
    assert answers[0] == answers[1] and "中华人民共和国民法典" in answers[0]
    assert len(_stores(small_build)) == 1
    assert not [p for p in (small_build / st.STORE_DIR).iterdir() if p.name.startswith(".tmp-")]
