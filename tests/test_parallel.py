"""--jobs: extraction in several processes gives the very same graph as one process."""
from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

import kg
from kg.cli import app
from kg.export import render
from kg.pipeline import OUTPUTS

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
TOWNS = [("石桥镇", "青山县", "中华人民共和国宪法", "法律顾问制度"),
         ("柳河乡", "东平县", "中华人民共和国民法典", "一村一法律顾问"),
         ("白沙镇", "南城区", "中华人民共和国行政处罚法", "重大行政决策合法性审查机制"),
         ("红旗街道", "西山县", "中华人民共和国安全生产法", "行政执法公示制度"),
         ("新华镇", "北岭县", "中华人民共和国土地管理法", "首问负责制")]


def _corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i, (town, county, law, practice) in enumerate(TOWNS):
        (folder / f"r{i}.txt").write_text(
            f"{county}{town}\n关于2023年度法治政府建设情况报告\n"
            f"2023年，{town}坚持依法行政，组织机关干部集中学习《{law}》，建立{practice}，"
            f"全年发放宣传资料{100 * (i + 1)}份，开展“法律进乡村”活动{i + 2}场。\n"
            f"{town}将继续加强行政执法监督，规范执法程序。\n", encoding="utf-8")
    return folder


def test_parallel_build_same_graph_as_one_process(tmp_path):
    corpus = _corpus(tmp_path / "in")
    one, two = kg.build([corpus], jobs=1), kg.build([corpus], jobs=2)
    assert one.stats.reports == two.stats.reports == len(TOWNS)
    for name in ("graph.ttl", "graph.nq"):
        assert render(one, name) == render(two, name)
    assert one.summary() == two.summary()


def test_parallel_cli_jobs_outputs_byte_identical(tmp_path):
    corpus = _corpus(tmp_path / "in")
    runner = CliRunner()
    for jobs, out in (("1", "one"), ("2", "two")):
        result = runner.invoke(app, ["build", str(corpus), "--out", str(tmp_path / out), "--jobs", jobs,
                                     "--no-cache", "-q"])
        assert result.exit_code == 0, result.output
    for name in OUTPUTS:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name


def test_parallel_bad_file_reported_once_in_input_order(tmp_path):
    corpus = _corpus(tmp_path / "in")
    (corpus / "a-empty.txt").write_bytes(b"")
    (corpus / "z-empty.txt").write_bytes(b"")
    errors: list[str] = []
    graph = kg.build([corpus], jobs=2, on_error=lambda e: errors.append(str(e)))
    assert graph.stats.reports == len(TOWNS) and graph.stats.failed == 2
    assert len(errors) == 2 and "a-empty.txt" in errors[0] and "z-empty.txt" in errors[1]


def test_build_makes_no_reference_cycles(tmp_path):
    # kg.build and kg.write pause the cycle collector; that is only safe while they leave no
    # cyclic garbage behind (which would then pile up over thousands of reports)
    import gc

    corpus = _corpus(tmp_path / "in")
    kg.write(kg.build([SEEDS]), tmp_path / "first")      # imports and lexicons load once, with cycles
    gc.collect()
    gc.disable()
    try:
        graph = kg.build([corpus, SEEDS], cache=tmp_path / "out" / "c.sqlite")
        kg.write(graph, tmp_path / "out", formats=("nt",))
        assert graph.summary()["reports"] == len(TOWNS) + 5
        del graph
        left = gc.collect()
    finally:
        gc.enable()
    assert left == 0


def test_parallel_progress_reaches_the_total(tmp_path):
    corpus = _corpus(tmp_path / "in")
    for jobs in (1, 2):
        seen: list[tuple[int, int]] = []
        kg.build([corpus], jobs=jobs, cache=tmp_path / f"c{jobs}.sqlite", progress=lambda d, t, seen=seen: seen.append((d, t)))
        assert seen[-1] == (len(TOWNS), len(TOWNS))


def test_parallel_a_killed_worker_costs_only_its_report(tmp_path, monkeypatch):
    # issue 15 #11: one worker killed (what the OOM killer does) aborted the whole build with
    # BrokenProcessPool and 147 lines of tracebacks
    import os
    import signal

    import kg.parallel

    corpus = _corpus(tmp_path / "in")
    real = kg.parallel.process_report

    def deadly(path, max_bytes=None):
        if Path(path).name == "r2.txt":
            os.kill(os.getpid(), signal.SIGKILL)
        return real(path, max_bytes)

    monkeypatch.setattr(kg.parallel, "process_report", deadly)
    errors: list = []
    graph = kg.build([corpus], jobs=2, on_error=errors.append)
    assert graph.stats.reports == len(TOWNS) - 1
    assert [Path(e.path).name for e in errors] == ["r2.txt"]
    assert "died" in errors[0].reason
    text = render(graph, "graph.ttl").decode("utf-8")
    assert all(town in text for i, (town, *_) in enumerate(TOWNS) if i != 2)


def test_parallel_a_report_over_its_time_budget_is_one_error(tmp_path, monkeypatch):
    # issue 15 build item 2: nothing bounded the time spent on one file
    import time

    import kg.parallel

    corpus = _corpus(tmp_path / "in")
    real = kg.parallel.process_report

    def slow(path, max_bytes=None):
        if Path(path).name == "r1.txt":
            time.sleep(30)
        return real(path, max_bytes)

    monkeypatch.setattr(kg.parallel, "process_report", slow)
    monkeypatch.setenv("KG_REPORT_SECONDS", "1")
    errors: list = []
    start = time.monotonic()
    graph = kg.build([corpus], on_error=errors.append)
    assert time.monotonic() - start < 20
    assert graph.stats.reports == len(TOWNS) - 1
    assert [Path(e.path).name for e in errors] == ["r1.txt"] and "took over 1 s" in errors[0].reason
