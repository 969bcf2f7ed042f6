"""The graph as the HTML view and the matrix see it (图谱视图): townships, the entities they
cite / adopt / conduct, and the evidence sentences behind each link.

The view is folded from one record per report (rows declared in kg.graph.viewrecord): what
the report's graph says about its township, entities, links and evidence. A build gets the
records from kg.graph.build, made with the triples; a graph loaded from a file gets them by
reading its chunks' N-Triples lines (kg.export.records.record_of). Each report's graph holds
everything about its own facts, so folding report by report gives what the same SPARQL over
the union gives, without a store.

A big graph (more than SUMMARY_BYTES of triples, about 100 reports) gets a summary view:
every link keeps its counts, but only the first EVIDENCE_LIMIT evidence sentences of each
entity (by report order: year, file, title) are kept with their text.

Everything is sorted by label and IRI, so the same graph always gives the same view.
"""
from __future__ import annotations

import bisect
import hashlib
import marshal
import weakref
from functools import lru_cache
from pathlib import Path
from sys import intern

import orjson

from kg.export.records import record_of
from kg.export.viewmodel import Entity, Evidence, Figure, GraphView, Link, Links, Report, Town
from kg.graph import KnowledgeGraph
from kg.graph import viewrecord as vr
from kg.graph.chunks import compress, decompress
from kg.graph.iri import expand
from kg.graph.viewrecord import rows, tidy
from kg.kinds import KINDS

__all__ = ["EVIDENCE_LIMIT", "SUMMARY_BYTES", "Entity", "Evidence", "Figure", "GraphView", "Link", "Links", "Report",
           "Town", "collect", "read_view", "record_of", "tidy"]

# kg.kinds.KINDS in display order; the first class listed wins when a regulation was typed
# differently by different reports.
_RANK = {k.cls: i for i, k in enumerate(KINDS)}
TYPE_RANK = {k.key: i for i, k in enumerate(KINDS)}

SUMMARY_BYTES = 32 * 1024 * 1024   # N-Triples of the report graphs; above it, the summary view
EVIDENCE_LIMIT = 5                 # evidence sentences kept per entity in the summary view

_NO_REPORT = vr.Report("", "", "", "", "")
# The bulk sections (a million rows at 10,000 reports) are unpacked in this field order rather than
# made into row tuples (a second per million): a changed declaration fails here, on import.
_BULK = {"links": ("town", "entity", "evidence", "sentences"),
         "figures": ("report", "name", "value", "unit", "sentence", "start", "end"),
         "evidence": ("town", "entity", "report", "sentence", "start", "end")}
if any(vr.ROWS[k]._fields != v for k, v in _BULK.items()):
    raise ImportError("kg.graph.viewrecord's bulk rows changed: update kg.export.graphview._BULK and _Reader.add")
_CACHE: "weakref.WeakKeyDictionary[KnowledgeGraph, GraphView]" = weakref.WeakKeyDictionary()


def collect(graph: KnowledgeGraph) -> GraphView:
    """The view of `graph` (read once per graph; graph.html and township_law.csv share it)."""
    view = _CACHE.get(graph)
    if view is None:
        big = sum(c.size for c in graph.chunks) > SUMMARY_BYTES
        view = _CACHE[graph] = read_view(graph, EVIDENCE_LIMIT if big else 0)
    return view


class _Reader:
    """Accumulates the view over report graphs read one at a time."""

    def __init__(self, limit: int):
        self.limit = limit
        self.towns: dict[str, tuple[str, str]] = {}          # iri -> (label, county)
        self.ents: dict[str, tuple[int, str]] = {}           # iri -> (type rank, label)
        self.categories: dict[str, str] = {}                 # iri -> category label (the least)
        self.aliases: dict[str, set[str]] = {}
        self.reports: dict[str, vr.Report] = {}             # iri -> the least of its rows
        self.counts: dict[str, dict[str, list[int]]] = {}    # town -> x -> [evidence, sentences]
        # (town, x) -> kept evidence: (report key, sentence iri, text, start, end) ...
        self.kept: dict[str, list[tuple]] = {}               # x -> sorted evidence (summary)
        self.evidence: list[tuple] = []                      # every evidence (full view)
        # report -> its figures (report, name, value, unit, sentence iri, text or "", start, end); in
        # a summary view sorted and distinct as folded, so a view of many reports sorts none again
        self.figures: dict[str, list[tuple]] = {}

    def add(self, rec: dict) -> None:
        """Fold one record (kg.graph.viewrecord) into the view."""
        for t in rows(rec, "towns"):
            old = self.towns.get(t.iri)
            if old is None or (t.label, t.county) < old:
                self.towns[t.iri] = (t.label, t.county)
        for e in rows(rec, "entities"):
            best = (min(_RANK[c] for c in e.classes if c in _RANK), e.label)
            if e.iri not in self.ents or best < self.ents[e.iri]:
                self.ents[e.iri] = best
            if e.category and (e.iri not in self.categories or e.category < self.categories[e.iri]):
                self.categories[e.iri] = e.category
        for a in rows(rec, "aliases"):
            self.aliases.setdefault(a.iri, set()).add(a.alias)
        for r in rows(rec, "reports"):
            known = self.reports.get(r.iri)
            if known is None or (r.title, r.year, r.file) < (known.title, known.year, known.file):
                self.reports[r.iri] = r
        counts = self.counts
        for town, entity, evidence, sentences in rec.get("links", ()):      # (the bulk rows are
            row = counts.get(town)                                          # unpacked by their
            if row is None:                                                 # declared fields: _BULK)
                row = counts[intern(town)] = {}
            c = row.get(entity)
            if c is None:
                row[intern(entity)] = [evidence, sentences]
            else:
                c[0] += evidence
                c[1] += sentences
        texts, limit = rec["sentences"], self.limit
        # a summary view keeps every figure but not its sentence (kg serve has it). Names each record
        # repeats (a report, a unit) are interned: kept whole, 250,000 figures would hold a copy each.
        touched = set()
        for report, name, value, unit, sentence, start, end in rec.get("figures", ()):
            self.figures.setdefault(report, []).append((intern(report), name, intern(value), intern(unit), sentence,
                                                        "" if limit else texts[sentence], start, end))
            touched.add(report)
        if not limit:
            self.evidence += [((town, entity), (report, sentence, texts[sentence], start, end))
                              for town, entity, report, sentence, start, end in rec.get("evidence", ())]
            return
        for report in touched:                 # a summary view's figures: sorted and distinct per report
            self.figures[report] = sorted(set(self.figures[report]), key=_figure_order)
        first: dict[str, tuple] = {}           # report -> its place in report order
        for town, entity, report, sentence, start, end in rec.get("evidence", ()):
            rk = first.get(report)
            if rk is None:
                r = self.reports.get(report, _NO_REPORT)
                rk = first[report] = (r.year, r.file, r.title, report)
            kept = self.kept.setdefault(entity, [])
            if len(kept) >= limit and rk > kept[-1][0][0]:
                continue                       # a later report: never among the first
            order = (rk, town, sentence, start, end)
            if len(kept) < limit or order < kept[-1][0]:
                item = (report, sentence, texts[sentence], start, end)
                bisect.insort(kept, (order, (town, entity), item))
                del kept[limit:]

    _STATE = ("towns", "ents", "categories", "aliases", "reports", "counts", "kept", "evidence", "figures")

    def state(self) -> bytes:
        """The fold so far, compressed (marshal: 33 MB, a quarter of a second to read, at 10,000 reports)."""
        values = [{k: tuple(r) for k, r in self.reports.items()} if f == "reports" else getattr(self, f)
                  for f in self._STATE]
        return compress(marshal.dumps((_source_digest(), self.limit, values)))

    def restore(self, state: bytes) -> bool:
        """Take the fold a state holds (made by this code, with this limit); False if it cannot."""
        try:
            digest, limit, values = marshal.loads(decompress(state))
        except Exception:       # any damage (lz4, marshal): fold afresh
            return False
        if digest != _source_digest() or limit != self.limit or len(values) != len(self._STATE):
            return False
        for name, value in zip(self._STATE, values, strict=True):
            setattr(self, name, value)
        self.reports = {k: vr.Report._make(r) for k, r in self.reports.items()}
        return True

    def view(self) -> GraphView:
        town_list = sorted((Town(iri, name, county) for iri, (name, county) in self.towns.items()),
                           key=lambda t: (t.county, t.label, t.iri))
        town_ix = {t.iri: i for i, t in enumerate(town_list)}
        entity_list = sorted((Entity(iri, name, KINDS[rank].key,
                                     sorted(self.aliases.get(iri, set()) - {name}), self.categories.get(iri, ""))
                              for iri, (rank, name) in self.ents.items()),
                             key=lambda e: (TYPE_RANK[e.type], e.label, e.iri))
        ent_ix = {e.iri: i for i, e in enumerate(entity_list)}
        report_list = sorted((Report(r.iri, r.title, r.file, r.year, town_ix.get(r.town, -1))
                              for r in self.reports.values()),
                             key=lambda r: (r.year, r.file, r.title, r.iri))
        rep_ix = {r.iri: i for i, r in enumerate(report_list)}

        chosen = self.evidence if not self.limit else [
            (key, item) for kept in self.kept.values() for _, key, item in kept]
        raw: list[tuple[int, int, int, str, str, int, int]] = []
        for (t, x), (rep, s_iri, text, start, end) in chosen:
            ti, xi = town_ix.get(t), ent_ix.get(x)
            if ti is None or xi is None or rep not in rep_ix:
                continue
            raw.append((ti, xi, rep_ix[rep], s_iri, text, start, end))
        raw.sort()
        sentence_ix: dict[str, int] = {}
        sentences: list[str] = []
        kept: dict[int, dict[int, list[Evidence]]] = {}    # town -> entity -> its evidence, in order
        for ti, xi, ri, s_iri, text, start, end in raw:
            if s_iri not in sentence_ix:
                sentence_ix[s_iri] = len(sentences)
                sentences.append(text)
            kept.setdefault(ti, {}).setdefault(xi, []).append(Evidence(ri, sentence_ix[s_iri], start, end))
        links = self._links(town_list, ent_ix, kept)
        figures = self._figures(rep_ix, sentence_ix, sentences)
        named: list[Town | Entity | Report] = [*town_list, *entity_list, *report_list]
        for item in named:                                          # short names -> IRIs
            item.iri = expand(item.iri)
        return GraphView(town_list, entity_list, report_list, sentences, links, self.limit, figures)

    def _links(self, town_list: list[Town], ent_ix: dict[str, int], kept: dict[int, dict[int, list[Evidence]]]
               ) -> Links:
        """Every link in (town, entity) order with its counts and kept evidence; read town by town
        (no sort of ~450,000 pairs), the counts emptied as read so they and the links are never both whole."""
        links = Links()
        empty: dict[int, list[Evidence]] = {}
        for ti, town in enumerate(town_list):
            row = self.counts.pop(town.iri, {})
            by_entity = {xi: c for x, c in row.items() if (xi := ent_ix.get(x)) is not None}
            evidence = kept.get(ti, empty)
            for xi in sorted(by_entity.keys() | evidence.keys() if evidence else by_entity):
                n_ev, n_sent = by_entity.get(xi, (0, 0))
                links.add(ti, xi, evidence.get(xi), n_ev, n_sent)
        self.counts.clear()
        return links

    def _figures(self, rep_ix: dict[str, int], sentence_ix: dict[str, int], sentences: list[str]) -> list[Figure]:
        """The figures in report order, their sentences added after the evidence's (full view)."""
        if self.limit:        # no sentences: the order the loop below ends with, each report's sorted as folded
            empty: list[tuple] = []
            return [Figure(ri, name, value, unit, -1, start, end) for rep, ri in rep_ix.items()
                    for _, name, value, unit, _, _, start, end in self.figures.get(rep, empty)]
        figures = []
        for rep, name, value, unit, s_iri, text, start, end in sorted({f for fs in self.figures.values() for f in fs}):
            if rep not in rep_ix:
                continue
            if text and s_iri not in sentence_ix:
                sentence_ix[s_iri] = len(sentences)
                sentences.append(text)
            figures.append(Figure(rep_ix[rep], name, value, unit, sentence_ix[s_iri] if text else -1,
                                  start, end))
        figures.sort(key=lambda f: (f.report, f.sentence, f.start, f.name))
        return figures


def read_view(graph: KnowledgeGraph, limit: int = 0) -> GraphView:
    """The view of `graph`, read from its report chunks; `limit` > 0 keeps at most that many
    evidence sentences per entity (the first by report order), 0 keeps all."""
    reader = _Reader(limit)
    if graph.views is None:
        for c in graph.chunks:
            reader.add(record_of(c.raw()))
        return reader.view()
    keep = graph.view_keep               # the build cache's fold of most records (kg.keptview.KeptView)
    folded: set[int] = keep.restore(reader) if keep is not None else set()
    for i, v in enumerate(graph.views):
        if i not in folded:
            reader.add(orjson.loads(decompress(v)))
    if keep is not None:
        keep.save(reader)                # before view(), which empties the fold as it reads it
    return reader.view()


def _figure_order(f: tuple) -> tuple:
    """A summary view's figures of one report: by place in the report (start), then name."""
    return f[6], f[1], f


@lru_cache(maxsize=1)
def _source_digest() -> str:
    """A digest of this module: a kept fold is only read back by the code that made it."""
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]
