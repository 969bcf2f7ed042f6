"""Shared fixtures: the seed build, made once per test session through the library."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
CHROMIUM = os.environ.get("KG_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


@pytest.fixture(scope="session")
def seed_graph():
    """The KnowledgeGraph of the five bundled seed reports."""
    import kg

    return kg.build([SEEDS])


@pytest.fixture(scope="module")
def seed_server(seed_graph):
    """`kg serve` of the seed graph on a free loopback port, for one test module: its base URL."""
    from kg.query.serve import serve_in_thread

    server = serve_in_thread(seed_graph)
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory, seed_graph):
    """A folder holding the written outputs of the seed build."""
    import kg

    out = tmp_path_factory.mktemp("seed-build")
    kg.write(seed_graph, out)
    return out


@pytest.fixture(scope="session")
def quads_build(tmp_path_factory, seed_graph):
    """The seed build written with graph.nq, graph.trig, graph.nt and graph.jsonld as well."""
    import kg

    out = tmp_path_factory.mktemp("seed-quads")
    kg.write(seed_graph, out, formats=["nq", "trig", "nt", "jsonld"])
    return out


def write_report(folder: Path, name: str, text: str) -> Path:
    """Write a small report fixture as UTF-8 and return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by Playwright (its own browser download is not used)."""
    if os.environ.get("KG_NO_BROWSER") == "1":
        pytest.skip("KG_NO_BROWSER=1")
    if not shutil.which(CHROMIUM):
        pytest.fail(f"{CHROMIUM} not found: apt-get install chromium fonts-wqy-microhei (or set KG_CHROMIUM)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()
