"""A read-only SPARQL 1.1 Protocol endpoint (查询服务) over a built graph.

A small ASGI app served by uvicorn (HTTP/1.1 through h11) over pyoxigraph, rather than the
`oxigraph serve-read-only` binary: its `--timeout-s` did not stop a cartesian COUNT (0.5.13),
it has no result cap, runs SERVICE, does not check Host, cannot serve the build's graph.html,
the Chinese query page or the shipped queries, and answers from an on-disk database of its
own. This app serves the same dataset `kg query` answers from (distinct triples as the
default graph, reports as named graphs, the project's prefixes predeclared), runs each query
in a forked child that is killed past the timeout or the result cap, and refuses every kind
of write itself instead of relying on a read-only database flag. A plain ASGI callable, not
Starlette: six fixed routes, and a file must be measured after it is opened (docs/query.md).

    GET  /                      the query page (查询页)
    GET  /query?query=...       SPARQL 1.1 Protocol query (POST: form or application/sparql-query)
    GET  /queries               the shipped queries as JSON (name, description, params, sparql)
    GET  /graph, /graph.html    the build's graph.html (关系图), when the server was given one
    GET  /township_law.csv      the township × law matrix next to that graph.html, if present
    any UPDATE, /update, PUT, DELETE, PATCH     403: read-only; other methods 405
"""
from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
import threading
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from http import HTTPStatus
from pathlib import Path

import pyoxigraph as ox
import uvicorn

from kg.errors import QueryError, shown
from kg.graph import KnowledgeGraph
from kg.query import guard, queries_json
from kg.query.bounded import run_bounded

PAGE = Path(__file__).parent / "page.html"
SHORT = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
         "csv": "text/csv", "tsv": "text/tab-separated-values", "ttl": "text/turtle",
         "nt": "application/n-triples", "jsonld": "application/ld+json"}
MAX_BODY = 1 << 20
# request line and headers: room for a GET of a query at guard's 64 KB limit, percent-encoded
MAX_HEAD = 256 << 10
# the only files ever read from the build folder: fixed names, so no URL can reach another file
FILES = {"/graph": "graph.html", "/graph.html": "graph.html", "/township_law.csv": "township_law.csv"}
FILE_MEDIA = {"graph.html": "text/html; charset=utf-8", "township_law.csv": "text/csv; charset=utf-8"}
# the build's own page is trusted but large; these stop a browser guessing its type or leaking the URL
FILE_HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
                "Cache-Control": "no-cache"}
CHUNK = 1 << 16
TEXT = "text/plain; charset=utf-8"
READ_ONLY = "read-only endpoint: SPARQL UPDATE and graph writes are refused"
DEFAULT_TIMEOUT_S = 30.0
DEFAULT_MAX_RESULT = 256 * 2**20


class _Exchange:
    """One request and its answer, over the ASGI `scope`, `receive` and `send`; remembers the
    status and size sent, for the log line."""

    def __init__(self, scope, receive, send) -> None:
        self.scope, self.receive, self._send = scope, receive, send
        self.method = scope["method"]
        self.path = scope["path"]
        self.headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        self.params = urllib.parse.parse_qs(scope["query_string"].decode("latin-1"), keep_blank_values=True)
        self.status, self.size = 0, 0

    async def start(self, status: int, media: str, length: int, extra: dict | None = None) -> None:
        self.status = int(status)
        headers = [(b"content-type", media.encode()), (b"content-length", str(length).encode())]
        headers += [(k.lower().encode(), v.encode()) for k, v in (extra or {}).items()]
        await self._send({"type": "http.response.start", "status": self.status, "headers": headers})

    async def chunk(self, data: bytes, more: bool) -> None:
        if self.method == "HEAD":
            data = b""
        self.size += len(data)
        await self._send({"type": "http.response.body", "body": data, "more_body": more})

    async def reply(self, status: int, body: bytes, media: str, extra: dict | None = None) -> None:
        await self.start(status, media, len(body), extra)
        await self.chunk(body, False)

    async def text(self, status: int, message: str) -> None:
        await self.reply(status, (message + "\n").encode("utf-8"), TEXT)

    async def body(self, limit: int) -> bytes | None:
        """The request body, or None past `limit` bytes (or when the client left)."""
        data = bytearray()
        while True:
            message = await self.receive()
            if message["type"] == "http.disconnect":
                return None
            data += message.get("body", b"")
            if len(data) > limit:
                return None
            if not message.get("more_body"):
                return bytes(data)

    def log_line(self) -> str:
        """The request as one line, control bytes escaped: a path may percent-encode ESC/OSC."""
        client = (self.scope.get("client") or ("-",))[0]
        target = self.path + ("?" + self.scope["query_string"].decode("latin-1") if self.scope["query_string"] else "")
        line = f'"{self.method} {target} HTTP/{self.scope["http_version"]}" {self.status} {self.size or "-"}'
        return f"{client} {shown(line)}"


class Endpoint:
    """The endpoint: a listening socket, the ASGI app over the store, and the uvicorn server that
    runs it. `server_port`, `serve_forever()`, `shutdown()` and `server_close()` work as on a
    `socketserver` server; `quiet`, `timeout_s` and `max_result` may be changed while it runs."""

    def __init__(self, store: ox.Store, sock: socket.socket, quiet: bool, timeout_s: float,
                 max_result: int, page: Path | None) -> None:
        self.store, self.socket, self.quiet = store, sock, quiet
        self.timeout_s, self.max_result = timeout_s, max_result
        self.page = page
        self.server_address = sock.getsockname()[:2]
        self.server_port = self.server_address[1]
        # queries run at once: a few per core, the rest wait their turn (at most the timeout)
        self.slots_total = 2 * (os.cpu_count() or 1)
        self._slots: asyncio.Semaphore | None = None
        self._pool = ThreadPoolExecutor(self.slots_total, thread_name_prefix="kg-query")
        self._children: set[int] = set()        # pids of the queries running now
        self._stopping = False
        self._done = threading.Event()
        self._done.set()
        config = uvicorn.Config(
            self, http="h11", loop="asyncio", lifespan="off", ws="none", interface="asgi3",
            log_config=None, access_log=False,                  # our own log line, escaped
            proxy_headers=False, server_header=False, headers=[("server", "township-kg")],
            h11_max_incomplete_event_size=MAX_HEAD, timeout_graceful_shutdown=5)
        self._uvicorn = _Uvicorn(config, self._stop_queries)

    # -- the server's life ---------------------------------------------------------------
    def serve_forever(self) -> None:
        """Answer requests until shutdown() (or Ctrl-C / SIGTERM in the main thread)."""
        self._done.clear()
        try:
            self._uvicorn.run(sockets=[self.socket])
        finally:
            self._stop_queries()
            self._done.set()

    def shutdown(self) -> None:
        """Stop serve_forever (running in another thread) and wait until it has returned."""
        self._uvicorn.should_exit = True
        self._done.wait()

    def server_close(self) -> None:
        self.socket.close()
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _stop_queries(self) -> None:
        """Kill the queries still running, so a stop is not held up by a long one."""
        self._stopping = True
        for pid in list(self._children):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

    # -- the ASGI app ------------------------------------------------------------------------
    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            return
        ex = _Exchange(scope, receive, send)
        try:
            await self._route(ex)
        finally:
            if not self.quiet and ex.status:
                sys.stderr.write(ex.log_line() + "\n")

    async def _route(self, ex: _Exchange) -> None:
        if self._foreign_host(ex):
            return await ex.text(HTTPStatus.MISDIRECTED_REQUEST,
                                 f"this endpoint answers only for {', '.join(sorted(self._hosts()))}")
        if ex.method in ("GET", "HEAD"):
            return await self._get(ex)
        if ex.method == "POST":
            return await self._post(ex)
        if ex.method in ("PUT", "DELETE", "PATCH"):
            return await ex.text(HTTPStatus.FORBIDDEN, READ_ONLY)
        await ex.reply(HTTPStatus.METHOD_NOT_ALLOWED, f"{READ_ONLY}; use GET or POST\n".encode(), TEXT,
                       {"Allow": "GET, HEAD, POST"})

    def _foreign_host(self, ex: _Exchange) -> bool:
        """A Host header naming another machine: a page's script reaching the loopback endpoint
        through DNS rebinding (evil.example resolving to 127.0.0.1). Answered 421, never served."""
        host = ex.headers.get("host", "").strip().lower()
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        return bool(host) and name not in self._hosts()

    def _hosts(self) -> set[str]:
        bound = str(self.server_address[0]).lower()
        return {"localhost", "127.0.0.1", "[::1]", f"[{bound}]" if ":" in bound else bound}

    async def _get(self, ex: _Exchange) -> None:
        if ex.path in ("/", "/index.html"):
            await ex.reply(HTTPStatus.OK, PAGE.read_bytes(), "text/html; charset=utf-8")
        elif ex.path == "/queries":
            await ex.reply(HTTPStatus.OK, queries_json(), "application/json; charset=utf-8")
        elif ex.path == "/query":
            if "update" in ex.params:
                return await ex.text(HTTPStatus.FORBIDDEN, READ_ONLY)
            await self._query(ex, ex.params)
        elif ex.path == "/update":
            await ex.text(HTTPStatus.FORBIDDEN, READ_ONLY)
        elif ex.path in FILES:
            await self._file(ex, FILES[ex.path])
        else:
            await ex.text(HTTPStatus.NOT_FOUND, f"没有此页面 / no such page {ex.path}; queries go to /query")

    async def _file(self, ex: _Exchange, name: str) -> None:
        """Stream one of the build's own files, read from disk per request: graph.html may be
        tens of MB and a rebuild replaces it in place, so nothing is cached or copied whole."""
        if self.page is None:
            return await ex.text(HTTPStatus.NOT_FOUND,
                                 "没有关系图：请用 kg serve --graph 指向含 graph.html 的构建文件夹 / "
                                 "no graph page: serve a build folder that holds graph.html")
        path = self.page.parent / name if name != "graph.html" else self.page
        try:
            f = open(path, "rb")
        except OSError:      # missing, a folder, unreadable: all just "not here"
            return await ex.text(HTTPStatus.NOT_FOUND, f"构建文件夹中没有 {name}（kg build 会写出它）/ "
                                                       f"no {name} in the build folder (kg build writes it)")
        with f:
            size = os.fstat(f.fileno()).st_size     # of the file opened, even if a rebuild replaces it now
            await ex.start(HTTPStatus.OK, FILE_MEDIA[name], size, FILE_HEADERS)
            left = size if ex.method != "HEAD" else 0
            while left > 0:                          # exactly the size announced, even if the file grows
                chunk = f.read(min(CHUNK, left))
                if not chunk:
                    break
                left -= len(chunk)
                await ex.chunk(chunk, left > 0)      # waits while the client is slow (flow control)
            if left or ex.method == "HEAD" or size == 0:
                await ex.chunk(b"", False)

    async def _post(self, ex: _Exchange) -> None:
        media = ex.headers.get("content-type", "").split(";")[0].strip().lower()
        length = ex.headers.get("content-length", "0")
        if not length.isdigit() or int(length) > MAX_BODY:
            return await ex.text(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "request body over 1 MB")
        data = await ex.body(MAX_BODY)
        if data is None:
            return await ex.text(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "request body over 1 MB")
        body = data.decode("utf-8", "replace")
        if ex.path == "/update" or media == "application/sparql-update":
            return await ex.text(HTTPStatus.FORBIDDEN, READ_ONLY)
        if ex.path != "/query":
            return await ex.text(HTTPStatus.NOT_FOUND, f"no such endpoint {ex.path}; queries go to /query")
        params = {k: list(v) for k, v in ex.params.items()}
        if media == "application/sparql-query":
            params["query"] = [body]
        elif media in ("application/x-www-form-urlencoded", ""):
            form = urllib.parse.parse_qs(body, keep_blank_values=True)
            if "update" in form:
                return await ex.text(HTTPStatus.FORBIDDEN, READ_ONLY)
            for k, v in form.items():
                params.setdefault(k, []).extend(v)
        else:
            return await ex.text(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                                 "POST a form (query=...) or application/sparql-query")
        await self._query(ex, params)

    # -- the query -------------------------------------------------------------------------
    async def _query(self, ex: _Exchange, params: dict[str, list[str]]) -> None:
        texts = params.get("query", [])
        if len(texts) != 1 or not texts[0].strip():
            return await ex.text(HTTPStatus.BAD_REQUEST, "give exactly one query parameter: /query?query=SELECT...")
        try:
            guard.check(texts[0])
            kwargs = {}
            if params.get("default-graph-uri"):
                kwargs["default_graph"] = [ox.NamedNode(u) for u in params["default-graph-uri"]]
            if params.get("named-graph-uri"):
                kwargs["named_graphs"] = [ox.NamedNode(u) for u in params["named-graph-uri"]]
        except (QueryError, ValueError) as e:
            return await ex.text(HTTPStatus.BAD_REQUEST, str(e.args[0] if e.args else e))
        accept = SHORT.get((params.get("format") or [""])[0], ex.headers.get("accept", ""))
        if self._slots is None:                  # made here: it belongs to the running event loop
            self._slots = asyncio.Semaphore(self.slots_total)
        try:
            await asyncio.wait_for(self._slots.acquire(), self.timeout_s)
        except asyncio.TimeoutError:
            return await ex.text(HTTPStatus.SERVICE_UNAVAILABLE, "too many queries running; try again")
        try:
            # run_bounded blocks (fork, select, waitpid): in a thread, so the loop answers others meanwhile
            status, body, media = await asyncio.get_running_loop().run_in_executor(
                self._pool, run_bounded, self.store, texts[0], kwargs, accept,
                self.timeout_s, self.max_result, self._children)
        finally:
            self._slots.release()
        if self._stopping and status != HTTPStatus.OK:
            return await ex.text(HTTPStatus.SERVICE_UNAVAILABLE, "服务正在停止 / the server is stopping")
        if status == HTTPStatus.FORBIDDEN:
            return await ex.text(HTTPStatus.FORBIDDEN, READ_ONLY)
        if status != HTTPStatus.OK:
            return await ex.text(status, body.decode("utf-8"))
        await ex.reply(HTTPStatus.OK, body, f"{media}; charset=utf-8")


class _Uvicorn(uvicorn.Server):
    """uvicorn's server, which first stops the running queries when asked to stop: its graceful
    shutdown would otherwise wait for a runaway query to reach its timeout."""

    def __init__(self, config: uvicorn.Config, stop_queries) -> None:
        super().__init__(config)
        self._stop_queries = stop_queries

    async def shutdown(self, sockets=None) -> None:
        self._stop_queries()
        await super().shutdown(sockets=sockets)


def _listen(host: str, port: int) -> socket.socket:
    """A listening socket on host:port (IPv4 or IPv6, as the host resolves)."""
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
        return socket.create_server((host, port), family=family, backlog=128)
    except OSError as e:
        raise QueryError(f"cannot listen on {host}:{port}: {e.strerror or e}") from None


def make_server(graph: KnowledgeGraph | ox.Store, host: str = "127.0.0.1", port: int = 7878,
                quiet: bool = False, timeout_s: float = DEFAULT_TIMEOUT_S,
                max_result: int = DEFAULT_MAX_RESULT, page: Path | None = None) -> Endpoint:
    """A ready (not yet running) endpoint; port 0 picks a free one (see server.server_port).

    `page` is the build's graph.html, served at /graph (关系图) with township_law.csv beside it;
    without it /graph answers 404."""
    store = graph if isinstance(graph, ox.Store) else graph.store
    return Endpoint(store, _listen(host, port), quiet, timeout_s, max_result,
                    Path(page) if page is not None else None)


def serve_in_thread(graph, host: str = "127.0.0.1", port: int = 0, page: Path | None = None,
                    **limits) -> Endpoint:
    """Start an endpoint in a background thread (for tests and notebooks); stop with .shutdown()."""
    server = make_server(graph, host, port, quiet=True, page=page, **limits)
    server._done.clear()              # so a shutdown() before the thread runs still waits for it
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
