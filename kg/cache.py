"""The build cache (增量缓存): each report's graph chunk, keyed by what produced it.

An entry holds what extraction made of one report: its chunk (shared lines and segments
with their Turtle, kg.graph.chunks), its HTML view record and the summary facts. The cache
also keeps the last build's merged shared lines with the keys of its reports, so a build
that only adds reports merges just the new ones (kg.pipeline).

A report's entry is found by the hash of its file name and bytes together with the
extractor's fingerprint: kg.extract.VERSION, the lexicons and registers (kg/extract/lexicons,
kg/data) and the source of the code that turns text into triples (kg/ingest, kg/extract,
kg/graph, kg/model.py, this file). Editing any of them, or the file, misses the cache, so an entry can
never be stale; the graph is always assembled from the current inputs only, so a changed or
removed report leaves nothing behind. One SQLite file holds the entries (default
OUT/.kg-cache.sqlite); entries of other fingerprints are dropped when new ones are written.
It also keeps the last build's folded HTML view (kg.export.graphview), so a build that adds
reports folds only theirs.
"""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from functools import lru_cache
from pathlib import Path

import orjson

from kg.errors import CacheNote
from kg.graph.chunks import Block, Chunk, Segment
from kg.parallel import ReportResult

CACHE_NAME = ".kg-cache.sqlite"
_BATCH = 256                    # results written at once
_KG = Path(__file__).parent
_SCHEMA = ("CREATE TABLE IF NOT EXISTS report (key TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, "
           "meta TEXT NOT NULL, data BLOB NOT NULL)")
# the last build's merged shared lines (kg.graph.union.union_parts), with the reports they came from
_ASSEMBLY = ("CREATE TABLE IF NOT EXISTS assembly (id INTEGER PRIMARY KEY CHECK (id = 1), "
             "fingerprint TEXT NOT NULL, keys TEXT NOT NULL, sizes TEXT NOT NULL, blocks BLOB NOT NULL)")
# each input file's digest, under its stat signature (size, times, inode): read, not hashed again
_DIGEST = ("CREATE TABLE IF NOT EXISTS file_digest (path BLOB PRIMARY KEY, sig TEXT NOT NULL, "
           "digest TEXT NOT NULL)")
RACY_NS = 2_000_000_000   # a file changed this recently may change again within its timestamp's tick
# the last build's folded view (kg.export.graphview.Folded), with the reports folded into it
_VIEW = ("CREATE TABLE IF NOT EXISTS folded_view (id INTEGER PRIMARY KEY CHECK (id = 1), "
         "fingerprint TEXT NOT NULL, evidence_limit INTEGER NOT NULL, keys TEXT NOT NULL, state BLOB NOT NULL)")


# Reports added to a build are not written into its kept union (assembly) and view fold while
# they are at most this share of the reports these hold: merging and folding a few reports again
# each build costs milliseconds, writing either anew about a second at 10,000 reports
UNSAVED_SHARE = 0.05


def keep_anew(kept: int, added: int) -> bool:
    """Whether state kept for `kept` reports is written anew now that `added` more are built."""
    return added > kept * UNSAVED_SHARE


@lru_cache(maxsize=None)
def fingerprint() -> str:
    """A hash of everything extraction depends on besides the report itself."""
    from kg.extract import VERSION

    h = hashlib.sha256(f"extract {VERSION}\n".encode())
    sources = [*sorted((_KG / "extract" / "lexicons").rglob("*")), *sorted((_KG / "data").rglob("*")),
               *sorted((_KG / "ingest").rglob("*.py")), *sorted((_KG / "extract").glob("*.py")),
               *sorted((_KG / "graph").glob("*.py")), _KG / "model.py", _KG / "cache.py"]
    for p in sources:
        if p.is_file():
            h.update(p.relative_to(_KG).as_posix().encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()[:32]


def report_key(path: str | Path, given=None, digest: str | None = None) -> str:
    """The cache key of a report file: its name and bytes (the graph records the name), and its
    manifest row if it has one (kg.ingest.manifest.Given: the graph holds what it gives).
    `digest`: the bytes' digest (file_digest) when known, else the file is read."""
    p = Path(path)
    h = hashlib.sha256(os.fsencode(p.name) + b"\0")     # any bytes: a GBK name from a Windows archive
    h.update((digest or file_digest(p)).encode())
    if given is not None:
        h.update(b"\0manifest\0" + given.key())
    return h.hexdigest()


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def stat_signature(st: os.stat_result) -> str:
    """What changes when a file's bytes do: size, modification and change times (the kernel sets
    ctime on every write, whatever mtime is set back to), inode and device (a file replaced)."""
    return f"{st.st_size} {st.st_mtime_ns} {st.st_ctime_ns} {st.st_ino} {st.st_dev}"


# An entry is JSON and bytes, not pickle (a cache file is data, never code): the JSON lists each
# chunk [graph, shared size, shared bytes, segments] and each segment [prefix, size, lines,
# first line, last line, type counts, data bytes, Turtle bytes]; the bytes follow one another in
# the blob, then the view record (compressed JSON).

def _encode(result: ReportResult) -> tuple[dict, bytes]:
    blobs: list[bytes] = []
    chunks = []
    for c in result.chunks:
        segs = [[s.prefix, s.size, s.lines, s.first.decode(), s.last.decode(), list(s.types), len(s.data),
                 len(s.turtle)] for s in c.segments]
        chunks.append([c.graph, c.shared_size, len(c.shared), segs])
        blobs += [c.shared, *(x for s in c.segments for x in (s.data, s.turtle))]
    meta = {"chunks": chunks, "unresolved": list(result.unresolved), "place": result.place,
            "view": len(result.view), "same_text": result.same_text}
    return meta, b"".join(blobs) + result.view


def _decode(meta: dict, data: bytes) -> ReportResult:
    at = 0

    def take(n: int) -> bytes:
        nonlocal at
        at += n
        return data[at - n:at]

    chunks = []
    for graph, shared_size, shared_len, segs in meta["chunks"]:
        shared = take(shared_len)
        segments = tuple(Segment(prefix, take(n_data), size, lines, first.encode(), last.encode(), tuple(types),
                                 take(n_ttl))
                         for prefix, size, lines, first, last, types, n_data, n_ttl in segs)
        chunks.append(Chunk(graph, shared, shared_size, segments))
    return ReportResult("", tuple(chunks), tuple(meta["unresolved"]), meta["place"], take(meta["view"]),
                        meta.get("same_text", ""))


class _Off(Exception):
    """The cache was turned off while opening it."""


def _one_line(e: Exception) -> str:
    return " ".join(str(e).split())[:120]


class BuildCache:
    """Report results by key; open with a path, use as a context manager or call close()."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.fingerprint = fingerprint()
        self._db: sqlite3.Connection | None = None
        self._pending: list[tuple[str, str, str, bytes]] = []
        self.hits = self.misses = 0
        self._pruned = False
        self.off = False                 # unusable: the build goes on without a cache
        self.notes: list[CacheNote] = []

    def _conn(self) -> sqlite3.Connection:
        if self._db is None:
            try:
                self._db = self._open()
            except (sqlite3.Error, OSError) as e:
                self._db = self._reopen(e)
        return self._db

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path)
        try:
            # reads through a memory map: ~300 MB of results come back at 10,000 reports, a quarter
            # faster than in 4 KB pread calls (writes still go through SQLite's journal)
            db.execute("PRAGMA mmap_size = 4294967296")
            db.execute(_SCHEMA)
            db.execute(_ASSEMBLY)
            db.execute(_VIEW)
            db.execute(_DIGEST)
            db.execute("SELECT 1 FROM report LIMIT 1").fetchall()
        except sqlite3.Error:
            db.close()
            raise
        return db

    def _reopen(self, error: Exception) -> sqlite3.Connection:
        """A corrupt cache file is moved aside (kept for a look) and a new one made; if that fails
        too (a folder, a read-only place) the build goes on without a cache."""
        aside = self.path.with_name(self.path.name + ".broken")
        try:
            if self.path.is_file():
                os.replace(self.path, aside)
            db = self._open()
        except (sqlite3.Error, OSError) as e2:
            self._off(e2)
            raise _Off from None
        self.notes.append(CacheNote(self.path, f"unusable build cache ({_one_line(error)}); moved to "
                                               f"{aside.name}, a new one is made"))
        return db

    def _off(self, error: Exception) -> None:
        if not self.off:
            self.off = True
            self.notes.append(CacheNote(self.path, f"build cache unusable ({_one_line(error)}); "
                                                   "building without it (use --no-cache to silence this)"))
        if self._db is not None:
            try:
                self._db.close()
            except sqlite3.Error:
                pass
            self._db = None
        self._pending.clear()

    def report_keys(self, files: dict[int, tuple[Path, os.stat_result]], rows: list) -> dict[int, str]:
        """report_key of each file (index -> (path, its stat)), its bytes read and hashed only when
        their digest is not recorded under the file's present stat signature. A digest is recorded
        only for a file unchanged for RACY_NS (git's care for files changed within one tick)."""
        known = {path: (sig, digest) for path, sig, digest in self._rows("SELECT * FROM file_digest", ())}
        keys, new = {}, []
        now = time.time_ns()
        for i, (f, st) in files.items():
            path, sig = os.fsencode(os.path.abspath(f)), stat_signature(st)   # bytes: any file name
            was = known.get(path)
            digest = was[1] if was is not None and was[0] == sig else None
            if digest is None:
                try:
                    digest = file_digest(f)
                except OSError:
                    continue            # unreadable: extraction reports the error
                if now - max(st.st_mtime_ns, st.st_ctime_ns) > RACY_NS:
                    new.append((path, sig, digest))
            keys[i] = report_key(f, rows[i], digest)
        if new:
            self._store("INSERT OR REPLACE INTO file_digest VALUES (?, ?, ?)", new)
        return keys

    def get(self, key: str) -> ReportResult | None:
        """The cached result of a report, or None."""
        return self.get_many([key]).get(key)

    def get_many(self, keys: list[str]) -> dict[str, ReportResult]:
        """The cached results of those reports that have one, by key (read 500 to a query: a third
        faster than one at a time at 10,000)."""
        found: dict[str, ReportResult] = {}
        for i in range(0, len(keys), 500):
            part = keys[i:i + 500]
            rows = self._rows(f"SELECT key, meta, data FROM report WHERE fingerprint = ? AND key IN "
                              f"({','.join('?' * len(part))})", (self.fingerprint, *part))
            found.update((key, _decode(orjson.loads(meta), data)) for key, meta, data in rows)
        self.hits += len(found)
        self.misses += len(set(keys)) - len(found)
        return found

    def put(self, key: str, result: ReportResult) -> None:
        """Remember a result; written in batches, while other reports are still being extracted."""
        meta, data = _encode(result)
        self._pending.append((key, self.fingerprint, orjson.dumps(meta).decode("utf-8"), data))
        if len(self._pending) >= _BATCH:
            self.flush()

    def _rows(self, sql: str, args: tuple) -> list[tuple]:
        """The rows a query finds ([] with no cache file yet, or the cache unusable)."""
        if self.off or (self._db is None and not self.path.exists()):
            return []
        try:
            return self._conn().execute(sql, args).fetchall()
        except _Off:
            return []
        except sqlite3.Error as e:
            self._off(e)
            return []

    def _row(self, sql: str, args: tuple) -> tuple | None:
        """The one row a query finds, or None."""
        return next(iter(self._rows(sql, args)), None)

    def _store(self, sql: str, args: tuple | list[tuple]) -> None:
        """Run one write (one per row, given a list) in its own transaction; a failure turns the
        cache off, the build goes on."""
        if self.off:
            return
        try:
            db = self._conn()
            with db:
                if isinstance(args, list):
                    db.executemany(sql, args)
                else:
                    db.execute(sql, args)
        except _Off:
            pass
        except sqlite3.Error as e:
            self._off(e)

    def assembly(self) -> tuple[set[str], list[Block]] | None:
        """(report keys, shared blocks) that the last build with this fingerprint merged, or None."""
        row = self._row("SELECT keys, sizes, blocks FROM assembly WHERE fingerprint = ?", (self.fingerprint,))
        if row is None:
            return None
        keys, sizes, data = row
        blocks, at = [], 0
        for n_data, lines, types, first, last, n_ttl in json.loads(sizes):
            blocks.append(Block(data[at:at + n_data], lines, tuple(types), first.encode(), last.encode(),
                                data[at + n_data:at + n_data + n_ttl]))
            at += n_data + n_ttl
        return set(keys.split()), blocks

    def save_assembly(self, keys: list[str], blocks: list[Block]) -> None:
        """Remember the shared blocks (each with its Turtle) merged from the reports with these keys."""
        meta = [[len(b.data), b.lines, list(b.types), b.first.decode(), b.last.decode(), len(b.turtle)]
                for b in blocks]
        self._store("INSERT OR REPLACE INTO assembly VALUES (1, ?, ?, ?, ?)",
                    (self.fingerprint, " ".join(sorted(keys)), json.dumps(meta, ensure_ascii=False),
                     b"".join(x for b in blocks for x in (b.data, b.turtle))))

    def folded_view(self, limit: int) -> tuple[set[str], bytes] | None:
        """(report keys, state) of the view the last build folded with this evidence limit, or None."""
        row = self._row("SELECT keys, state FROM folded_view WHERE fingerprint = ? AND evidence_limit = ?",
                        (self.fingerprint, limit))
        return None if row is None else (set(row[0].split()), row[1])

    def save_folded_view(self, limit: int, keys: list[str], state: bytes) -> None:
        """Remember the view folded from the reports with these keys."""
        self._store("INSERT OR REPLACE INTO folded_view VALUES (1, ?, ?, ?, ?)",
                    (self.fingerprint, limit, " ".join(sorted(keys)), state))

    def flush(self) -> None:
        """Write remembered results; drop entries made by another extractor fingerprint."""
        if not self._pending or self.off:
            self._pending.clear()
            return
        try:
            db = self._conn()
            with db:
                db.executemany("INSERT OR REPLACE INTO report VALUES (?, ?, ?, ?)", self._pending)
                if not self._pruned:               # once: it reads the whole table
                    db.execute("DELETE FROM report WHERE fingerprint != ?", (self.fingerprint,))
                    self._pruned = True
        except _Off:
            pass
        except sqlite3.Error as e:              # read-only, disk full: the build goes on without it
            self._off(e)
        self._pending.clear()

    def close(self) -> None:
        self.flush()
        if self._db is not None:
            self._db.close()
            self._db = None

    def __enter__(self) -> "BuildCache":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
