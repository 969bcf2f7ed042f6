"""The township × law matrix (乡镇×法规矩阵) as CSV: `township_law.csv` next to graph.html.

One row per township (sorted by county, then name), one column per regulation of any of
the five kinds cited by at least one township (most-cited first). A cell holds how many evidence sentences of that
township's reports cite that regulation; empty means never. The file starts with a UTF-8
byte-order mark, so Excel opens the Chinese correctly, and a cell that would start with
= + - or @ is written with a leading ' so a spreadsheet never runs it as a formula.

The matrix is never held whole: counts are kept per township as {column: count} (a few
dozen cells each) and each row is written as it is made, so 10,000 townships × 4,000
regulations cost the size of the links, not of the grid.
"""
from __future__ import annotations

import csv
import io

from kg.export import exporter, streamer
from kg.export.graphview import GraphView, collect
from kg.graph import KnowledgeGraph
from kg.kinds import REGULATION_KINDS

HEAD = ("乡镇", "县级单位", "乡镇IRI", "引用法规数")


def _cell(text: str) -> str:
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def columns(view: GraphView) -> list[int]:
    """Regulation entity indexes in column order: cited by at least one township, most first."""
    degree = view.degree()
    regs = [i for i, e in enumerate(view.entities) if e.type in REGULATION_KINDS and degree[i]]
    regs.sort(key=lambda i: (-degree[i], view.entities[i].label, view.entities[i].iri))
    return regs


def rows(view: GraphView, regs: list[int]):
    """(town index, {column: count}) for every township, in order: sparse, one row at a time."""
    col = {e: c for c, e in enumerate(regs)}
    by_town: dict[int, dict[int, int]] = {}
    links = view.links
    for town, entity, sentences in zip(links.town, links.entity, links.sentences, strict=True):
        c = col.get(entity)
        if c is not None:
            by_town.setdefault(town, {})[c] = max(1, sentences)
    for t in range(len(view.towns)):
        yield t, by_town.get(t, {})


def write_csv(view: GraphView, f) -> None:
    """The matrix as CSV into the binary file `f`, written row by row (never one dense matrix)."""
    regs = columns(view)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow([*HEAD, *(_cell(view.entities[i].label) for i in regs)])
    f.write(("\ufeff" + buf.getvalue()).encode("utf-8"))
    for t, cells in rows(view, regs):
        town = view.towns[t]
        buf.seek(0)
        buf.truncate()
        w.writerow([_cell(town.label), _cell(town.county), town.iri, len(cells)])
        # numbers and empty cells never need quoting: the same bytes csv.writer would write,
        # made from the gaps between the few filled cells (a row can have 10,000 columns)
        parts, at = [buf.getvalue()[:-2]], -1
        for c in sorted(cells):
            parts += ("," * (c - at), str(cells[c]))
            at = c
        parts.append("," * (len(regs) - 1 - at) + "\r\n")
        f.write("".join(parts).encode("utf-8"))


def to_csv(view: GraphView) -> bytes:
    out = io.BytesIO()
    write_csv(view, out)
    return out.getvalue()


@exporter("township_law_csv", ".csv")
def township_law_csv(graph: KnowledgeGraph) -> bytes:
    """township_law.csv: the township × law matrix, UTF-8 with BOM."""
    return to_csv(collect(graph))


@streamer("township_law_csv")
def township_law_csv_to(graph: KnowledgeGraph, f) -> None:
    """The same bytes, written into the file row by row."""
    write_csv(collect(graph), f)
