"""Query results as Python values and as text (table, CSV, TSV, JSON) or a workbook (xlsx),
with English or Chinese column names (`lang`)."""
from __future__ import annotations

import csv
import datetime
import io
import json
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

from kg.errors import QueryError
from kg.graph.vocab import PREFIXES

XSD = "http://www.w3.org/2001/XMLSchema#"
INTEGERS = {XSD + t for t in ("integer", "int", "long", "short", "nonNegativeInteger", "positiveInteger",
                              "nonPositiveInteger", "negativeInteger", "unsignedInt", "unsignedLong")}
FORMATS = ("table", "csv", "tsv", "json", "xlsx")
LANGS = ("en", "zh")
COLUMNS_FILE = Path(__file__).resolve().parents[1] / "data" / "query-columns.tsv"


@dataclass
class Rows:
    """A query's answer: column names and rows of plain Python values (None when unbound)."""

    columns: list[str]
    rows: list[tuple] = field(default_factory=list)

    def dicts(self) -> list[dict]:
        """Each row as {column: value}."""
        return [dict(zip(self.columns, r, strict=True)) for r in self.rows]

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


def table(rows: Rows, max_width: int = 60, lang: str = "en") -> str:
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
    lines = ["  ".join(_pad(c, w) for c, w in zip(rows.columns, widths, strict=True)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(_pad(c, w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    lines.append(f"（{len(rows)} 行）" if lang == "zh" else f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
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


def to_tsv(rows: Rows) -> str:
    """Tab-separated values with a header row, full IRIs, for cut/awk/pandas: a tab or line
    break inside a value becomes a space (the format has no quoting)."""
    def cell(v) -> str:
        return " ".join(_text(v, False).replace("\t", " ").splitlines())

    return "".join("\t".join(line) + "\n" for line in
                   [[cell(c) for c in rows.columns]] + [[cell(v) for v in r] for r in rows.rows])


def _json_default(v):
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() else float(v)
    raise TypeError(type(v).__name__)


def to_json(rows: Rows) -> str:
    """A JSON array of {column: value} objects (numbers as numbers, unbound as null)."""
    return json.dumps(rows.dicts(), ensure_ascii=False, indent=2, default=_json_default) + "\n"


def to_xlsx(rows: Rows, sheet: str = "query") -> bytes:
    """An Excel workbook of one sheet: a bold header row, numbers as numbers, full IRIs.
    Needs openpyxl (`pip install township-kg[xlsx]`)."""
    try:
        from openpyxl import Workbook
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
        from openpyxl.styles import Font
    except ImportError:
        raise QueryError("--format xlsx needs openpyxl: pip install 'township-kg[xlsx]'") from None

    def cell(v):
        if isinstance(v, str):
            return ILLEGAL_CHARACTERS_RE.sub(" ", v)        # control characters Excel refuses
        return v

    book = Workbook()
    ws = book.active
    ws.title = sheet[:31]
    ws.append(list(rows.columns))
    for c in ws[1]:
        c.font = Font(bold=True)
    for r in rows.rows:
        ws.append([cell(v) for v in r])
    for line in ws.iter_rows(min_row=2):
        for c in line:
            if c.data_type == "f":      # a label starting with "=" is text, never a formula
                c.data_type = "s"
    ws.freeze_panes = "A2"
    for i, name in enumerate(rows.columns, start=1):
        widest = max([_width(str(name))] + [_width(_text(r[i - 1], False)) for r in rows.rows[:200]])
        ws.column_dimensions[ws.cell(1, i).column_letter].width = min(60, widest + 2)
    fixed = datetime.datetime(2000, 1, 1)           # no clock in the file: same rows, same bytes
    book.properties.created = book.properties.modified = fixed
    buf = io.BytesIO()
    book.save(buf)
    out = io.BytesIO()
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":     # openpyxl stamps the save time here
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2000-01-01T00:00:00Z", data)
            dst.writestr(zipfile.ZipInfo(info.filename, date_time=(2000, 1, 1, 0, 0, 0)), data,
                         compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def localize(rows: Rows, lang: str = "en") -> Rows:
    """Rows with column names, and the ontology terms in some columns (kind: Law → 法律,
    relation: cites → 引用), in `lang`. English is the stored form; for Chinese the names come
    from kg/data/query-columns.tsv and the terms from the ontology's labels. A column the file
    does not name keeps its name."""
    if lang == "en":
        return rows
    if lang not in LANGS:
        raise QueryError(f"unknown language {lang!r}; choose one of {', '.join(LANGS)}")
    from kg.query.resolve import _zh as term_zh

    names = _columns()
    terms = [i for i, c in enumerate(rows.columns) if names.get(c, ("", False))[1]]

    def shown(i: int, v):
        return (term_zh(v) or v) if i in terms and isinstance(v, str) else v

    return Rows([names[c][0] if c in names else c for c in rows.columns],
                [tuple(shown(i, v) for i, v in enumerate(r)) for r in rows.rows])


@lru_cache(maxsize=1)
def _columns() -> dict[str, tuple[str, bool]]:
    """kg/data/query-columns.tsv: column → (Chinese name, whether its cells are ontology terms)."""
    out: dict[str, tuple[str, bool]] = {}
    lines = COLUMNS_FILE.read_text(encoding="utf-8").splitlines()
    for n, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) != 3 or not fields[0] or not fields[1] or fields[2] not in ("", "term"):
            raise QueryError(f"{COLUMNS_FILE}:{n}: expected column<TAB>zh<TAB>(empty or term), got {line!r}")
        out[fields[0]] = (fields[1], fields[2] == "term")
    return out


def format_rows(rows: Rows, fmt: str = "table", lang: str = "en") -> str | bytes:
    """Rows in one of FORMATS, with column names in one of LANGS: text, or bytes for xlsx."""
    rows = localize(rows, lang)
    if fmt == "table":
        return table(rows, lang=lang)
    if fmt == "csv":
        return to_csv(rows)
    if fmt == "tsv":
        return to_tsv(rows)
    if fmt == "json":
        return to_json(rows)
    if fmt == "xlsx":
        return to_xlsx(rows)
    raise QueryError(f"unknown output format {fmt!r}; choose one of {', '.join(FORMATS)}")
