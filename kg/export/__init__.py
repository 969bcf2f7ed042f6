"""Exporters (导出): one `export(graph, path)` signature, chosen by format name.

Every file is written to a temporary sibling and renamed into place, so an interrupted
build never leaves a half-written output behind.
"""
from __future__ import annotations

import glob
import io
import os
import signal
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Sequence

import pyoxigraph as ox

from kg.graph import KnowledgeGraph
from kg.graph.vocab import PREFIXES
from kg.parallel import can_fork

EXPORTERS: dict[str, Callable[[KnowledgeGraph], bytes]] = {}
SUFFIX: dict[str, str] = {}


def exporter(name: str, suffix: str):
    """Register a function KnowledgeGraph -> bytes under a format name."""
    def deco(fn):
        EXPORTERS[name], SUFFIX[name] = fn, suffix
        return fn
    return deco


def streamer(name: str):
    """Attach to the registered exporter `name` a function (KnowledgeGraph, binary file) -> None
    writing the same bytes as it goes; `export` and `kg build` use it while that exporter is
    the registered one."""
    def deco(fn):
        EXPORTERS[name].stream = fn
        return fn
    return deco


def write_all_atomic(files: dict[Path, bytes | Callable], aside: Sequence[Path] = (),
                     before: dict[Path, Callable[[], object]] | None = None) -> list[Path]:
    """Write several files so that either all are replaced or none is.

    A value is the bytes, or a function writing them into a binary file (see `writer`), so
    big outputs are produced one at a time and streamed instead of held in memory together.
    `aside` names files to be written by forked child processes, started first and in that
    order, while this one writes the others (where fork exists and a second CPU is free; in
    turn otherwise). `before[path]` runs here just before `path` is written or forked, so
    work that several files share (the HTML view) is done once and children inherit it.

    Each is written and fsynced to a temporary sibling first; the renames come last, with
    SIGINT/SIGTERM held back while they run (a signal is delivered right after them).
    """
    temps: list[tuple[str, Path]] = []
    children: list[tuple[int, int, Path]] = []       # (pid, read end of its error pipe, path)
    replaced = False
    aside = [Path(p) for p in aside]
    order = sorted(files, key=lambda p: aside.index(Path(p)) if Path(p) in aside else len(aside))
    try:
        umask = os.umask(0)
        os.umask(umask)
        for path in order:
            data, path = files[path], Path(path)
            path.parent.mkdir(parents=True, exist_ok=True)
            _remove_stale_temps(path)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            temps.append((tmp, path))
            if before and path in before:
                before[path]()
            if path in aside and can_fork():
                children.append((*_forked(fd, data), path))
                continue
            _write(fd, data)
        while children:
            _joined(*children.pop(0))
        for tmp, _ in temps:
            os.chmod(tmp, 0o666 & ~umask)
        with _signals_held():
            for tmp, path in temps:
                os.replace(tmp, path)
            replaced = True
    except BaseException as e:
        for pid, errors, _ in children:        # stopped early: the children's files are not wanted
            os.kill(pid, signal.SIGTERM)
            os.waitpid(pid, 0)
            os.close(errors)
        if replaced:  # a signal held back during the renames: the new outputs are complete
            # tells kg.cli what a Ctrl-C left behind; any exception may carry it (no typed slot for that)
            e.kg_outputs_replaced = True  # type: ignore[attr-defined]
        for tmp, _ in temps:
            Path(tmp).unlink(missing_ok=True)
        raise
    return [path for _, path in temps]


def _write(fd: int, data: bytes | Callable) -> None:
    with os.fdopen(fd, "wb") as f:
        if callable(data):
            data(f)
        else:
            f.write(data)
        f.flush()
        os.fsync(f.fileno())


def _forked(fd: int, data: bytes | Callable) -> tuple[int, int]:
    """Write `data` into fd in a child process: (its pid, the read end of a pipe its error comes by)."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:                         # the child: write, say what failed, never return
        status = 1
        try:
            os.close(r)
            _write(fd, data)
            status = 0
        except BaseException as e:       # noqa: BLE001 - every failure goes back to the parent
            said = (f"{e.errno}\0{e.strerror}" if isinstance(e, OSError) and e.errno
                    else "-1\0" if isinstance(e, KeyboardInterrupt) else f"0\0{type(e).__name__}: {e}")
            os.write(w, said.encode("utf-8", "replace")[:2000])
        finally:
            os._exit(status)             # no atexit handlers, no buffers of the parent flushed twice
    os.close(w)
    os.close(fd)
    return pid, r


def _joined(pid: int, errors: int, path: Path) -> None:
    """Wait for the child writing `path`; its failure is raised here (an OSError as one, with its errno)."""
    with os.fdopen(errors, "rb") as f:
        said = f.read().decode("utf-8", "replace")
    _, status = os.waitpid(pid, 0)
    if status != 0:
        code, _, reason = said.partition("\0")
        if code == "-1":              # Ctrl-C reached the child too: the build is interrupted
            raise KeyboardInterrupt
        if int(code or 0):
            raise OSError(int(code), reason, str(path))
        raise RuntimeError(f"{path}: {reason or f'its writer process ended with status {status}'}")


STALE_SECONDS = 600


def _remove_stale_temps(path: Path) -> None:
    """Temporary siblings a killed build left (.graph.ttl.x8k2.tmp): none is written to for long, so
    one untouched for ten minutes belongs to no running build."""
    now = time.time()
    for old in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        try:
            if now - old.stat().st_mtime > STALE_SECONDS:
                old.unlink()
        except OSError:
            pass


@contextmanager
def _signals_held():
    """Defer SIGINT and SIGTERM (main thread, POSIX) until the block ends."""
    held = {signal.SIGINT, signal.SIGTERM}
    can = hasattr(signal, "pthread_sigmask") and threading.current_thread() is threading.main_thread()
    old = signal.pthread_sigmask(signal.SIG_BLOCK, held) if can else None
    try:
        yield
    finally:
        if can:
            signal.pthread_sigmask(signal.SIG_SETMASK, old)


def export(graph: KnowledgeGraph, path: str | Path, fmt: str | None = None) -> Path:
    """Write `graph` to `path` in format `fmt` (guessed from the suffix when omitted)."""
    path = Path(path)
    write_all_atomic({path: writer(graph, path, fmt)})
    return path


def writer(graph: KnowledgeGraph, path: str | Path, fmt: str | None = None) -> Callable:
    """A function writing what `render` returns into a binary file, streamed where it can be."""
    name = Path(path).name
    if fmt is None:
        fmt = next((n for n, s in SUFFIX.items() if name.endswith(s)), None)
    if fmt == "turtle" and EXPORTERS.get(fmt) is turtle:
        return lambda f: _turtle_to(graph, f)
    stream = getattr(EXPORTERS.get(fmt or ""), "stream", None)    # no format: render names the error
    if stream is not None:
        return lambda f: stream(graph, f)
    return lambda f: f.write(render(graph, path, fmt))


def render(graph: KnowledgeGraph, path: str | Path, fmt: str | None = None) -> bytes:
    """The bytes `export` would write to `path` (format guessed from the suffix when omitted)."""
    name = Path(path).name
    if fmt is None:
        fmt = next((n for n, s in SUFFIX.items() if name.endswith(s)), None)
    if fmt not in EXPORTERS:
        from kg.errors import KGError

        raise KGError(f"unknown export format {fmt!r}; known: {', '.join(sorted(EXPORTERS))}")
    return EXPORTERS[fmt](graph)


@exporter("turtle", ".ttl")
def turtle(graph: KnowledgeGraph) -> bytes:
    out = io.BytesIO()
    _turtle_to(graph, out)
    return out.getvalue()


def _turtle_to(graph: KnowledgeGraph, f) -> None:
    """Turtle written straight into `f` (570 MB for 10,000 reports: never one bytes object).

    The union's report segments carry their Turtle, made where they were extracted, and so do
    the blocks of shared lines a cached build kept; only the others are serialized here.
    Pieces cut at subject boundaries concatenate to the Turtle of the whole, byte for byte (tested)."""
    from kg.graph.chunks import decompress, turtle_body, turtle_header

    parts = graph.union_parts()
    if parts:
        f.write(turtle_header())
    for part in parts:          # a Block or Segment: its Turtle, made where it was made or now
        f.write(decompress(part.turtle) if part.turtle else turtle_body(part.raw()))


def _parse(lines, fmt):
    from kg.graph.chunks import LineReader

    return ox.parse(LineReader(lines), format=fmt, lenient=True)   # Oxigraph wrote them: valid


@exporter("ntriples", ".nt")
def ntriples(graph: KnowledgeGraph) -> bytes:
    return b"".join(graph.ntriple_lines())


@exporter("nquads", ".nq")
def nquads(graph: KnowledgeGraph) -> bytes:
    return b"".join(graph.nquad_lines())


@exporter("trig", ".trig")
def trig(graph: KnowledgeGraph) -> bytes:
    data = ox.serialize(_parse(graph.nquad_lines(), ox.RdfFormat.N_QUADS), format=ox.RdfFormat.TRIG,
                        prefixes=PREFIXES)
    assert data is not None      # given no output file, serialize returns the bytes
    return data


from kg.export import html as _html  # noqa: E402,F401  (registers "html")
from kg.export import jsonld as _jsonld  # noqa: E402,F401  (registers "jsonld": compacted, kg/export/jsonld.py)
