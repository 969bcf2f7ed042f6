"""township-kg: a knowledge graph of Chinese township rule-of-law (法治政府建设) reports.

    >>> import kg
    >>> graph = kg.build(["seeds/"])          # files or folders of reports
    >>> kg.write(graph, "outputs/")           # graph.ttl, graph.html
    >>> rows = graph.query("SELECT ?t WHERE { ?t a tkg:Township }")
"""
from __future__ import annotations

__version__ = "0.1.0"

from kg.errors import KGError  # noqa: E402
from kg.graph import KnowledgeGraph  # noqa: E402
from kg.pipeline import build, write  # noqa: E402


def load(path) -> KnowledgeGraph:
    """Load a built graph (a folder written by `kg build`, or a .ttl/.nq/.trig file)."""
    return KnowledgeGraph.load(path)


__all__ = ["build", "write", "load", "KnowledgeGraph", "KGError", "__version__"]
