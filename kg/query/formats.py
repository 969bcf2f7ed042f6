"""Query results as Python values and as text (table, CSV, JSON)."""
from __future__ import annotations

import csv
import io
import json
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

import pyoxigraph as ox

from kg.errors import QueryError
from kg.graph.vocab import PREFIXES

XSD = "http://www.w3.org/2001/XMLSchema#"
INTEGERS = {XSD + t for t in ("integer", "int", "long", "short", "nonNegativeInteger", "positiveInteger",
                              "nonPositiveInteger", "negativeInteger", "unsignedInt", "unsignedLong")}
FORMATS = ("table", "csv", "json")


@dataclass
class Rows:
    """A query's answer: column names and rows of plain Python values (None when unbound)."""

    columns: list[str]
    rows: list[tuple] = field(default_factory=list)

    def dicts(self) -> list[dict]:
        """Each row as {column: value}."""
        return [dict(zip(self.columns, r)) for r in self.rows]

    def column(self, name: str) -> list:
        """Every value of one column."""
        i = self.columns.index(name)
        return [r[i] for r in self.rows]

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self):
        return iter(self.rows)


def value(t):
    """An RDF term as a Python value: IRIs as str, numbers as int/Decimal, booleans as bool."""
    if t is None:
        return None
    if isinstance(t, ox.Literal):
        dt = t.datatype.value
        try:
            if dt in INTEGERS:
                return int(t.value)
            if dt == XSD + "decimal":
                return Decimal(t.value)
            if dt in (XSD + "double", XSD + "float"):
                return float(t.value)
            if dt == XSD + "boolean":
                return t.value in ("true", "1")
        except (ValueError, ArithmeticError):
            return t.value
        return t.value
    if isinstance(t, ox.NamedNode):
        return t.value
    if isinstance(t, ox.BlankNode):
        return f"_:{t.value}"
    return str(t)


def rows_of(result) -> Rows:
    """pyoxigraph's answer (solutions, boolean or triples) as Rows."""
    if isinstance(result, ox.QueryBoolean) or isinstance(result, bool):
        return Rows(["ask"], [(bool(result),)])
    if isinstance(result, ox.QuerySolutions):
        cols = [v.value for v in result.variables]
        return Rows(cols, [tuple(value(s[c]) for c in cols) for s in result])
    if isinstance(result, ox.QueryTriples):
        return Rows(["subject", "predicate", "object"],
                    [(value(t.subject), value(t.predicate), value(t.object)) for t in result])
    raise QueryError(f"unexpected query result {type(result).__name__}")


def compact(iri: str) -> str:
    """An IRI shortened with the project's prefixes (tkgr:report-…), for people to read."""
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def _text(v, short: bool) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if short and isinstance(v, str) and "://" in v and " " not in v:
        return compact(v)
    return str(v)


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _pad(s: str, w: int) -> str:
    return s + " " * (w - _width(s))


def table(rows: Rows, max_width: int = 60) -> str:
    """An aligned plain-text table (wide CJK characters count double), long cells cut."""
    def cut(s: str) -> str:
        s = s.replace("\n", " ")
        if _width(s) <= max_width:
            return s
        out = ""
        for c in s:
            if _width(out + c) > max_width - 1:
                break
            out += c
        return out + "…"

    cells = [[cut(_text(v, True)) for v in r] for r in rows.rows]
    widths = [max([_width(c)] + [_width(r[i]) for r in cells]) for i, c in enumerate(rows.columns)]
    lines = ["  ".join(_pad(c, w) for c, w in zip(rows.columns, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(_pad(c, w) for c, w in zip(r, widths)).rstrip() for r in cells]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


def to_csv(rows: Rows) -> str:
    """CSV with a header row; full IRIs. It starts with a UTF-8 byte-order mark: Excel, what most
    analysts open a CSV with, reads Chinese without one as mojibake."""
    buf = io.StringIO()
    buf.write("\ufeff")
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(rows.columns)
    for r in rows.rows:
        w.writerow([_text(v, False) for v in r])
    return buf.getvalue()


def _json_default(v):
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() else float(v)
    raise TypeError(type(v).__name__)


def to_json(rows: Rows) -> str:
    """A JSON array of {column: value} objects (numbers as numbers, unbound as null)."""
    return json.dumps(rows.dicts(), ensure_ascii=False, indent=2, default=_json_default) + "\n"


def format_rows(rows: Rows, fmt: str = "table") -> str:
    """Rows as text in one of FORMATS."""
    if fmt == "table":
        return table(rows)
    if fmt == "csv":
        return to_csv(rows)
    if fmt == "json":
        return to_json(rows)
    raise QueryError(f"unknown output format {fmt!r}; choose one of {', '.join(FORMATS)}")
