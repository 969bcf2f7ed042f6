"""Fixtures for the HTML graph tests: small graphs made from facts, and a real headless Chromium.

The graphs are built from hand-written ReportFacts, not through the extractors, so these
tests pin the page's behaviour whatever the extractors find.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from facts_kit import law, report

from kg.graph import KnowledgeGraph
from kg.model import ReportFacts

LAW, PUNISH = "中华人民共和国宪法", "中华人民共和国行政处罚法"


def small_facts() -> list[ReportFacts]:
    """Three townships in two counties; the constitution is cited by two of them."""
    return [
        report("fudian-2023.txt", "付店镇", "汝阳县", 2023, [
            ("付店镇党委理论学习中心组专题学习《中华人民共和国行政处罚法》。", [law(PUNISH)]),
            ("全面推行行政执法公示制度，规范执法行为。", [("mechanism", "行政执法公示制度", "行政执法公示制度", {})]),
            ("组织开展宪法宣传周活动，发放资料500余份。", [("activity", "宪法宣传周", "宪法宣传周", {}),
                                                    law(LAW, "宪法")]),
        ]),
        report("dacun-2022.txt", "大村乡", "南宫市", 2022, [
            ("大村乡深入学习《中华人民共和国宪法》，增强干部法治意识。", [law(LAW)]),
            ("落实法律顾问制度，重大决策经合法性审查。", [("mechanism", "法律顾问制度", "法律顾问制度", {})]),
        ]),
        report("chengguan-2023.txt", "城关镇", "汝阳县", 2023, [
            ("城关镇贯彻《法治政府建设实施纲要（2021-2025年）》。",
             [law("法治政府建设实施纲要（2021-2025年）", kind="policy")]),
        ]),
    ]


HOSTILE_LAW = "<img src=x onerror=\"window.__pwned='law'\">条例"
HOSTILE_MECH = "</script><script>window.__pwned='mech'</script>机制"
HOSTILE_SENTENCE = "组织学习<img src=x onerror=window.__pwned='sentence'>并开展"


def hostile_facts() -> list[ReportFacts]:
    """A report whose law title, mechanism, alias, sentence and names carry markup."""
    return [report("<b onclick=window.__pwned='file'>evil.txt", "<svg onload=window.__pwned='town'>镇", "\"><img src=x onerror=window.__pwned='county'>县",
                   2023, [
        (f"{HOSTILE_SENTENCE}《{HOSTILE_LAW}》的学习。", [law(HOSTILE_LAW, kind="regulation")]),
        (f"建立{HOSTILE_MECH}。", [("mechanism", HOSTILE_MECH, HOSTILE_MECH, {})]),
        ("学习<iframe src=javascript:window.__pwned='alias'>宪法。",
         [law(LAW, "<iframe src=javascript:window.__pwned='alias'>宪法")]),
    ])] + small_facts()[:1]


@pytest.fixture(scope="session")
def small_graph() -> KnowledgeGraph:
    return KnowledgeGraph.from_facts(small_facts())


@pytest.fixture(scope="session")
def hostile_graph() -> KnowledgeGraph:
    return KnowledgeGraph.from_facts(hostile_facts())


def write_html(graph: KnowledgeGraph, folder: Path) -> Path:
    from kg.export import export

    return export(graph, folder / "graph.html")


class Opened:
    """A page with every request to anything but its own file recorded and refused."""

    def __init__(self, browser, path: Path):
        self.url = path.resolve().as_uri()
        self.external: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.page.route("**/*", self._route)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("dialog", self._dialog)
        self.page.goto(self.url)
        self.page.wait_for_function("window.kgReady === true", timeout=20_000)

    def _route(self, route):
        if route.request.url == self.url:
            route.continue_()
        else:
            self.external.append(route.request.url)
            route.abort()

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def node_id(self, label: str) -> int:
        return self.page.evaluate(
            "l => JSON.parse(document.getElementById('kg-data').textContent).nodes.findIndex(n => n[0] === l)", label)

    def click_node(self, label: str) -> None:
        """Click the node with a real mouse event at the point where it is drawn."""
        nid = self.node_id(label)
        assert nid >= 0, label
        self.click_node_id(nid)

    def click_node_id(self, nid: int | str) -> None:
        """Click a drawn node (a township or entity index, or a region's 'g…' id)."""
        if isinstance(nid, str) and nid.isdigit():
            nid = int(nid)
        xy = self.page.evaluate(
            """id => { const net = window.kg.network, p = net.getPositions([id])[id], d = net.canvasToDOM(p),
                        r = document.querySelector('#kg-graph canvas').getBoundingClientRect();
                       return [r.left + d.x, r.top + d.y]; }""", nid)
        self.page.mouse.click(*xy)

    def close(self) -> None:
        self.page.close()


@pytest.fixture
def open_page(browser):
    pages = []

    def _open(path: Path) -> Opened:
        pages.append(Opened(browser, path))
        return pages[-1]

    yield _open
    for p in pages:
        p.close()


@pytest.fixture(scope="session")
def kit():
    """The fixture builders and labels, for tests (conftest modules cannot be imported by name)."""
    from types import SimpleNamespace

    return SimpleNamespace(report=report, law=law, small_facts=small_facts, hostile_facts=hostile_facts,
                           LAW=LAW, PUNISH=PUNISH, HOSTILE_LAW=HOSTILE_LAW, HOSTILE_MECH=HOSTILE_MECH,
                           HOSTILE_SENTENCE=HOSTILE_SENTENCE)
