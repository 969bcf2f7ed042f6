"""The build: files in, KnowledgeGraph out; bad files are reported and skipped."""
from __future__ import annotations

import gc
import time
import warnings
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

from kg import ingest
from kg.errors import Duplicate, InputError, NoReports, shown
from kg.graph import BuildStats, KnowledgeGraph

if TYPE_CHECKING:
    from kg.ingest.manifest import Manifest

OUTPUTS = ("graph.ttl", "graph.html", "township_law.csv")
# `kg build --format`: graph files written besides OUTPUTS (nq/trig keep one named graph per report)
GRAPH_FORMATS = {"ttl": "turtle", "nt": "ntriples", "nq": "nquads", "trig": "trig", "jsonld": "jsonld"}


def build(inputs: Iterable[str | Path], *, on_error: Callable[[InputError], None] | None = None,
          progress: Callable[[int, int], None] | None = None,
          on_warning: Callable[[InputError], None] | None = None,
          max_report_mb: float | None = None, exclude: Iterable[str | Path] = (),
          jobs: int = 1, cache: str | Path | None = None,
          manifest: str | Path | None = None) -> KnowledgeGraph:
    """Build a graph from report files and folders (recursively).

    `jobs` processes extract reports in parallel (0: one per CPU); the graph is the same
    for any number. `cache` is a cache file (kg.cache): reports whose bytes and extractor
    are unchanged are taken from it instead of being extracted again. `manifest` is a CSV
    giving township, county and year of report files (kg.ingest.manifest); without it, a
    manifest.csv at the top of an input folder is used. Files with the same text (one report
    saved as .txt, .docx and .pdf) are built once, with a note (W104).

    Errors (unreadable inputs, bad manifest rows) go to `on_error`, notes and warnings to
    `on_warning`; left out, each is an InputWarning.

    Example:
        >>> import kg
        >>> g = kg.build(["seeds/"])
        >>> g.summary()["reports"]
        5
    """
    inputs = list(inputs)

    def warn(e: InputError) -> None:       # from Python: each unreadable input and each note is a warning
        warnings.warn(str(e), InputWarning, stacklevel=4)

    on_error, on_warning = on_error or warn, on_warning or warn
    with paused_gc():
        graph = _build(inputs, on_error, progress, on_warning, max_report_mb, exclude, jobs, cache, manifest)
    if graph.stats.reports == 0:
        shown = ", ".join(str(i) for i in inputs[:3]) + (" …" if len(inputs) > 3 else "")
        raise NoReports(shown or "(no inputs)", "no report could be read; nothing to build")
    return graph


class InputWarning(UserWarning):
    """An input of a build from Python that could not be read, or a note about one (a duplicate,
    a manifest row): the CLI prints each as an Error, Warning or Note line."""


def _build(inputs, on_error, progress, on_warning, max_report_mb, exclude, jobs, cache,
           manifest) -> KnowledgeGraph:
    t0 = time.perf_counter()
    files, problems = ingest.discover(inputs, exclude)
    max_bytes = ingest.max_report_bytes(max_report_mb)
    stats = BuildStats()
    given = _manifest(inputs, manifest, problems)
    for p in problems:
        if isinstance(p, ingest.InputNote):  # skipped files are notes, not failures
            if on_warning:
                on_warning(p)
            continue
        stats.errors.append(str(p))
        if on_error:
            on_error(p)
    rows = [given.given(f) for f in files]
    notes: list[InputError] = []
    results, keys = _results(files, jobs, max_bytes, cache, progress, notes, rows)
    kept = _kept(files, results, rows)
    chunks, views, unresolved = [], [], set()
    view_keys: list[str | None] = []           # the cache key of each view record
    done: dict[str, list] = {}                 # cache key -> its chunks, for reports built
    for i, (f, r) in enumerate(zip(files, results, strict=True)):
        if isinstance(r, InputError):
            stats.failed += 1
            stats.errors.append(str(r))
            if on_error:
                on_error(r)
            continue
        if kept.get(r.same_text, i) != i:
            if on_warning:
                on_warning(Duplicate(f, f"same text as {shown(files[kept[r.same_text]])}; counted once"))
            continue
        stats.reports += 1
        chunks.extend(r.chunks)
        if i in keys:
            done[keys[i]] = r.chunks
        views.append(r.view)
        view_keys.append(keys.get(i))
        unresolved.update(r.unresolved)
        if r.place == "none" and on_warning:
            on_warning(ingest.NoTownship(f, "no township name found; its facts are kept under an "
                                            "unidentified township (未识别乡镇)"))
    stats.unresolved_regulations = len(unresolved)
    if cache is None:
        graph = KnowledgeGraph.from_chunks(chunks, stats, views if all(views) else None)
    else:
        graph = _assembled(cache, chunks, stats, views if all(views) else None, done, notes)
        from kg.keptview import KeptView

        graph.view_keep = KeptView(cache, view_keys)
    for note in {str(n): n for n in notes}.values():      # a broken cache is said once, not per use
        if on_warning:
            on_warning(note)
    stats.seconds = time.perf_counter() - t0
    return graph


def _manifest(inputs: list, manifest: str | Path | None, problems: list[InputError]) -> "Manifest":
    """The manifest rows for this build (the one named, else each input folder's manifest.csv);
    its problems join the inputs' (and the manifests are no longer 'skipped' inputs)."""
    from kg.ingest import manifest as m

    paths = [Path(manifest)] if manifest is not None else m.found_in(inputs)
    if not paths:
        return m.Manifest()
    if not Path(paths[0]).is_file():
        problems.append(m.ManifestError(paths[0], "no such manifest file"))
        return m.Manifest()
    given = m.load(paths)
    used = set(given.files)
    problems[:] = [p for p in problems if not (isinstance(p, ingest.Skipped) and _resolved(p.path) in used)]
    problems.extend(given.problems)
    return given


def _resolved(path: str) -> Path | None:
    try:
        return Path(path).resolve()
    except (OSError, ValueError):
        return None


# which of several files with the same text is built: the plainest format, then the name
_FORMAT_ORDER = {".txt": 0, ".md": 1, ".docx": 2, ".docm": 2, ".pdf": 3}


def _kept(files: list[Path], results: list, rows: list) -> dict[str, int]:
    """same_text key -> the index of the file built for it: one with a manifest row first, then
    .txt > .md > .docx > .pdf > others, then by name and path (so any input order gives the same)."""
    kept: dict[str, int] = {}

    def rank(i: int) -> tuple:
        f = files[i]
        return rows[i] is None, _FORMAT_ORDER.get(f.suffix.lower(), 9), f.name, str(f)

    for i, r in enumerate(results):
        if isinstance(r, InputError) or not r.same_text:
            continue
        j = kept.get(r.same_text)
        if j is None or rank(i) < rank(j):
            kept[r.same_text] = i
    return kept


def _assembled(cache, chunks, stats, views, done: dict[str, list], notes: list) -> KnowledgeGraph:
    """The graph, its union merged onto the last build's when this build only adds reports to
    it (the cache keeps the merged shared lines and the keys of the reports they came from)."""
    from kg.cache import BuildCache, keep_anew

    with BuildCache(cache) as store:
        last = store.assembly()
        base, kept = None, 0
        if last is not None and last[0] <= set(done):
            base, kept = (last[1], [c for key, cs in done.items() if key not in last[0] for c in cs]), len(last[0])
        graph = KnowledgeGraph.from_chunks(chunks, stats, views, base)
        graph.summary()                        # merges the union (kept by the graph for its outputs)
        # kept anew unless only a few reports were added to the kept one: merging theirs again
        # each build costs less than writing every block again (kg.cache.keep_anew, as for the view)
        if done and (base is None or keep_anew(kept, len(done) - kept)):
            blocks = graph.shared_blocks()
            for b in blocks:                   # with their Turtle, made once: graph.ttl's writer
                b.add_turtle()                 # inherits it, later builds read it
            store.save_assembly(list(done), blocks)
    notes.extend(store.notes)
    return graph


def _results(files: list[Path], jobs: int, max_bytes: int, cache: str | Path | None,
             progress: Callable[[int, int], None] | None, notes: list,
             rows: list) -> tuple[list, dict[int, str]]:
    """ReportResult or InputError per file, in order: from the cache, else extracted; and the
    cache key of each file that has one. `rows`: each file's manifest row or None."""
    from kg import parallel

    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        if progress:
            progress(done, len(files))

    if cache is None:
        return list(parallel.run(files, jobs=jobs, max_bytes=max_bytes, on_done=tick, given=rows)), {}
    from kg.cache import BuildCache

    out: list = [None] * len(files)
    stats = {}
    for i, f in enumerate(files):
        try:
            st = f.stat()
        except OSError:
            continue                # unreadable: extraction reports the error
        if st.st_size <= max_bytes:            # too big: extraction reports the error
            stats[i] = (f, st)
    with BuildCache(cache) as store:
        keys = store.report_keys(stats, rows)
        hits = store.get_many(list(keys.values()))
        for i, key in keys.items():
            if key in hits:
                out[i] = hits[key]
                tick()
        todo = [i for i, r in enumerate(out) if r is None]
        for i, r in zip(todo, parallel.run([files[i] for i in todo], jobs=jobs, max_bytes=max_bytes,
                                           on_done=tick, given=[rows[i] for i in todo]), strict=True):
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
    from kg.export.graphview import collect

    out = Path(out_dir)
    unknown = [f for f in formats if f not in GRAPH_FORMATS]
    if unknown:
        from kg.errors import KGError

        raise KGError(f"unknown graph format {unknown[0]!r}; choose from {', '.join(GRAPH_FORMATS)}")
    names = list(dict.fromkeys([*OUTPUTS, *(f"graph.{f}" for f in formats)]))
    with paused_gc():
        graph.union_parts()         # merged here, once: the Turtle's writer process inherits it
        # graph.ttl and the CSV are written by processes of their own, the CSV's from the HTML
        # view read here first (graph.html is written from it meanwhile)
        csv = out / "township_law.csv"
        return write_all_atomic({out / name: writer(graph, out / name) for name in names},
                                aside=[out / "graph.ttl", csv], before={csv: lambda: collect(graph)})


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
