"""The township × law matrix (乡镇×法规矩阵) as CSV: `township_law.csv` next to graph.html.

One row per township (sorted by county, then name), one column per regulation of any of
the five kinds (most-cited first). A cell holds how many evidence sentences of that
township's reports cite that regulation; empty means never. The file starts with a UTF-8
byte-order mark, so Excel opens the Chinese correctly, and a cell that would start with
= + - or @ is written with a leading ' so a spreadsheet never runs it as a formula.
"""
from __future__ import annotations

import csv
import io

from kg.export import exporter
from kg.export.graphview import REGULATION_KINDS, GraphView, collect
from kg.graph import KnowledgeGraph

HEAD = ("乡镇", "县级单位", "乡镇IRI", "引用法规数")


def _cell(text: str) -> str:
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def matrix(view: GraphView) -> tuple[list[int], list[list[int]]]:
    """(regulation entity indexes in column order, counts[town][column])."""
    degree = view.degree()
    regs = [i for i, e in enumerate(view.entities) if e.type in REGULATION_KINDS]
    regs.sort(key=lambda i: (-degree[i], view.entities[i].label, view.entities[i].iri))
    col = {e: c for c, e in enumerate(regs)}
    counts = [[0] * len(regs) for _ in view.towns]
    for link in view.links:
        if link.entity in col:
            counts[link.town][col[link.entity]] = max(1, len({ev.sentence for ev in link.evidence}))
    return regs, counts


def to_csv(view: GraphView) -> bytes:
    regs, counts = matrix(view)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow([*HEAD, *(_cell(view.entities[i].label) for i in regs)])
    for t, row in zip(view.towns, counts):
        w.writerow([_cell(t.label), _cell(t.county), t.iri, sum(1 for n in row if n),
                    *(n or "" for n in row)])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


@exporter("township_law_csv", ".csv")
def township_law_csv(graph: KnowledgeGraph) -> bytes:
    """township_law.csv: the township × law matrix, UTF-8 with BOM."""
    return to_csv(collect(graph))
