"""`kg query --lang zh` (Chinese columns, kinds and relations), --format tsv and --format xlsx."""
from __future__ import annotations

import builtins
import csv
import io
import json
from decimal import Decimal

import pytest
from typer.testing import CliRunner

from kg import query as q
from kg.cli import app
from kg.errors import QueryError
from kg.query import formats

runner = CliRunner()


def _query(seed_build, *args):
    result = runner.invoke(app, ["query", *args, "--graph", str(seed_build)])
    assert result.exit_code == 0, result.output
    return result


def test_lang_zh_table_headers_and_kind_names(seed_build):
    out = _query(seed_build, "law-ranking", "--param", "kind=Law", "--lang", "zh").output
    header, rule, first = out.splitlines()[:3]
    assert header.split() == ["法规", "类别", "乡镇数", "报告数"]
    assert first.split()[:2] == ["中华人民共和国宪法", "法律"]
    assert out.rstrip().endswith("行）")


def test_lang_default_stays_english(seed_build):
    """The scorer and users' scripts read the English names: they stay the default."""
    out = _query(seed_build, "law-ranking", "--param", "kind=Law", "--format", "csv").output
    rows = list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff"))))
    assert list(rows[0]) == ["law", "kind", "townships", "reports"] and rows[0]["kind"] == "Law"


def test_lang_zh_csv_json_tsv(seed_build):
    args = ("evidence", "--param", "object=宪法", "--lang", "zh")
    rows = list(csv.DictReader(io.StringIO(_query(seed_build, *args, "-f", "csv").output.removeprefix("\ufeff"))))
    assert rows[0]["乡镇"] and rows[0]["关系"] == "引用" and rows[0]["对象"].endswith("宪法")
    data = json.loads(_query(seed_build, *args, "-f", "json").output)
    assert data[0]["关系"] == "引用" and isinstance(data[0]["起始位置"], int)
    header, first = _query(seed_build, *args, "-f", "tsv").output.splitlines()[:2]
    assert header.split("\t") == ["乡镇", "关系", "对象", "报告", "起始位置", "结束位置", "原文", "句子"]
    assert first.split("\t")[3].startswith("https://w3id.org/township-kg/id/report-")


def test_lang_every_kind_and_relation_has_a_chinese_name():
    rows = q.Rows(["kind", "relation"], [("AdministrativeRegulation", "adopts"), ("PartyRegulation", "conducts"),
                                         ("PolicyDocument", "hasIndicator"), ("LocalDocument", "cites")])
    assert q.localize(rows, "zh").rows == [("行政法规/规章", "实行"), ("党内法规", "开展"), ("政策文件", "指标"),
                                           ("乡镇文件", "引用")]


def test_lang_every_shipped_column_has_a_chinese_name(seed_graph):
    """A new shipped query adds its columns to kg/data/query-columns.tsv."""
    for query in q.list_queries():
        columns = q.run(seed_graph, query).columns
        shown = q.localize(q.Rows(columns), "zh").columns
        assert all(a != b for a, b in zip(columns, shown, strict=True)), (query.name, columns, shown)
        assert len(set(shown)) == len(shown), query.name


def test_lang_unknown_columns_and_values_stay(seed_build):
    out = _query(seed_build, "SELECT ?township ?x WHERE { BIND ('cites' AS ?x) BIND('Law' AS ?township) }",
                 "--lang", "zh", "-f", "json").output
    assert json.loads(out) == [{"乡镇": "Law", "x": "cites"}]


def test_lang_unknown_language_is_a_usage_error(seed_build):
    result = runner.invoke(app, ["query", "law-ranking", "--graph", str(seed_build), "--lang", "fr"])
    assert result.exit_code == 2 and "--lang" in result.output


def test_lang_columns_file_errors_name_file_and_line(tmp_path, monkeypatch):
    bad = tmp_path / "columns.tsv"
    bad.write_text("column\tzh\tcells\ntownship\t乡镇\t\nkind\t类别\tterms\n", encoding="utf-8")
    monkeypatch.setattr(formats, "COLUMNS_FILE", bad)
    formats._columns.cache_clear()
    try:
        with pytest.raises(QueryError, match=r"columns.tsv:3"):
            q.localize(q.Rows(["kind"]), "zh")
    finally:
        formats._columns.cache_clear()


def test_tsv_cells_never_break_the_line():
    text = q.format_rows(q.Rows(["a", "b"], [("x\ty", "1\n2"), (None, Decimal("2.5"))]), "tsv")
    assert text == "a\tb\nx y\t1 2\n\t2.5\n"


def test_xlsx_opens_with_openpyxl_and_has_the_rows(seed_build, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    path = tmp_path / "laws.xlsx"
    _query(seed_build, "law-ranking", "--format", "xlsx", "--output", str(path), "--lang", "zh")
    sheet = openpyxl.load_workbook(path).active
    values = list(sheet.iter_rows(values_only=True))
    expected = q.run(q.open_graph(seed_build), "law-ranking")
    assert values[0] == ("法规", "类别", "乡镇数", "报告数")
    assert len(values) == len(expected) + 1
    assert values[1][0] == expected.rows[0][0] and values[1][2] == expected.rows[0][2]   # numbers as numbers


def test_xlsx_to_stdout_when_redirected(seed_build):
    pytest.importorskip("openpyxl")
    result = runner.invoke(app, ["query", "law-ranking", "--graph", str(seed_build), "-f", "xlsx"])
    assert result.exit_code == 0 and result.stdout_bytes.startswith(b"PK")


def test_xlsx_text_starting_with_equals_is_not_a_formula():
    openpyxl = pytest.importorskip("openpyxl")
    data = q.format_rows(q.Rows(["law"], [("=HYPERLINK(\"http://x\")",), ("a\x01b",)]), "xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert sheet["A2"].data_type == "s" and sheet["A2"].value.startswith("=HYPERLINK")
    assert sheet["A3"].value == "a b"


def test_xlsx_without_openpyxl_says_how_to_install(seed_build, tmp_path, monkeypatch):
    real_import = builtins.__import__

    def no_openpyxl(name, *args, **kwargs):
        if name.startswith("openpyxl"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_openpyxl)
    with pytest.raises(QueryError, match=r"township-kg\[xlsx\]"):
        q.format_rows(q.Rows(["a"], [(1,)]), "xlsx")


def test_xlsx_is_byte_identical_for_the_same_rows(monkeypatch):
    # openpyxl stamps the save time into the zip entries and docProps/core.xml
    import datetime as real

    from kg.query.formats import Rows, to_xlsx

    rows = Rows(["乡镇", "n"], [("付店镇", 3)])
    first = to_xlsx(rows)

    class Later(real.datetime):
        @classmethod
        def now(cls, tz=None):
            return real.datetime(2031, 5, 6, 7, 8, 9, tzinfo=tz)

        @classmethod
        def utcnow(cls):
            return real.datetime(2031, 5, 6, 7, 8, 9)

    monkeypatch.setattr(real, "datetime", Later)
    monkeypatch.setattr("time.localtime", lambda *a: (2031, 5, 6, 7, 8, 9, 0, 126, 0))
    assert to_xlsx(rows) == first
