"""A read-only SPARQL 1.1 Protocol endpoint (查询服务) over a built graph.

A small `http.server` over pyoxigraph rather than the `oxigraph serve-read-only` binary:
it needs nothing beyond the project's own dependencies, serves the same dataset `kg query`
answers from (distinct triples as the default graph, reports as named graphs, the project's
prefixes predeclared), lists the shipped queries on its page, and refuses every kind of
write itself instead of relying on a read-only database flag.

    GET  /                      the query page (查询页)
    GET  /query?query=...       SPARQL 1.1 Protocol query (POST: form or application/sparql-query)
    GET  /queries               the shipped queries as JSON (name, description, params, sparql)
    GET  /graph, /graph.html    the build's graph.html (关系图), when the server was given one
    GET  /township_law.csv      the township × law matrix next to that graph.html, if present
    any UPDATE, /update, PUT, DELETE, PATCH     403 / 405: read-only
"""
from __future__ import annotations

import io
import json
import os
import re
import select
import signal
import sys
import threading
import time
import urllib.parse
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox

from kg.errors import QueryError, shown
from kg.query import guard
from kg.graph import KnowledgeGraph
from kg.graph.vocab import PREFIXES

PAGE = Path(__file__).parent / "page.html"
RESULTS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPHS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
SHORT = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
         "csv": "text/csv", "tsv": "text/tab-separated-values", "ttl": "text/turtle",
         "nt": "application/n-triples", "jsonld": "application/ld+json"}
MAX_BODY = 1 << 20
# the only files ever read from the build folder: fixed names, so no URL can reach another file
FILES = {"/graph": "graph.html", "/graph.html": "graph.html", "/township_law.csv": "township_law.csv"}
FILE_MEDIA = {"graph.html": "text/html; charset=utf-8", "township_law.csv": "text/csv; charset=utf-8"}
# the build's own page is trusted but large; these stop a browser guessing its type or leaking the URL
FILE_HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
                "Cache-Control": "no-cache"}
CHUNK = 1 << 16
# an UPDATE sent where a query belongs: refused as a write, not reported as a syntax error
UPDATE = re.compile(r"^\s*(?:(?:PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>|#[^\n]*)\s*)*"
                    r"(?:INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.I)


def _pick(accept: str, choices: dict, default: str) -> str:
    """The first media type of an Accept header that `choices` offers (q-values ignored)."""
    for part in (accept or "").split(","):
        media = part.split(";")[0].strip().lower()
        if media in choices:
            return media
    return default


class Handler(BaseHTTPRequestHandler):
    """One request; the server carries `store` and `quiet`."""

    server_version = "township-kg"

    # -- plumbing ------------------------------------------------------------------------
    def _send(self, status: int, body: bytes, media: str, extra: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _text(self, status: int, message: str, extra: dict | None = None) -> None:
        self._send(status, (message + "\n").encode("utf-8"), "text/plain; charset=utf-8", extra)

    def log_message(self, fmt, *args) -> None:
        if not getattr(self.server, "quiet", False):           # request lines may carry ESC/OSC bytes
            sys.stderr.write(f"{self.address_string()} {shown(fmt % args)}\n")

    def _refuse_write(self) -> None:
        self._text(HTTPStatus.FORBIDDEN, "read-only endpoint: SPARQL UPDATE and graph writes are refused")

    def _foreign_host(self) -> bool:
        """A Host header naming another machine: a page's script reaching the loopback endpoint
        through DNS rebinding (evil.example resolving to 127.0.0.1). Answered 421, never served."""
        host = (self.headers.get("Host") or "").strip().lower()
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        allowed = {"localhost", "127.0.0.1", "[::1]", str(self.server.server_address[0]).lower()}
        if name in allowed or not host:
            return False
        self._text(HTTPStatus.MISDIRECTED_REQUEST, f"this endpoint answers only for {sorted(allowed)[0]}")
        return True

    # -- methods ---------------------------------------------------------------------------
    def do_GET(self) -> None:
        if self._foreign_host():
            return
        url = urllib.parse.urlsplit(self.path)
        params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        if url.path in ("/", "/index.html"):
            self._send(HTTPStatus.OK, PAGE.read_bytes(), "text/html; charset=utf-8")
        elif url.path == "/queries":
            self._send(HTTPStatus.OK, _queries_json(), "application/json; charset=utf-8")
        elif url.path == "/query":
            if "update" in params:
                return self._refuse_write()
            self._query(params)
        elif url.path == "/update":
            self._refuse_write()
        elif url.path in FILES:
            self._file(FILES[url.path])
        else:
            self._text(HTTPStatus.NOT_FOUND, f"没有此页面 / no such page {url.path}; queries go to /query")

    do_HEAD = do_GET

    def _file(self, name: str) -> None:
        """Stream one of the build's own files, read from disk per request: graph.html may be
        tens of MB and a rebuild replaces it in place, so nothing is cached or copied whole."""
        page = getattr(self.server, "page", None)
        if page is None:
            return self._text(HTTPStatus.NOT_FOUND, "没有关系图：请用 kg serve --graph 指向含 graph.html 的构建文件夹 / "
                                                    "no graph page: serve a build folder that holds graph.html")
        path = Path(page).parent / name if name != "graph.html" else Path(page)
        try:
            f = open(path, "rb")
        except OSError:      # missing, a folder, unreadable: all just "not here"
            return self._text(HTTPStatus.NOT_FOUND, f"构建文件夹中没有 {name}（kg build 会写出它）/ "
                                                    f"no {name} in the build folder (kg build writes it)")
        with f:
            size = os.fstat(f.fileno()).st_size     # of the file opened, even if a rebuild replaces it now
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", FILE_MEDIA[name])
            self.send_header("Content-Length", str(size))
            for k, v in FILE_HEADERS.items():
                self.send_header(k, v)
            self.end_headers()
            if self.command == "HEAD":
                return
            try:
                while chunk := f.read(CHUNK):
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True        # the browser left mid-page: nothing to tell it

    def do_POST(self) -> None:
        if self._foreign_host():
            return
        url = urllib.parse.urlsplit(self.path)
        params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            return self._text(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "request body over 1 MB")
        body = self.rfile.read(length).decode("utf-8", "replace") if length else ""
        if url.path == "/update" or media == "application/sparql-update":
            return self._refuse_write()
        if url.path != "/query":
            return self._text(HTTPStatus.NOT_FOUND, f"no such endpoint {url.path}; queries go to /query")
        if media == "application/sparql-query":
            params["query"] = [body]
        elif media in ("application/x-www-form-urlencoded", ""):
            form = urllib.parse.parse_qs(body, keep_blank_values=True)
            if "update" in form:
                return self._refuse_write()
            for k, v in form.items():
                params.setdefault(k, []).extend(v)
        else:
            return self._text(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                              "POST a form (query=...) or application/sparql-query")
        self._query(params)

    def do_PUT(self) -> None:
        self._refuse_write()

    do_DELETE = do_PATCH = do_PUT

    # -- the query -------------------------------------------------------------------------
    def _query(self, params: dict[str, list[str]]) -> None:
        texts = params.get("query", [])
        if len(texts) != 1 or not texts[0].strip():
            return self._text(HTTPStatus.BAD_REQUEST, "give exactly one query parameter: /query?query=SELECT...")
        try:
            guard.check(texts[0])
        except QueryError as e:
            return self._text(HTTPStatus.BAD_REQUEST, e.args[0])
        kwargs = {}
        if params.get("default-graph-uri"):
            kwargs["default_graph"] = [ox.NamedNode(u) for u in params["default-graph-uri"]]
        if params.get("named-graph-uri"):
            kwargs["named_graphs"] = [ox.NamedNode(u) for u in params["named-graph-uri"]]
        accept = SHORT.get((params.get("format") or [""])[0], self.headers.get("Accept", ""))
        if not self.server.slots.acquire(timeout=self.server.timeout_s):
            return self._text(HTTPStatus.SERVICE_UNAVAILABLE, "too many queries running; try again")
        try:
            status, body, media = run_bounded(self.server.store, texts[0], kwargs, accept,
                                              self.server.timeout_s, self.server.max_result)
        finally:
            self.server.slots.release()
        if status == HTTPStatus.FORBIDDEN:
            return self._refuse_write()
        if status != HTTPStatus.OK:
            return self._text(status, body.decode("utf-8"))
        self._send(HTTPStatus.OK, body, f"{media}; charset=utf-8")


def _answer(store, sparql: str, kwargs: dict, accept: str, out) -> None:
    """Write one query's answer to the binary stream `out`: a JSON line [status, media type],
    then the body, streamed as it is serialized."""
    def head(status: int, media: str = "") -> None:
        out.write(json.dumps([int(status), media]).encode() + b"\n")

    try:
        result = store.query(sparql, prefixes=PREFIXES, **kwargs)
    except SyntaxError as e:
        if UPDATE.match(sparql):
            return head(HTTPStatus.FORBIDDEN)
        head(HTTPStatus.BAD_REQUEST)
        return out.write(f"SPARQL syntax error: {e}".encode())
    except (OSError, ValueError) as e:
        head(HTTPStatus.BAD_REQUEST)
        return out.write(f"query failed: {e}".encode())
    if isinstance(result, ox.QueryTriples):
        media = _pick(accept, GRAPHS, "text/turtle")
        head(HTTPStatus.OK, media)
        kw = {"prefixes": PREFIXES} if media == "text/turtle" else {}
        ox.serialize(result, out, format=GRAPHS[media], **kw)
    else:
        media = _pick(accept, RESULTS, "application/sparql-results+json")
        head(HTTPStatus.OK, media)
        result.serialize(out, format=RESULTS[media])


def run_bounded(store, sparql: str, kwargs: dict, accept: str, timeout_s: float,
                max_bytes: int) -> tuple[int, bytes, str]:
    """The answer to one query, computed in a forked child that is killed past `timeout_s`
    seconds or `max_bytes` of result: pyoxigraph cannot cancel a running query, and a cartesian
    product would hold a core (and build a gigabyte answer) until restart. The child shares
    the loaded store copy-on-write and streams its answer through a pipe. Where fork is
    missing (not POSIX) the query runs in this process, unbounded."""
    if not hasattr(os, "fork"):
        buf = io.BytesIO()
        _answer(store, sparql, kwargs, accept, buf)
        return _parsed(buf.getvalue(), 0)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:                                   # the child: answer, write, leave at once
        code = 0
        try:
            os.close(read_end)
            with os.fdopen(write_end, "wb") as out:
                _answer(store, sparql, kwargs, accept, out)
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    os.close(write_end)
    chunks, size, deadline, problem = [], 0, time.monotonic() + timeout_s, None
    with os.fdopen(read_end, "rb", buffering=0) as pipe:
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([pipe], [], [], left)[0]:
                problem = (HTTPStatus.SERVICE_UNAVAILABLE,
                           f"query stopped after {timeout_s:g} s (the timeout); narrow it or add LIMIT")
                break
            chunk = pipe.read(1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > max_bytes:
                problem = (HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                           f"result over {max_bytes // 2**20} MB; add LIMIT or select fewer variables")
                break
    if problem:
        os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    if problem:
        return problem[0], problem[1].encode(), ""
    return _parsed(b"".join(chunks), status)


def _parsed(data: bytes, exit_status: int) -> tuple[int, bytes, str]:
    head, _, body = data.partition(b"\n")
    if not head or exit_status:
        return HTTPStatus.INTERNAL_SERVER_ERROR, b"the query failed while its answer was written", ""
    status, media = json.loads(head)
    return status, body, media


def _queries_json() -> bytes:
    from kg.query import list_queries

    out = [{"name": q.name, "description": q.description, "params": q.params, "sparql": q.render()}
           for q in list_queries()]
    return json.dumps(out, ensure_ascii=False, indent=1).encode("utf-8")


DEFAULT_TIMEOUT_S = 30.0
DEFAULT_MAX_RESULT = 256 * 2**20


def make_server(graph: KnowledgeGraph | ox.Store, host: str = "127.0.0.1", port: int = 7878,
                quiet: bool = False, timeout_s: float = DEFAULT_TIMEOUT_S,
                max_result: int = DEFAULT_MAX_RESULT, page: Path | None = None) -> ThreadingHTTPServer:
    """A ready (not yet running) endpoint; port 0 picks a free one (see server.server_port).

    `page` is the build's graph.html, served at /graph (关系图) with township_law.csv beside it;
    without it /graph answers 404."""
    try:
        server = ThreadingHTTPServer((host, port), Handler)
    except OSError as e:
        raise QueryError(f"cannot listen on {host}:{port}: {e.strerror or e}") from None
    server.daemon_threads = True
    server.store = graph if isinstance(graph, ox.Store) else graph.store
    server.quiet = quiet
    server.timeout_s, server.max_result = timeout_s, max_result
    server.page = Path(page) if page is not None else None
    # queries run at once: a few per core, the rest wait their turn (at most the timeout)
    server.slots = threading.BoundedSemaphore(2 * (os.cpu_count() or 1))
    return server


def serve_in_thread(graph, host: str = "127.0.0.1", port: int = 0, page: Path | None = None,
                    **limits) -> ThreadingHTTPServer:
    """Start an endpoint in a background thread (for tests and notebooks); stop with .shutdown()."""
    server = make_server(graph, host, port, quiet=True, page=page, **limits)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
