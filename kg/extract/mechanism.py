"""Mechanisms (机制): named systems, mechanisms, working methods and reforms."""
from __future__ import annotations

from kg.extract import gazetteers, heads
from kg.extract.phrase import Candidate
from kg.model import Document


def candidates(doc: Document) -> list[Candidate]:
    """Known mechanisms, noun phrases ending in 制度/机制/责任制/改革…, and “A、B的工作机制”."""
    return (gazetteers.lexicon_matches(doc, "mechanisms.tsv", "mechanism")
            + heads.head_phrases(doc, "mechanism_heads.txt", "mechanism")
            + heads.described_mechanisms(doc))
