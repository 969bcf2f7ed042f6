"""JSON-LD (关联数据 JSON): the graph as compacted JSON-LD that reads as plain JSON.

One `@context` maps the project's terms to short keys: every class and property of
ontology/township-kg.ttl by its local name (`Township`, `cites`, `year`), the few terms the
graph borrows from other vocabularies (`label`, `anchorOf`, `wasDerivedFrom`, …), and the
prefixes of `kg.graph.vocab.PREFIXES` for every other IRI (`tkgr:township-…`). The ontology
decides each key's shape, so a consumer can rely on it:

- a relation (owl:ObjectProperty) holds IRIs as strings; one that can have several values is
  always a list (`"cites": ["tkgr:regulation-…"]`), one that is functional or that the shapes
  allow once (sh:maxCount 1) a single string (`"partOf": "tkgr:county-…"`);
- a figure or flag (owl:DatatypeProperty) holds its lexical form as a string, typed by the
  property's range (`"year": "2023"` is an xsd:gYear, `"value": "97.56"` an xsd:decimal);
- `label`, `altLabel` and `prefLabel` are Chinese strings (@zh); `@type` is always a list of
  class names.

A value that does not fit its key's shape (an English label, a year written as plain text)
goes under the prefixed IRI (`"skos:prefLabel": {"@value": …, "@language": "en"}`), so
nothing is lost. The document is one `@graph` of report graphs, each `{"@id": report,
"@graph": [nodes]}` like the N-Quads, nodes and keys sorted: the same graph always gives the
same bytes. It is written here, not by a JSON-LD processor: pyld's fromRdf and compact took
42 s for 50 reports on this machine (some four minutes for 300), this writer 2 s for 300.
Tests parse it back with rdflib's and Oxigraph's JSON-LD parsers and get the N-Quads' quads.
"""
from __future__ import annotations

import io
import itertools
import json
from functools import lru_cache
from importlib import resources
from typing import IO, cast

import pyoxigraph as ox

from kg.export import exporter, streamer
from kg.graph import KnowledgeGraph
from kg.graph.chunks import DEFAULT_GRAPH, LineReader
from kg.graph.vocab import ONTOLOGY, PREFIXES

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XSD = "http://www.w3.org/2001/XMLSchema#"
OWL = "http://www.w3.org/2002/07/owl#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
RDF_TYPE = RDF + "type"
SH = "http://www.w3.org/ns/shacl#"

# Terms the graph takes from other vocabularies: name -> (IRI, "@id" | "@language" tag | datatype | None).
# A name the ontology already uses (tkg:inScheme) keeps the ontology's meaning.
BORROWED = {
    "label": (RDFS + "label", "@zh"),
    "altLabel": (PREFIXES["skos"] + "altLabel", "@zh"),
    "prefLabel": (PREFIXES["skos"] + "prefLabel", "@zh"),
    "broader": (PREFIXES["skos"] + "broader", "@id"),
    "topConceptOf": (PREFIXES["skos"] + "topConceptOf", "@id"),
    "inScheme": (PREFIXES["skos"] + "inScheme", "@id"),
    "subject": (RDF + "subject", "@id"),
    "predicate": (RDF + "predicate", "@id"),
    "object": (RDF + "object", "@id"),
    "wasDerivedFrom": (PREFIXES["prov"] + "wasDerivedFrom", "@id"),
    "anchorOf": (PREFIXES["nif"] + "anchorOf", None),
    "beginIndex": (PREFIXES["nif"] + "beginIndex", XSD + "nonNegativeInteger"),
    "endIndex": (PREFIXES["nif"] + "endIndex", XSD + "nonNegativeInteger"),
}


@lru_cache(maxsize=1)
def vocabulary() -> tuple[dict[str, str], dict[str, tuple[str, str | None, bool]]]:
    """(class IRI -> term, property IRI -> (term, shape, is a list)) from the ontology file and
    BORROWED; shape is "@id", "@xx" (a language) or a datatype IRI, None for a plain string."""
    classes: dict[str, str] = {}
    props: dict[str, tuple[str, str | None, bool]] = {}
    types: dict[str, set[str]] = {}
    ranges: dict[str, str] = {}
    source = resources.files("kg").joinpath("ontology/township-kg.ttl")
    for t in ox.parse(source.read_bytes(), format=ox.RdfFormat.TURTLE):
        s, p, o = t.subject, t.predicate.value, t.object
        if not isinstance(s, ox.NamedNode) or not s.value.startswith(ONTOLOGY):
            continue
        if p == RDF_TYPE:
            types.setdefault(s.value, set()).add(o.value)
        elif p == RDFS + "range" and isinstance(o, ox.NamedNode):
            ranges[s.value] = o.value
    single = _single_valued()
    for iri, kinds in sorted(types.items()):
        name = iri[len(ONTOLOGY):]
        if OWL + "Class" in kinds:
            classes[iri] = name
        elif OWL + "ObjectProperty" in kinds:
            props[iri] = (name, "@id", OWL + "FunctionalProperty" not in kinds and iri not in single)
        elif OWL + "DatatypeProperty" in kinds:
            datatype = ranges.get(iri)
            props[iri] = (name, None if datatype in (None, XSD + "string") else datatype, False)
    taken = {term for term, _, _ in props.values()} | set(classes.values()) | set(PREFIXES)
    for name, (iri, shape) in BORROWED.items():
        if name not in taken and iri not in props:
            props[iri] = (name, shape, False)
    return classes, props


def _single_valued() -> set[str]:
    """Properties every shape of ontology/shapes.ttl allows once (sh:maxCount 1): a township's
    county, an evidence's sentence; their relations are not lists."""
    paths: dict = {}
    counts: dict = {}
    source = resources.files("kg").joinpath("ontology/shapes.ttl")
    for t in ox.parse(source.read_bytes(), format=ox.RdfFormat.TURTLE):
        if t.predicate.value == SH + "path" and isinstance(t.object, ox.NamedNode):
            paths[t.subject] = t.object.value
        elif t.predicate.value == SH + "maxCount":
            counts[t.subject] = t.object.value
    once: dict[str, bool] = {}
    for shape, path in paths.items():
        once[path] = once.get(path, True) and counts.get(shape) == "1"
    return {path for path, yes in once.items() if yes}


def context() -> dict:
    """The @context: prefixes, class names, and each property's key with its shape."""
    classes, props = vocabulary()
    ctx: dict = dict(PREFIXES)
    for iri, name in classes.items():
        ctx[name] = _compact(iri)
    for iri, (name, shape, many) in props.items():
        term: dict = {"@id": _compact(iri)}
        if shape == "@id":
            term["@type"] = "@id"
        elif shape and shape.startswith("@"):
            term["@language"] = shape[1:]
        elif shape:
            term["@type"] = _compact(shape)
        if many:
            term["@container"] = "@set"
        ctx[name] = term if len(term) > 1 else term["@id"]
    return ctx


@lru_cache(maxsize=1)
def _namespaces() -> list[tuple[str, str]]:
    return sorted(((ns, name) for name, ns in PREFIXES.items()), key=lambda x: (-len(x[0]), x[1]))


def _compact(iri: str) -> str:
    """prefix:rest for an IRI in a known namespace (the longest), else the IRI itself."""
    for ns, name in _namespaces():
        if iri.startswith(ns) and not iri[len(ns):].startswith("//"):   # "p://…" would read as an IRI
            return f"{name}:{iri[len(ns):]}"
    return iri


def _id(node) -> str:
    return f"_:{node.value}" if isinstance(node, ox.BlankNode) else _compact(node.value)


def _fits(shape: str | None, o) -> bool:
    """Whether value `o` is written as its key's shape says (so as a bare string)."""
    if shape == "@id":
        return not isinstance(o, ox.Literal)
    if not isinstance(o, ox.Literal):
        return False
    if shape is not None and shape.startswith("@"):
        return o.language == shape[1:]
    return not o.language and o.datatype.value == (shape or XSD + "string")


def _expanded(o):
    """A value under a prefixed IRI key, which has no shape: everything said explicitly."""
    if not isinstance(o, ox.Literal):
        return {"@id": _id(o)}
    if o.language:
        return {"@value": o.value, "@language": o.language}
    if o.datatype.value == XSD + "string":
        return o.value
    return {"@value": o.value, "@type": _compact(o.datatype.value)}


def _node(subject, triples: list) -> dict:
    """One node object from its triples (sorted)."""
    classes, props = vocabulary()
    node: dict = {"@id": _id(subject)}
    for predicate, group in itertools.groupby(triples, key=lambda t: t.predicate.value):
        values = [t.object for t in group]
        if predicate == RDF_TYPE and not any(isinstance(o, ox.Literal) for o in values):
            node["@type"] = [classes.get(o.value) or _id(o) for o in values]
            continue
        name, shape, many = props.get(predicate, (None, None, False))
        fit = [o.value if shape != "@id" else _id(o) for o in values if name and _fits(shape, o)]
        rest = [_expanded(o) for o in values if not (name and _fits(shape, o))]
        if fit:
            node[name] = fit if many or len(fit) > 1 else fit[0]
        if rest:
            node[_compact(predicate)] = rest if len(rest) > 1 else rest[0]
    return node


def _nodes(lines) -> list[dict]:
    lines_file = cast(IO[bytes], LineReader(lines))     # a RawIOBase: typeshed's IO[bytes] is not its base
    triples = ox.parse(lines_file, format=ox.RdfFormat.N_TRIPLES, lenient=True)  # Oxigraph wrote them
    return [_node(s, list(ts)) for s, ts in itertools.groupby(triples, key=lambda t: t.subject)]


def _dump(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True).encode("utf-8")


@exporter("jsonld", ".jsonld")
def jsonld(graph: KnowledgeGraph) -> bytes:
    """graph.jsonld: compacted JSON-LD, one named graph per report."""
    out = io.BytesIO()
    write(graph, out)
    return out.getvalue()


@streamer("jsonld")
def write(graph: KnowledgeGraph, f) -> None:
    """The document written report graph by report graph (one node per line)."""
    f.write(b'{"@context": ' + json.dumps(context(), ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8"))
    f.write(b',\n"@graph": [')
    first = True
    for chunk in graph.chunks:
        nodes = _nodes(chunk.lines())
        if chunk.graph == DEFAULT_GRAPH:      # default-graph triples (a build read from Turtle)
            entries = [_dump(n) for n in nodes]
        else:
            head = _dump({"@id": _compact(chunk.graph.strip("<>"))})[:-1] + b', "@graph": [\n'
            entries = [head + b",\n".join(_dump(n) for n in nodes) + b"]}"]
        for entry in entries:
            f.write((b"\n" if first else b",\n") + entry)
            first = False
    f.write(b"\n]}\n")
