"""The kinds of things a report's facts are about (实体类别), in one table.

Every layer that needs to know the kinds reads them here: the graph writer (which class
each entity gets, which property links a township to it), the build summary line, the view
and its page (names, colours, shapes, bands), the query parameter `kind=` and the tests.
tests/test_kinds.py fails when a layer lists a kind this table lacks, or when a class or
property named here is not in the ontology (ontology/township-kg.ttl, kg.graph.vocab).

Two levels, because a regulation is found once and typed twice (tkg:Regulation and one of
its five subclasses):

- FACTS: what a mention is (kg.model.Mention.kind) and the fact it becomes;
- KINDS: the kinds of entity node, in display order, each found as one of FACTS. A
  regulation's kind is its Mention.attrs["reg_kind"] (kg/extract/lexicons/regulation_*.tsv);
  a mechanism's or activity's kind is its fact.

Plain data with no imports, so that any stage may read it.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Fact:
    """A kind of mention and the fact it becomes: township (or report) --predicate--> entity."""

    key: str          # kg.model.Mention.kind, and the first word of the entity's IRI (regulation-…)
    cls: str          # the tkg class every entity of it has
    predicate: str    # the tkg property that links a township (an indicator: its report) to it
    zh: str           # the name of its band on the page (法规, 机制, 活动)
    plural: str       # how the build summary line counts them ("26 regulations")


@dataclass(frozen=True)
class Kind:
    """A kind of entity node: its class in the graph, its names, and how the page draws it."""

    key: str          # the page's type key; a regulation's reg_kind, else the fact's key
    cls: str          # its tkg class (the ontology's labels are zh and en below)
    fact: str         # the key of the Fact it is found as
    zh: str
    en: str
    color: str
    shape: str        # a vis-network node shape
    comment: str = ""  # a subclass's rdfs:comment in the ontology (kg.graph.ontology writes it from here)
    categories: tuple[str, ...] = ()   # categories of the national law register (kg/data/laws.tsv) read as it


FACTS = (
    Fact("regulation", "Regulation", "cites", "法规", "regulations"),
    Fact("mechanism", "Mechanism", "adopts", "机制", "mechanisms"),
    Fact("activity", "Activity", "conducts", "活动", "activities"),
    Fact("indicator", "Indicator", "hasIndicator", "指标", "indicators"),   # figures: not drawn as nodes
)

# Display order; the first class listed wins when reports typed one regulation differently.
KINDS = (
    Kind("law", "Law", "regulation", "法律", "Law", "#1f77b4", "dot",
         comment="A law of the National People's Congress or its Standing Committee, the constitution included.",
         categories=("宪法", "法律")),
    Kind("regulation", "AdministrativeRegulation", "regulation", "行政法规/规章", "Administrative regulation",
         "#17a2b8", "diamond",
         comment="A State Council regulation, a departmental or local rule, or a local regulation.",
         categories=("行政法规", "部门规章", "司法解释", "地方性法规")),
    Kind("party_rule", "PartyRegulation", "regulation", "党内法规", "Party regulation", "#d62728", "star",
         comment="An intra-party regulation of the Communist Party of China."),
    Kind("policy", "PolicyDocument", "regulation", "政策文件", "Policy document", "#9467bd", "hexagon",
         comment="A higher-level outline, plan, opinion or programme."),
    Kind("local", "LocalDocument", "regulation", "乡镇文件", "Local document", "#8c564b", "triangleDown",
         comment="A rule, plan, scheme or measure the township made itself."),
    Kind("mechanism", "Mechanism", "mechanism", "机制", "Mechanism", "#2ca02c", "square"),
    Kind("activity", "Activity", "activity", "活动", "Activity", "#ff7f0e", "triangle"),
)

# the other nodes the page draws: townships, and practice categories (skos:Concept, made by the page)
TOWNSHIP = Kind("town", "Township", "", "乡镇", "Township", "#2c3e50", "box")
CATEGORY = Kind("category", "", "", "实践类别", "Practice category", "#8e44ad", "dot")

FACT = {f.key: f for f in FACTS}
KIND = {k.key: k for k in KINDS}
REGULATION_KINDS = tuple(k.key for k in KINDS if k.fact == "regulation")


def kinds_of(fact: str) -> tuple[Kind, ...]:
    """The kinds of entity found as `fact`, in display order (none for indicators)."""
    return tuple(k for k in KINDS if k.fact == fact)


def drawn_facts() -> tuple[Fact, ...]:
    """The facts whose entities are nodes on the page: one band each, in table order."""
    return tuple(f for f in FACTS if kinds_of(f.key))
