"""The view record of a report's graph, declared once: its sections and the fields of their rows.

A record is what kg.export.graphview folds into the view behind graph.html and
township_law.csv: what one report's graph says about its township, entities, links, evidence
and figures. Two producers make it, both through the row types below, and give equal records
(tests/graph/test_graph_build.py):

- kg.graph.build, while it writes a report's triples: a build keeps it as compressed JSON (in
  kg.parallel.ReportResult.view and the build cache) and never reads its triples back;
- kg.export.records.record_of, from N-Triples lines, for a graph that has no records: one read
  from a file (kg.load: `kg serve`, `kg query --graph`, `kg export`), made from quads or facts
  (KnowledgeGraph(quads), KnowledgeGraph.from_facts), or holding a report given twice.

A row is a NamedTuple, so JSON writes it as the plain list of its fields in the order declared
here; readers take rows by name (`rows(record, "towns")`). A new field is one line here plus a
line in each producer; this module is part of the build cache's fingerprint (kg.cache), so a
cache never hands back records of an older shape. IRIs are short names (kg.graph.iri.short).
"""
from __future__ import annotations

from typing import Any, Iterable, Iterator, NamedTuple


class Town(NamedTuple):
    iri: str
    label: str                   # the least of its labels
    county: str                  # its county's label, "" when unknown


class Entity(NamedTuple):
    iri: str
    classes: list[str]           # local names of its tkg classes, sorted
    label: str                   # the least of its labels
    category: str                # a mechanism's or activity's category (中文 prefLabel), "" for regulations


class Alias(NamedTuple):
    iri: str
    alias: str                   # an alternative label (skos:altLabel)


class Report(NamedTuple):
    iri: str
    title: str
    year: str                    # four digits, "" when unknown
    file: str                    # the source file's name
    town: str                    # its township, "" when none


class Evidence(NamedTuple):
    town: str
    entity: str
    report: str
    sentence: str
    start: int                   # the mention's characters within the sentence, -1 when unknown
    end: int


class Figure(NamedTuple):        # an indicator (指标), not a background figure
    report: str
    name: str
    value: str                   # xsd:decimal lexical form
    unit: str
    sentence: str
    start: int
    end: int


class Link(NamedTuple):
    town: str
    entity: str
    evidence: int                # its evidence rows
    sentences: int               # its distinct evidence sentences


# the sections of rows, in the order a build's JSON gives them; "sentences" is {sentence: text}
ROWS: dict[str, Any] = {"towns": Town, "aliases": Alias, "reports": Report, "evidence": Evidence,
                        "figures": Figure, "entities": Entity, "links": Link}
SECTIONS = ("towns", "aliases", "reports", "evidence", "figures", "sentences", "entities", "links")


def empty() -> dict[str, Any]:
    """A record with nothing in it."""
    return {k: {} if k == "sentences" else [] for k in SECTIONS}


def rows(record: dict, section: str) -> Iterator[Any]:
    """The rows of one section of a record (JSON lists or row tuples), as its row type."""
    return map(ROWS[section]._make, record.get(section, ()))


def links(facts: Iterable[tuple[str, str]], evidence: Iterable[Evidence]) -> list[Link]:
    """The links of facts (township, entity), counted from the distinct evidence rows."""
    counts: dict[tuple[str, str], tuple[int, set]] = {(t, x): (0, set()) for t, x in facts}
    for t, x, _, sentence, _, _ in evidence:
        n, sentences = counts.get((t, x), (0, set()))
        sentences.add(sentence)
        counts[t, x] = (n + 1, sentences)
    return [Link(t, x, n, len(sentences)) for (t, x), (n, sentences) in counts.items()]


def _frozen(row) -> tuple:
    return tuple(tuple(v) if isinstance(v, list) else v for v in row)


def tidy(record: dict) -> dict[str, Any]:
    """The record with each section's rows as its row type, sorted and without repeats."""
    out: dict[str, Any] = {}
    for section, row in ROWS.items():
        distinct = sorted({_frozen(r) for r in record.get(section, ())})
        out[section] = [row._make(list(v) if isinstance(v, tuple) else v for v in r) for r in distinct]
    out["sentences"] = dict(sorted(record.get("sentences", {}).items()))
    return out
