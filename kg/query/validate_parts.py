"""How a graph is cut into parts that can be validated apart (see kg.query.validate): what
the shapes can look at from a focus node (`reach`, `inverse_predicates`), and parts owning
some subjects with every triple checking them can look at (`partition`).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from kg.graph import KnowledgeGraph

# --- what the shapes can look at ---------------------------------------------------------

_SH = "http://www.w3.org/ns/shacl#"
# constraints on a node's own term: nothing of the graph
_TERM = {"datatype", "nodeKind", "minLength", "maxLength", "pattern", "flags", "languageIn", "in",
         "hasValue", "minInclusive", "maxInclusive", "minExclusive", "maxExclusive"}
# constraints on the set of a node's values (counts, pairs, closed): the node's own triples
_OWN = {"minCount", "maxCount", "uniqueLang", "equals", "disjoint", "lessThan", "lessThanOrEquals",
        "closed", "ignoredProperties"}
_NOTES = {"name", "description", "message", "severity", "deactivated", "order", "group", "defaultValue",
          "targetClass", "targetSubjectsOf", "path", "prefixes", "declare"}
# things whose reach this check cannot read: custom constraint components, functions, rules, targets
_GLOBAL_TYPES = {"ConstraintComponent", "SPARQLFunction", "SHACLFunction", "JSFunction", "SPARQLRule",
                 "TripleRule", "JSRule", "SPARQLTarget", "SPARQLTargetType", "JSTarget", "JSTargetType"}


def reach(shapes) -> int | None:
    """How many hops from a focus node the shapes look, following outgoing triples (0: its own
    triples; 1: also those of the nodes it points to, as sh:class on a value needs); None when
    they look in ways a neighbourhood cannot hold: other targets, complex paths, an inverse path
    whose values are checked beyond their names, SPARQL that starts elsewhere, rules, functions.
    Incoming triples are needed only for inverse paths, see `inverse_predicates`."""
    from rdflib import OWL, RDF, RDFS, URIRef

    sh = lambda name: URIRef(_SH + name)  # noqa: E731
    if any(True for t in _GLOBAL_TYPES for _ in shapes.subjects(RDF.type, sh(t))):
        return None
    for p in ("targetNode", "targetObjectsOf", "target", "rule", "expression", "js", "parameter"):
        if any(True for _ in shapes.subject_objects(sh(p))):
            return None
    tops = set(shapes.subjects(sh("targetClass"))) | set(shapes.subjects(sh("targetSubjectsOf")))
    tops |= {s for c in (RDFS.Class, OWL.Class) for s in shapes.subjects(RDF.type, c)
             if (s, RDF.type, sh("NodeShape")) in shapes or (s, RDF.type, sh("PropertyShape")) in shapes}
    hops = 0
    for shape in tops:
        need = _need(shapes, shape, top=True, seen=frozenset())
        if need is None:
            return None
        hops = max(hops, need)
    return hops


def _need(shapes, shape, top: bool, seen: frozenset) -> int | None:
    """The hops a shape applied to a node needs: -1 its term alone, 0 its outgoing triples, k those
    of nodes k hops away; None: not a neighbourhood."""
    from rdflib import RDF, URIRef
    from rdflib.collection import Collection

    if shape in seen:               # a recursive shape: SHACL leaves it undefined; do not guess
        return None
    seen = seen | {shape}
    path = shapes.value(shape, URIRef(_SH + "path"))
    inner = top and path is None    # shapes a top node shape names apply to the focus node too
    own = -1                        # what the constraints on the node's set of values need
    each = -1                       # what those on each value (the node itself, for a node shape) need
    n: int | None                   # what one constraint needs (None: cannot tell)
    for p, o in shapes.predicate_objects(shape):
        if p == RDF.type or not str(p).startswith(_SH):
            continue
        name = str(p)[len(_SH):]
        if name in _TERM:
            n = -1
        elif name == "class":
            n = 0                   # its rdf:type triples
        elif name in _OWN:
            own = 0
            continue
        elif name in ("property", "node", "not"):
            n = _need(shapes, o, inner, seen)
        elif name in ("and", "or", "xone"):
            members = [_need(shapes, m, inner, seen) for m in Collection(shapes, o)]
            n = None if None in members else max([m for m in members if m is not None], default=-1)
        elif name == "sparql":
            n = None if path is not None else _sparql_need(shapes, o)
        elif name in _NOTES:
            continue
        else:                       # a constraint this check does not know
            return None
        if n is None:
            return None
        each = max(each, n)
    if path is None:
        return max(own, each)
    if isinstance(path, URIRef):    # the values are the objects of the node's own triples
        return max(0, 1 + each)
    inverse = shapes.value(path, URIRef(_SH + "inversePath"))
    if isinstance(inverse, URIRef) and top and each < 0:
        return 0                    # incoming triples: part of a neighbourhood, see inverse_predicates
    return None


def inverse_predicates(shapes) -> set[str]:
    """Predicates of sh:inversePath: a node's incoming triples with them are part of its
    neighbourhood (`reach` allows inverse paths only where their values need nothing more)."""
    from rdflib import URIRef

    return {str(o) for o in shapes.objects(None, URIRef(_SH + "inversePath")) if isinstance(o, URIRef)}


def _sparql_need(shapes, constraint) -> int | None:
    """Hops a SPARQL constraint needs: every triple pattern must start at $this or at a variable
    its patterns reach from $this (no graph, service, property path or pre-bound variable but $this)."""
    from rdflib import URIRef, Variable
    from rdflib.paths import Path as RdfPath
    from rdflib.plugins.sparql import prepareQuery

    text = shapes.value(constraint, URIRef(_SH + "select"))
    if text is None or any(v in str(text) for v in ("$PATH", "$shapesGraph", "$currentShape", "$value")):
        return None
    prefixes = "".join(f"PREFIX {k}: <{v}>\n" for k, v in shapes.namespaces())
    try:
        algebra = prepareQuery(prefixes + str(text)).algebra
    except Exception:  # rdflib raises many kinds of parser errors: pySHACL will report it
        return None
    triples: list = []
    if not _collect(algebra, triples):
        return None
    level = {Variable("this"): 0}
    changed = True
    while changed:
        changed = False
        for s, _p, o in triples:
            if s in level and isinstance(o, Variable) and level.get(o, 1 << 30) > level[s] + 1:
                level[o] = level[s] + 1
                changed = True
    if any(s not in level or isinstance(p, RdfPath) for s, p, o in triples):
        return None
    return max((level[s] for s, _, _ in triples), default=0)


def _collect(node, triples: list) -> bool:
    """Gather the triple patterns of a query's algebra; False where it names a graph or service."""
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, CompValue):
        if node.name in ("ServiceGraphPattern", "GraphGraphPattern", "Graph", "Service"):
            return False
        for key, value in node.items():
            if key == "triples":
                triples += [tuple(t) for t in value]
            elif not _collect(value, triples):
                return False
    elif isinstance(node, (list, tuple)):
        return all(_collect(v, triples) for v in node)
    return True


# --- parts ---------------------------------------------------------------------------------

@dataclass
class Part:
    """N-Triples to validate, the subjects whose problems count (None: all), and how many
    triples those subjects own (for progress)."""

    data: bytes
    owned: list[str] | None
    triples: int


def _subject(line: bytes) -> bytes:
    return line[:line.index(b" ")]


def _object_iri(line: bytes) -> bytes | None:
    """The object of an N-Triples line when it is an IRI (<…>), else None (IRIs hold no spaces)."""
    rest = line.split(b" ", 2)[2]
    return rest[:rest.index(b">") + 1] if rest.startswith(b"<") else None


_SUBCLASS = b" <http://www.w3.org/2000/01/rdf-schema#subClassOf> "


def partition(graph: KnowledgeGraph, lines: list[bytes], hops: int, inverse: set[str],
              part_triples: int) -> Iterator[Part]:
    """Parts owning the subjects of consecutive report graphs (a subject goes with the first
    report graph that states it, a part owns about `part_triples` triples), each with the
    triples within `hops` of what it owns, the incoming triples of inverse paths, and the class
    hierarchy (sh:class and targets follow it)."""
    runs: dict[bytes, tuple[int, int]] = {}
    for i, line in enumerate(lines):                    # sorted by subject: one run each
        s = _subject(line)
        runs[s] = (runs[s][0] if s in runs else i, i + 1)
    preds = [b" <" + p.encode("utf-8") + b"> " for p in inverse]
    incoming: dict[bytes, list[int]] = {}
    hierarchy: list[int] = []
    for i, line in enumerate(lines):
        if _SUBCLASS in line:
            hierarchy.append(i)
        if preds and any(p in line for p in preds):
            o = _object_iri(line)
            if o is not None:
                incoming.setdefault(o, []).append(i)
    owned: set[bytes] = set()
    batch: list[bytes] = []
    size = 0
    for chunk in graph.chunks:
        for line in chunk.lines():
            s = _subject(line)
            if s in owned or s not in runs:
                continue
            owned.add(s)
            batch.append(s)
            size += runs[s][1] - runs[s][0]
            if size >= part_triples:
                yield _part(lines, runs, incoming, hierarchy, batch, hops, size)
                batch, size = [], 0
    if batch:
        yield _part(lines, runs, incoming, hierarchy, batch, hops, size)


def _part(lines, runs, incoming, hierarchy, owned: list[bytes], hops: int, size: int) -> Part:
    picked: set[int] = set(hierarchy)
    seen: set[bytes] = set()
    frontier = owned
    for level in range(hops + 1):
        reached: list[bytes] = []
        for s in frontier:
            if s in seen or s not in runs:
                continue
            seen.add(s)
            a, b = runs[s]
            picked.update(range(a, b))
            if level < hops:
                reached += [o for o in map(_object_iri, lines[a:b]) if o is not None]
        frontier = reached
    for s in owned:
        picked.update(incoming.get(s, ()))
    return Part(b"".join(lines[i] for i in sorted(picked)), [s[1:-1].decode("utf-8") for s in owned], size)
