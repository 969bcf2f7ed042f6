"""The command line (kg/cli.py): help everywhere, exit codes, the summary line, and the query
command as a thin CLI over kg.query."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from kg import query as q
from kg.cli import app
from tests.conftest import write_report

runner = CliRunner()


def _commands():
    return sorted(get_command(app).commands)


def test_cli_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.startswith("kg ")


@pytest.mark.parametrize("name", _commands())
def test_cli_every_command_has_help_with_example(name):
    result = runner.invoke(app, [name, "--help"])
    assert result.exit_code == 0
    assert f"Example: kg {name}" in result.stdout, f"kg {name} --help has no example"


def test_cli_build_writes_outputs_and_summary(tmp_path):
    report = write_report(tmp_path / "in", "r.txt", "某县甲乡2023年法治政府建设工作报告\n2023年，甲乡组织学习《中华人民共和国宪法》，开展普法宣传3场次。\n")
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(report), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "graph.ttl").exists() and (out / "graph.html").exists()
    assert "1 reports" in result.output and "triples" in result.output


def test_cli_build_missing_input_exits_1_and_names_it(tmp_path):
    good = write_report(tmp_path, "good.txt", "甲乡2023年法治政府建设工作报告\n2023年，甲乡学习《中华人民共和国宪法》。\n")
    result = runner.invoke(app, ["build", str(good), str(tmp_path / "missing.txt"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert "missing.txt" in result.output
    assert "宪法" in (tmp_path / "o" / "graph.ttl").read_text(encoding="utf-8")


def test_cli_usage_error_exits_2():
    result = runner.invoke(app, ["build"])
    assert result.exit_code == 2


def test_cli_python_m_kg_runs():
    proc = subprocess.run([sys.executable, "-m", "kg", "--help"], capture_output=True, text=True)
    assert proc.returncode == 0 and "build" in proc.stdout


def test_cli_query_list_one_line_each():
    result = runner.invoke(app, ["query", "--list"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert [line.split("\t")[0] for line in lines] == [x.name for x in q.list_queries()]
    assert all(len(line.split("\t")) == 2 and line.split("\t")[1] for line in lines)


def test_cli_query_shipped_csv_with_param(seed_build):
    result = runner.invoke(app, ["query", "townships-citing-law", "--graph", str(seed_build),
                                 "--param", "law=中华人民共和国宪法", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("\ufeff")          # Excel reads the Chinese right (issue 13)
    rows = list(csv.DictReader(io.StringIO(result.output.removeprefix("\ufeff"))))
    assert {"大村乡", "国宝乡"} <= {r["township"] for r in rows}


def test_cli_query_text_json(seed_build):
    result = runner.invoke(app, ["query", "SELECT (COUNT(*) AS ?n) WHERE { ?r a tkg:Report }",
                                 "-g", str(seed_build), "-f", "json"])
    assert result.exit_code == 0 and json.loads(result.output) == [{"n": 5}]


def test_cli_query_show_binds_escaped(seed_build):
    result = runner.invoke(app, ["query", "townships-citing-law", "--show", "-p", 'law=a"b'])
    assert result.exit_code == 0 and 'STR(?name) = "a\\"b"' in result.output


def test_cli_query_missing_graph_names_it(tmp_path):
    result = runner.invoke(app, ["query", "law-ranking", "--graph", str(tmp_path / "nowhere")])
    assert result.exit_code != 0 and "nowhere" in str(result.exception)


def test_cli_start_up_pauses_the_cycle_collector_only_a_build_keeps_it_paused(tmp_path, monkeypatch):
    import gc

    from kg import cli

    report = write_report(tmp_path / "in", "r.txt", "某县甲乡2023年法治政府建设工作报告\n甲乡开展普法宣传3场次。\n")
    seen = {}
    monkeypatch.setattr(cli, "app", lambda: seen.setdefault("during main", gc.isenabled()))
    try:
        cli.main()
        assert seen == {"during main": False}
    finally:
        gc.enable()
    monkeypatch.undo()
    for argv, paused in ((["kg", "build", str(report), "--out", str(tmp_path / "out"), "-q"], True),
                         (["kg", "query", "--graph", str(tmp_path / "out"), "--no-store", "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1"], False)):
        monkeypatch.setattr(sys, "argv", argv)
        try:
            with pytest.raises(SystemExit) as done:
                cli.main()
            assert done.value.code in (0, None)
            assert gc.isenabled() is not paused, argv[1]       # a long-running command collects cycles
        finally:
            gc.enable()


def test_cli_program_ends_fast_but_runs_exit_handlers_flushes_and_keeps_exit_codes(tmp_path):
    # the `kg` program skips the interpreter's teardown: what a user sees must not change
    def run(*argv):
        code = ("import atexit, sys\natexit.register(lambda: print('exit handler ran'))\n"
                f"sys.argv = ['kg', *{list(argv)!r}]\nfrom kg.__main__ import entry\nentry()\n")
        return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)

    shown = run("query", "--list")
    assert shown.returncode == 0
    assert len(shown.stdout.splitlines()) > 3 and shown.stdout.endswith("exit handler ran\n")
    missing = run("build", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out"))
    assert missing.returncode == 1 and "nowhere" in missing.stderr
    assert run("build", "--no-such-option").returncode == 2
