"""One SPARQL query in a child process with a time and size budget (kg serve's 查询进程).

pyoxigraph cannot cancel a running query, and a cartesian product would hold a core (and
build a gigabyte answer) until restart; so each query runs in a forked child that shares the
loaded store copy-on-write, streams its answer through a pipe, and is killed past the
timeout or the result cap.
"""
from __future__ import annotations

import io
import json
import math
import os
import re
import select
import signal
import stat
import time
from http import HTTPStatus

import pyoxigraph as ox

from kg import regex
from kg.graph.vocab import PREFIXES

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
# an UPDATE sent where a query belongs: refused as a write, not reported as a syntax error
UPDATE = regex.compile(r"^\s*(?:(?:PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>|#[^\n]*)\s*)*"
                    r"(?:INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.I)

def pick(accept: str, choices: dict, default: str) -> str:
    """The first media type of an Accept header that `choices` offers (q-values ignored)."""
    for part in (accept or "").split(","):
        media = part.split(";")[0].strip().lower()
        if media in choices:
            return media
    return default


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
        media = pick(accept, GRAPHS, "text/turtle")
        head(HTTPStatus.OK, media)
        ox.serialize(result, out, format=GRAPHS[media], prefixes=PREFIXES if media == "text/turtle" else None)
    else:
        media = pick(accept, RESULTS, "application/sparql-results+json")
        head(HTTPStatus.OK, media)
        result.serialize(out, format=RESULTS[media])


def _child_setup(keep: int, timeout_s: float) -> None:
    """In a query's child: stop by itself a little after the timeout (if the server was killed
    and cannot), die on Ctrl-C, and close the inherited sockets (the listening one, clients'
    connections) so none is held open by a child."""
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGALRM):
        signal.signal(sig, signal.SIG_DFL)
    signal.alarm(math.ceil(timeout_s) + 2)
    try:
        fds = [int(n) for n in os.listdir("/proc/self/fd")]
    except OSError:                 # not Linux: the sockets close when the child exits
        return
    for fd in fds:
        try:
            if fd != keep and stat.S_ISSOCK(os.fstat(fd).st_mode):
                os.close(fd)
        except OSError:
            pass


def run_bounded(store, sparql: str, kwargs: dict, accept: str, timeout_s: float,
                max_bytes: int, running: set | None = None) -> tuple[int, bytes, str]:
    """The answer to one query, computed in a forked child that is killed past `timeout_s`
    seconds or `max_bytes` of result: pyoxigraph cannot cancel a running query, and a cartesian
    product would hold a core (and build a gigabyte answer) until restart. The child shares
    the loaded store copy-on-write and streams its answer through a pipe; its pid is in
    `running` while it may still run. Where fork is missing (not POSIX) the query runs in this
    process, unbounded."""
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
            _child_setup(write_end, timeout_s)
            with os.fdopen(write_end, "wb") as out:
                _answer(store, sparql, kwargs, accept, out)
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    os.close(write_end)
    if running is not None:
        running.add(pid)
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
    if running is not None:        # out before it is reaped, so its pid is never killed once reused
        running.discard(pid)
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
