"""The manifest: township, county and year for reports whose text lacks them (issue 13)."""
from __future__ import annotations

import sys
from pathlib import Path

from typer.testing import CliRunner

import kg
from kg.cli import app
from kg.ingest import manifest

sys.path.insert(0, str(Path(__file__).parent / "ingest"))
from makers import report, write_text  # noqa: E402

runner = CliRunner()
# a report that never names its township (我镇), its county or its year
NAMELESS = ["法治政府建设工作报告",
            "今年，我镇坚持依法行政，组织机关干部集中学习《中华人民共和国宪法》，建立法律顾问制度，"
            "全年发放宣传资料1200份。"]
PLACE = """SELECT ?town ?code ?county ?countyCode ?year ?placeSource ?yearSource WHERE {
  ?r a tkg:Report ; tkg:sourceFile $file ; tkg:township ?t .
  ?t rdfs:label ?town . OPTIONAL { ?t tkg:code ?code }
  OPTIONAL { ?t tkg:partOf ?c . ?c rdfs:label ?county . OPTIONAL { ?c tkg:code ?countyCode } }
  OPTIONAL { ?r tkg:year ?year } OPTIONAL { ?r tkg:placeSource ?placeSource } OPTIONAL { ?r tkg:yearSource ?yearSource }
}"""

VARS = ("town", "code", "county", "countyCode", "year", "placeSource", "yearSource")


def _place(graph, file: str) -> dict:
    rows = list(graph.query(PLACE.replace("$file", f'"{file}"')))
    assert len(rows) == 1, rows
    return {k: None if rows[0][k] is None else rows[0][k].value for k in VARS}


def _reports(folder: Path, csv: str, encoding: str = "utf-8") -> Path:
    write_text(folder / "无名.txt", NAMELESS)
    write_text(folder / "sub" / "named.txt", report(town="柳河乡", county="东平县"))
    (folder / "manifest.csv").write_bytes(csv.encode(encoding))
    return folder


def test_manifest_sets_township_the_text_never_names(tmp_path):
    src = _reports(tmp_path / "in", "file,township,county,year\n无名.txt,付店镇,潢川县,2024\n")
    result = runner.invoke(app, ["build", str(src), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "W102" not in result.stderr and "manifest.csv" not in result.stderr   # no 'skipped .csv' note
    place = _place(kg.load(tmp_path / "out"), "无名.txt")
    assert place == {"town": "付店镇", "code": "411526106", "county": "潢川县", "countyCode": "411526",
                     "year": "2024", "placeSource": "manifest", "yearSource": "manifest"}


def test_manifest_county_picks_the_official_code_of_a_repeated_name(tmp_path):
    # 城关镇 is in 88 counties: the given county makes it one
    src = _reports(tmp_path, "文件,乡镇,县级单位,年度\n无名.txt,城关镇,清水河县,\n", "utf-8-sig")
    place = _place(kg.build([src]), "无名.txt")
    assert (place["town"], place["code"], place["county"]) == ("城关镇", "150124100", "清水河县")
    assert place["year"] is None and place["yearSource"] is None


def test_manifest_empty_cells_keep_what_extraction_found(tmp_path):
    src = _reports(tmp_path, "file,township,county,year\nsub/named.txt,,,2022\n")
    place = _place(kg.build([src], on_warning=lambda e: None), "named.txt")
    assert (place["town"], place["county"], place["year"]) == ("柳河乡", "东平县", "2022")
    assert place["placeSource"] is None and place["yearSource"] == "manifest"


def test_manifest_bad_row_is_one_error_with_file_and_line_others_apply(tmp_path):
    src = _reports(tmp_path / "in", "file,township,county,year\nsub/named.txt,,,20x3\n无名.txt,付店镇,潢川县,\n"
                                    "gone.txt,付店镇,,\n")
    result = runner.invoke(app, ["build", str(src), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    m = src / "manifest.csv"
    assert result.stderr.splitlines()[:2] == [
        f"Error: [E103] {m}:2: sub/named.txt: year '20x3' is not a year (write it as 2023); row not applied",
        f"Warning: [W105] {m}:4: gone.txt: no such file; row not applied"]
    graph = kg.load(tmp_path / "out")
    assert _place(graph, "无名.txt")["town"] == "付店镇"
    assert _place(graph, "named.txt")["year"] == "2023"


def test_manifest_named_on_the_command_line_and_with_jobs(tmp_path):
    src = _reports(tmp_path / "in", "")
    (src / "manifest.csv").unlink()
    elsewhere = tmp_path / "lists" / "清单.csv"
    elsewhere.parent.mkdir()
    elsewhere.write_text("file,township,county\n../in/无名.txt,付店镇,潢川县\n", encoding="utf-8")
    outs = []
    for n, jobs in enumerate(("1", "2")):
        out = tmp_path / f"out{n}"
        result = runner.invoke(app, ["build", str(src), "--out", str(out), "--manifest", str(elsewhere), "-j", jobs])
        assert result.exit_code == 0, result.output
        outs.append((out / "graph.ttl").read_bytes())
    assert outs[0] == outs[1]
    assert _place(kg.load(tmp_path / "out0"), "无名.txt")["code"] == "411526106"


def test_manifest_change_is_not_hidden_by_the_cache(tmp_path):
    src = _reports(tmp_path / "in", "file,township,county\n无名.txt,付店镇,潢川县\n")
    out = tmp_path / "out"
    assert runner.invoke(app, ["build", str(src), "--out", str(out)]).exit_code == 0
    (src / "manifest.csv").write_text("file,township,county\n无名.txt,城关镇,清水河县\n", encoding="utf-8")
    assert runner.invoke(app, ["build", str(src), "--out", str(out)]).exit_code == 0
    assert _place(kg.load(out), "无名.txt")["town"] == "城关镇"


def test_manifest_load_names_each_bad_row(tmp_path):
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    m = tmp_path / "m.csv"
    m.write_text("file,township,county,year,备注\n"      # an unknown column: said, then ignored
                 "a.txt,付店镇,潢川县,2024,x\n"
                 "a.txt,,,2023\n"                        # the same file again
                 "a.txt,付 店 镇,,\n"                     # not a name
                 ",付店镇,,\n"                            # no file
                 "a.txt,付店镇,潢川县,2024,x,y\n", encoding="utf-8")
    got = manifest.load([m])
    assert [(str(e).split(": ")[0], e.code) for e in got.problems] == [
        (f"[E103] {m}:1", "E103"), (f"[E103] {m}:3", "E103"), (f"[E103] {m}:4", "E103"),
        (f"[E103] {m}:5", "E103"), (f"[E103] {m}:6", "E103")]
    assert "already given on" in str(got.problems[1])
    assert got.rows == {(tmp_path / "a.txt").resolve(): manifest.Given("付店镇", "潢川县", 2024)}
