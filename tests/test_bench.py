"""The benchmark runs end to end (a smoke test: no timing is asserted) and its corpus is deterministic."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.corpus import generate  # noqa: E402

KEYS = {"reports", "mb", "seconds", "reports_per_s", "peak_rss_mb", "jieba_seconds", "ratio", "queries"}


def test_bench_corpus_same_n_same_files_and_prefix_of_larger(tmp_path):
    a, b, c = generate(6, tmp_path / "a"), generate(6, tmp_path / "b"), generate(9, tmp_path / "c")
    files = sorted(p.name for p in a.glob("*.txt"))
    assert len(files) == 6 and files == sorted(p.name for p in b.glob("*.txt"))
    assert all((a / f).read_bytes() == (b / f).read_bytes() == (c / f).read_bytes() for f in files)
    sizes = [len((a / f).read_bytes()) for f in files]
    assert all(5_000 < s < 20_000 for s in sizes)
    assert len({(a / f).read_text(encoding="utf-8").splitlines()[0] for f in files}) > 1


def test_bench_run_100_reports_prints_json_last(tmp_path):
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--reports", "100",
                           "--corpus", str(tmp_path / "corpus"), "--jobs", "2", "--incremental"],
                          capture_output=True, text=True, timeout=1200)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert KEYS <= result.keys()
    assert result["reports"] == 100 and result["ratio"] > 0 and result["triples"] > 0
    assert result["parallel_identical"] is True
    assert set(result["queries"]) == {p.stem for p in (ROOT / "kg" / "query" / "queries").glob("*.rq")}
