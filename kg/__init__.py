"""township-kg: a knowledge graph of Chinese township rule-of-law (法治政府建设) reports.

    >>> import kg
    >>> graph = kg.build(["seeds/"])          # files or folders of reports
    >>> kg.write(graph, "outputs/")           # graph.ttl, graph.html
    >>> rows = graph.query("SELECT ?t WHERE { ?t a tkg:Township }")
"""
from __future__ import annotations

__version__ = "0.1.0"

from typing import TYPE_CHECKING

from kg.errors import KGError  # noqa: E402

if TYPE_CHECKING:
    from kg.graph import KnowledgeGraph
    from kg.pipeline import build, write


def __getattr__(name: str):
    # the library is imported on first use, so that `kg --help` and the CLI's start-up (run with
    # the cycle collector paused, kg.cli.main) do not pay for it before they need it
    if name in ("build", "write"):
        from kg import pipeline

        return getattr(pipeline, name)
    if name == "KnowledgeGraph":
        from kg.graph import KnowledgeGraph

        return KnowledgeGraph
    raise AttributeError(f"module 'kg' has no attribute {name!r}")


def load(path) -> KnowledgeGraph:
    """Load a built graph (a folder written by `kg build`, or a .ttl/.nq/.trig file)."""
    from kg.graph import KnowledgeGraph

    return KnowledgeGraph.load(path)


__all__ = ["build", "write", "load", "KnowledgeGraph", "KGError", "__version__"]
