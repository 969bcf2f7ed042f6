"""The union graph (并集) of report chunks, in byte order, made without holding it whole.

Shared lines (townships, laws, mechanisms: about a sixth) are merged and de-duplicated across
reports; each report's segments (kg.graph.chunks) are put in between as they are. A build
that only adds reports to a cached one merges their shared lines into the kept blocks they
fall in and takes the other blocks, with their Turtle, as they are.
"""
from __future__ import annotations

import bisect
from typing import Iterator

from kg.graph.chunks import LOCAL_PREFIXES, Block, Chunk, Segment, _line_at_or_after, compress, decompress

_RUN_BYTES = 320 * 1024 * 1024  # raw bytes merged in memory at once; bigger graphs merge runs


def union_parts(chunks: list[Chunk], base: tuple[list[Block], list[Chunk]] | None = None
                ) -> Iterator[tuple[str, list[bytes] | Segment | Block]]:
    """The distinct triples of all chunks in byte order, as ("lines", [line, ...]) runs of
    shared lines, ("segment", Segment) report-local runs, each taken as it is, and
    ("block", Block) blocks of shared lines kept from an earlier build that nothing new fell in.

    Segments of one prefix are ordered by their first line; if two overlap (the same
    resource minted in two chunks), that prefix's lines are merged instead. `base` is
    (blocks, fresh): the sorted, distinct shared lines of the other chunks (kept from an
    earlier build) and the chunks they do not cover, whose shared lines are added.
    """
    by_prefix: list[list[Segment]] = [[] for _ in LOCAL_PREFIXES]
    for c in chunks:
        for s in c.segments:
            by_prefix[s.prefix].append(s)
    i = 0                                       # the next prefix whose segments are due
    due = [p for p, segs in zip(LOCAL_PREFIXES, by_prefix, strict=True) if segs]
    runs = _merge_onto(*base, due) if base is not None else _merge([(c.shared, c.shared_size) for c in chunks])
    for run in runs:
        if isinstance(run, Block):              # before it: the segments of each prefix it follows
            while i < len(LOCAL_PREFIXES) and LOCAL_PREFIXES[i] < run.first:
                yield from _segments(by_prefix[i])
                i += 1
            yield "block", run
            continue
        at = 0
        while i < len(LOCAL_PREFIXES):          # shared lines never start with a prefix
            cut = bisect.bisect_left(run, LOCAL_PREFIXES[i], at)
            if cut == len(run):
                break
            if cut > at:
                yield "lines", run[at:cut]
            yield from _segments(by_prefix[i])
            i, at = i + 1, cut
        if at < len(run):
            yield "lines", run[at:]
    for segs in by_prefix[i:]:
        yield from _segments(segs)


def _segments(segs: list[Segment]) -> Iterator[tuple[str, list[bytes] | Segment]]:
    segs.sort(key=lambda s: s.first)
    if all(a.last < b.first for a, b in zip(segs, segs[1:], strict=False)):   # pairs
        yield from (("segment", s) for s in segs)
    else:
        yield "lines", sorted({x for s in segs for x in s.raw().splitlines(keepends=True)})


def union_lines(chunks: list[Chunk]) -> Iterator[bytes]:
    """The distinct triples of all chunks as sorted N-Triples lines."""
    for _, part in union_parts(chunks):
        yield from part if isinstance(part, list) else part.raw().splitlines(keepends=True)


def _merge_onto(blocks: list[Block], fresh: list[Chunk], due: list[bytes]) -> Iterator[Block | list[bytes]]:
    """`blocks` (in order) with the shared lines of `fresh` merged in: a block no new line falls
    in, and no place where segments are `due` (their prefixes), is given as it is; the others as
    their sorted distinct lines. A line goes to the block of its subject, or of the subject before."""
    new = sorted({x for c in fresh for x in decompress(c.shared).splitlines(keepends=True)})
    starts = [subject(b.first) for b in blocks]
    into: dict[int, list[bytes]] = {}
    for x in new:
        into.setdefault(max(bisect.bisect_right(starts, subject(x)) - 1, 0), []).append(x)
    for k, b in enumerate(blocks):
        if k not in into and not any(b.first < p < b.last for p in due):
            yield b
            continue
        lines = b.raw().splitlines(keepends=True)
        added = [x for x in into.get(k, ()) if not _has(lines, x)]
        yield sorted(lines + added) if added else lines   # two sorted runs: Timsort merges them in one pass
    if not blocks and new:
        yield new


def subject(line: bytes) -> bytes:
    """The subject term of an N-Triples line."""
    return line[:line.index(b" ")]


def _has(lines: list[bytes], x: bytes) -> bool:
    i = bisect.bisect_left(lines, x)
    return i < len(lines) and lines[i] == x


def _merge(blobs: list[tuple[bytes, int]]) -> Iterator[list[bytes]]:
    """The distinct lines of compressed sorted runs (data, uncompressed size), as sorted lists of
    increasing, disjoint key ranges.

    Small inputs are done in one go. Bigger ones are cut into key ranges (splitters sampled
    from the runs): each run is cut at the splitters and each piece is added, compressed,
    to its range; the ranges are then sorted one after the other, so memory stays near one
    range whatever the number of reports.
    """
    total = sum(size for _, size in blobs)
    if total <= _RUN_BYTES:
        yield sorted({x for data, _ in blobs for x in decompress(data).splitlines(keepends=True)})
        return
    splitters = _splitters(blobs, -(-total // (_RUN_BYTES // 4)))
    parts = [_Range() for _ in range(len(splitters) + 1)]
    for blob, _ in blobs:
        data, lo = decompress(blob), 0
        for part, key in zip(parts, splitters, strict=False):    # the last part: after every splitter
            hi = _line_at_or_after(data, key, lo)
            if hi > lo:
                part.add(data[lo:hi])
            lo = hi
        if lo < len(data):
            parts[-1].add(data[lo:])
    for part in parts:
        yield sorted(set(part.lines()))


def _splitters(blobs: list[tuple[bytes, int]], parts: int) -> list[bytes]:
    """parts - 1 increasing lines that cut a sample of the runs' lines into equal ranges."""
    step = max(1, len(blobs) // 200)
    sample = sorted({x for data, _ in blobs[::step] for x in decompress(data).splitlines(keepends=True)[::16]})
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
            self.blocks.append(compress(b"".join(self.pending)))
            self.pending, self.size = [], 0

    def lines(self) -> list[bytes]:
        self._flush()
        out: list[bytes] = []
        while self.blocks:
            out += decompress(self.blocks.pop(0)).splitlines(keepends=True)
        return out
