"""The query commands: thin CLI over kg.query, help with an Example line."""
from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from kg import query as q
from kg.cli import app

runner = CliRunner()


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


@pytest.mark.parametrize("command", ["query", "serve", "push", "validate"])
def test_cli_help_has_example(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0 and "Example: kg " + command in result.output
