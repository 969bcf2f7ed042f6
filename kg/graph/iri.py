"""Minting resource IRIs from normalized content, never from counters or clocks (稳定标识)."""
from __future__ import annotations

import hashlib
import re

from kg.graph.vocab import PRACTICES, RESOURCE


def digest(*parts: object, n: int = 16) -> str:
    """A short, stable hex digest of the parts."""
    return hashlib.sha256("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:n]


def _key(label: str) -> str:
    """Labels that differ only in spacing, quotes or bracket style mint the same IRI."""
    s = re.sub(r"[\s“”\"'《》〈〉「」]", "", label)
    return s.replace("(", "（").replace(")", "）")


def report(sha256: str) -> str:
    return f"{RESOURCE}report-{sha256[:16]}"


def township(name: str, county: str | None, code: str | None) -> str:
    return f"{RESOURCE}township-{code}" if code else f"{RESOURCE}township-x{digest(name, county or '')}"


def county(name: str, code: str | None) -> str:
    return f"{RESOURCE}county-{code}" if code else f"{RESOURCE}county-x{digest(name)}"


def city(code: str) -> str:
    return f"{RESOURCE}city-{code}"


def province(code: str) -> str:
    return f"{RESOURCE}province-{code}"


def entity(kind: str, label: str) -> str:
    """regulation, mechanism or activity: one node per canonical label across all reports."""
    return f"{RESOURCE}{kind}-{digest(_key(label))}"


def local(kind: str, report_sha: str, *parts: object) -> str:
    """A resource that belongs to one report: indicator, evidence, sentence."""
    return f"{RESOURCE}{kind}-{report_sha[:12]}-{digest(*parts, n=12)}"


def short(value: str) -> str:
    """An IRI as the view records keep it: a minted IRI without RESOURCE, others whole
    (a whole IRI has a scheme, so it has a ':'; a minted name never does)."""
    if value.startswith(RESOURCE) and ":" not in value[len(RESOURCE):]:
        return value[len(RESOURCE):]
    return value


def expand(name: str) -> str:
    """The IRI of a short() name."""
    return name if ":" in name else RESOURCE + name


def scheme() -> str:
    """The SKOS concept scheme of practices (ontology/practices.ttl)."""
    return f"{PRACTICES}scheme"


def category(cid: str) -> str:
    """A category of practice: a top concept of the scheme, named by its id (tkgp:publicity)."""
    return f"{PRACTICES}{cid}"


def practice(kind: str, name: str) -> str:
    """A known practice of the scheme, minted from its kind and canonical name."""
    return f"{PRACTICES}{kind}-{digest(_key(name))}"
