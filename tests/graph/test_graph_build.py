"""kg.graph.build writes terms as N-Triples text: the same text pyoxigraph's terms print."""
from __future__ import annotations

import json

import pyoxigraph as ox

from kg.extract import extract
from kg.graph import build, chunks, viewrecord
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


def _both_records(facts) -> tuple[dict, dict]:
    """A report's view record as the build makes it (its JSON, tidied) and as record_of reads it from the lines."""
    from kg.export.records import record_of

    made, view = build.report_graph(facts)
    return viewrecord.tidy(json.loads(chunks.decompress(view))), record_of(made[0].raw())


def test_build_view_record_is_what_the_lines_say():
    doc = from_text('东湖县新城镇\n关于2023年度法治政府建设情况的报告\n'
                    '2023年，新城镇认真学习《宪法》《中华人民共和国民法典》，推行“最多跑一次”改革，'
                    '开展“法律进乡村”活动3场，举办民法典专题讲座。新城镇再次学习宪法。\n')
    made, read = _both_records(extract(doc))
    assert made["evidence"] and made["aliases"] and made["towns"][0].county == "东湖县"
    assert made == read


def test_build_view_record_of_a_report_with_figures_and_no_township():
    doc = from_text('关于2023年度法治政府建设情况的报告\n'
                    '2023年，我们认真学习《中华人民共和国宪法》，建立“法律明白人”制度，开展普法培训12场，'
                    '发放宣传材料3000份，办结率达98.5%。推行“最多跑一次”改革。\n')
    made, read = _both_records(extract(doc))
    (town,) = made["towns"]
    assert town.label == "未识别乡镇（<text>）" and made["reports"][0].town == town.iri
    assert {(f.name, f.value, f.unit) for f in made["figures"]} == {
        ("开展普法培训", "12", "场"), ("发放宣传材料", "3000", "份"), ("办结率", "98.5", "%")}
    assert all(made["sentences"][f.sentence][f.start:f.end].endswith(f.unit) for f in made["figures"])
    assert made == read


def test_build_view_records_of_the_seeds_are_what_their_lines_say(seed_graph):
    from kg.export.records import record_of
    from kg.graph.iri import expand

    assert seed_graph.views is not None
    by_graph = {c.graph: c for c in seed_graph.chunks}
    for view in seed_graph.views:
        record = json.loads(chunks.decompress(view))
        assert list(record) == list(viewrecord.SECTIONS)
        for section, row in viewrecord.ROWS.items():       # each row: the declared fields, in order
            assert all(len(r) == len(row._fields) for r in record[section]), section
        chunk = by_graph[f"<{expand(record['reports'][0][0])}>"]
        assert viewrecord.tidy(record) == record_of(chunk.raw())
