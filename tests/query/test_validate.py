"""kg validate: SHACL shapes, a readable report, exit 1 on violations."""
from __future__ import annotations

import pyoxigraph as ox
from typer.testing import CliRunner

from kg.cli import app
from kg.graph import KnowledgeGraph
from kg.query.validate import validate

TKG = "https://w3id.org/township-kg/ontology#"
R = "https://w3id.org/township-kg/id/"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
BOOL = ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean")


def _township(code: str, label: ox.Literal | None) -> KnowledgeGraph:
    g = ox.NamedNode(R + "report-test")
    t = ox.NamedNode(R + "township-test")
    quads = [ox.Quad(t, RDF_TYPE, ox.NamedNode(TKG + "Township"), g),
             ox.Quad(t, ox.NamedNode(TKG + "code"), ox.Literal(code), g),
             ox.Quad(t, ox.NamedNode(TKG + "inRegister"), ox.Literal("true", datatype=BOOL), g)]
    if label is not None:
        quads.append(ox.Quad(t, LABEL, label, g))
    return KnowledgeGraph(quads)


def test_validate_seed_build_conforms(seed_graph):
    report = validate(seed_graph)
    assert report.conforms and not report.violations, report.text()
    assert "conform to" in report.text()


def test_validate_township_pass():
    assert validate(_township("130581200", ox.Literal("大村乡", language="zh"))).conforms


def test_validate_township_bad_code_xfail():
    report = validate(_township("12", ox.Literal("大村乡", language="zh")))
    assert not report.conforms
    paths = {p.path for p in report.violations}
    assert paths == {"tkg:code"}
    line = report.violations[0].line()
    assert "tkgr:township-test (大村乡)" in line and "township code" in line


def test_validate_township_missing_label_xfail():
    report = validate(_township("130581200", None))
    assert {p.path for p in report.violations} == {"rdfs:label"}


def test_validate_cli_exit_codes(seed_build, tmp_path):
    runner = CliRunner()
    ok = runner.invoke(app, ["validate", str(seed_build)])
    assert ok.exit_code == 0 and "conform to" in ok.output
    bad = tmp_path / "bad.nq"
    bad.write_bytes(ox.serialize(_township("12", ox.Literal("大村乡", language="zh")).quads,
                                 format=ox.RdfFormat.N_QUADS))
    failed = runner.invoke(app, ["validate", str(bad)])
    assert failed.exit_code == 1
    assert "Violation: tkgr:township-test (大村乡) tkg:code" in failed.output
