"""The view record of a graph's N-Triples lines (see `record_of`): what a report's graph (or a
whole loaded graph) says about its township, entities, links and evidence, for
kg.export.graphview to fold into the view; its rows are declared in kg.graph.viewrecord.
"""
from __future__ import annotations

import re
from typing import Callable

from kg import regex
from kg.graph.iri import short
from kg.graph.viewrecord import Alias, Entity, Evidence, Figure, Report, Town, empty, links, tidy
from kg.graph.vocab import CLASSES, PREFIXES, term
from kg.kinds import FACT, KINDS, drawn_facts

_LINE = regex.compile(rb"^(\S+) <([^>]*)> (.*) \.$", re.M)
_ESCAPE = regex.compile(r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)", re.S)
_SIMPLE = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def _unescape(m: re.Match) -> str:
    x = m.group(1)
    return chr(int(x[1:], 16)) if x[0] in "uU" and len(x) > 1 else _SIMPLE.get(x, x)


def _lit(o: bytes) -> str:
    """The lexical value of an N-Triples literal ("..."@zh, "..."^^<dt>, "...")."""
    text = o[1:o.rindex(b'"')].decode("utf-8")
    return _ESCAPE.sub(_unescape, text) if "\\" in text else text


def _iri(o: bytes) -> str:
    """The short name (kg.graph.iri.short) of an IRI term, or a blank node's label."""
    return short(o[1:-1].decode("utf-8")) if o[:1] == b"<" else o.decode("utf-8")


def _num(o: bytes | None) -> int | None:
    if o is None:
        return None
    v = _lit(o) if o[:1] == b'"' else ""
    return int(v) if v.lstrip("-").isdigit() else None


_RDF, _RDFS, _SKOS = PREFIXES["rdf"], PREFIXES["rdfs"], PREFIXES["skos"]
_PROV, _NIF = PREFIXES["prov"], PREFIXES["nif"]
P_TYPE, P_LABEL, P_ALT = (f"{_RDF}type".encode(), f"{_RDFS}label".encode(), f"{_SKOS}altLabel".encode())
P_PART, P_YEAR, P_FILE, P_TOWN, P_SENT = (term(n).encode() for n in
                                          ("partOf", "year", "sourceFile", "township", "sentence"))
P_SUBJ, P_PRED, P_OBJ = (f"{_RDF}{n}".encode() for n in ("subject", "predicate", "object"))
P_FROM = f"{_PROV}wasDerivedFrom".encode()
P_ANCHOR, P_BEGIN, P_END = (f"{_NIF}{n}".encode() for n in ("anchorOf", "beginIndex", "endIndex"))
FACT_PREDICATES = {f"<{term(f.predicate)}>".encode() for f in drawn_facts()}     # township -> entity
HAS_INDICATOR = f"<{term(FACT['indicator'].predicate)}>".encode()
P_VALUE, P_UNIT = term("value").encode(), term("unit").encode()
P_CATEGORY, P_PREF = term("category").encode(), f"{_SKOS}prefLabel".encode()
_FACTS = {p[1:-1] for p in FACT_PREDICATES}
_C = {n: f"<{term(n)}>".encode() for n in ("Township", "County", "Report", "Evidence", "Indicator")}
_ENTITY_CLASS = {f"<{term(k.cls)}>".encode(): rank for rank, k in enumerate(KINDS)}
_CLASS_NAME = {f"<{term(c)}>".encode(): c for c in CLASSES}       # an ontology class's IRI term -> its name
_WANTED = {P_TYPE, P_LABEL, P_ALT, P_PART, P_YEAR, P_FILE, P_TOWN, P_SENT, P_SUBJ, P_PRED, P_OBJ,
           P_FROM, P_ANCHOR, P_BEGIN, P_END, P_VALUE, P_UNIT, P_CATEGORY, P_PREF, *_FACTS}


class _Triples:
    """The wanted triples of N-Triples lines, by predicate then subject."""

    def __init__(self, data: bytes):
        self.prop: dict[bytes, dict[bytes, list[bytes]]] = {p: {} for p in _WANTED}
        for s, p, o in _LINE.findall(data):
            d = self.prop.get(p)
            if d is not None:
                d.setdefault(s, []).append(o)
        self.types, self.labels = self.prop[P_TYPE], self.prop[P_LABEL]

    def label(self, s: bytes) -> str | None:
        ls = self.labels.get(s)
        return min(_lit(x) for x in ls) if ls else None

    def typed(self, s: bytes, cls: bytes) -> bool:
        return cls in self.types.get(s, ())

    def category(self, s: bytes) -> str:
        prop = self.prop
        names = [_lit(x) for c in prop[P_CATEGORY].get(s, ()) for x in prop[P_PREF].get(c, ()) if x.endswith(b"@zh")]
        return min(names, default="")

    def least(self, p: bytes, s: bytes, f: Callable[[bytes], str]) -> str:
        return min((f(x) for x in self.prop[p].get(s, ())), default="")

    def one(self, p: bytes, s: bytes) -> bytes | None:
        found = self.prop[p].get(s)
        return found[0] if found else None


def record_of(data: bytes) -> dict:
    """What one graph's N-Triples lines (a report's chunk, or a whole loaded graph) give the
    view: a record of kg.graph.viewrecord rows, sorted (kg.graph.viewrecord.tidy). kg.graph.build
    makes the same record for a report as it writes its lines (tested), so builds need not read
    them back. Labels are the least of a resource's labels; an entity's category is the 中文
    prefLabel of its tkg:category; evidence is distinct.
    """
    g = _Triples(data)
    rec = empty()
    _resources(g, rec)
    rec["aliases"] = [Alias(_iri(s), _lit(a)) for s, alts in g.prop[P_ALT].items() for a in alts]
    facts = [(_iri(s), _iri(o)) for p in _FACTS for s, objs in g.prop[p].items()
             if g.typed(s, _C["Township"]) for o in objs]
    for ev, subjects in g.prop[P_SUBJ].items():
        _add_evidence(g, rec, ev, subjects)
    rec["evidence"] = sorted(set(rec["evidence"]))           # distinct
    rec["links"] = links(facts, rec["evidence"])
    return tidy(rec)


def _resources(g: _Triples, rec: dict) -> None:
    """The record's towns, entities and reports."""
    for s, ts in g.types.items():
        name = g.label(s)
        if _C["Township"] in ts and name is not None:
            counties = [g.label(c) for c in g.prop[P_PART].get(s, ()) if g.typed(c, _C["County"])]
            rec["towns"].append(Town(_iri(s), name, min((c for c in counties if c is not None), default="")))
        if name is not None and any(t in _ENTITY_CLASS for t in ts):
            classes = sorted({_CLASS_NAME[t] for t in ts if t in _CLASS_NAME})
            rec["entities"].append(Entity(_iri(s), classes, name, g.category(s)))
        if _C["Report"] in ts:
            rec["reports"].append(Report(_iri(s), g.least(P_LABEL, s, _lit), g.least(P_YEAR, s, _lit)[:4],
                                         g.least(P_FILE, s, _lit), g.least(P_TOWN, s, _iri)))


def _add_evidence(g: _Triples, rec: dict, ev: bytes, subjects: list[bytes]) -> None:
    """An evidence node's row in the record (a link's evidence, or an indicator's figure) and
    its sentence; nothing when it is not the evidence of a drawn fact or lacks a part."""
    pred = g.one(P_PRED, ev)
    if _C["Evidence"] not in g.types.get(ev, ()) or (pred not in FACT_PREDICATES and pred != HAS_INDICATOR):
        return
    obj, rep, sent = g.one(P_OBJ, ev), g.one(P_FROM, ev), g.one(P_SENT, ev)
    if obj is None or rep is None or sent is None or sent not in g.prop[P_ANCHOR]:
        return
    text = _lit(g.prop[P_ANCHOR][sent][0])
    start, end = _span(g, ev, sent, text)
    if pred == HAS_INDICATOR:
        value, unit = g.one(P_VALUE, obj), g.one(P_UNIT, obj)
        if not g.typed(obj, _C["Indicator"]) or value is None:
            return
        rec["figures"].append(Figure(_iri(rep), g.label(obj) or "", _lit(value), _lit(unit) if unit else "",
                                     _iri(sent), start, end))
    else:
        rec["evidence"].append(Evidence(_iri(subjects[0]), _iri(obj), _iri(rep), _iri(sent), start, end))
    rec["sentences"][_iri(sent)] = text


def _span(g: _Triples, ev: bytes, sent: bytes, text: str) -> tuple[int, int]:
    """The mention's characters within its sentence, (-1, -1) when unknown."""
    sb, eb, ee = _num(g.one(P_BEGIN, sent)), _num(g.one(P_BEGIN, ev)), _num(g.one(P_END, ev))
    start, end = (eb - sb, ee - sb) if sb is not None and eb is not None and ee is not None else (-1, -1)
    if not 0 <= start < end <= len(text):
        start, end = -1, -1
    return start, end

