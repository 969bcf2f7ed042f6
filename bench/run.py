"""Benchmark a build of N synthetic reports; the last line printed is one JSON object.

    python bench/run.py --reports 1000                  # full build vs the jieba floor
    python bench/run.py --reports 1000 --jobs 2          # also a parallel build: speedup
    python bench/run.py --reports 10000 --incremental    # also add one report to a cached build

Every measurement runs in a fresh process (bench/measure.py), one after the other:
  seconds       `kg build` of the corpus into an empty folder (one process, imports included;
                the cache is written, as a default `kg build` does, but nothing is in it yet)
  jieba_seconds `jieba.lcut` alone over the same texts in one process: the floor of any
                jieba-based extractor; ratio = seconds / jieba_seconds (same run, same load)
  rjieba_seconds `rjieba` cutting the same texts (the segmenter the build uses); ratio_rjieba
  peak_rss_mb   the build process's peak resident memory
  stages        seconds of the build by stage: start (interpreter, imports), extract (read,
                extract and graph each report, cache), merge (union of shared lines), write
  queries       seconds of each shipped SPARQL query on the built graph (kg.query.time_queries)
With --jobs N: parallel_seconds and speedup = seconds / parallel_seconds (outputs compared
byte for byte). With --incremental: the corpus plus one new report, built into the first
build's folder (its cache); incremental_fraction = incremental_seconds / seconds.
"""
from __future__ import annotations

import argparse
import filecmp
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.corpus import generate, report  # noqa: E402


def measure(*args: str) -> dict:
    """Run bench/measure.py in a fresh interpreter and return its JSON line. The disk is synced
    first: a build's fsyncs would otherwise wait on the gigabyte the last one left unwritten."""
    if hasattr(os, "sync"):
        os.sync()
    proc = subprocess.run([sys.executable, "-m", "bench.measure", *args], cwd=ROOT, capture_output=True,
                          text=True)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr)
        raise SystemExit(f"bench: measure {args[0]} failed (exit {proc.returncode})")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _same_outputs(a: Path, b: Path) -> bool:
    names = sorted(p.name for p in a.iterdir() if not p.name.startswith("."))
    # compared in blocks: read whole, two 570 MB graph.ttl would sit in this process, and a
    # measurement started after it (fork + exec) reports this process's peak RSS as its own
    return names == sorted(p.name for p in b.iterdir() if not p.name.startswith(".")) and all(
        filecmp.cmp(a / n, b / n, shallow=False) for n in names)


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--reports", type=int, required=True, help="number of synthetic reports (N)")
    ap.add_argument("--jobs", type=int, default=0, help="also time a build with this many processes")
    ap.add_argument("--incremental", action="store_true", help="also time adding one report to a cached build")
    ap.add_argument("--no-queries", action="store_true", help="skip timing the shipped queries")
    ap.add_argument("--corpus", type=Path, help="where the corpus is generated (default bench/corpus/N)")
    ap.add_argument("--work", type=Path, help="folder for build outputs (default: a temporary folder)")
    args = ap.parse_args(argv)

    n = args.reports
    corpus = generate(n, args.corpus or ROOT / "bench" / "corpus" / str(n))
    work = Path(args.work or tempfile.mkdtemp(prefix="kg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    log = lambda msg: print(msg, file=sys.stderr, flush=True)  # noqa: E731
    try:
        log(f"bench: {n} reports in {corpus}")
        full = measure("build", str(corpus), "--out", str(work / "full"), "--cache",
                       *(() if args.no_queries else ("--queries",)))
        log(f"bench: build {full['seconds']:.1f} s, peak {full['peak_rss_mb']:.0f} MB")
        floor = measure("jieba", str(corpus))
        log(f"bench: jieba.lcut {floor['jieba_seconds']:.1f} s")
        result = {
            "reports": n, "mb": round(floor["mb"], 2), "seconds": round(full["seconds"], 2),
            "reports_per_s": round(n / full["seconds"], 1), "peak_rss_mb": round(full["peak_rss_mb"]),
            "jieba_seconds": round(floor["jieba_seconds"], 2),
            "ratio": round(full["seconds"] / floor["jieba_seconds"], 3),
            **({"rjieba_seconds": round(floor["rjieba_seconds"], 2),
                "ratio_rjieba": round(full["seconds"] / floor["rjieba_seconds"], 2)} if "rjieba_seconds" in floor else {}),
            "triples": full["summary"]["triples"], "queries": full.get("queries", {}),
            "stages": full.get("stages", {}),
        }
        if args.jobs:
            par = measure("build", str(corpus), "--out", str(work / "parallel"), "--cache", "--jobs", str(args.jobs))
            result.update(jobs=args.jobs, parallel_seconds=round(par["seconds"], 2),
                          speedup=round(full["seconds"] / par["seconds"], 3),
                          parallel_identical=_same_outputs(work / "full", work / "parallel"))
            log(f"bench: --jobs {args.jobs} {par['seconds']:.1f} s")
        if args.incremental:
            extra = work / "new-report"
            extra.mkdir(exist_ok=True)
            name, text = report(n)                       # report N: not in the corpus of N
            (extra / name).write_text(text, encoding="utf-8")
            warm = measure("build", str(corpus), str(extra), "--out", str(work / "full"), "--cache")
            result.update(incremental_seconds=round(warm["seconds"], 2),
                          incremental_fraction=round(warm["seconds"] / full["seconds"], 3),
                          incremental_peak_rss_mb=round(warm["peak_rss_mb"]))
            log(f"bench: +1 report on the cached build {warm['seconds']:.1f} s")
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(result, ensure_ascii=False))
    return result


if __name__ == "__main__":
    main()
