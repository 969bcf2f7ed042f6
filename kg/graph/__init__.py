"""The graph model (图谱): reports' quads, one named graph per report, and views of them."""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import IO, TYPE_CHECKING, Iterable, cast

import pyoxigraph as ox

from kg import regex
from kg.graph import chunks as _chunks
from kg.graph import union as _union_of
from kg.graph.build import report_chunks
from kg.graph.vocab import PREFIXES, term
from kg.kinds import FACTS, KINDS, drawn_facts
from kg.model import ReportFacts

if TYPE_CHECKING:
    from kg.keptview import KeptView


@dataclass
class BuildStats:
    """Counts for the build summary line."""

    reports: int = 0
    failed: int = 0
    unresolved_regulations: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)


class KnowledgeGraph:
    """A built graph: quads grouped by report, with Turtle/SPARQL/rdflib/networkx views."""

    def __init__(self, quads: list[ox.Quad] | None = None, stats: BuildStats | None = None, *,
                 chunks: list[_chunks.Chunk] | None = None, views: list[bytes] | None = None,
                 base: tuple[list[_chunks.Block], list[_chunks.Chunk]] | None = None):
        # Held as one compressed chunk of sorted N-Triples per report graph (see kg.graph.chunks);
        # the quads, triples and store are views made on demand, sorted and de-duplicated so
        # that every serialization is byte-identical across runs. `views` are the reports'
        # records for the HTML view (kg.export.graphview), made where they were extracted.
        if chunks is None:
            chunks = _chunks.from_quads(quads or [])
        merged: dict[str, list[_chunks.Chunk]] = {}
        for c in chunks:
            merged.setdefault(c.graph, []).append(c)
        self.chunks = sorted((cs[0] if len(cs) == 1 else
                              _chunks.pack(g, (line for c in cs for line in c.lines()))
                              for g, cs in merged.items()), key=lambda c: c.graph)
        # a report given twice is one graph: its records would count it twice, so read the lines
        self.views = views if views is not None and len(merged) == len(chunks) else None
        self._base = base            # see kg.graph.union.union_parts
        self.view_keep: KeptView | None = None   # the build cache's folded view of most records (kg.keptview.KeptView)
        self.stats = stats or BuildStats()

    @classmethod
    def from_facts(cls, facts: list[ReportFacts], stats: BuildStats | None = None) -> "KnowledgeGraph":
        return cls(chunks=[c for f in facts for c in report_chunks(f)], stats=stats)

    @classmethod
    def from_chunks(cls, chunks: list[_chunks.Chunk], stats: BuildStats | None = None,
                    views: list[bytes] | None = None, base=None) -> "KnowledgeGraph":
        """A graph from report chunks (made by kg.graph.build.report_chunks, maybe in other processes);
        `views` are their HTML view records, `base` the merged shared lines of most of them
        (see kg.graph.union.union_parts)."""
        return cls(chunks=chunks, stats=stats, views=views, base=base)

    @cached_property
    def quads(self) -> list[ox.Quad]:
        """Every quad, sorted by graph, subject, predicate, object (a view: costly for big graphs)."""
        return list(ox.parse(_file(self.nquad_lines()), format=ox.RdfFormat.N_QUADS, lenient=True))

    def nquad_lines(self):
        """The graph as sorted N-Quads lines (bytes), one named graph per report."""
        return _chunks.quad_lines(self.chunks)

    def ntriple_lines(self):
        """The distinct triples of the union graph as sorted N-Triples lines (bytes)."""
        for part in self.union_parts():
            yield from part.raw().splitlines(keepends=True)

    def union_parts(self) -> list[_chunks.Block | _chunks.Segment]:
        """The union graph in order: blocks of shared lines (each ending at a subject's end) and
        report segments (see kg.graph.chunks), merged once, read many times."""
        return self._union[0]

    def shared_blocks(self) -> list[_chunks.Block]:
        """The union's shared lines (sorted, distinct) as blocks: a later build's base."""
        return [p for p in self.union_parts() if isinstance(p, _chunks.Block)]

    @cached_property
    def _union(self) -> tuple[list, dict]:
        """The union parts and the summary counts, taken in the same pass."""
        names = {"Report": "reports", "Township": "townships", **{f.cls: f.plural for f in FACTS}}
        counts = [0] * len(_chunks.COUNTED)
        parts: list = []
        pending: list[bytes] = []          # shared lines not yet in a block
        triples = 0

        def blocks(final: bool) -> None:
            """Move pending lines into blocks of about _BLOCK_LINES, each ending where a
            subject does (so their Turtle can be written one by one); keep a tail that may
            go on in the next run unless `final`."""
            nonlocal pending
            start = 0
            while len(pending) - start > (0 if final else _BLOCK_LINES):
                cut = min(start + _BLOCK_LINES, len(pending))
                while cut < len(pending) and _union_of.subject(pending[cut]) == _union_of.subject(pending[cut - 1]):
                    cut += 1
                if cut == len(pending) and not final:
                    break
                block = _chunks.Block.of(b"".join(pending[start:cut]))
                counts[:] = [a + b for a, b in zip(counts, block.types, strict=True)]  # lines are unique:
                parts.append(block)                                                     # one per resource
                start = cut
            pending = pending[start:]

        for _, part in _union_of.union_parts(self.chunks, self._base):
            if isinstance(part, list):          # ("lines", [line, ...]); else ("segment", Segment)
                triples += len(part)
                pending += part
                blocks(final=False)
                continue
            blocks(final=True)              # a Segment, or a Block kept from an earlier build
            parts.append(part)
            triples += part.lines
            counts[:] = [a + b for a, b in zip(counts, part.types, strict=True)]
        blocks(final=True)
        summary = {names[c]: n for c, n in zip(_chunks.COUNTED, counts, strict=True)}
        summary["triples"] = triples
        return parts, summary

    @classmethod
    def load(cls, path) -> "KnowledgeGraph":
        """Read a graph written by `kg build` (graph.ttl, .nq or .trig, or the folder)."""
        from pathlib import Path

        p = graph_file(Path(path))
        quads = list(ox.parse(path=str(p)))
        default = ox.DefaultGraph()
        return cls([q if isinstance(q, ox.Quad) else ox.Quad(q.subject, q.predicate, q.object, default)
                    for q in quads])

    def triples(self) -> list[ox.Triple]:
        """Distinct triples of the union of all report graphs, sorted."""
        lines = _file(self.ntriple_lines())
        return [q.triple for q in ox.parse(lines, format=ox.RdfFormat.N_TRIPLES, lenient=True)]

    @property
    def store(self) -> ox.Store:
        """An in-memory Oxigraph store: the distinct triples in the default graph, plus one
        named graph per report (query those with GRAPH ?report { ... })."""
        store = self._default_store
        if not self._named_loaded:
            named = [c for c in self.chunks if c.graph != _chunks.DEFAULT_GRAPH]
            self._load(store, _chunks.quad_lines(named), ox.RdfFormat.N_QUADS)
            self._named_loaded = True
        return store

    _named_loaded = False

    @cached_property
    def _default_store(self) -> ox.Store:
        """The store with the default graph only; `store` adds the report graphs when asked."""
        store = self._new_store()
        self._load(store, self.ntriple_lines(), ox.RdfFormat.N_TRIPLES)
        return store

    def _load(self, store: ox.Store, lines, fmt) -> None:
        # the lines come from Oxigraph's own serializer: valid, so parsed leniently (faster)
        if not self._store_on_disk:
            store.load(_file(lines), format=fmt, lenient=True)
            return
        # the bulk loader buffers what it is given: batches keep its memory to one batch's worth
        lines = iter(lines)
        while True:
            batch = list(itertools.islice(lines, _BULK_BATCH))
            if not batch:
                break
            store.bulk_load(_file(batch), format=fmt, lenient=True)

    def _new_store(self) -> ox.Store:
        """In memory for a small graph; for a big one (over STORE_IN_MEMORY_BYTES of N-Triples, some
        800 reports) an on-disk Oxigraph store in a temporary folder, removed with the graph, so
        memory stays flat: an in-memory store costs ~350 bytes per quad, 8 GB for 10,000 reports."""
        self._store_on_disk = sum(c.size for c in self.chunks) > STORE_IN_MEMORY_BYTES
        if not self._store_on_disk:
            return ox.Store()
        import shutil
        import tempfile
        import weakref

        folder = tempfile.mkdtemp(prefix="kg-store-")
        # the finalizer holds the graph's __dict__, not the graph: it drops the store (closing
        # the database) before deleting its folder, when the graph is collected or at exit
        weakref.finalize(self, _drop_store, self.__dict__, folder, shutil.rmtree)
        return ox.Store(folder)

    def query(self, sparql: str):
        """Run SPARQL over the graph (each fact once, whatever number of reports state it)."""
        # a query that never names a graph sees the default graph only: the report graphs,
        # as big again, are loaded the first time a query says GRAPH or NAMED
        store = self.store if _NAMES_GRAPHS.search(sparql) else self._default_store
        return store.query(sparql, prefixes=PREFIXES)

    def to_rdflib(self):
        """The graph as an rdflib.Graph (slower; for rdflib users and SHACL)."""
        import rdflib

        g = rdflib.Graph()
        for k, v in PREFIXES.items():
            g.bind(k, v)
        g.parse(data=ox.serialize(self.triples(), format=ox.RdfFormat.N_TRIPLES).decode("utf-8"),
                format="nt")
        return g

    def to_networkx(self):
        """Townships and what they cite, adopt and conduct, as a networkx.MultiDiGraph.

        Nodes carry `label` and `type` (Township, Law, …, Mechanism, Activity); edges carry
        `relation` (cites, adopts, conducts).
        """
        import networkx as nx

        rels = " ".join(f"tkg:{f.predicate}" for f in drawn_facts())
        types = " ".join(f"tkg:{k.cls}" for k in KINDS)
        q = f"""SELECT ?t ?tl ?rel ?x ?xl ?type WHERE {{
          ?t a tkg:Township ; rdfs:label ?tl ; ?rel ?x .
          VALUES ?rel {{ {rels} }}
          ?x rdfs:label ?xl ; a ?type .
          VALUES ?type {{ {types} }}
        }}"""
        g = nx.MultiDiGraph()
        for r in sorted(self.query(q), key=lambda r: (r["t"].value, r["rel"].value, r["x"].value)):
            g.add_node(r["t"].value, label=r["tl"].value, type="Township")
            g.add_node(r["x"].value, label=r["xl"].value, type=r["type"].value.rsplit("#", 1)[-1])
            g.add_edge(r["t"].value, r["x"].value, relation=r["rel"].value.rsplit("#", 1)[-1])
        return g

    def count(self, cls: str) -> int:
        """How many resources of a tkg: class the graph holds."""
        q = f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a <{term(cls)}> }}"
        return int(next(iter(self.query(q)))["n"].value)

    def summary(self) -> dict:
        """The numbers of the build's one-line summary."""
        return dict(self._union[1])


GRAPH_FILES = ("graph.nq", "graph.trig", "graph.ttl")     # what a build folder is read from, in order


def graph_file(path):
    """The file a graph is read from: `path` itself, or in a build folder the first of GRAPH_FILES
    it holds (graph.ttl when none: reading it then says it is missing)."""
    from pathlib import Path

    path = Path(path)
    if not path.is_dir():
        return path
    return next((path / n for n in GRAPH_FILES if (path / n).exists()), path / "graph.ttl")


def _file(lines: Iterable[bytes]) -> IO[bytes]:
    """Lines as a binary file Oxigraph reads as it parses (typeshed's IO[bytes] is a class a RawIOBase
    does not inherit, though it reads the same)."""
    return cast(IO[bytes], _chunks.LineReader(lines))


STORE_IN_MEMORY_BYTES = 256 * 1024 * 1024
_BLOCK_LINES = 32_768       # shared lines per compressed block of the union


_BULK_BATCH = 1_000_000     # lines per bulk load into an on-disk store


_NAMES_GRAPHS = regex.compile(r"GRAPH|NAMED", re.IGNORECASE)


def names_graphs(sparql: str) -> bool:
    """Whether a query may need the report graphs (it says GRAPH or NAMED): KnowledgeGraph.query
    and the persistent store (kg.query.store) load them only then."""
    return bool(_NAMES_GRAPHS.search(sparql))


def _drop_store(attrs: dict, folder: str, rmtree) -> None:
    attrs.pop("_default_store", None)
    rmtree(folder, ignore_errors=True)



