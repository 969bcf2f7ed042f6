"""kg.graph.build writes terms as N-Triples text: the same text pyoxigraph's terms print."""
from __future__ import annotations

import json

import pyoxigraph as ox

from kg.extract import extract
from kg.graph import build, chunks
from kg.ingest import from_text

XSD = "http://www.w3.org/2001/XMLSchema#"
HOSTILE = ["普通文字", 'say "hi"', "back\\slash", "tab\there", "line\nbreak", "bell\x07", "del\x7f",
           "non\ufffechar", "\u2028分隔", "emoji 😀", ""]


def test_build_literals_are_pyoxigraph_text():
    for text in HOSTILE:
        assert build.plain(text) == str(ox.Literal(text))
        assert build.zh(text) == str(ox.Literal(text, language="zh"))
    assert build.typed("2023", "gYear") == str(ox.Literal("2023", datatype=ox.NamedNode(XSD + "gYear")))
    assert build.decimal_literal(12000.0) == '"12000"^^<' + XSD + 'decimal>'


def test_build_iris_are_pyoxigraph_text():
    for iri in ("https://w3id.org/township-kg/id/report-0123abcd", "http://example.org/a%20b#x"):
        assert build._n(iri) == str(ox.NamedNode(iri))


def test_build_chunk_lines_parse_back_to_the_report_quads():
    doc = from_text('某某县某某镇\n关于2023年度法治政府建设情况的报告\n'
                    '2023年，某某镇认真学习《中华人民共和国宪法》，开展“法律进乡村”活动3场，"引号\\斜杠"。\n')
    facts = extract(doc)
    (chunk,) = build.report_chunks(facts)
    lines = chunk.raw().decode("utf-8")
    parsed = {str(t) for t in ox.parse(lines.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)}
    assert parsed == {str(q.triple) for q in build.report_quads(facts)}
    assert lines == "".join(sorted({f"{t} .\n" for t in parsed}))


def test_build_view_record_is_what_the_lines_say():
    from kg.export.graphview import record_of, tidy

    doc = from_text('东湖县新城镇\n关于2023年度法治政府建设情况的报告\n'
                    '2023年，新城镇认真学习《宪法》《中华人民共和国民法典》，推行“最多跑一次”改革，'
                    '开展“法律进乡村”活动3场，举办民法典专题讲座。新城镇再次学习宪法。\n')
    facts = extract(doc)
    made, view = build.report_graph(facts)
    record = json.loads(chunks.decompress(view))
    assert record["evidence"] and record["aliases"]
    assert tidy(record) == record_of(made[0].raw())
