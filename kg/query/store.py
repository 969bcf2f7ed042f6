"""A build's persistent query store (查询库): `kg query` reads the build once, not per query.

Reading a build's graph into memory takes seconds (4.5 s at 300 reports) and a query takes
milliseconds, so `kg query` keeps on-disk Oxigraph stores next to the build,

    OUT/.kg-store/<fingerprint>           the default graph: the distinct union of the reports
    OUT/.kg-store/<fingerprint>-graphs    that, plus each report's named graph (graph.nq/.trig)

and answers from them while the graph file is unchanged. They hold the same dataset as
KnowledgeGraph.store and are chosen the same way (KnowledgeGraph.query): a query that says
GRAPH or NAMED gets the one with the report graphs, made the first time one is asked for;
the others get the union alone, smaller and quicker to make. A graph.ttl build has no
report graphs, so it has one store.

The fingerprint is of the file the query reads (graph.nq, else graph.trig, else graph.ttl:
kg.graph.graph_file): its name, size, modification time and inode, its first and last
64 KB, and the versions of this layout and of pyoxigraph. `kg build` replaces the file by a
rename (a new inode and time), so a rebuilt graph never matches an old store; stores of
other fingerprints are deleted when a new one is made.

A store is made in a temporary folder beside its final place and renamed there, so a store
that exists is complete; two first queries at once each make one, and the later rename
gives way to the earlier. Stores are opened read-only, so any number of queries share one.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

from kg.errors import InputError, QueryError
from kg.graph import graph_file, names_graphs

STORE_DIR = ".kg-store"
LAYOUT = 1                   # bump when what a store holds changes: older stores are then remade
EDGE_BYTES = 64 * 1024       # bytes hashed at each end of the graph file
ABANDONED_S = 3600           # a temporary folder this old was left by a killed process
GRAPHS = "-graphs"           # suffix of the store that also holds the report graphs

_TRIPLE_FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES}
_QUAD_FORMATS = {".nq": ox.RdfFormat.N_QUADS, ".trig": ox.RdfFormat.TRIG}


def fingerprint(source: Path) -> str:
    """What identifies one version of a graph file, cheaply: stat fields and both ends' bytes."""
    h = hashlib.sha256(f"{LAYOUT}|{ox.__version__}|{source.name}|".encode())
    with open(source, "rb") as f:
        st = os.fstat(f.fileno())
        h.update(f"{st.st_size}|{st.st_mtime_ns}|{st.st_ino}|".encode())
        h.update(f.read(EDGE_BYTES))
        if st.st_size > EDGE_BYTES:
            f.seek(max(EDGE_BYTES, st.st_size - EDGE_BYTES))
            h.update(f.read(EDGE_BYTES))
    return h.hexdigest()[:24]


class BuildStore:
    """The persistent stores of one version of a build, answering as KnowledgeGraph.query does."""

    def __init__(self, source: Path, key: str, union: ox.Store):
        self.source, self.key = source, key
        self._union = union
        self._graphs: ox.Store | None = None
        self.has_graphs = source.suffix.lower() in _QUAD_FORMATS

    def query(self, sparql: str, **options):
        """pyoxigraph's Store.query on the store this query needs."""
        return self.store_for(sparql).query(sparql, **options)

    def store_for(self, sparql: str) -> ox.Store:
        """The union store, or for a query naming graphs (GRAPH, NAMED) the one with the report graphs."""
        if not (self.has_graphs and names_graphs(sparql)):
            return self._union
        if self._graphs is None:
            self._graphs = _open(self.source, self.key, GRAPHS)
            if self._graphs is None:
                raise QueryError(f"{self.source}: changed since it was opened, or no store can be made "
                                 "beside it; run the query again")
        return self._graphs


def open_store(build: str | Path) -> BuildStore | None:
    """The persistent stores of a build folder, made on first use (None when the folder cannot
    hold one: read-only media, a full disk, the file changing while read; then read it in memory)."""
    source = graph_file(Path(build))
    try:
        key = fingerprint(source)
    except OSError:                         # unreadable: reading it in memory says why
        return None
    union = _open(source, key, "")
    return BuildStore(source, key, union) if union is not None else None


def _open(source: Path, key: str, part: str) -> ox.Store | None:
    """One part of the store (read-only), made first if missing; None if it cannot be made."""
    final = source.parent / STORE_DIR / f"{key}{part}"
    if final.is_dir():
        try:
            return ox.Store.read_only(str(final))
        except OSError:                     # damaged (files removed by hand): made again below
            _discard(final)
    try:
        if not _create(source, key, final, named=bool(part)):
            return None
        _remove_stale(final.parent, key)
        return ox.Store.read_only(str(final))
    except OSError:
        return None


def _create(source: Path, key: str, final: Path, named: bool) -> bool:
    """Load `source` into a new store at `final` (via a temporary folder and a rename); False
    when the file changed meanwhile."""
    root = final.parent
    root.mkdir(exist_ok=True)
    if not (root / ".gitignore").exists():      # a cache of the build: never committed with it
        (root / ".gitignore").write_text("# made by kg query (kg/query/store.py)\n*\n")
    tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=root))
    try:
        os.chmod(tmp, root.stat().st_mode & 0o777)        # as readable as the build, not mkdtemp's 0700
        _fill(tmp, source, named)
        if fingerprint(source) != key:
            return False
        try:
            os.rename(tmp, final)
        except OSError:
            if not final.is_dir():          # else another query made it first: theirs is as good
                raise
        return True
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _fill(folder: Path, source: Path, named: bool) -> None:
    """Load the graph file into a new on-disk store in `folder` (the union; with `named`, the
    report graphs too), closed on return: the last reference is dropped."""
    suffix = source.suffix.lower()
    store = ox.Store(str(folder))
    try:
        if suffix in _TRIPLE_FORMATS:
            store.bulk_load(path=str(source), format=_TRIPLE_FORMATS[suffix])
        else:
            # the default graph is the reports' union, a set: each quad's triple, stored once
            union = folder / ".union.nt"
            quads = ox.parse(path=str(source), format=_QUAD_FORMATS[suffix])
            ox.serialize((q.triple for q in quads), union, format=ox.RdfFormat.N_TRIPLES)
            store.bulk_load(path=str(union), format=ox.RdfFormat.N_TRIPLES, lenient=True)
            union.unlink()
            if named:
                # the same bytes were parsed strictly for the union above (same fingerprint)
                store.bulk_load(path=str(source), format=_QUAD_FORMATS[suffix], lenient=True)
    except (SyntaxError, ValueError) as e:
        raise InputError(source, f"cannot parse graph: {e}") from None
    store.flush()
    store.optimize()


def _remove_stale(root: Path, keep: str) -> None:
    """Delete the stores of other versions of the graph, and temporary folders left by killed queries."""
    now = time.time()
    for entry in root.iterdir():
        if entry.name.startswith(keep) or entry.name == ".gitignore":
            continue
        if entry.name.startswith("."):
            try:
                if now - entry.stat().st_mtime < ABANDONED_S:
                    continue                # maybe another query still loading
            except OSError:
                continue
        _discard(entry)


def _discard(path: Path) -> None:
    """Remove a store folder: renamed first, so no query opens it half deleted."""
    gone = path.with_name(f".old-{path.name}-{os.getpid()}")
    try:
        os.rename(path, gone)
    except OSError:
        return
    shutil.rmtree(gone, ignore_errors=True)
