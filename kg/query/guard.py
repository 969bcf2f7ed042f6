"""What a query may ask before it is parsed (查询守卫), for `kg serve` and `kg query`.

pyoxigraph's parser recurses once per nested group: a 36 KB query of 3,000 nested `{ }` kills
the process (SIGSEGV), so depth is counted on the text first. SERVICE makes the engine fetch
any URL, which would turn a read-only endpoint into a proxy into the user's network, so it is
refused. Strings, IRIs and comments are blanked before either check, so `"{"` or
`<http://x/SERVICE>` cost nothing.
"""
from __future__ import annotations

import re

from kg import regex
from kg.errors import QueryError

MAX_QUERY_CHARS = 64 * 1024
MAX_DEPTH = 64

_OPAQUE = regex.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
                     r'|<[^<>"{}|^`\\\s]*>|#[^\n]*')
_BRACKET = regex.compile(r"[{}()\[\]]")
_SERVICE = regex.compile(r"\bSERVICE\b", re.I)


def check(query: str) -> None:
    """Raise QueryError for a query too long, too deeply nested, or asking for SERVICE."""
    if len(query) > MAX_QUERY_CHARS:
        raise QueryError(f"query of {len(query):,} characters is over the {MAX_QUERY_CHARS:,} limit")
    bare = _OPAQUE.sub(" ", query)
    depth = deepest = 0
    for m in _BRACKET.finditer(bare):
        depth += 1 if m.group(0) in "{([" else -1
        deepest = max(deepest, depth)
    if deepest > MAX_DEPTH:
        raise QueryError(f"query nested {deepest} levels deep, over the {MAX_DEPTH} limit")
    if _SERVICE.search(bare):
        raise QueryError("SERVICE (federated query) is refused: this endpoint never fetches other URLs")
