"""kg push reports its progress (report graphs sent of all), and a store failing midway still
gets its one error line with how many graphs were replaced before it."""
from __future__ import annotations

import subprocess
import sys

import pytest
from store_stub import StoreStub
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import StoreError
from kg.query.push import push


@pytest.fixture
def store():
    s = StoreStub()
    yield s
    s.close()


def test_push_progress_counts_every_report_graph(quads_build, store):
    seen = []
    done = push(quads_build, store.url, progress=lambda i, n: seen.append((i, n)))
    assert seen == [(i, done.graphs) for i in range(done.graphs + 1)]     # (0, n) first: the bar knows n
    assert done.graphs == store.puts == 5


def test_push_progress_stops_at_the_failing_graph(quads_build):
    failing = StoreStub(fail_at=3)
    seen = []
    try:
        with pytest.raises(StoreError, match=r"HTTP 500.*\(2 of 5 report graphs were replaced before it"):
            push(quads_build, failing.url, progress=lambda i, n: seen.append(i))
    finally:
        failing.close()
    assert seen == [0, 1, 2]


def test_push_cli_failure_is_one_error_line_after_the_bar(quads_build):
    failing = StoreStub(fail_at=2)
    try:
        proc = subprocess.run([sys.executable, "-m", "kg", "push", str(quads_build), "--store", failing.url],
                              capture_output=True, text=True, timeout=120)
    finally:
        failing.close()
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: [E500]")
    assert "1 of 5 report graphs were replaced before it" in lines[0]
    assert proc.stdout == ""


def test_push_cli_summary_without_a_terminal(quads_build, store):
    result = CliRunner().invoke(app, ["push", str(quads_build), "--store", store.url])
    assert result.exit_code == 0, result.output
    assert result.stderr.strip().splitlines() == [f"5 report graphs, {_triples(quads_build)} triples -> {store.url}"]


def _triples(build) -> int:
    return sum(1 for line in (build / "graph.nq").read_bytes().splitlines() if line.strip())
