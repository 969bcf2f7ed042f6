"""Outputs are byte-identical whatever the order, folder or run, and never half-written."""
from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.pipeline import OUTPUTS

sys.path.insert(0, str(Path(__file__).parent / "ingest"))
from makers import report, write_docx, write_html, write_pdf, write_text  # noqa: E402

runner = CliRunner()


def _inputs(folder: Path) -> list[Path]:
    """One report in every format and encoding, plus one without a township."""
    return [
        write_text(folder / "a.txt", report()),
        write_text(folder / "b-gbk.txt", report(town="柳河乡", county="东平县", law="中华人民共和国民法典"), "gbk"),
        write_docx(folder / "c.docx", report(town="白沙镇", practice="重大行政决策合法性审查机制"),
                   table=[["项目", "数量"], ["发放宣传资料", "1200份"]]),
        write_pdf(folder / "d.pdf", report(town="红旗街道", county="南城区")),
        write_html(folder / "e.html", report(town="新华镇", county="西山县"), encoding="gb18030"),
        write_text(folder / "sub" / "f.md", ["2023年工作总结", "今年组织干部学习《中华人民共和国行政处罚法》，发放宣传资料500份。"]),
    ]


def _outputs(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS}


def _kg(*args: str, env: dict | None = None, pre: str = "") -> subprocess.CompletedProcess:
    """Run `kg` in a fresh interpreter, optionally after some patching code `pre`. Ctrl-C works
    there as in a terminal, even when the tests run in the background (where a shell starts
    commands with SIGINT ignored)."""
    code = ("import signal\nsignal.signal(signal.SIGINT, signal.default_int_handler)\n"
            + textwrap.dedent(pre) + "\nimport sys\nfrom kg.cli import main\nsys.argv = ['kg'] + sys.argv[1:]\nmain()\n")
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=600)


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """The inputs in one folder and the outputs of building that folder."""
    root = tmp_path_factory.mktemp("determinism")
    files = _inputs(root / "in")
    out = root / "out"
    result = runner.invoke(app, ["build", str(root / "in"), "--out", str(out), "-q"])
    assert result.exit_code == 0, result.stderr
    return root, files, _outputs(out)


def test_determinism_shuffled_files_in_another_folder_same_bytes(tmp_path, reference):
    root, files, expected = reference
    copies = []
    for f in files:
        dest = tmp_path / "elsewhere" / f.relative_to(root / "in")
        dest.parent.mkdir(parents=True, exist_ok=True)
        copies.append(Path(shutil.copy(f, dest)))
    random.Random(2023).shuffle(copies)
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", *map(str, copies), "--out", str(out), "-q"])
    assert result.exit_code == 0, result.stderr
    assert _outputs(out) == expected


def test_determinism_other_process_other_hash_seed_same_bytes(tmp_path, reference):
    root, files, expected = reference
    out = tmp_path / "out"
    proc = _kg("build", *map(str, reversed(files)), "--out", str(out), "-q", env={"PYTHONHASHSEED": "12345"})
    assert proc.returncode == 0, proc.stderr
    assert _outputs(out) == expected


def test_determinism_file_listed_twice_and_via_folder_counts_once(tmp_path, reference):
    root, files, expected = reference
    out = tmp_path / "out"
    args = [str(root / "in"), str(files[0]), str(root / "in" / ".." / "in" / files[1].name)]
    result = runner.invoke(app, ["build", *args, "--out", str(out), "-q"])
    assert result.exit_code == 0, result.stderr
    assert _outputs(out) == expected


# --- never half-written ------------------------------------------------------------------

@pytest.fixture
def previous(tmp_path):
    """An output folder holding a finished build, and new inputs that would change it."""
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(write_text(tmp_path / "old" / "a.txt", report())),
                                 "--out", str(out), "-q"])
    assert result.exit_code == 0
    new = [write_text(tmp_path / "new" / f"{i}.txt", report(town=t)) for i, t in enumerate(["柳河乡", "白沙镇", "新华镇"])]
    return out, _outputs(out), new


def _untouched(out: Path, before: dict[str, bytes]) -> None:
    assert _outputs(out) == before
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == sorted(OUTPUTS)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "kill"])
def test_determinism_signal_mid_build_leaves_previous_outputs(previous, signum):
    out, before, new = previous
    proc = _kg("build", *map(str, new), "--out", str(out), pre=f"""
        import os, kg.ingest as I
        real, seen = I.read, []
        def read(path, *a, **k):
            seen.append(path)
            if len(seen) == 2:
                os.kill(os.getpid(), {int(signum)})
            return real(path, *a, **k)
        I.read = read
    """)
    assert proc.returncode == 130, proc.stderr
    assert "Interrupted: the previous outputs are unchanged" in proc.stderr
    _untouched(out, before)
    assert not list(out.glob(".*.tmp"))


def test_determinism_sigkill_while_writing_leaves_previous_outputs(previous):
    out, before, new = previous
    proc = _kg("build", *map(str, new), "--out", str(out), pre="""
        import os, signal
        real, build = os.fsync, os.getpid()
        def fsync(fd):
            if os.getpid() == build:  # the build, not a process writing an output aside, dies mid-way
                os.kill(os.getpid(), signal.SIGKILL)
            return real(fd)
        os.fsync = fsync
    """)
    assert proc.returncode == -signal.SIGKILL
    _untouched(out, before)
    left = list(out.glob(".*.tmp"))
    assert left                                   # a SIGKILL cannot clean up: the next build does
    for tmp in left:                              # issue 15 #17: later builds never removed them
        os.utime(tmp, (time.time() - 3600, time.time() - 3600))
    assert runner.invoke(app, ["build", *map(str, new), "--out", str(out), "-q"]).exit_code == 0
    assert not list(out.glob(".*.tmp"))


def test_determinism_exporter_interrupted_leaves_previous_outputs(previous, monkeypatch):
    out, before, new = previous
    from kg import export

    def broken(graph):
        raise KeyboardInterrupt

    monkeypatch.setitem(export.EXPORTERS, _format_of(OUTPUTS[-1]), broken)  # the last output fails
    result = runner.invoke(app, ["build", *map(str, new), "--out", str(out), "-q"])
    assert result.exit_code == 130
    _untouched(out, before)
    assert not list(out.glob(".*.tmp"))


def _format_of(name: str) -> str:
    from kg.export import SUFFIX

    return next(n for n, s in SUFFIX.items() if name.endswith(s))


def test_determinism_ctrl_c_during_renames_completes_the_new_outputs(tmp_path, previous):
    out, before, new = previous
    fresh = tmp_path / "fresh"
    assert runner.invoke(app, ["build", *map(str, new), "--out", str(fresh), "-q"]).exit_code == 0
    proc = _kg("build", *map(str, new), "--out", str(out), pre="""
        import os, signal
        real = os.replace
        def replace(a, b):
            os.kill(os.getpid(), signal.SIGINT)  # held back until every output is renamed
            return real(a, b)
        os.replace = replace
    """)
    assert proc.returncode == 130, proc.stderr
    assert "the new outputs were complete and are in place" in proc.stderr
    assert _outputs(out) == _outputs(fresh) != before
