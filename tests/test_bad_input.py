"""Bad input, end to end through `kg build`: one line per bad file, the right exit code,
and every good file's facts still in the output."""
from __future__ import annotations

import io
import random
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app

sys.path.insert(0, str(Path(__file__).parent / "ingest"))
from makers import labels, report, write_docx, write_pdf, write_text  # noqa: E402

runner = CliRunner()
LAW = "中华人民共和国宪法"


def _junk(n: int, seed: int = 7) -> bytes:
    rnd = random.Random(seed)
    return bytes(rnd.randrange(256) for _ in range(n))


def _half(path: Path) -> bytes:
    data = path.read_bytes()
    return data[: len(data) // 2]


def _docx_with_bad_xml(tmp: Path) -> bytes:
    good = write_docx(tmp / "src.docx", report())
    buf = io.BytesIO()
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(buf, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            dst.writestr(item, b"<w:document><w:body><w:p>" if item.filename == "word/document.xml" else data)
    return buf.getvalue()


# name, bytes maker (given a scratch folder), expected stderr reason
BAD = [
    ("empty.txt", lambda t: b"", "empty file"),
    ("blank.md", lambda t: b" \r\n\t\n  ", "empty file"),
    ("junk.txt", lambda t: _junk(3000), "binary file"),
    ("junk.docx", lambda t: _junk(3000), "not a .docx file"),
    ("truncated.docx", lambda t: _half(write_docx(t / "src.docx", report())), "truncated"),
    ("broken.docx", _docx_with_bad_xml, "corrupt .docx file"),
    ("truncated.pdf", lambda t: _half(write_pdf(t / "src.pdf", report(), repeat=20)), "corrupt or truncated PDF"),
    ("junk.pdf", lambda t: b"%PDF-1.4\n" + _junk(3000), "corrupt or truncated PDF"),
    ("scan.pdf", lambda t: write_pdf(t / "src.pdf", report(), text=False).read_bytes(), "no text layer"),
    ("english.txt", lambda t: b"Annual report on the rule of law.\nNothing here is Chinese.\n", "no Chinese text"),
]


def _huge(path: Path) -> None:
    """50 MB of report prose: built for real it would need several GB of memory."""
    block = ("\n".join(report()).encode("utf-8") + b"\n") * 1024
    with open(path, "wb") as f:
        for _ in range(50 * 2**20 // len(block) + 1):
            f.write(block)
        f.truncate(50 * 2**20)


def _good(folder: Path) -> Path:
    return write_text(folder / "good.txt", report())


def _build(*args: str, env: dict | None = None):
    return runner.invoke(app, ["build", *args, "-q"], env=env)


def _stderr_lines(result) -> list[str]:
    return [ln for ln in result.stderr.splitlines() if ln.strip()]


@pytest.mark.parametrize("name, make, reason", BAD, ids=[b[0] for b in BAD])
def test_bad_input_one_line_exit_1_good_facts_kept(tmp_path, name, make, reason):
    folder = tmp_path / "in"
    _good(folder)
    (folder / name).write_bytes(make(tmp_path))
    out = tmp_path / "out"
    result = _build(str(folder), "--out", str(out))
    assert result.exit_code == 1, result.stderr
    lines = _stderr_lines(result)
    assert len(lines) == 1, lines
    assert lines[0].startswith("Error: [E10") and name in lines[0] and reason in lines[0], lines[0]
    found = labels(out / "graph.ttl")
    assert LAW in found and "石桥镇" in found


def test_bad_input_50mb_text_refused_with_limit_named(tmp_path):
    folder = tmp_path / "in"
    _good(folder)
    _huge(folder / "huge.txt")
    result = _build(str(folder), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    [msg] = _stderr_lines(result)
    assert "huge.txt" in msg and "too large: 50.0 MB" in msg and "2.0 MB limit" in msg and "--max-report-mb" in msg
    assert LAW in labels(tmp_path / "out" / "graph.ttl")


def test_bad_input_report_limit_is_configurable(tmp_path):
    folder = tmp_path / "in"
    _good(folder)  # about 400 bytes
    write_text(folder / "long.txt", report() + [report()[1]] * 40)  # about 9 KB
    result = _build(str(folder), "--out", str(tmp_path / "o1"), "--max-report-mb", "0.004")
    assert result.exit_code == 1 and "long.txt" in result.stderr and "4.1 KB limit" in result.stderr
    result = _build(str(folder), "--out", str(tmp_path / "o2"), env={"KG_MAX_REPORT_MB": "0.004"})
    assert result.exit_code == 1 and "long.txt" in result.stderr
    result = _build(str(folder), "--out", str(tmp_path / "o3"))
    assert result.exit_code == 0, result.stderr


def test_bad_input_peak_memory_bounded_on_50mb_file(tmp_path):
    """The limit is checked before reading: a 50 MB file costs no memory (peak RSS of the build)."""
    folder = tmp_path / "in"
    _good(folder)
    _huge(folder / "huge.txt")
    probe = ("import resource, subprocess, sys; "
             "p = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
             "print(p.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    proc = subprocess.run([sys.executable, "-c", probe, sys.executable, "-m", "kg", "build", str(folder),
                           "--out", str(tmp_path / "out"), "-q"], capture_output=True, text=True, check=True)
    code, peak_kb = map(int, proc.stdout.split())
    assert code == 1
    assert peak_kb < 1024 * 1024, f"peak RSS {peak_kb // 1024} MB"  # extraction would need several GB


def test_bad_input_report_without_township_keeps_facts_with_warning(tmp_path):
    folder = tmp_path / "in"
    _good(folder)
    write_text(folder / "notown.txt", ["2023年工作总结", "今年组织干部学习《中华人民共和国民法典》，发放宣传资料500份。"])
    out = tmp_path / "out"
    result = _build(str(folder), "--out", str(out))
    assert result.exit_code == 0, result.stderr
    [msg] = _stderr_lines(result)
    assert msg.startswith("Warning: [W102]") and "notown.txt" in msg and "no township name found" in msg
    import kg

    rows = kg.load(out).query("SELECT ?name WHERE { ?t tkg:cites ?r ; rdfs:label ?name . "
                              "?r rdfs:label '中华人民共和国民法典'@zh . ?t tkg:inRegister false }")
    assert [r["name"].value for r in rows] == ["未识别乡镇（notown.txt）"]
    assert LAW in labels(out / "graph.ttl")


def test_bad_input_control_characters_are_dropped_facts_kept(tmp_path):
    folder = tmp_path / "in"
    lines = report()
    lines[1] = "\x01\x1b[31m" + lines[1].replace("学习", "学\x7f习\x08") + "\x0c\u2028"
    write_text(folder / "ctl.txt", lines)
    out = tmp_path / "out"
    result = _build(str(folder), "--out", str(out))
    assert result.exit_code == 0 and result.stderr == ""
    ttl = (out / "graph.ttl").read_text(encoding="utf-8")
    assert not any(c in ttl for c in "\x01\x1b\x7f\x08\x0c\u2028")
    import rdflib

    literals = [str(o) for o in rdflib.Graph().parse(str(out / "graph.ttl")).objects() if isinstance(o, rdflib.Literal)]
    assert not any(ord(c) < 0x20 and c != "\n" for lit in literals for c in lit)
    assert LAW in labels(out / "graph.ttl")


def test_bad_input_hostile_file_name_is_one_line_and_round_trips(tmp_path):
    folder = tmp_path / "in"
    _good(folder)
    name = 'x"<script>alert(1)<\\script>\'\\ > }.ttl\n@prefix.txt'
    write_text(folder / name, ["2023年工作总结", "今年组织干部学习《中华人民共和国民法典》。"])
    out = tmp_path / "out"
    result = _build(str(folder), "--out", str(out))
    assert result.exit_code == 0
    [msg] = _stderr_lines(result)
    assert "\\x0a@prefix.txt" in msg  # the newline in the name is shown escaped
    import rdflib

    g = rdflib.Graph().parse(str(out / "graph.ttl"), format="turtle")
    files = {str(o) for o in g.objects(None, rdflib.URIRef("https://w3id.org/township-kg/ontology#sourceFile"))}
    escaped = name.replace("\n", "\\x0a")        # control characters stay escaped in literals too
    assert files == {"good.txt", escaped}
    assert f"未识别乡镇（{escaped}）" in labels(out / "graph.ttl")
    assert "<script>alert" not in (out / "graph.html").read_text(encoding="utf-8")


def test_bad_input_unknown_extension_in_folder_is_a_note_exit_0(tmp_path):
    folder = tmp_path / "in"
    _good(folder)
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    (folder / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    result = _build(str(folder), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0
    lines = _stderr_lines(result)
    assert len(lines) == 2 and all(ln.startswith("Note: [W101]") for ln in lines)
    assert "old.doc" in lines[0] and "save it as .docx" in lines[0] and "photo.jpg" in lines[1]


def test_bad_input_unknown_extension_named_explicitly_exit_1(tmp_path):
    good = _good(tmp_path / "in")
    other = tmp_path / "in" / "table.xlsx"
    other.write_bytes(b"PK\x03\x04")
    result = _build(str(good), str(other), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    [msg] = _stderr_lines(result)
    assert msg.startswith("Error: [E101]") and "table.xlsx" in msg


def test_bad_input_nothing_readable_keeps_previous_outputs(tmp_path):
    good, out = _good(tmp_path / "in"), tmp_path / "out"
    assert _build(str(good), "--out", str(out)).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "empty.txt").write_bytes(b"")
    result = _build(str(tmp_path / "bad"), "--out", str(out))
    assert result.exit_code == 1
    assert "no report could be read; nothing written" in result.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_bad_input_output_folder_inside_input_is_not_read_back(tmp_path):
    folder = tmp_path / "in"
    _good(folder)
    for _ in range(2):  # the second build finds graph.html inside the input folder
        result = _build(str(folder), "--out", str(folder / "kg"))
        assert result.exit_code == 0 and result.stderr == ""


@pytest.mark.parametrize("args", [[], ["{good}", "--out", "{file}"], ["{good}", "--max-report-mb", "0"],
                                  ["{good}", "--no-such-option"]])
def test_bad_input_usage_errors_exit_2(tmp_path, args):
    good = _good(tmp_path / "in")
    afile = write_text(tmp_path / "afile.txt", ["x"])
    result = runner.invoke(app, ["build", *[a.format(good=good, file=afile) for a in args]])
    assert result.exit_code == 2, result.output


def test_bad_input_hostile_strings_in_titles_and_names_round_trip(tmp_path):
    """<script>, quotes, backslashes, >, control characters, a lone surrogate and U+2028 in the
    title, the township line and a cited title: the Turtle parses in rdflib, labels intact."""
    import rdflib

    import kg

    title = '<script>alert("x")</script>石桥镇2023年法治政府建设工作报告\\"""\'>'
    raw = (f'青山县"石\\桥>镇\u2028{title}\x01\x1b\ud800\u2029\n'
           '2023年，石桥镇组织学习《关于"加强"\\依法行政的意见》和《中华人民共和国宪法》，'
           '建立“<b>\'双\\随机\'</b>”制度，发放宣传资料1200份。\n')
    path = tmp_path / "in" / "h.txt"
    path.parent.mkdir()
    path.write_text(raw, encoding="utf-8", errors="surrogatepass")
    graph = kg.build([path.parent])
    kg.write(graph, tmp_path / "out")
    ttl = tmp_path / "out" / "graph.ttl"
    g = rdflib.Graph().parse(str(ttl), format="turtle")
    found = {str(o) for o in g.objects(None, rdflib.RDFS.label)}
    built = {t.object.value for t in graph.triples() if hasattr(t.object, "language") and t.object.language}
    assert built and built == {str(o) for o in g.objects() if isinstance(o, rdflib.Literal) and o.language}
    assert any('“加强”\\依法行政' in label for label in found)     # paired ASCII quotes are Chinese ones
    assert "中华人民共和国宪法" in found
    assert any("<b>'双\\随机'</b>" in label for label in found)
    literals = [str(o) for o in g.objects() if isinstance(o, rdflib.Literal)]
    assert not any(c in lit for lit in literals for c in "\x00\x01\ud800\u2028\u2029")
    assert any("<script>" in lit for lit in literals)
    assert any('\\"""' in lit for lit in literals)                      # unpaired ones stay, escaped


def test_bad_input_file_name_that_is_not_utf8_builds_with_the_others(tmp_path):
    # issue 15 #5: a GBK name from a Windows archive aborted the whole build with a traceback
    import os

    folder = tmp_path / "in"
    _good(folder)
    gbk = os.path.join(os.fsencode(folder), "报告".encode("gbk") + b".txt")
    with open(gbk, "wb") as f:
        f.write("青山县石桥镇2023年法治政府建设工作报告\n今年组织干部学习《中华人民共和国民法典》。\n".encode("utf-8"))
    out = tmp_path / "out"
    result = _build(str(folder), "--out", str(out))
    assert result.exit_code == 0, result.output
    import rdflib

    g = rdflib.Graph().parse(str(out / "graph.ttl"), format="turtle")
    files = {str(o) for o in g.objects(None, rdflib.URIRef("https://w3id.org/township-kg/ontology#sourceFile"))}
    assert files == {"good.txt", "\\xb1\\xa8\\xb8\\xe6.txt"}          # kept, shown escaped
    assert "中华人民共和国民法典" in labels(out / "graph.ttl")


def test_bad_input_control_characters_in_a_name_never_reach_the_terminal(tmp_path):
    # issue 15 #16: ESC/OSC sequences in file names were written raw to the terminal
    folder = tmp_path / "in"
    write_text(folder / "a\x1b]0;pwned\x07.txt", ["2023年工作总结", "今年组织干部学习《中华人民共和国民法典》。"])
    result = _build(str(folder), "--out", str(tmp_path / "out"))
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "a\\x1b]0;pwned\\x07.txt" in result.output


def _docx_with_member(tmp: Path, name: str, size: int, pad_document: bool = False) -> bytes:
    good = write_docx(tmp / "src.docx", report())
    buf = io.BytesIO()
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if pad_document and item.filename == "word/document.xml":
                data = data.replace(b"<w:body>", b"<w:body>" + b" " * size)
            dst.writestr(item.filename, data)
        if not pad_document:
            with dst.open(name, "w") as f:                 # streamed: the bomb never sits in memory here
                chunk = b"\0" * 2**20
                for _ in range(size // 2**20):
                    f.write(chunk)
    return buf.getvalue()


@pytest.mark.parametrize("kind", ["image", "document"])
def test_bad_input_docx_bombs_are_one_line_in_seconds_good_reports_built(tmp_path, kind):
    # issue 15 #6/#7: a zero-filled 4 GiB image (python-docx loads every part) and a document.xml of
    # 500 MB passed the old guard and ran for minutes at 8 GB
    import time

    folder = tmp_path / "in"
    _good(folder)
    data = (_docx_with_member(tmp_path, "word/media/image1.png", 64 * 2**20) if kind == "image"
            else _docx_with_member(tmp_path, "", 40 * 2**20, pad_document=True))
    (folder / "bomb.docx").write_bytes(data)
    assert len(data) < 2 * 2**20
    start = time.perf_counter()
    result = _build(str(folder), "--out", str(tmp_path / "out"))
    assert time.perf_counter() - start < 10
    assert result.exit_code == 1
    [line] = [ln for ln in _stderr_lines(result) if "bomb.docx" in ln]
    assert "zip bomb" in line
    assert LAW in labels(tmp_path / "out" / "graph.ttl")


def test_bad_input_disk_full_while_writing_is_one_line_and_old_outputs_stay(tmp_path, monkeypatch):
    # issue 15 #14: disk full while writing gave a 60-line traceback
    import errno
    import os

    folder, out = tmp_path / "in", tmp_path / "out"
    _good(folder)
    assert _build(str(folder), "--out", str(out)).exit_code == 0
    before = (out / "graph.ttl").read_bytes()
    write_text(folder / "more.txt", report(town="柳河乡"))

    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    result = _build(str(folder), "--out", str(out), "--no-cache")
    assert result.exit_code == 1
    [line] = _stderr_lines(result)
    assert "No space left on device" in line and "previous outputs are unchanged" in line
    assert (out / "graph.ttl").read_bytes() == before
    assert not list(out.glob(".*.tmp"))


def test_bad_input_out_that_cannot_be_a_folder_is_one_line(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    _good(tmp_path / "in")
    result = _build(str(tmp_path / "in"), "--out", str(blocker / "out"), "--no-cache")
    assert result.exit_code == 1
    assert [ln for ln in _stderr_lines(result) if "Traceback" in ln] == []
    assert "Not a directory" in result.stderr


def test_bad_input_escape_sequences_of_a_name_reach_neither_csv_nor_query_output(tmp_path):
    # issue 15 #16: a name with ESC/OSC went raw into township_law.csv and `kg query` output
    folder, out = tmp_path / "in", tmp_path / "out"
    write_text(folder / "x\x1b]0;pwned\x07.txt", ["2023年工作总结", "今年组织干部学习《中华人民共和国民法典》。"])
    assert _build(str(folder), "--out", str(out)).exit_code == 0
    csv_text = (out / "township_law.csv").read_text(encoding="utf-8-sig")
    assert "\x1b" not in csv_text and "\x07" not in csv_text and "x\\x1b]0;pwned\\x07.txt" in csv_text
    result = runner.invoke(app, ["query", "township-overview", "--graph", str(out)])
    assert result.exit_code == 0 and "\x1b" not in result.output and "\\x1b]0;pwned" in result.output


def test_bad_input_lock_system_files_and_earlier_outputs_are_skipped_silently(tmp_path):
    # issue 13: ~$报告.docx failed the build; graph.html of an earlier build was read as a report;
    # Thumbs.db and desktop.ini each printed a note
    folder = tmp_path / "in"
    _good(folder)
    (folder / "~$报告.docx").write_bytes(b"\x00lock")
    (folder / "Thumbs.db").write_bytes(b"\x00\x01")
    (folder / "desktop.ini").write_text("[.ShellClassInfo]")
    assert _build(str(folder), "--out", str(folder / "kg-out")).exit_code == 0
    result = _build(str(folder), "--out", str(tmp_path / "elsewhere"))    # the earlier output is inside the input
    assert result.exit_code == 0 and _stderr_lines(result) == []
    assert "未识别乡镇" not in (tmp_path / "elsewhere" / "graph.ttl").read_text(encoding="utf-8")
