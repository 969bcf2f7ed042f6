"""Report chunks (分块): each report's triples as sorted N-Triples lines, compressed.

A chunk is what one report contributes to the graph: the name of its named graph and its
distinct triples as N-Triples lines in byte order, zlib-compressed. Chunks are small,
picklable (parallel extraction sends them between processes) and storable (the build
cache keeps one per report), and the union graph is a merge of sorted runs, so a graph of
ten thousand reports never needs millions of Python objects at once.

Byte order of N-Triples lines is the order of (subject, predicate, object) as strings:
terms are delimited (<…>, "…", _:…) and the separating space sorts below every character
that can follow a term's end.
"""
from __future__ import annotations

import io
import zlib
from dataclasses import dataclass
from typing import Iterable, Iterator

import pyoxigraph as ox

DEFAULT_GRAPH = "DEFAULT"      # str(ox.DefaultGraph()): sorts after every <iri>
_RUN_BYTES = 128 * 1024 * 1024  # raw bytes merged in memory at once; bigger graphs merge runs
_LEVEL = 1                      # zlib: fast, and N-Triples still shrink about 15x


@dataclass(frozen=True)
class Chunk:
    """One report's triples: `graph` is its graph IRI (or DEFAULT_GRAPH), `data` zlib'd lines."""

    graph: str
    data: bytes
    size: int          # uncompressed bytes

    def lines(self) -> list[bytes]:
        return zlib.decompress(self.data).splitlines(keepends=True)


def pack(graph: str, lines: Iterable[bytes]) -> Chunk:
    """A chunk from N-Triples lines (each ending in a newline), sorted and de-duplicated."""
    raw = b"".join(sorted(set(lines)))
    return Chunk(graph, zlib.compress(raw, _LEVEL), len(raw))


def pack_text(graph: str, lines: Iterable[str]) -> Chunk:
    """pack() for lines as str: code-point order is the byte order of their UTF-8."""
    raw = "".join(sorted(set(lines))).encode("utf-8")
    return Chunk(graph, zlib.compress(raw, _LEVEL), len(raw))


def from_triples(graph: str, triples: list[ox.Triple]) -> Chunk:
    """A chunk from pyoxigraph triples, serialized by Oxigraph (so escaping is canonical)."""
    nt = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) if triples else b""
    return pack(graph, nt.splitlines(keepends=True))


def from_quads(quads: Iterable[ox.Quad]) -> list[Chunk]:
    """Chunks from quads in any order, one per graph name."""
    by_graph: dict[str, list[ox.Triple]] = {}
    for q in quads:
        by_graph.setdefault(_graph_key(q.graph_name), []).append(q.triple)
    return [from_triples(g, ts) for g, ts in by_graph.items()]


def _graph_key(g) -> str:
    return DEFAULT_GRAPH if isinstance(g, ox.DefaultGraph) else str(g)


def union_lines(chunks: list[Chunk]) -> Iterator[bytes]:
    """The distinct triples of all chunks as sorted N-Triples lines.

    Each chunk's lines are sorted already, so concatenated chunks are sorted as runs
    (Timsort merges them) and duplicates end up next to each other. Small graphs are done in
    one go. Bigger ones are cut into key ranges (splitters sampled from the chunks): each
    chunk's bytes are cut at the splitters and each piece is added, compressed, to its
    range; the ranges are then sorted one after the other, so memory stays near one range
    whatever the number of reports.
    """
    total = sum(c.size for c in chunks)
    if total <= _RUN_BYTES:
        yield from _distinct_sorted([line for c in chunks for line in c.lines()])
        return
    splitters = _splitters(chunks, -(-total // (_RUN_BYTES // 4)))
    parts = [_Range() for _ in range(len(splitters) + 1)]
    for c in chunks:
        data, lo = zlib.decompress(c.data), 0
        for part, key in zip(parts, splitters):
            hi = _line_at_or_after(data, key, lo)
            if hi > lo:
                part.add(data[lo:hi])
            lo = hi
        if lo < len(data):
            parts[-1].add(data[lo:])
    for part in parts:
        yield from _distinct_sorted(part.lines())


def _distinct_sorted(lines: list[bytes]) -> Iterator[bytes]:
    lines.sort()
    previous = None
    for line in lines:
        if line != previous:
            yield line
            previous = line


def _line_at_or_after(data: bytes, key: bytes, lo: int) -> int:
    """Offset of the first line of sorted `data` (from offset lo, a line start) that is >= key."""
    hi = len(data)
    while lo < hi:                          # lo, hi: line starts; the answer is in [lo, hi]
        mid = data.rfind(b"\n", lo, (lo + hi) // 2) + 1 or lo
        if mid <= lo:
            mid = lo
        end = data.index(b"\n", mid) + 1
        if data[mid:end] < key:
            lo = end
        else:
            if mid == lo:
                return lo
            hi = mid
    return lo


def _splitters(chunks: list[Chunk], parts: int) -> list[bytes]:
    """parts - 1 increasing lines that cut a sample of the chunks' lines into equal ranges."""
    step = max(1, len(chunks) // 200)
    sample = sorted({line for c in chunks[::step] for line in c.lines()[::16]})
    if parts < 2 or not sample:
        return []
    picks = [sample[len(sample) * k // parts] for k in range(1, parts)]
    return sorted(set(picks))


class _Range:
    """The lines of one key range, gathered piece by piece and kept compressed."""

    _BLOCK = 4 * 1024 * 1024

    def __init__(self):
        self.blocks: list[bytes] = []
        self.pending: list[bytes] = []
        self.size = 0

    def add(self, data: bytes) -> None:
        self.pending.append(data)
        self.size += len(data)
        if self.size >= self._BLOCK:
            self._flush()

    def _flush(self) -> None:
        if self.pending:
            self.blocks.append(zlib.compress(b"".join(self.pending), _LEVEL))
            self.pending, self.size = [], 0

    def lines(self) -> list[bytes]:
        self._flush()
        out: list[bytes] = []
        while self.blocks:
            out += zlib.decompress(self.blocks.pop(0)).splitlines(keepends=True)
        return out


def quad_lines(chunks: list[Chunk]) -> Iterator[bytes]:
    """N-Quads lines of every chunk, ordered by graph then triple (chunks sorted by graph)."""
    for c in chunks:
        if c.graph == DEFAULT_GRAPH:
            yield from c.lines()
        else:
            suffix = b" " + c.graph.encode("utf-8") + b" .\n"
            for line in c.lines():
                yield line[:-3] + suffix     # "<s> <p> <o> .\n" -> "<s> <p> <o> <g> .\n"


class LineReader(io.RawIOBase):
    """A binary file over an iterator of byte strings (Oxigraph parses it as it reads)."""

    def __init__(self, lines: Iterable[bytes]):
        self._it, self._buf, self._pos = iter(lines), b"", 0

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        if self._pos >= len(self._buf):
            self._buf, self._pos = b"".join(line for _, line in zip(range(4096), self._it)), 0
            if not self._buf:
                return 0
        n = min(len(b), len(self._buf) - self._pos)
        b[:n] = self._buf[self._pos:self._pos + n]
        self._pos += n
        return n
