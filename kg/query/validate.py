"""SHACL validation (校验) of a build against ontology/shapes.ttl, with a readable report.

The ontology (ontology/township-kg.ttl) is mixed into the data graph so that sh:class
checks see the subclass axioms (a tkg:Law is a tkg:Regulation) without RDFS inference
over the whole graph. A big graph is checked in parts, in parallel (see `validate`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

import rdflib
from rdflib.plugins.sparql import prepareQuery

import kg
from kg.errors import ValidationError
from kg.graph import KnowledgeGraph
from kg.graph.vocab import PREFIXES
from kg.query.formats import compact
from kg.query.validate_parts import Part, inverse_predicates, partition, reach

__all__ = ["ALLOWED", "IN_PROCESS_TRIPLES", "ONTOLOGY_DIR", "PART_TRIPLES", "Part", "Problem", "Report",
           "inverse_predicates", "problems", "reach", "validate"]

ONTOLOGY_DIR = Path(kg.__file__).parent / "ontology"     # kg/ontology -> ../ontology, shipped in the wheel
SH = "http://www.w3.org/ns/shacl#"


@dataclass(frozen=True, order=True)
class Problem:
    """One SHACL result: severity, focus node (and its label), path, value, message."""

    severity: str
    focus: str
    label: str
    path: str
    value: str
    message: str

    def line(self) -> str:
        """The problem on one line, IRIs shortened."""
        who = compact(self.focus) + (f" ({self.label})" if self.label else "")
        where = f" {self.path}" if self.path else ""
        what = f" = {self.value}" if self.value else ""
        return f"{self.severity}: {who}{where}{what}: {self.message}"


@dataclass
class Report:
    """The outcome of a validation: conforms, the problems, and what was checked."""

    conforms: bool
    problems: list[Problem] = field(default_factory=list)
    triples: int = 0
    shapes: Path | None = None

    @property
    def violations(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "Violation"]

    def text(self, limit: int = 200) -> str:
        """A readable report: one line per problem (at most `limit`), then a summary."""
        lines = [p.line() for p in self.problems[:limit]]
        if len(self.problems) > limit:
            lines.append(f"… and {len(self.problems) - limit} more")
        counts: dict[str, int] = {}
        for p in self.problems:
            counts[p.severity] = counts.get(p.severity, 0) + 1
        tally = ", ".join(f"{n} {s.lower()}{'s' if n != 1 else ''}" for s, n in sorted(counts.items()))
        verdict = "conform" if self.conforms else "do not conform"
        shapes = self.shapes
        try:
            shapes = shapes.resolve().relative_to(Path.cwd()) if shapes is not None else None
        except (ValueError, OSError, AttributeError):
            pass
        lines.append(f"{self.triples} triples {verdict} to {shapes}" + (f": {tally}" if tally else ""))
        return "\n".join(lines) + "\n"


def _load_rdf(path: Path):
    if not path.is_file():
        raise ValidationError(f"{path}: missing (the ontology folder ships with the project)")
    g = rdflib.Graph()
    try:
        g.parse(path, format="turtle")
    except Exception as e:  # rdflib raises many kinds of parser errors
        raise ValidationError(f"{path}: cannot parse ({e})") from None
    return g


# Validating a big graph whole is slow in two ways: pySHACL re-parses a SPARQL constraint's text
# for every focus node (4,000 evidence nodes per 50 reports: two thirds of the time), and an
# rdflib graph of a million triples is slow to build and to search. So the graph is cut into
# parts, each owning some subjects and holding what checking them can look at (see `reach`),
# validated in parallel, with each SPARQL text parsed once per part.
PART_TRIPLES = 20_000          # owned triples per part: a few seconds of pySHACL each
IN_PROCESS_TRIPLES = 60_000    # below this the parts are checked in this process (no pool)
ALLOWED = {"Warning", "Info"}  # severities that keep a graph conforming (allow_warnings)


def validate(graph: KnowledgeGraph, shapes: str | Path | None = None,
             ontology: str | Path | None = None, *, jobs: int = 0,
             progress: Callable[[int, int], None] | None = None) -> Report:
    """Check a graph against SHACL shapes (default ontology/shapes.ttl), in `jobs` processes
    (0: one per CPU); `progress(done, total)` counts the triples checked.

    The problems are those of validating the whole graph at once (tested): each subject is
    checked once, in a part that holds every triple its shapes can reach."""
    shapes = Path(shapes) if shapes else ONTOLOGY_DIR / "shapes.ttl"
    ontology = Path(ontology) if ontology else ONTOLOGY_DIR / "township-kg.ttl"
    shapes_graph = _load_rdf(shapes)
    ont_graph = _load_rdf(ontology) if ontology.is_file() else None
    lines = list(graph.ntriple_lines())
    hops = reach(shapes_graph)
    if hops is None or any(line.startswith(b"_:") or line.split(b" ", 2)[2].startswith(b"_:") for line in lines):
        # shapes that look further than a neighbourhood (or blank nodes, whose labels a part
        # cannot keep): the graph whole, in one part
        parts: Iterator[Part] = iter([Part(b"".join(lines), None, len(lines))])
    else:
        parts = partition(graph, lines, hops, inverse_predicates(shapes_graph), PART_TRIPLES)
    if len(lines) <= IN_PROCESS_TRIPLES:
        jobs = 1
    problems: list[Problem] = []
    done = 0
    for found, triples in _checked(parts, shapes_graph, ont_graph, jobs):
        problems += found
        done += triples
        if progress:
            progress(done, len(lines))
    conforms = all(p.severity in ALLOWED for p in problems)
    return Report(conforms, sorted(problems), len(lines), shapes)


# --- checking parts ------------------------------------------------------------------------

def _checked(parts: Iterator[Part], shapes_graph, ont_graph, jobs: int):
    """(problems, owned triples) of each part, in order; in a pool of `jobs` processes when > 1."""
    if jobs <= 0:
        from kg.parallel import default_jobs

        jobs = default_jobs()
    if jobs == 1:
        _init(shapes_graph, ont_graph)
        for p in parts:
            yield _check(p), p.triples
        return
    import multiprocessing as mp
    import sys
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor

    method = "fork" if sys.platform.startswith("linux") else "spawn"
    with ProcessPoolExecutor(jobs, mp_context=mp.get_context(method), initializer=_init,
                             initargs=(shapes_graph, ont_graph)) as pool:
        pending: deque = deque()                # a few parts per process in flight: memory stays flat
        for p in parts:
            pending.append((pool.submit(_check, p), p.triples))
            if len(pending) >= 2 * jobs:
                future, n = pending.popleft()
                yield future.result(), n
        while pending:
            future, n = pending.popleft()
            yield future.result(), n


_CHECKER = None


def _init(shapes_graph, ont_graph) -> None:
    global _CHECKER
    _CHECKER = _Checker(shapes_graph, ont_graph)


def _check(part: Part) -> list[Problem]:
    checker = _CHECKER
    assert checker is not None, "_init makes the checker first in every worker"
    return checker.check(part)


class _Checker:
    """pySHACL over parts: the shapes parsed once, the ontology mixed in as pySHACL itself
    would (its `inoculate`, done once), each SPARQL text parsed once per part."""

    def __init__(self, shapes_graph, ont_graph):
        self.shapes = shapes_graph
        self.ontology: list = []
        # KnowledgeGraph.to_rdflib binds PREFIXES, and pySHACL binds the ontology's other prefixes
        self.namespaces = list(PREFIXES.items())
        if ont_graph is not None:
            self.namespaces += [(p, n) for p, n in ont_graph.namespaces() if p not in PREFIXES]
        if ont_graph is not None:
            from pyshacl.graph_abstraction import DataGraph
            from pyshacl.rdfutil.inoculate import inoculate

            mixed = rdflib.Graph()
            inoculate(DataGraph.from_rdflib(mixed), ont_graph)
            self.ontology = list(mixed)

    def check(self, part: Part) -> list[Problem]:
        import pyshacl

        data = _PreparedQueries()
        for prefix, namespace in self.namespaces:       # messages name nodes as a whole graph's would
            data.bind(prefix, namespace)
        data.addN((*t, data) for t in _rdflib_triples(part.data))
        data.addN((*t, data) for t in self.ontology)
        _, results, _ = pyshacl.validate(data, shacl_graph=self.shapes, inference="none", advanced=True,
                                         allow_warnings=True, inplace=True)
        return problems(results, data, self.shapes, set(part.owned) if part.owned is not None else None)


def problems(results, data, shapes_graph, owned: set[str] | None = None) -> list[Problem]:
    """The Problems of a pySHACL results graph over `data` (with focus nodes in `owned`, if given)."""
    from rdflib import RDF, RDFS, Literal, URIRef

    sh = lambda name: URIRef(SH + name)  # noqa: E731
    counted = set(results.subjects(RDF.type, sh("ValidationResult")))
    if owned is not None:
        # a neighbour's problem is reported by the part owning it; a result's details (sh:detail,
        # whose focus is the value a nested shape looked at) go with their result
        counted = set()
        todo = [r for r in results.objects(None, sh("result")) if str(results.value(r, sh("focusNode"))) in owned]
        while todo:
            r = todo.pop()
            if r not in counted:
                counted.add(r)
                todo += results.objects(r, sh("detail"))
    found = []
    for r in counted:
        focus = results.value(r, sh("focusNode"))
        label = data.value(focus, RDFS.label) if focus is not None else None
        path = results.value(r, sh("resultPath"))
        value = results.value(r, sh("value"))
        severity = results.value(r, sh("resultSeverity"))
        messages = sorted(str(m) for m in results.objects(r, sh("resultMessage")))
        shape = results.value(r, sh("sourceShape"))
        name = shapes_graph.value(shape, sh("name")) if shape is not None else None
        message = "; ".join(messages) or "constraint not met"
        if name:
            message = f"[{name}] {message}"
        found.append(Problem(
            severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
            focus=str(focus) if focus is not None else "",
            label=str(label) if label is not None else "",
            path=compact(str(path)) if isinstance(path, URIRef) else ("(path)" if path is not None else ""),
            value=(str(value) if isinstance(value, Literal) else compact(str(value))) if value is not None else "",
            message=message,
        ))
    return found


def _rdflib_triples(data: bytes):
    """rdflib triples of N-Triples as Oxigraph writes them, read by Oxigraph: twice as fast as
    rdflib's own parser, each term made once, the same terms that parser makes (tested)."""
    import pyoxigraph as ox

    made: dict = {}

    def term(t):
        r = made.get(t)
        if r is None:
            if isinstance(t, ox.NamedNode):
                r = rdflib.URIRef(t.value)
            elif isinstance(t, ox.BlankNode):
                r = rdflib.BNode(t.value)
            elif t.language:
                r = rdflib.Literal(t.value, lang=t.language)
            elif t.datatype.value == _XSD_STRING:
                r = rdflib.Literal(t.value)
            else:
                r = rdflib.Literal(t.value, datatype=rdflib.URIRef(t.datatype.value))
            made[t] = r
        return r

    for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES):
        yield term(t.subject), term(t.predicate), term(t.object)


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


class _PreparedQueries(rdflib.Graph):
    """An rdflib graph that parses each SPARQL text once: pySHACL sends a constraint's text
    again for every focus node (with $this bound), and parsing it costs some 10 ms."""

    _prepared: dict | None = None
    _names: dict | None = None

    def query(self, query_object, processor="sparql", result="sparql", initNs=None,  # noqa: N803
              initBindings=None, use_store_provided=True, **kwargs):  # noqa: N803
        if isinstance(query_object, str) and processor == "sparql" and not kwargs:
            if self._prepared is None:      # the prefixes are bound before validation starts
                self._prepared, self._names = {}, dict(self.namespaces())
            names = initNs or self._names   # as rdflib does: the graph's prefixes unless others are given
            key = (query_object, tuple(sorted(names.items())))
            if key not in self._prepared:
                self._prepared[key] = prepareQuery(query_object, initNs=names)
            query_object = self._prepared[key]
        return super().query(query_object, processor, result, initNs, initBindings, use_store_provided, **kwargs)
