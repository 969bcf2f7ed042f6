"""Rows rendered as an aligned table, CSV and JSON."""
from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import pytest

from kg.errors import QueryError
from kg.query.formats import Rows, format_rows

ROWS = Rows(["township", "value", "report"],
            [("国宝乡", Decimal("97.56"), "https://w3id.org/township-kg/id/report-1"), ("付店镇", 84, None)])


def test_formats_table_aligns_wide_characters():
    lines = format_rows(ROWS, "table").splitlines()
    assert lines[0].startswith("township  value")
    # CJK cells count two columns each: the value column starts at the same place on every row
    assert lines[2].index("97.56") - 3 == lines[3].index("84") - 3
    assert "tkgr:report-1" in lines[2] and lines[-1] == "(2 rows)"


def test_formats_csv_full_iris_and_empty_unbound():
    text = format_rows(ROWS, "csv")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert rows == [["township", "value", "report"],
                    ["国宝乡", "97.56", "https://w3id.org/township-kg/id/report-1"], ["付店镇", "84", ""]]


def test_formats_json_numbers_and_nulls():
    data = json.loads(format_rows(ROWS, "json"))
    assert data[0] == {"township": "国宝乡", "value": 97.56, "report": "https://w3id.org/township-kg/id/report-1"}
    assert data[1]["value"] == 84 and data[1]["report"] is None


def test_formats_unknown_is_error():
    with pytest.raises(QueryError):
        format_rows(ROWS, "xml")
