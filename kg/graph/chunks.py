"""Report chunks (分块): each report's triples as sorted N-Triples lines, compressed.

A chunk is what one report contributes to the graph: the name of its named graph and its
distinct triples as N-Triples lines in byte order, compressed (LZ4). Chunks are small,
picklable (parallel extraction sends them between processes) and storable (the build
cache keeps one per report), so a graph of ten thousand reports never needs millions of
Python objects at once.

Most lines of a report are about resources minted for it alone (evidence, sentences,
indicators, the report; kg.graph.iri.local): those runs (segments, one per LOCAL_PREFIXES)
cannot occur in another report, so the union graph is the merge of the *shared* lines only
(townships, laws, mechanisms: about a sixth), with each report's segments put in between as
they are. A segment also keeps its Turtle, made where the report was extracted, so graph.ttl
is mostly a concatenation: adding one report to a built corpus costs that report only.

Byte order of N-Triples lines is (subject, predicate, object) order: terms are delimited and the
space between sorts below any character that can end a term."""
from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator

import lz4.block
import pyoxigraph as ox

from kg.graph.vocab import ONTOLOGY, PREFIXES, RESOURCE

DEFAULT_GRAPH = "DEFAULT"      # str(ox.DefaultGraph()): sorts after every <iri>
# subjects minted for one report (kg.graph.iri.report and .local), in byte order
LOCAL_PREFIXES = tuple(f"<{RESOURCE}{k}-".encode() for k in ("evidence", "indicator", "report", "sentence"))
# typed resources the build summary counts
COUNTED = ("Report", "Township", "Regulation", "Mechanism", "Activity", "Indicator")
MARKS = tuple(f"> <{PREFIXES['rdf']}type> <{ONTOLOGY}{c}> .\n".encode() for c in COUNTED)


def _bytes(serialized: bytes | None) -> bytes:
    """What ox.serialize returns when given no output file: the bytes (None only when written to one)."""
    assert serialized is not None
    return serialized


def compress(data: bytes) -> bytes:
    """LZ4 (block format): ten times faster than zlib both ways, a third bigger."""
    return lz4.block.compress(data, store_size=True)


def decompress(data: bytes) -> bytes:
    return lz4.block.decompress(data)


@dataclass(slots=True)
class Segment:
    """A report's run of lines whose subjects start with LOCAL_PREFIXES[prefix]."""

    prefix: int
    data: bytes                # compressed lines, or b"" when only the Turtle is kept
    size: int                  # uncompressed bytes of the lines
    lines: int
    first: bytes               # first and last line: runs of different reports are put in
    last: bytes                # order, and checked not to overlap, without reading them
    types: tuple[int, ...]     # resources of each COUNTED class
    turtle: bytes = b""        # compressed Turtle of the lines without @prefix lines (b"": not made)

    def raw(self) -> bytes:
        """The lines; from the Turtle when only that is kept (Oxigraph writes the same lines back)."""
        if self.data or not self.turtle:
            return decompress(self.data) if self.data else b""
        ttl = turtle_header() + decompress(self.turtle)
        return _bytes(ox.serialize(ox.parse(ttl, format=ox.RdfFormat.TURTLE), format=ox.RdfFormat.N_TRIPLES))


@dataclass(slots=True)
class Block:
    """A run of the union's shared lines (sorted, distinct, whole subjects, never across a place
    where segments go), compressed, with what is read of it without decompressing it."""

    data: bytes                # compressed lines
    lines: int
    types: tuple[int, ...]     # resources of each COUNTED class
    first: bytes               # first and last line: where a later build's new lines fall
    last: bytes
    turtle: bytes = b""        # compressed Turtle of the lines without @prefix lines (b"": not made)

    @classmethod
    def of(cls, raw: bytes) -> "Block":
        return cls(compress(raw), raw.count(b"\n"), _types(raw), *_ends(raw))

    def raw(self) -> bytes:
        return decompress(self.data)

    def add_turtle(self) -> None:
        if not self.turtle:
            self.turtle = compress(turtle_body(self.raw()))


@dataclass(slots=True)
class Chunk:
    """One report's triples: `graph` is its graph IRI (or DEFAULT_GRAPH); the lines are the
    shared ones (compressed) plus the report-local segments."""

    graph: str
    shared: bytes
    shared_size: int
    segments: tuple[Segment, ...] = ()

    @property
    def size(self) -> int:
        """Uncompressed bytes of all lines."""
        return self.shared_size + sum(s.size for s in self.segments)

    def raw(self) -> bytes:
        """All lines, sorted: the shared ones with each segment put in its place."""
        shared = decompress(self.shared)
        out: list[bytes] = []
        at = 0
        for s in self.segments:
            cut = _line_at_or_after(shared, LOCAL_PREFIXES[s.prefix], at)
            out += (shared[at:cut], s.raw())
            at = cut
        out.append(shared[at:])
        return b"".join(out)

    def lines(self) -> list[bytes]:
        return self.raw().splitlines(keepends=True)


def pack(graph: str, lines: Iterable[bytes], *, turtle: bool = False) -> Chunk:
    """A chunk from N-Triples lines (each ending in a newline), sorted and de-duplicated.

    `turtle` keeps each segment as Turtle only (made where reports are extracted, in
    parallel; half the size): the lines must then be Oxigraph's own N-Triples, as
    kg.graph.build writes them (tested), so that reading the Turtle gives them back."""
    return _split(graph, b"".join(sorted(set(lines))), turtle)


def pack_text(graph: str, lines: Iterable[str], *, turtle: bool = False) -> Chunk:
    """pack() for lines as str: code-point order is the byte order of their UTF-8 (bytes compare
    with memcmp, a third faster to sort than str of Chinese text)."""
    return _split(graph, b"".join(sorted({x.encode("utf-8") for x in lines})), turtle)


def _split(graph: str, raw: bytes, turtle: bool) -> Chunk:
    shared, segments, at = [], [], 0
    for i, prefix in enumerate(LOCAL_PREFIXES):
        lo = _line_at_or_after(raw, prefix, at)
        hi = _line_at_or_after(raw, prefix[:-1] + bytes([prefix[-1] + 1]), lo)
        shared.append(raw[at:lo])
        if hi > lo:
            segments.append(_segment(i, raw[lo:hi], turtle))
        at = hi
    shared.append(raw[at:])
    data = b"".join(shared)
    return Chunk(graph, compress(data), len(data), tuple(segments))


def _segment(prefix: int, raw: bytes, turtle: bool) -> Segment:
    return Segment(prefix, b"" if turtle else compress(raw), len(raw), raw.count(b"\n"), *_ends(raw),
                   _types(raw), compress(turtle_body(raw)) if turtle else b"")


def _ends(raw: bytes) -> tuple[bytes, bytes]:
    """The first and last line of a run of lines."""
    return raw[:raw.index(b"\n") + 1], raw[raw.rfind(b"\n", 0, len(raw) - 1) + 1:]


def _types(raw: bytes) -> tuple[int, ...]:
    """Resources of each COUNTED class in a run of distinct lines (one type line per resource)."""
    return tuple(raw.count(m) for m in MARKS)


@lru_cache(maxsize=1)
def turtle_header() -> bytes:
    """The @prefix lines Oxigraph starts a Turtle document with."""
    probe = ox.Triple(ox.NamedNode("urn:x:s"), ox.NamedNode("urn:x:p"), ox.NamedNode("urn:x:o"))
    text = _bytes(ox.serialize([probe], format=ox.RdfFormat.TURTLE, prefixes=PREFIXES))
    return text[:text.index(b"<urn:x:s>")]


def turtle_body(raw: bytes) -> bytes:
    """Turtle of sorted N-Triples lines, without the @prefix lines. Cut at subject boundaries,
    the bodies of consecutive pieces concatenate to the body of the whole."""
    if not raw:
        return b""
    # the lines come from this module (Oxigraph's escaping): valid, so parsed leniently
    text = _bytes(ox.serialize(ox.parse(raw, format=ox.RdfFormat.N_TRIPLES, lenient=True),
                               format=ox.RdfFormat.TURTLE, prefixes=PREFIXES))
    return text[len(turtle_header()):]


def from_triples(graph: str, triples: list[ox.Triple]) -> Chunk:
    """A chunk from pyoxigraph triples, serialized by Oxigraph (so escaping is canonical)."""
    nt = _bytes(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)) if triples else b""
    return pack(graph, nt.splitlines(keepends=True))


def from_quads(quads: Iterable[ox.Quad]) -> list[Chunk]:
    """Chunks from quads in any order, one per graph name."""
    by_graph: dict[str, list[ox.Triple]] = {}
    for q in quads:
        by_graph.setdefault(_graph_key(q.graph_name), []).append(q.triple)
    return [from_triples(g, ts) for g, ts in by_graph.items()]


def _graph_key(g) -> str:
    return DEFAULT_GRAPH if isinstance(g, ox.DefaultGraph) else str(g)


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
            self._buf, self._pos = b"".join(line for _, line in zip(range(4096), self._it, strict=False)), 0
            if not self._buf:
                return 0
        n = min(len(b), len(self._buf) - self._pos)
        b[:n] = self._buf[self._pos:self._pos + n]
        self._pos += n
        return n
