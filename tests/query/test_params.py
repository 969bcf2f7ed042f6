"""Parameters are bound as escaped SPARQL terms, typed by their declared default."""
from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg import query as q
from kg.errors import QueryError
from kg.query.params import bind, declared, placeholders

QUERY = """# test query
# param: law = 中华人民共和国宪法
# param: n = 2
SELECT ?x WHERE { ?x rdfs:label ?l . FILTER (STR(?l) = $law) } LIMIT 5
"""


def _store(*labels: str) -> ox.Store:
    s = ox.Store()
    for i, label in enumerate(labels):
        s.add(ox.Quad(ox.NamedNode(f"http://example.org/{i}"),
                      ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), ox.Literal(label, language="zh")))
    return s


def test_params_declared_with_defaults():
    assert declared(QUERY) == {"law": "中华人民共和国宪法", "n": "2"}
    assert placeholders(QUERY) == ["law"]


def test_params_default_bound_as_literal():
    assert 'FILTER (STR(?l) = "中华人民共和国宪法")' in bind(QUERY)


def test_params_injection_stays_one_literal():
    evil = '宪法") } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o . FILTER("'
    text = bind(QUERY, {"law": evil})
    # the whole value is one string literal: the query still parses as one SELECT
    rows = q.run(_store(evil, "other"), text)
    assert rows.column("x") == ["http://example.org/0"]


def test_params_quotes_backslashes_and_newlines_escaped():
    value = 'a"b\\c\nd'
    rows = q.run(_store(value), bind(QUERY, {"law": value}))
    assert len(rows) == 1


def test_params_integer_default_refuses_text():
    with pytest.raises(QueryError, match="integer"):
        bind("# param: n = 2\nSELECT * WHERE { ?s ?p ?o } LIMIT 1 # $n", {"n": "2 } DROP ALL"})


def test_params_integer_bound_typed():
    text = bind("# param: n = 2\nSELECT * WHERE { ?s ?p ?o FILTER(?o > $n) }", {"n": "5"})
    assert '"5"^^<http://www.w3.org/2001/XMLSchema#integer>' in text


def test_params_dollar_inside_strings_iris_and_comments_untouched():
    text = 'SELECT * WHERE { ?s ?p "$law" . ?s <http://x/$law> $law } # $law\n'
    assert bind(text, {"law": "x"}) == 'SELECT * WHERE { ?s ?p "$law" . ?s <http://x/$law> "x" } # $law\n'


def test_params_unknown_name_is_an_error():
    with pytest.raises(QueryError, match="unknown parameter 'lw'"):
        bind(QUERY, {"lw": "宪法"})


def test_params_iri_value_checked():
    text = "SELECT * WHERE { $s ?p ?o }"
    assert "<http://example.org/a>" in bind(text, {"s": "<http://example.org/a>"})
    with pytest.raises(QueryError, match="IRI"):
        bind(text, {"s": "<not an iri>"})


def test_params_cli_assignments():
    assert q.parse_assignments(["law=a=b", "n=2"]) == {"law": "a=b", "n": "2"}
    with pytest.raises(QueryError):
        q.parse_assignments(["law"])


def test_load_query_unknown_name_lists_shipped():
    with pytest.raises(QueryError, match="townships-citing-law"):
        q.load_query("no-such-query")


def test_load_query_from_file(tmp_path):
    path = tmp_path / "mine.rq"
    path.write_text("# my query\nSELECT ?x WHERE { ?x a tkg:Township }\n", encoding="utf-8")
    loaded = q.load_query(str(path))
    assert loaded.name == "mine" and loaded.description == "my query"


def test_run_syntax_error_is_query_error(seed_graph):
    with pytest.raises(QueryError, match="syntax"):
        q.run(seed_graph, "SELECT ?x WHERE { ?x a }")
