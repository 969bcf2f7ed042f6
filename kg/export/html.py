"""The interactive HTML graph (交互图): one self-contained UTF-8 file, `graph.html`.

The page carries everything it needs: vis-network (assets/vendor/, the file pyvis ships), the
page's own script (kg/export/assets/js/) and style, and the data as JSON inside
<script type="application/json">. Opened from disk it makes no request to any other host,
so it works in an office with no internet. Safety: the data is JSON with every '<' written
as \\u003c, the script shows all text with textContent (never innerHTML), and a
Content-Security-Policy allows only the page's own two scripts (by hash) and connections to
its own origin (when `kg serve` serves it), so an inline handler smuggled in through a
label, such as <img onerror=...>, could not run even if it reached the DOM.

The page lays itself out (assets/js/20-layout.js): the first view shows at most `UNITS_MAX` townships, or
when there are more, the regions they lie in (kg/export/regions.py: province › city ›
county from the official codes), each drawn once with its township count, and the
`FIRST_VIEW` entities most townships in view share, labeled on a grid whose pitch is the
width of the labels, so no two labels overlap. A click on a region drills down.

Big builds get a summary page (graphview.collect decides): every township and figure, but
only the `EMBED_MAX` entities most townships share, each with all its links and their
counts, and only the first few evidence sentences of each entity; served by `kg serve`,
the page fetches the rest from the endpoint. The complete data is in graph.ttl.
"""
from __future__ import annotations

import base64
import hashlib
import re
from collections import Counter
from functools import lru_cache
from importlib import resources

import orjson

from kg.errors import KGError
from kg.export import exporter
from kg.export import matrix as _matrix  # noqa: F401  (registers township_law_csv)
from kg.export.graphview import Entity, GraphView, collect
from kg.export.regions import OTHER, tree
from kg.extract.register import laws
from kg.graph import KnowledgeGraph
from kg.graph.iri import short
from kg.graph.vocab import RESOURCE
from kg.kinds import CATEGORY, KINDS, REGULATION_KINDS, TOWNSHIP, Kind, drawn_facts, kinds_of

FIRST_VIEW = 36      # entities in the first view (the most shared of each band)
UNITS_MAX = 40       # townships drawn one by one at most; past it, regions
EMBED_MAX = 800      # at most this many entities in the page (those most townships share)
LABEL_CHARS = 14     # graph labels are cut to this many characters; the side panel shows all

NODE_KINDS = (TOWNSHIP, *KINDS)     # the page's node types (kg.kinds), the township first


def _style(k: Kind) -> dict:
    return {"key": k.key, "name": k.zh, "color": k.color, "shape": k.shape}


def _asset(name: str) -> str:
    return (resources.files("kg.export") / "assets" / name).read_text(encoding="utf-8")


def page_script() -> str:
    """The page's script: the sections in assets/js/ (file-name order) as one function body."""
    folder = resources.files("kg.export") / "assets" / "js"
    names = sorted(f.name for f in folder.iterdir() if f.name.endswith(".js"))
    if not names:
        raise KGError(f"the page script is missing from {folder}; reinstall township-kg")
    body = "".join(folder.joinpath(n).read_text(encoding="utf-8") for n in names)
    return "(function () {\n  'use strict';\n" + body + "})();\n"


@lru_cache(maxsize=1)
def vis_network_js() -> str:
    """The vis-network script (assets/vendor/: the file pyvis ships, without pyvis's dependencies)."""
    # the HTML parser turns CR LF into LF; do it here so the CSP hash matches what it reads
    return _asset("vendor/vis-network-9.1.2.min.js").replace("\r\n", "\n").replace("\r", "\n")


def _cut(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"


def short_labels(entities: list[Entity]) -> list[str]:
    """Each entity's label on the graph and in matrix headers: a regulation's 简称 from the
    law register (行政处罚法), else its title without 中华人民共和国, cut to LABEL_CHARS.
    Two entities never share one: those that would keep their full (cut) labels."""
    known = laws()
    out = []
    for e in entities:
        name = e.label
        if e.type in REGULATION_KINDS:
            law = known.get(e.label)
            shorts = [s for s in law.short_names if len(s) < len(e.label)] if law and law.title == e.label else []
            name = min(shorts, key=len) if shorts else e.label.removeprefix("中华人民共和国") or e.label
        out.append(_cut(name))
    # labels still alike are shown cut in the middle (党政主要负…第一责任人职责), else whole
    for fallback in (lambda e: _cut(e.label), lambda e: _cut_middle(e.label), lambda e: e.label):
        seen = Counter(out)
        out = [s if seen[s] == 1 else fallback(e) for s, e in zip(out, entities, strict=True)]
    return out


def _cut_middle(label: str) -> str:
    head = (LABEL_CHARS - 1) // 2
    return label if len(label) <= LABEL_CHARS else label[:head] + "…" + label[head + 1 - LABEL_CHARS:]


def most_shared(view: GraphView, keep: int) -> list[int]:
    """The indexes of the `keep` entities most townships share, in view order (all, if no more)."""
    if len(view.entities) <= keep:
        return list(range(len(view.entities)))
    degree = view.degree()
    return sorted(sorted(range(len(view.entities)), key=lambda i: (-degree[i], view.entities[i].label,
                                                                   view.entities[i].iri))[:keep])


def payload(view: GraphView) -> dict:
    """The data the page script reads: nodes, regions, links with their evidence, figures; only
    the EMBED_MAX entities most townships share, their links and the sentences these cite."""
    top = most_shared(view, EMBED_MAX)
    entities = [view.entities[i] for i in top]
    n_town = len(view.towns)
    node = {old: n_town + i for i, old in enumerate(top)}      # entity index -> page node
    links = view.links                                         # read by column: kg.export.graphview.Links
    kept = range(len(links)) if len(top) == len(view.entities) else [
        i for i, x in enumerate(links.entity) if x in node]
    used = sorted({ev.sentence for i, evidence in links.evidence.items() if links.entity[i] in node
                   for ev in evidence} | {f.sentence for f in view.figures if f.sentence >= 0})
    at = {old: i for i, old in enumerate(used)}                # sentence index -> the page's
    at[-1] = -1
    type_ix = {k.key: i for i, k in enumerate(NODE_KINDS)}
    groups, leaf = tree(view.towns)
    nodes = [[t.label, _cut(t.label), 0, leaf[i], [], short(t.iri)] for i, t in enumerate(view.towns)]
    categories = sorted({e.category for e in entities if e.category})
    cat_ix = {c: i for i, c in enumerate(categories)}
    nodes += [[e.label, cut, type_ix[e.type], -1, e.aliases, short(e.iri), cat_ix.get(e.category, -1)]
              for e, cut in zip(entities, short_labels(entities), strict=True)]
    return {
        "types": [_style(k) for k in NODE_KINDS],
        # the bands of entities on the page, each with its kinds; regKinds are filtered one by one
        "bands": [{"key": f.key, "name": f.zh, "kinds": [k.key for k in kinds_of(f.key)]} for f in drawn_facts()],
        "regKinds": list(REGULATION_KINDS),
        "category": _style(CATEGORY),         # the type of the practice category nodes the page adds
        # region: [name, parent region or -1]; parents come first
        "groups": groups,
        "years": view.years(),
        "nTowns": n_town,
        # node: [label, short label, type index, region (townships) or -1, aliases, short IRI,
        #        practice category (entities) or -1]
        "nodes": nodes,
        "categories": categories,             # 实践类别 of mechanisms and activities
        # report: [title, source file, year, township node or -1]
        "reports": [[r.title, r.file, r.year, r.town] for r in view.reports],
        "sentences": [view.sentences[i] for i in used],
        # link: [township node, entity node, flat evidence (report, sentence, start, end)*]; rows as
        # tuples, an empty one shared: the same JSON, and ~100 MB less at 10,000 reports
        "links": [(links.town[i], node[links.entity[i]],
                   [x for ev in links.evidence[i] for x in (ev.report, at[ev.sentence], ev.start, ev.end)]
                   if i in links.evidence else ()) for i in kept],
        # per link: [evidence, distinct sentences], counted before any evidence was left out
        "counts": [(links.total[i], links.sentences[i]) for i in kept],
        # figure: [report, name, value, unit, sentence or -1, start, end]
        "figures": [(f.report, f.name, f.value, f.unit, at[f.sentence], f.start, f.end) for f in view.figures],
        "evLimit": view.evidence_limit,       # > 0: at most this many evidence per entity kept
        "omitted": len(view.entities) - len(entities),   # entities left out of the page
        "resource": RESOURCE,                 # short IRI -> IRI (fetching evidence from kg serve)
        "other": OTHER,
        "firstView": FIRST_VIEW,
        "unitsMax": UNITS_MAX,
    }


def script_json(data) -> bytes:
    """JSON (UTF-8) safe inside a <script> element: no '<', '>' or '&' survives literally.
    Escaped in the bytes: each of these characters is one byte in UTF-8, never part of another."""
    text = orjson.dumps(data, option=orjson.OPT_SORT_KEYS)      # json.dumps's text, 5x faster
    return (text.replace(b"<", b"\\u003c").replace(b">", b"\\u003e").replace(b"&", b"\\u0026")
            .replace("\u2028".encode(), b"\\u2028").replace("\u2029".encode(), b"\\u2029"))


def _csp_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def render(view: GraphView) -> bytes:
    """The complete page for `view`, UTF-8 (made as bytes: the data is tens of MB at 10,000 reports,
    and a str of it, with its copies, would be several times that)."""
    vis, app = vis_network_js(), page_script()
    for name, text in (("vis-network", vis), ("assets/js", app)):
        if re.search(r"</script|<!--", text, re.I):
            raise KGError(f"{name} cannot be inlined: it contains '</script' or '<!--'")
    parts = {
        b"CSP": (f"default-src 'none'; script-src {_csp_hash(vis)} {_csp_hash(app)}; "
                 "style-src 'unsafe-inline'; img-src data: blob:; font-src data:; "
                 "connect-src 'self'; form-action 'none'; base-uri 'none'").encode(),
        b"CSS": _asset("graph.css").encode(),
        b"DATA": script_json(payload(view)),
        b"VIS": vis.encode(),
        b"APP": app.encode(),
    }
    # one pass, so text coming from one part is never read as a marker of another
    return re.sub(rb"@@(CSP|CSS|DATA|VIS|APP)@@", lambda m: parts[m.group(1)], _asset("graph.html").encode())


@exporter("html", ".html")
def graph_html(graph: KnowledgeGraph) -> bytes:
    """graph.html: the interactive graph and the township × law matrix, UTF-8."""
    return render(collect(graph))
