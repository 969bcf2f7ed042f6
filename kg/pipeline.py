"""The build: files in, KnowledgeGraph out; bad files are reported and skipped."""
from __future__ import annotations

import time
from pathlib import Path
from typing import Callable, Iterable

from kg import ingest
from kg.errors import InputError
from kg.extract import extract
from kg.graph import BuildStats, KnowledgeGraph
from kg.model import ReportFacts

OUTPUTS = ("graph.ttl", "graph.html")


def process(path: Path) -> ReportFacts:
    """Read and extract one report file."""
    return extract(ingest.read(path))


def build(inputs: Iterable[str | Path], *, on_error: Callable[[InputError], None] | None = None,
          progress: Callable[[int, int], None] | None = None) -> KnowledgeGraph:
    """Build a graph from report files and folders (recursively).

    Example:
        >>> import kg
        >>> g = kg.build(["seeds/"])
        >>> g.summary()["reports"]
        5
    """
    t0 = time.perf_counter()
    files, problems = ingest.discover(inputs)
    stats = BuildStats()
    for p in problems:
        stats.errors.append(str(p))
        if on_error:
            on_error(p)
    facts: list[ReportFacts] = []
    for i, f in enumerate(files, 1):
        try:
            facts.append(process(f))
        except InputError as e:
            stats.failed += 1
            stats.errors.append(str(e))
            if on_error:
                on_error(e)
        if progress:
            progress(i, len(files))
    stats.reports = len(facts)
    stats.unresolved_regulations = len({m.label for f in facts for m in f.of("regulation")
                                        if not m.attrs.get("registered")})
    stats.unregistered_townships = sum(1 for f in facts if f.place is None or not f.place.registered)
    graph = KnowledgeGraph.from_facts(facts, stats)
    stats.seconds = time.perf_counter() - t0
    return graph


def write(graph: KnowledgeGraph, out_dir: str | Path) -> list[Path]:
    """Write graph.ttl and graph.html (and friends) into `out_dir`, each atomically."""
    from kg.export import export

    out = Path(out_dir)
    return [export(graph, out / name) for name in OUTPUTS]
