"""Fixtures for tests/query: the seed build written with every graph format."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def quads_build(tmp_path_factory, seed_graph):
    """The seed build written with graph.nq, graph.trig, graph.nt and graph.jsonld as well."""
    import kg

    out = tmp_path_factory.mktemp("seed-quads")
    kg.write(seed_graph, out, formats=["nq", "trig", "nt", "jsonld"])
    return out
