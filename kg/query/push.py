"""Loading a build into another store (推送) over the SPARQL 1.1 Graph Store HTTP Protocol.

Each report's named graph is sent with one HTTP PUT to `STORE?graph=<report IRI>`. PUT
replaces that graph, so pushing the same build twice leaves each report's triples in the
store exactly once, and pushing a rebuilt report replaces its old facts. Graphs of reports
that are no longer in the build are left alone (delete them with DELETE ?graph=...).
"""
from __future__ import annotations

import base64
import os
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from kg import regex
from kg.errors import InputError, StoreError
from kg.graph import KnowledgeGraph
from kg.graph.chunks import DEFAULT_GRAPH

NTRIPLES = "application/n-triples"


@dataclass
class Pushed:
    """What a push sent: report graphs and triples."""

    graphs: int = 0
    triples: int = 0
    bytes: int = 0


def graph_url(store: str, graph_iri: str) -> str:
    """The Graph Store Protocol address of one named graph: STORE?graph=<encoded IRI>
    (credentials in the URL are taken out: they travel as a header, see `credentials`)."""
    parts = urllib.parse.urlsplit(store)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise StoreError(f"{shown_store(store)}: not an http(s) store URL (e.g. http://127.0.0.1:7878/store)")
    query = urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
    query = [(k, v) for k, v in query if k not in ("graph", "default")] + [("graph", graph_iri)]
    netloc = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    if parts.port:
        netloc += f":{parts.port}"
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc, query=urllib.parse.urlencode(query)))


_SECRET_KEYS = regex.compile(r"token|key|secret|pass|auth|sig", re.I)


def shown_store(store: str) -> str:
    """The store URL as messages show it: no user or password, secret-looking query values masked."""
    parts = urllib.parse.urlsplit(store)
    netloc = parts.netloc.rsplit("@", 1)[-1]
    query = [(k, "***" if _SECRET_KEYS.search(k) else v)
             for k, v in urllib.parse.parse_qsl(parts.query, keep_blank_values=True)]
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc, query=urllib.parse.urlencode(query)))


def credentials(store: str, user: str | None = None) -> str | None:
    """A Basic `Authorization` header value: from `user` ("name:password"), else $KG_STORE_USER,
    else the URL's userinfo; None when there are none."""
    parts = urllib.parse.urlsplit(store)
    userinfo = (f"{urllib.parse.unquote(parts.username)}:{urllib.parse.unquote(parts.password or '')}"
                if parts.username else None)
    pair = user or os.environ.get(ENV_USER) or userinfo
    if not pair:
        return None
    return "Basic " + base64.b64encode(pair.encode("utf-8")).decode("ascii")


ENV_USER = "KG_STORE_USER"


def put_graph(store: str, graph_iri: str, body: bytes, timeout: float = 60.0, auth: str | None = None) -> None:
    """Replace one named graph in the store with N-Triples `body` (HTTP PUT); the whole request,
    answer included, must finish within `timeout` seconds (a store trickling bytes never ends)."""
    url = graph_url(store, graph_iri)
    headers = {"Content-Type": NTRIPLES}
    if auth:
        headers["Authorization"] = auth
    req = urllib.request.Request(url, data=body, method="PUT", headers=headers)
    deadline = time.monotonic() + timeout
    shown = shown_store(store)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            while resp.read1(65536):              # whatever has arrived: a trickle is seen
                if time.monotonic() > deadline:
                    raise TimeoutError(f"no complete answer within {timeout:g} s")
    except urllib.error.HTTPError as e:
        detail = e.read(500).decode("utf-8", "replace").strip().splitlines()
        reason = f": {detail[0]}" if detail else ""
        raise StoreError(f"{shown}: PUT of graph <{graph_iri}> failed with HTTP {e.code} {e.reason}{reason}") \
            from None
    except urllib.error.URLError as e:
        raise StoreError(f"{shown}: cannot reach the store ({e.reason})") from None
    except (TimeoutError, OSError) as e:
        raise StoreError(f"{shown}: request failed ({e})") from None


def report_graphs(graph: KnowledgeGraph) -> list[tuple[str, bytes]]:
    """(graph IRI, N-Triples) of every report graph, sorted by IRI."""
    out = []
    for chunk in graph.chunks:
        if chunk.graph == DEFAULT_GRAPH:
            continue
        out.append((chunk.graph.strip("<>"), b"".join(chunk.lines())))
    return out


def push(source: KnowledgeGraph | str | Path, store: str, *, timeout: float = 60.0,
         progress: Callable[[int, int], None] | None = None, user: str | None = None) -> Pushed:
    """Load a build (graph, folder or .nq/.trig file) into `store`, one PUT per report graph."""
    from kg.query import open_graph

    graph = source if isinstance(source, KnowledgeGraph) else open_graph(source)
    graphs = report_graphs(graph)
    if not graphs:
        where = source if not isinstance(source, KnowledgeGraph) else "the graph"
        raise InputError(where, "holds no per-report named graphs (graph.ttl has none): build with "
                                "`kg build INPUT --out DIR --format nq` and push DIR")
    graph_url(store, graphs[0][0])  # a malformed URL fails before anything is sent
    auth = credentials(store, user)
    done = Pushed()
    if progress:
        progress(0, len(graphs))
    for i, (iri, body) in enumerate(graphs, 1):
        try:
            put_graph(store, iri, body, timeout, auth)
        except StoreError as e:
            raise StoreError(f"{e.args[0]} ({done.graphs} of {len(graphs)} report graphs were replaced "
                             "before it; pushing again replaces them all)") from None
        done.graphs += 1
        done.triples += body.count(b"\n")
        done.bytes += len(body)
        if progress:
            progress(i, len(graphs))
    return done
