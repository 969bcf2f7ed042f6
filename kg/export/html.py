"""The interactive HTML graph (交互图): one self-contained UTF-8 file."""
from __future__ import annotations

import html
import json

from kg.export import exporter
from kg.graph import KnowledgeGraph

_Q = """
SELECT ?town ?townLabel ?rel ?x ?xLabel WHERE {
  ?town a tkg:Township ; rdfs:label ?townLabel ; ?rel ?x .
  VALUES ?rel { tkg:cites tkg:adopts tkg:conducts }
  ?x rdfs:label ?xLabel .
} ORDER BY ?townLabel ?rel ?xLabel
"""


@exporter("html", ".html")
def graph_html(graph: KnowledgeGraph) -> bytes:
    rows = [{"town": r["townLabel"].value, "rel": r["rel"].value.rsplit("#", 1)[-1], "x": r["xLabel"].value}
            for r in graph.query(_Q)]
    body = "\n".join(f"<tr><td>{html.escape(r['town'])}</td><td>{r['rel']}</td><td>{html.escape(r['x'])}</td></tr>"
                     for r in rows)
    data = json.dumps(rows, ensure_ascii=False).replace("<", "\\u003c")
    page = f"""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>township-kg</title></head>
<body><table><tr><th>乡镇</th><th>关系</th><th>对象</th></tr>{body}</table>
<script type="application/json" id="data">{data}</script></body></html>
"""
    return page.encode("utf-8")
