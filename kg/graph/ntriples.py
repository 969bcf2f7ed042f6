"""N-Triples terms written as text (N-Triples 词项): what str() of the pyoxigraph term gives, without
making an object per triple; text Oxigraph escapes or would refuse (controls, quotes,
surrogates, odd IRIs) goes through pyoxigraph itself."""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from pyoxigraph import Literal, NamedNode

from kg import regex
from kg.graph.vocab import PREFIXES

XSD = PREFIXES["xsd"]
_LITERAL_CARE = regex.compile(r'[\x00-\x1f\x7f"\\\ud800-\udfff\ufffe\uffff]')
_PLAIN_IRI = regex.compile(r"[A-Za-z0-9:/#._~%-]+")


def iri_term(value: str) -> str:
    """An IRI term: <value>."""
    return f"<{value}>" if _PLAIN_IRI.fullmatch(value) else str(NamedNode(value))


def plain(text: str) -> str:
    """A plain (xsd:string) literal."""
    return str(Literal(text)) if _LITERAL_CARE.search(text) else f'"{text}"'


def zh(text: str) -> str:
    return str(Literal(text, language="zh")) if _LITERAL_CARE.search(text) else f'"{text}"@zh'


def typed(value: str, datatype: str) -> str:
    if _LITERAL_CARE.search(value):
        return str(Literal(value, datatype=NamedNode(XSD + datatype)))
    return f'"{value}"^^{_xsd(datatype)}'


@lru_cache(maxsize=None)
def _xsd(datatype: str) -> str:
    return iri_term(XSD + datatype)


def decimal_text(value: float) -> str:
    """84.0 -> "84", 0.5 -> "0.5": the lexical form of an xsd:decimal."""
    return format(Decimal(str(value)).normalize(), "f")


def decimal_literal(value: float) -> str:
    return typed(decimal_text(value), "decimal")
