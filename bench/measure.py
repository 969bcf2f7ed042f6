"""One measurement in a fresh process; bench/run.py starts these and reads their JSON line.

    python -m bench.measure build CORPUS... --out DIR [--jobs N] [--cache] [--queries]
    python -m bench.measure jieba CORPUS...

`build` is `kg build` (discover, read, extract, graph, write every output, summary), timed
from before `import kg`; `jieba` times `jieba.lcut` alone over the same files' text, first
call (dictionary loading) included, as a build includes loading its tokenizer.
"""
from __future__ import annotations

import time

T0 = time.perf_counter()

import argparse  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402


def _rss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # KB on Linux


def build(args) -> dict:
    import kg
    from kg.cache import CACHE_NAME

    t_import = time.perf_counter()
    graph = kg.build(args.inputs, jobs=args.jobs, cache=Path(args.out) / CACHE_NAME if args.cache else None)
    t_build = time.perf_counter()
    summary = graph.summary()                  # merges the union (kept for the outputs)
    t_merge = time.perf_counter()
    kg.write(graph, args.out)
    seconds = time.perf_counter() - T0
    stages = {"start": t_import - T0,          # interpreter and `import kg`
              "extract": t_build - t_import,   # read, extract, each report's lines/Turtle/view, cache
              "merge": t_merge - t_build,      # the union of the reports' shared lines
              "write": T0 + seconds - t_merge}  # graph.ttl, graph.html, township_law.csv
    out = {"seconds": seconds, "stages": {k: round(v, 2) for k, v in stages.items()},
           "peak_rss_mb": _rss_mb(resource.RUSAGE_SELF),
           "workers_peak_rss_mb": _rss_mb(resource.RUSAGE_CHILDREN), "summary": summary,
           "failed": graph.stats.failed}
    if args.queries:
        out["queries"] = queries(graph)
        out["peak_rss_mb_with_queries"] = _rss_mb(resource.RUSAGE_SELF)
    return out


def queries(graph) -> dict:
    """Seconds of each shipped query (kg.query.time_queries when it exists)."""
    try:
        from kg.query import time_queries
    except ImportError:
        time_queries = None
    if time_queries is not None:
        import kg.query

        # kg.query builds its store from graph.quads (a Python object per quad: ~6 GB at 10,000
        # reports); graph.store holds the same dataset (distinct triples + one graph per report)
        # loaded from N-Triples, on disk when big. Hand it over so the timing measures queries.
        stores = getattr(kg.query, "_STORES", None)
        if stores is not None:
            stores[graph] = graph.store
        return {k: round(v, 4) for k, v in time_queries(graph, repeat=3).items()}
    import re

    out = {}
    for rq in sorted((Path(__file__).parents[1] / "kg" / "query" / "queries").glob("*.rq")):
        text = rq.read_text(encoding="utf-8")
        for name, default in re.findall(r"^#\s*param:\s*(\w+)\s*=\s*(.*)$", text, re.M):
            text = text.replace(f"${name}", default.strip() if default.strip().startswith("<")
                                else json.dumps(default.strip(), ensure_ascii=False))
        t0 = time.perf_counter()
        list(graph.query(text))
        out[rq.stem] = round(time.perf_counter() - t0, 4)
    return out


def jieba_floor(args) -> dict:
    files = sorted(f for item in args.inputs for f in (Path(item).rglob("*.txt") if Path(item).is_dir() else [Path(item)]))
    texts = [f.read_text(encoding="utf-8") for f in files]
    t0 = time.perf_counter()
    import jieba

    jieba.setLogLevel(60)
    for text in texts:
        jieba.lcut(text)
    out = {"jieba_seconds": time.perf_counter() - t0, "reports": len(texts),
           "mb": sum(len(t.encode("utf-8")) for t in texts) / 1e6}
    try:                                       # the segmenter the build uses (kg/extract/segment.py)
        import rjieba
    except ImportError:
        return out
    t0 = time.perf_counter()
    cutter = rjieba.Jieba()
    for text in texts:
        cutter.cut(text, True)
    out["rjieba_seconds"] = time.perf_counter() - t0
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("what", choices=("build", "jieba"))
    ap.add_argument("inputs", nargs="+")
    ap.add_argument("--out")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--cache", action="store_true")
    ap.add_argument("--queries", action="store_true")
    args = ap.parse_args()
    result = build(args) if args.what == "build" else jieba_floor(args)
    sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
