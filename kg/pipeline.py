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

OUTPUTS = ("graph.ttl", "graph.html", "township_law.csv")


def process(path: Path, max_bytes: int | None = None) -> ReportFacts:
    """Read and extract one report file."""
    return extract(ingest.read(path, max_bytes))


def build(inputs: Iterable[str | Path], *, on_error: Callable[[InputError], None] | None = None,
          progress: Callable[[int, int], None] | None = None,
          on_warning: Callable[[InputError], None] | None = None,
          max_report_mb: float | None = None, exclude: Iterable[str | Path] = ()) -> KnowledgeGraph:
    """Build a graph from report files and folders (recursively).

    Example:
        >>> import kg
        >>> g = kg.build(["seeds/"])
        >>> g.summary()["reports"]
        5
    """
    t0 = time.perf_counter()
    files, problems = ingest.discover(inputs, exclude)
    max_bytes = ingest.max_report_bytes(max_report_mb)
    stats = BuildStats()
    for p in problems:
        if isinstance(p, ingest.InputNote):  # skipped files are notes, not failures
            if on_warning:
                on_warning(p)
            continue
        stats.errors.append(str(p))
        if on_error:
            on_error(p)
    facts: list[ReportFacts] = []
    for i, f in enumerate(files, 1):
        try:
            facts.append(process(f, max_bytes))
            if facts[-1].place is None and on_warning:
                on_warning(ingest.NoTownship(f, "no township name found; its facts are kept under an "
                                                "unidentified township (未识别乡镇)"))
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
    """Write graph.ttl and graph.html (and friends) into `out_dir`, all or none.

    Every output is rendered and written to a temporary file first; only then are they
    renamed into place, so an interrupted build leaves the previous outputs as they were.
    """
    from kg.export import render, write_all_atomic

    out = Path(out_dir)
    return write_all_atomic({out / name: render(graph, out / name) for name in OUTPUTS})
