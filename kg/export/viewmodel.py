"""The shape of the graph view (图谱视图): townships, entities, reports, evidence sentences, the
links between townships and entities, and figures, as kg.export.graphview folds them and the
HTML page and the township × law matrix read them. Indexes point into the view's lists."""
from __future__ import annotations

from array import array
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterator, Sequence


@dataclass
class Town:
    iri: str
    label: str
    county: str = ""


@dataclass
class Entity:
    iri: str
    label: str
    type: str                      # a key of kg.kinds.KINDS
    aliases: list[str] = field(default_factory=list)
    category: str = ""             # a mechanism's or activity's category (tkg:category), its 中文 label


@dataclass
class Report:
    iri: str
    title: str
    file: str
    year: str
    town: int                      # index into GraphView.towns, -1 when unknown


@dataclass(slots=True)
class Evidence:
    report: int                    # index into GraphView.reports
    sentence: int                  # index into GraphView.sentences
    start: int                     # the mention's characters within the sentence, -1 if unknown
    end: int


@dataclass(slots=True)
class Link:
    town: int
    entity: int
    evidence: Sequence[Evidence] = ()   # all, or the kept ones (summary); most summary links keep none
    total: int = 0                 # evidence of this link, kept or not
    sentences: int = 0             # distinct evidence sentences of this link, kept or not


class Links(Sequence[Link]):
    """The view's links in (town, entity) order, kept as columns of ints: 450,000 Link objects at
    10,000 reports took a second to make, and read after a fork each page of them was copied. A
    Link is made as one is read; `evidence` holds, by index, the few links that keep some."""

    def __init__(self) -> None:
        self.town, self.entity = array("l"), array("l")
        self.total, self.sentences = array("q"), array("q")
        self.evidence: dict[int, list[Evidence]] = {}

    def add(self, town: int, entity: int, evidence: list[Evidence] | None, total: int, sentences: int) -> None:
        if evidence:
            self.evidence[len(self.town)] = evidence
        self.town.append(town)
        self.entity.append(entity)
        self.total.append(total)
        self.sentences.append(sentences)

    def __len__(self) -> int:
        return len(self.town)

    def __getitem__(self, i):      # an index (negative from the end); slices are not read
        return Link(self.town[i], self.entity[i], self.evidence.get(i % len(self), ()), self.total[i],
                    self.sentences[i])

    def __iter__(self) -> Iterator[Link]:
        evidence = self.evidence
        for i, (t, x, n, s) in enumerate(zip(self.town, self.entity, self.total, self.sentences, strict=True)):
            yield Link(t, x, evidence.get(i, ()), n, s)


@dataclass(slots=True)
class Figure:
    report: int                    # index into GraphView.reports
    name: str                      # what was counted (办结率, 开展培训)
    value: str                     # xsd:decimal lexical form
    unit: str
    sentence: int                  # index into GraphView.sentences, -1 when left out (summary view)
    start: int
    end: int


@dataclass
class GraphView:
    towns: list[Town]
    entities: list[Entity]
    reports: list[Report]
    sentences: list[str]
    links: Links
    evidence_limit: int = 0        # > 0: a summary view, at most this many evidence per entity
    figures: list[Figure] = field(default_factory=list)

    def degree(self) -> list[int]:
        """How many townships link to each entity (关联乡镇数)."""
        out = [0] * len(self.entities)
        for entity, n in Counter(self.links.entity).items():
            out[entity] = n
        return out

    def years(self) -> list[str]:
        return sorted({r.year for r in self.reports if r.year})
