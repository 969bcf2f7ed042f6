"""Parameters written as analysts write them (issue 13): 行政许可法, 付店, 法律, 引用 find what the
graph stores as 中华人民共和国行政许可法, 付店镇, Law, cites; nonsense gets a suggestion on stderr,
and an ambiguous prefix is never silently picked.

The graph is made from hand-written facts (tests/facts_kit.py), so these tests pin
the matching whatever the extractors find.
"""
from __future__ import annotations

import warnings

import pytest
from facts_kit import law, report
from typer.testing import CliRunner

from kg import query as q
from kg.cli import app
from kg.errors import QueryError
from kg.graph import KnowledgeGraph
from kg.model import ReportFacts

CONSTITUTION, PERMIT, PUNISH = "中华人民共和国宪法", "中华人民共和国行政许可法", "中华人民共和国行政处罚法"
DISCIPLINE = "中国共产党纪律处分条例"

runner = CliRunner()


def facts() -> list[ReportFacts]:
    """Three townships, two of them starting with 大; 行政许可法 is cited by its full title only
    (no alias in the graph: the law register must find it), 宪法 also by its short name."""
    return [
        report("fudian-2023.txt", "付店镇", "汝阳县", 2023, [
            ("付店镇学习《中华人民共和国行政许可法》，规范审批。", [law(PERMIT)]),
            ("组织开展宪法宣传周活动，讲解宪法。", [("activity", "宪法宣传周", "宪法宣传周", {}),
                                                 law(CONSTITUTION, "宪法")]),
            ("全面推行行政执法公示制度。", [("mechanism", "行政执法公示制度", "行政执法公示制度", {})]),
        ]),
        report("dacun-2022.txt", "大村乡", "南宫市", 2022, [
            ("大村乡深入学习《中华人民共和国宪法》和《中华人民共和国行政处罚法》。",
             [law(CONSTITUTION), law(PUNISH)]),
            ("党员干部学习《中国共产党纪律处分条例》。", [law(DISCIPLINE, kind="party_rule")]),
        ]),
        report("dahe-2023.txt", "大河镇", "南宫市", 2023, [
            ("大河镇学习《中华人民共和国宪法》。", [law(CONSTITUTION)]),
        ]),
    ]


@pytest.fixture(scope="module")
def graph() -> KnowledgeGraph:
    return KnowledgeGraph.from_facts(facts())


@pytest.fixture(scope="module")
def build_dir(tmp_path_factory, graph):
    import kg

    out = tmp_path_factory.mktemp("param-matching")
    kg.write(graph, out)
    return out


def _run(graph, name: str, params: dict[str, str]) -> tuple[q.Rows, list[str]]:
    notes: list[str] = []
    rows = q.run(graph, name, params, on_note=lambda n: notes.append(str(n)))
    return rows, notes


@pytest.mark.parametrize("name, short, full", [
    ("townships-citing-law", {"law": "行政许可法"}, {"law": PERMIT}),
    ("law-ranking", {"kind": "法律"}, {"kind": "Law"}),
    ("law-ranking", {"kind": "law"}, {"kind": "Law"}),
    ("township-overview", {"township": "付店"}, {"township": "付店镇"}),
    ("law-cocitation", {"law": "宪法"}, {"law": CONSTITUTION}),
    ("evidence", {"object": "", "relation": "引用"}, {"object": "", "relation": "cites"}),
])
def test_param_matching_short_form_gives_rows_of_full_name(graph, name, short, full):
    expected, exact_notes = _run(graph, name, full)
    rows, notes = _run(graph, name, short)
    assert len(expected) >= 1 and exact_notes == []
    assert rows.rows == expected.rows
    (param, given), = ((k, v) for k, v in short.items() if v)
    assert notes == [f"已将 {param}={given} 解释为“{full[param]}”"]


def test_param_matching_rule_order(graph):
    how = lambda name, params: {k: r.rule for k, r in q.resolve_params(graph, name, params).items()}  # noqa: E731
    assert how("townships-citing-law", {"law": CONSTITUTION}) == {"law": "exact"}
    assert how("townships-citing-law", {"law": "宪法"}) == {"law": "alias"}          # skos:altLabel
    assert how("townships-citing-law", {"law": "行政许可法"}) == {"law": "register"}  # kg/data/laws.tsv
    assert how("townships-citing-law", {"law": "纪律处分"}) == {"law": "substring"}
    assert how("township-overview", {"township": "付店"}) == {"township": "suffix"}
    assert how("law-ranking", {"kind": "党内法规"}) == {"kind": "synonym"}
    assert how("law-ranking", {"kind": ""}) == {}                                   # empty: any


def test_param_matching_evidence_township_and_relation(graph):
    rows, notes = _run(graph, "evidence", {"object": "", "township": "大村", "relation": "引用"})
    assert {r["township"] for r in rows.dicts()} == {"大村乡"} and {r["relation"] for r in rows.dicts()} == {"cites"}
    assert len(notes) == 2


def test_param_matching_ambiguous_prefix_is_not_picked(graph):
    rows, notes = _run(graph, "township-overview", {"township": "大"})
    assert len(rows) == 0
    assert notes == ["提示: township=大 可指多个乡镇：大村乡、大河镇；未选用任何一个，请写出全名"]
    resolved = q.resolve_params(graph, "township-overview", {"township": "大"})["township"]
    assert resolved.rule == "ambiguous" and resolved.value == "大" and resolved.candidates == ("大村乡", "大河镇")


def test_param_matching_unknown_kind_lists_the_vocabulary(graph):
    rows, notes = _run(graph, "law-ranking", {"kind": "不存在的类别"})
    assert len(rows) == 0 and notes[0].startswith("提示: 没有名为“不存在的类别”的类别；您是否要找：")
    assert "Law（法律）" in notes[0] and "PartyRegulation（党内法规）" in notes[0]


def test_param_matching_from_python_warns(graph):
    with pytest.warns(q.ParamNote, match="已将 law=行政许可法") as caught:
        rows = q.run(graph, "townships-citing-law", {"law": "行政许可法"})
    assert rows.column("township") == ["付店镇"]
    assert caught[0].message.resolved.value == PERMIT
    with warnings.catch_warnings():
        warnings.simplefilter("error")               # an exact value is silent
        q.run(graph, "townships-citing-law", {"law": PERMIT})


def test_param_matching_cli_nonsense_suggests_on_stderr(build_dir):
    result = runner.invoke(app, ["query", "townships-citing-law", "--graph", str(build_dir),
                                 "--param", "law=行政许可X"])
    assert result.exit_code == 0
    assert result.stdout.rstrip().endswith("(0 rows)")
    line, = result.stderr.splitlines()
    assert line.startswith("提示: 没有名为“行政许可X”的法规；您是否要找：")
    suggested = line.split("：", 1)[1].split("、")
    assert suggested[0] == PERMIT and len(suggested) <= 5


def test_param_matching_cli_interpreted_on_stderr_rows_on_stdout(build_dir):
    result = runner.invoke(app, ["query", "township-overview", "--graph", str(build_dir),
                                 "--param", "township=付店", "--format", "csv"])
    assert result.exit_code == 0
    assert result.stderr == "已将 township=付店 解释为“付店镇”\n"
    assert "付店镇" in result.stdout and "已将" not in result.stdout


def test_param_matching_every_names_line_is_known():
    from kg.query.resolve import NAMED

    for query in q.list_queries():
        for param, what in query.names.items():
            assert what in NAMED, f"{query.name}: # names: {param} = {what}"
            assert param in query.params, f"{query.name}: # names: {param} has no # param: line"
    assert q.load_query("townships-citing-law").names == {"law": "regulation"}


def test_param_matching_unknown_names_line_is_an_error(graph):
    text = "# param: law =\n# names: law = statute\nSELECT * WHERE { ?s ?p $law }"
    with pytest.raises(QueryError, match="statute"):
        q.run(graph, text, {"law": "宪法"})
