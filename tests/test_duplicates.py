"""The same report saved in several formats is one report (issue 13: it was counted three times)."""
from __future__ import annotations

import sys
import warnings
from pathlib import Path

from typer.testing import CliRunner

import kg
from kg.cli import app
from kg.pipeline import InputWarning

sys.path.insert(0, str(Path(__file__).parent / "ingest"))
from makers import report, write_docx, write_text  # noqa: E402

runner = CliRunner()
FIGURES = "SELECT (COUNT(?i) AS ?n) WHERE { ?r a tkg:Report ; tkg:hasIndicator ?i }"


def _folder(tmp: Path, names=("a.txt", "a.docx")) -> Path:
    lines = report(town="付店镇", county="潢川县")
    for name in names:
        (write_docx if name.endswith(".docx") else write_text)(tmp / name, lines)
    write_text(tmp / "other.txt", report(town="柳河乡", county="东平县", law="中华人民共和国民法典"))
    return tmp


def test_duplicates_txt_and_docx_count_once_with_a_note(tmp_path):
    src = _folder(tmp_path / "in")
    result = runner.invoke(app, ["build", str(src), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == f"Note: [W104] {src / 'a.docx'}: same text as {src / 'a.txt'}; counted once"
    graph = kg.load(tmp_path / "out")
    files = sorted(r["f"].value for r in graph.query("SELECT ?f WHERE { ?r a tkg:Report ; tkg:sourceFile ?f }"))
    assert files == ["a.txt", "other.txt"]                        # the plain text is the one built
    assert graph.summary()["reports"] == 2


def test_duplicates_figures_not_multiplied(tmp_path):
    once = kg.build([_folder(tmp_path / "one", ("a.txt",))])
    twice = kg.build([_folder(tmp_path / "two", ("a.txt", "a.docx", "copy.txt"))], on_warning=lambda e: None)
    n = lambda g: int(next(iter(g.query(FIGURES)))["n"].value)  # noqa: E731
    assert n(twice) == n(once) > 0


def test_duplicates_ignore_spacing_and_width(tmp_path):
    lines = report(town="付店镇", county="潢川县")
    write_text(tmp_path / "a.txt", lines)
    spaced = [ln.replace("，", ",").replace("2023年", "２０２３ 年") for ln in lines]
    write_text(tmp_path / "b.md", [x for ln in spaced for x in (ln, "")])       # blank lines between paragraphs
    notes = []
    graph = kg.build([tmp_path], on_warning=notes.append)
    assert [n.code for n in notes] == ["W104"] and "b.md: same text as" in str(notes[0])
    assert graph.summary()["reports"] == 1


def test_duplicates_outputs_identical_in_any_order_and_with_jobs(tmp_path):
    src = _folder(tmp_path / "in", ("a.txt", "a.docx", "b.txt"))
    r1 = runner.invoke(app, ["build", str(src), "--out", str(tmp_path / "o1"), "--no-cache"])
    files = [src / n for n in ("other.txt", "b.txt", "a.docx", "a.txt")]
    r2 = runner.invoke(app, ["build", *map(str, files), "--out", str(tmp_path / "o2"), "--jobs", "2"])
    assert r1.exit_code == r2.exit_code == 0
    assert r1.stderr.count("W104") == r2.stderr.count("W104") == 2
    for name in ("graph.ttl", "graph.html", "township_law.csv"):
        assert (tmp_path / "o1" / name).read_bytes() == (tmp_path / "o2" / name).read_bytes(), name
    # and again from the cache of the second build
    r3 = runner.invoke(app, ["build", str(src), "--out", str(tmp_path / "o2")])
    assert r3.exit_code == 0 and r3.stderr.count("W104") == 2
    assert (tmp_path / "o1" / "graph.ttl").read_bytes() == (tmp_path / "o2" / "graph.ttl").read_bytes()


def test_duplicates_from_python_is_a_warning(tmp_path):
    src = _folder(tmp_path)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        kg.build([src])
    dup = [str(w.message) for w in caught if issubclass(w.category, InputWarning) and "W104" in str(w.message)]
    assert dup == [f"[W104] {src / 'a.docx'}: same text as {src / 'a.txt'}; counted once"]
