"""Hand-written ReportFacts for tests that pin behaviour whatever the extractors find.

Importable from any test module (pytest puts tests/ on sys.path for its conftest.py).
"""
from __future__ import annotations

import hashlib

from kg.model import Document, Mention, Place, ReportFacts, Sentence


def report(name: str, town: str, county: str, year: int, lines: list[tuple[str, list[tuple]]]) -> ReportFacts:
    """A report of `town`; each line is (sentence, [(kind, label, surface, attrs), ...])."""
    title = f"{county}{town}{year}年法治政府建设情况报告"
    text, sentences, mentions = title + "\n", [Sentence(title, 0, len(title))], []
    for sentence, found in lines:
        start = len(text)
        text += sentence
        sentences.append(Sentence(sentence, start, start + len(sentence)))
        for kind, label, surface, attrs in found:
            at = start + sentence.index(surface)
            mentions.append(Mention(kind, label, at, at + len(surface), surface, dict(attrs)))
    doc = Document(name, text, hashlib.sha256(text.encode("utf-8")).hexdigest(), sentences)
    return ReportFacts(doc, Place(town, county), year, title, mentions)


def law(label: str, surface: str | None = None, kind: str = "law") -> tuple:
    attrs = {"reg_kind": kind, "registered": True}
    if surface and surface != label:
        attrs["alias"] = surface
    return ("regulation", label, surface or label, attrs)
