"""Mechanisms (机制): named systems, mechanisms, working methods and reforms."""
from __future__ import annotations

from kg.extract import phrase
from kg.model import Document


def candidates(doc: Document) -> list[phrase.Candidate]:
    """Known mechanisms, noun phrases ending in 制度/机制/责任制/改革…, and “A、B的工作机制”."""
    return (phrase.lexicon_matches(doc, "mechanisms.tsv", "mechanism")
            + phrase.head_phrases(doc, "mechanism_heads.txt", "mechanism")
            + phrase.described_mechanisms(doc))
