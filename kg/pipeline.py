"""The build: files in, KnowledgeGraph out; bad files are reported and skipped."""
from __future__ import annotations

import gc
import time
import warnings
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterable

from kg import ingest
from kg.errors import InputError, NoReports
from kg.graph import BuildStats, KnowledgeGraph

OUTPUTS = ("graph.ttl", "graph.html", "township_law.csv")
# `kg build --format`: graph files written besides OUTPUTS (nq/trig keep one named graph per report)
GRAPH_FORMATS = {"ttl": "turtle", "nt": "ntriples", "nq": "nquads", "trig": "trig", "jsonld": "jsonld"}


def build(inputs: Iterable[str | Path], *, on_error: Callable[[InputError], None] | None = None,
          progress: Callable[[int, int], None] | None = None,
          on_warning: Callable[[InputError], None] | None = None,
          max_report_mb: float | None = None, exclude: Iterable[str | Path] = (),
          jobs: int = 1, cache: str | Path | None = None) -> KnowledgeGraph:
    """Build a graph from report files and folders (recursively).

    `jobs` processes extract reports in parallel (0: one per CPU); the graph is the same
    for any number. `cache` is a cache file (kg.cache): reports whose bytes and extractor
    are unchanged are taken from it instead of being extracted again.

    Example:
        >>> import kg
        >>> g = kg.build(["seeds/"])
        >>> g.summary()["reports"]
        5
    """
    inputs = list(inputs)
    if on_error is None:                   # from Python: each unreadable input is a warning
        def on_error(e: InputError) -> None:
            warnings.warn(str(e), InputWarning, stacklevel=4)
    with paused_gc():
        graph = _build(inputs, on_error, progress, on_warning, max_report_mb, exclude, jobs, cache)
    if graph.stats.reports == 0:
        shown = ", ".join(str(i) for i in inputs[:3]) + (" …" if len(inputs) > 3 else "")
        raise NoReports(shown or "(no inputs)", "no report could be read; nothing to build")
    return graph


class InputWarning(UserWarning):
    """An input of a build from Python that could not be read (the CLI prints it as an error line)."""


def _build(inputs, on_error, progress, on_warning, max_report_mb, exclude, jobs, cache) -> KnowledgeGraph:
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
    notes: list[InputError] = []
    results, keys = _results(files, jobs, max_bytes, cache, progress, notes)
    chunks, views, unresolved = [], [], set()
    done: dict[str, list] = {}                 # cache key -> its chunks, for reports built
    for i, (f, r) in enumerate(zip(files, results)):
        if isinstance(r, InputError):
            stats.failed += 1
            stats.errors.append(str(r))
            if on_error:
                on_error(r)
            continue
        stats.reports += 1
        chunks.extend(r.chunks)
        if i in keys:
            done[keys[i]] = r.chunks
        views.append(r.view)
        unresolved.update(r.unresolved)
        if r.place == "none" and on_warning:
            on_warning(ingest.NoTownship(f, "no township name found; its facts are kept under an "
                                            "unidentified township (未识别乡镇)"))
    stats.unresolved_regulations = len(unresolved)
    if cache is None:
        graph = KnowledgeGraph.from_chunks(chunks, stats, views if all(views) else None)
    else:
        graph = _assembled(cache, chunks, stats, views if all(views) else None, done, notes)
    for note in {str(n): n for n in notes}.values():      # a broken cache is said once, not per use
        if on_warning:
            on_warning(note)
    stats.seconds = time.perf_counter() - t0
    return graph


def _assembled(cache, chunks, stats, views, done: dict[str, list], notes: list) -> KnowledgeGraph:
    """The graph, its union merged onto the last build's when this build only adds reports to
    it (the cache keeps the merged shared lines and the keys of the reports they came from)."""
    from kg.cache import BuildCache

    with BuildCache(cache) as store:
        last = store.assembly()
        base = None
        if last is not None and last[0] <= set(done):
            base = (last[1], [c for key, cs in done.items() if key not in last[0] for c in cs])
        graph = KnowledgeGraph.from_chunks(chunks, stats, views, base)
        graph.summary()                        # merges the union (kept by the graph for its outputs)
        if done and (last is None or last[0] != set(done)):
            store.save_assembly(list(done), graph.shared_blocks())
    notes.extend(store.notes)
    return graph


def _results(files: list[Path], jobs: int, max_bytes: int, cache: str | Path | None,
             progress: Callable[[int, int], None] | None, notes: list) -> tuple[list, dict[int, str]]:
    """ReportResult or InputError per file, in order: from the cache, else extracted; and the
    cache key of each file that has one."""
    from kg import parallel

    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        if progress:
            progress(done, len(files))

    if cache is None:
        return list(parallel.run(files, jobs=jobs, max_bytes=max_bytes, on_done=tick)), {}
    from kg.cache import BuildCache, report_key

    out: list = [None] * len(files)
    keys: dict[int, str] = {}
    with BuildCache(cache) as store:
        for i, f in enumerate(files):
            try:
                if f.stat().st_size > max_bytes:
                    continue        # too big: extraction reports the error
                keys[i] = report_key(f)
            except OSError:
                continue            # unreadable: extraction reports the error
            hit = store.get(keys[i])
            if hit is not None:
                out[i] = hit
                tick()
        todo = [i for i, r in enumerate(out) if r is None]
        for i, r in zip(todo, parallel.run([files[i] for i in todo], jobs=jobs, max_bytes=max_bytes,
                                           on_done=tick)):
            out[i] = r
            if i in keys and not isinstance(r, InputError):
                store.put(keys[i], r)
    notes.extend(store.notes)
    return out, keys


def write(graph: KnowledgeGraph, out_dir: str | Path, formats: Iterable[str] = ()) -> list[Path]:
    """Write graph.ttl and graph.html (and friends) into `out_dir`, all or none.

    Every output is rendered and written to a temporary file first; only then are they
    renamed into place, so an interrupted build leaves the previous outputs as they were.
    """
    from kg.export import write_all_atomic, writer

    out = Path(out_dir)
    unknown = [f for f in formats if f not in GRAPH_FORMATS]
    if unknown:
        from kg.errors import KGError

        raise KGError(f"unknown graph format {unknown[0]!r}; choose from {', '.join(GRAPH_FORMATS)}")
    names = list(dict.fromkeys([*OUTPUTS, *(f"graph.{f}" for f in formats)]))
    with paused_gc():
        return write_all_atomic({out / name: writer(graph, out / name) for name in names})


@contextmanager
def paused_gc():
    """Pause Python's cycle collector: a build makes no reference cycles (tested), but it keeps
    many objects alive, and the collector would walk them again and again (~15% of a build)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
