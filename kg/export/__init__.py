"""Exporters (导出): one `export(graph, path)` signature, chosen by format name.

Every file is written to a temporary sibling and renamed into place, so an interrupted
build never leaves a half-written output behind.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Callable

import pyoxigraph as ox

from kg.graph import KnowledgeGraph
from kg.graph.vocab import PREFIXES

EXPORTERS: dict[str, Callable[[KnowledgeGraph], bytes]] = {}
SUFFIX: dict[str, str] = {}


def exporter(name: str, suffix: str):
    """Register a function KnowledgeGraph -> bytes under a format name."""
    def deco(fn):
        EXPORTERS[name], SUFFIX[name] = fn, suffix
        return fn
    return deco


def write_atomic(path: str | Path, data: bytes) -> None:
    """Write bytes to `path` via a temporary file in the same folder and an atomic rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def export(graph: KnowledgeGraph, path: str | Path, fmt: str | None = None) -> Path:
    """Write `graph` to `path` in format `fmt` (guessed from the suffix when omitted)."""
    path = Path(path)
    if fmt is None:
        fmt = next((n for n, s in SUFFIX.items() if path.name.endswith(s)), None)
    if fmt not in EXPORTERS:
        from kg.errors import KGError

        raise KGError(f"unknown export format {fmt!r}; known: {', '.join(sorted(EXPORTERS))}")
    write_atomic(path, EXPORTERS[fmt](graph))
    return path


@exporter("turtle", ".ttl")
def turtle(graph: KnowledgeGraph) -> bytes:
    return ox.serialize(graph.triples(), format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)


@exporter("ntriples", ".nt")
def ntriples(graph: KnowledgeGraph) -> bytes:
    return ox.serialize(graph.triples(), format=ox.RdfFormat.N_TRIPLES)


@exporter("nquads", ".nq")
def nquads(graph: KnowledgeGraph) -> bytes:
    return ox.serialize(graph.quads, format=ox.RdfFormat.N_QUADS)


@exporter("trig", ".trig")
def trig(graph: KnowledgeGraph) -> bytes:
    return ox.serialize(graph.quads, format=ox.RdfFormat.TRIG, prefixes=PREFIXES)


@exporter("jsonld", ".jsonld")
def jsonld(graph: KnowledgeGraph) -> bytes:
    return ox.serialize(graph.triples(), format=ox.RdfFormat.JSON_LD)


from kg.export import html as _html  # noqa: E402,F401  (registers "html")
