"""Extraction per report, in this process or in a pool of processes (并行抽取).

Each report is read, extracted and turned into its graph chunk on its own, so reports can
be spread over processes; what comes back is a small picklable ReportResult (the report's
compressed N-Triples plus the few facts the build summary needs), never a ReportFacts.
Results are returned in input order, so the graph and the messages are the same whatever
the number of processes.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import signal
import sys
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, Sequence

from kg.errors import InputError
from kg.graph.chunks import Chunk


@dataclass(frozen=True)
class ReportResult:
    """What one report contributes to a build."""

    path: str
    chunks: tuple[Chunk, ...]
    unresolved: tuple[str, ...] = ()      # regulation labels not in the national list
    place: str = "registered"             # registered | unregistered | none
    view: bytes = b""                     # its record for the HTML view, compressed JSON (kg.graph.build)
    same_text: str = ""                   # kg.ingest.same_text_key: equal for the same report in two formats


def process_report(path: str | Path, max_bytes: int | None = None, given=None) -> ReportResult:
    """Read, extract and graph one report file (raises InputError for a bad file); `given` is
    its manifest row (kg.ingest.manifest.Given), put over what extraction found."""
    from kg import ingest
    from kg.extract import extract
    from kg.graph.build import report_graph

    doc = ingest.read(path, max_bytes)
    facts = extract(doc)
    if given is not None:
        from kg.ingest.manifest import apply

        apply(facts, given)
    unresolved = tuple(sorted({m.label for m in facts.of("regulation") if not m.attrs.get("registered")}))
    place = "none" if facts.place is None else ("registered" if facts.place.registered else "unregistered")
    chunks, view = report_graph(facts)
    return ReportResult(str(path), tuple(chunks), unresolved, place, view, ingest.same_text_key(doc.text))


DEFAULT_REPORT_SECONDS = 300
ENV_REPORT_SECONDS = "KG_REPORT_SECONDS"


class _OverTime(Exception):
    pass


def report_seconds() -> float:
    """The time one report may take: $KG_REPORT_SECONDS, else 300 s (a real report takes under one)."""
    try:
        return float(os.environ.get(ENV_REPORT_SECONDS, "") or DEFAULT_REPORT_SECONDS)
    except ValueError:
        return DEFAULT_REPORT_SECONDS


def _safe(args: tuple):
    """process_report for a pool: errors travel back as (class, path, reason). A report over its
    time budget becomes one error, so one pathological file cannot hold the build."""
    path, max_bytes, given = args
    budget = report_seconds()
    timed = budget > 0 and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if timed:
        def over(signum, frame):
            raise _OverTime
        old = signal.signal(signal.SIGALRM, over)
        signal.setitimer(signal.ITIMER_REAL, budget)
    try:
        # without a manifest row, called as before (tests stand in for process_report with two arguments)
        return process_report(path, max_bytes) if given is None else process_report(path, max_bytes, given)
    except InputError as e:
        return (type(e), e.path, e.reason)
    except _OverTime:
        return (InputError, str(path), f"took over {budget:g} s (set {ENV_REPORT_SECONDS} to allow more); skipped")
    finally:
        if timed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old)


def _revive(result):
    if isinstance(result, tuple):
        cls, path, reason = result
        return cls(path, reason)
    return result


def warm_up() -> None:
    """Load the tokenizer, lexicons and registers once (before forking, workers share them)."""
    from kg import ingest
    from kg.extract import extract
    from kg.extract.pos import pos_table
    from kg.extract.tokens import tokenizer

    tokenizer()
    pos_table()                                 # jieba's word-tag table, ~1 s to load
    extract(ingest.from_text("某某县某某镇\n关于2023年度法治政府建设情况报告\n"
                             "2023年，某某镇认真学习《中华人民共和国宪法》，开展“法律进乡村”活动3场。\n"))


def can_fork() -> bool:
    """fork exists and this process may run on a second CPU (Linux): work can go to a forked
    child beside this process (elsewhere it is done in turn)."""
    return hasattr(os, "fork") and hasattr(os, "sched_getaffinity") and len(os.sched_getaffinity(0)) > 1


def default_jobs() -> int:
    """Processes to use for `--jobs 0`: the CPUs this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def run(paths: Sequence[str | Path], *, jobs: int = 1, max_bytes: int | None = None,
        on_done: Callable[[], None] | None = None,
        given: Sequence | None = None) -> Iterator[ReportResult | InputError]:
    """ReportResult (or the InputError) of each path, in the order of `paths`; `given` holds
    each path's manifest row or None (kg.ingest.manifest.Given)."""
    jobs = default_jobs() if jobs <= 0 else jobs
    given = list(given) if given is not None else [None] * len(paths)
    if jobs == 1 or len(paths) < 2:
        for p, g in zip(paths, given, strict=True):
            result = _revive(_safe((str(p), max_bytes, g)))
            if on_done:             # before the yield: a consumer may stop at the last result
                on_done()
            yield result
        from kg.graph.build import forget_entities

        forget_entities()           # ~30 MB this process has no more use for before the outputs
        return
    warm_up()
    # fork shares the warmed-up tokenizer with the workers; spawn (macOS, Windows) re-loads it
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    chunksize = max(1, min(16, len(paths) // (jobs * 8)))
    args = [(str(p), max_bytes, g) for p, g in zip(paths, given, strict=True)]
    i = 0
    while i < len(args):
        try:
            with _pool(min(jobs, len(args) - i), method) as pool:
                for result in pool.map(_safe, args[i:], chunksize=chunksize):
                    i += 1
                    if on_done:
                        on_done()
                    yield _revive(result)
        except BrokenProcessPool:
            # a worker died (the OOM killer, a crash in a library): the reports it may have held are
            # each run in a process of their own, so only the one that kills its process is lost
            for arg in args[i:i + 2 * jobs * chunksize]:
                i += 1
                result = _isolated(arg, method)
                if on_done:
                    on_done()
                yield _revive(result)


def _pool(workers: int, method: str) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=workers, mp_context=mp.get_context(method),
                               initializer=None if method == "fork" else warm_up)


def _isolated(arg: tuple, method: str):
    """_safe(arg) in a process of its own, tried twice; a report that loses both is one error."""
    for _ in range(2):
        try:
            with _pool(1, method) as pool:
                return pool.submit(_safe, arg).result()
        except BrokenProcessPool:
            continue
    return (InputError, arg[0], "the process extracting it died twice (killed: out of memory?); skipped")
