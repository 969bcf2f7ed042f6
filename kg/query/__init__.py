"""SPARQL over a built graph (查询): shipped queries, safe parameters, fast answers.

    >>> import kg
    >>> from kg import query
    >>> g = kg.load("outputs/")
    >>> rows = query.run(g, "townships-citing-law", {"law": "中华人民共和国宪法"})
    >>> print(query.format_rows(rows, "table"))

Shipped queries are data files, `kg/query/queries/NAME.rq`: the first line is
`# description`, then `# param: name = default` lines, then SPARQL using `$name`. A
`# names: law = regulation` line says a parameter names a regulation (or a township, a
kind, a relation): `run` then binds the stored value a user's short form stands for
(行政许可法 → 中华人民共和国行政许可法, 付店 → 付店镇, 法律 → Law; see kg.query.resolve).
Queries run on pyoxigraph over the graph's store (KnowledgeGraph.store): its default graph
is the distinct union of the report graphs (no row repeats because two reports state the
same triple) and its named graphs are the reports (`GRAPH ?report { ... }` still works).
`open_dataset` answers a build folder from a persistent store holding that same dataset
(OUT/.kg-store, kg.query.store), so repeated queries do not read the build again.
"""
from __future__ import annotations

import json
import statistics
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.errors import InputError, QueryError
from kg.graph import GRAPH_FILES, KnowledgeGraph
from kg.graph.vocab import PREFIXES
from kg.query.formats import FORMATS, LANGS, Rows, format_rows, localize, rows_of
from kg.query.params import bind, declared, named, parse_assignments
from kg.query.resolve import ParamNote, Resolved
from kg.query.resolve import resolve as _resolve
from kg.query.store import BuildStore, open_store

# what queries run on: a graph in memory, a pyoxigraph store, or a build's persistent store
Dataset = KnowledgeGraph | ox.Store | BuildStore

QUERIES = Path(__file__).parent / "queries"


@dataclass(frozen=True)
class Query:
    """One SPARQL query: a shipped one (name, description, parameters) or the user's own."""

    name: str
    description: str
    text: str
    path: Path | None = None

    @property
    def params(self) -> dict[str, str]:
        """Declared parameters and their defaults."""
        return declared(self.text)

    @property
    def names(self) -> dict[str, str]:
        """What each parameter names (`# names:` lines): regulation, township, kind or relation."""
        return named(self.text)

    def render(self, values: dict[str, str] | None = None) -> str:
        """The SPARQL text with parameters bound (escaped literals), ready for any store."""
        return bind(self.text, values)


def _read(path: Path, name: str) -> Query:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise QueryError(f"{path}: cannot read query ({e})") from None
    first = text.lstrip().splitlines()[0] if text.strip() else ""
    description = first[1:].strip() if first.startswith("#") and "param:" not in first else ""
    return Query(name, description, text, path)


def list_queries() -> list[Query]:
    """Every shipped query, sorted by name."""
    return [_read(p, p.stem) for p in sorted(QUERIES.glob("*.rq"))]


def queries_json() -> bytes:
    """The shipped queries as JSON (name, description, params, sparql): kg serve's /queries."""
    out = [{"name": q.name, "description": q.description, "params": q.params, "sparql": q.render()}
           for q in list_queries()]
    return json.dumps(out, ensure_ascii=False, indent=1).encode("utf-8")


def load_query(spec: str | Query) -> Query:
    """A shipped query by name, a `.rq` file by path, or SPARQL text as given."""
    if isinstance(spec, Query):
        return spec
    shipped = QUERIES / f"{spec}.rq"
    if "\n" not in spec and len(spec) < 200 and shipped.is_file():
        return _read(shipped, spec)
    if spec.endswith(".rq") and "\n" not in spec:
        path = Path(spec)
        if not path.is_file():
            raise QueryError(f"{spec}: no such query file")
        return _read(path, path.stem)
    words = spec.split()
    if len(words) == 1 and not any(ch in spec for ch in "{}?"):
        names = ", ".join(q.name for q in list_queries())
        raise QueryError(f"unknown query {spec!r}; shipped queries: {names}")
    return Query("query", "", spec)


def open_graph(path: str | Path) -> KnowledgeGraph:
    """A built graph from a `kg build` folder or a .ttl/.nq/.trig/.nt file."""
    p = _existing(path)
    try:
        return KnowledgeGraph.load(p)
    except (OSError, SyntaxError, ValueError) as e:
        raise InputError(p, f"cannot parse graph: {e}") from None


def open_dataset(path: str | Path, *, persistent: bool = True) -> KnowledgeGraph | BuildStore:
    """What `run` answers from for the build at `path`: for a build folder, its persistent store
    (OUT/.kg-store, made on first use and reused while the graph file is unchanged; see
    kg.query.store); for a single file, a folder that cannot hold a store, or `persistent=False`,
    the graph read into memory (open_graph). Both give the same rows."""
    p = Path(path)
    if persistent and p.is_dir():
        store = open_store(_existing(p))
        if store is not None:
            return store
    return open_graph(p)


def _existing(path: str | Path) -> Path:
    """`path` if it is a graph file or a folder holding one, else InputError."""
    p = Path(path)
    if not p.exists():
        raise InputError(p, "no such graph folder or file (build one with `kg build INPUT --out DIR`)")
    if p.is_dir() and not any((p / n).exists() for n in GRAPH_FILES):
        raise InputError(p, "folder holds no graph.nq, graph.trig or graph.ttl")
    return p


def execute(target: Dataset, sparql: str):
    """Run SPARQL text on a graph or store with the project's prefixes; errors become QueryError."""
    from kg.query import guard

    guard.check(sparql)
    try:
        if isinstance(target, KnowledgeGraph):
            # the graph picks its store: report graphs are loaded only for GRAPH/NAMED queries
            return target.query(sparql)
        return target.query(sparql, prefixes=PREFIXES)
    except SyntaxError as e:
        raise QueryError(f"SPARQL syntax error: {e}") from None
    except OSError as e:
        raise QueryError(f"query failed: {e}") from None


def resolve_params(graph: Dataset, query: str | Query,
                   params: dict[str, str] | None = None) -> dict[str, Resolved]:
    """How each given value of a parameter that names something is read on this graph:
    `{"law": Resolved(given="行政许可法", value="中华人民共和国行政许可法", rule="register", …)}`."""
    q = load_query(query)
    try:
        return _resolve(graph, q.names, params or {})
    except QueryError as e:
        raise QueryError(f"{q.path or q.name}: {e.args[0]}") from None


def run(graph: Dataset, query: str | Query, params: dict[str, str] | None = None,
        *, on_note: Callable[[ParamNote], None] | None = None) -> Rows:
    """Answer a query (name, .rq path, text or Query) on a graph, with parameters resolved and bound.

    A value that was interpreted (宪法 → 中华人民共和国宪法), matches nothing or matches several
    is a ParamNote (its `.resolved` says how): passed to `on_note`, else a warning.
    """
    q = load_query(query)
    values = dict(params or {})
    for name, resolved in resolve_params(graph, q, values).items():
        values[name] = resolved.value
        if resolved.note:
            note = ParamNote(resolved)
            if on_note:
                on_note(note)
            else:
                warnings.warn(note, stacklevel=2)
    return rows_of(execute(graph, q.render(values)))


def time_queries(graph: KnowledgeGraph, repeat: int = 5) -> dict[str, float]:
    """Seconds each shipped query takes on `graph` with its default parameters (median of runs).

    One untimed run of each query builds the graph's store and warms the query.
    For bench/run.py: `{name: seconds}` sorted by name.
    """

    out: dict[str, float] = {}
    for q in list_queries():
        text = q.render()
        rows_of(execute(graph, text))
        runs = []
        for _ in range(max(1, repeat)):
            t0 = time.perf_counter()
            rows_of(execute(graph, text))
            runs.append(time.perf_counter() - t0)
        out[q.name] = statistics.median(runs)
    return out


__all__ = ["Query", "Rows", "FORMATS", "LANGS", "ParamNote", "Resolved", "list_queries", "load_query", "open_graph",
           "open_dataset", "Dataset", "resolve_params", "run", "execute", "format_rows", "localize",
           "parse_assignments", "time_queries"]
