"""Query parameters (查询参数): `$name` placeholders bound to escaped SPARQL terms.

A shipped query declares each parameter in its header, with a default value:

    # param: law = 中华人民共和国宪法

and uses it in the body as `$law` (a SPARQL variable written with `$`). Binding replaces
every `$law` token outside strings, IRIs and comments with a term that pyoxigraph
serializes, so a value can never break out of its literal: `a" } DROP ALL #` stays one
string. The declared default fixes the type: an integer default takes integers only.
A value written `<...>` is bound as an IRI (checked by pyoxigraph).

A parameter that names something in the graph says so on a line of its own,

    # names: law = regulation

and its value is first resolved to the stored one (宪法 → 中华人民共和国宪法; see kg.query.resolve).
"""
from __future__ import annotations

import re

import pyoxigraph as ox

from kg import regex
from kg.errors import QueryError

XSD = "http://www.w3.org/2001/XMLSchema#"
PARAM_LINE = regex.compile(r"^#\s*param:\s*([A-Za-z_][A-Za-z0-9_]*)\s*=(.*)$")
NAMES_LINE = regex.compile(r"^#\s*names:\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(\S*)\s*$")
INTEGER = regex.compile(r"^[+-]?\d+$")
DECIMAL = regex.compile(r"^[+-]?(\d+\.\d*|\.\d+)$")
# strings, IRIs and comments are skipped whole; only `$name` outside them is a parameter
TOKENS = regex.compile(
    r'(?P<skip>"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r'|<[^<>"{}|^`\\\s]*>'
    r"|#[^\n]*)"
    r"|\$(?P<name>[A-Za-z_][A-Za-z0-9_]*)",
    re.S,
)


def declared(text: str) -> dict[str, str]:
    """The `# param: name = default` declarations of a query's header, in order."""
    out: dict[str, str] = {}
    for line in text.splitlines():
        m = PARAM_LINE.match(line.strip())
        if m:
            out[m.group(1)] = m.group(2).strip()
    return out


def named(text: str) -> dict[str, str]:
    """The `# names: param = what` declarations of a query's header: what each parameter names."""
    out: dict[str, str] = {}
    for line in text.splitlines():
        m = NAMES_LINE.match(line.strip())
        if m:
            out[m.group(1)] = m.group(2)
    return out


def placeholders(text: str) -> list[str]:
    """The `$name` parameters a query body uses, in order of first use."""
    seen: list[str] = []
    for m in TOKENS.finditer(text):
        if m.group("name") and m.group("name") not in seen:
            seen.append(m.group("name"))
    return seen


def term(value: str, default: str | None = None) -> ox.NamedNode | ox.Literal:
    """`value` as an RDF term, typed like the declared default (integer, decimal or string)."""
    if value.startswith("<") and value.endswith(">"):
        try:
            return ox.NamedNode(value[1:-1])
        except ValueError as e:
            raise QueryError(f"not a valid IRI {value!r}: {e}") from None
    if default is not None and INTEGER.match(default):
        if not INTEGER.match(value.strip()):
            raise QueryError(f"expected an integer, got {value!r}")
        return ox.Literal(str(int(value)), datatype=ox.NamedNode(XSD + "integer"))
    if default is not None and DECIMAL.match(default):
        if not (INTEGER.match(value.strip()) or DECIMAL.match(value.strip())):
            raise QueryError(f"expected a number, got {value!r}")
        return ox.Literal(value.strip(), datatype=ox.NamedNode(XSD + "decimal"))
    return ox.Literal(value)


def bind(text: str, values: dict[str, str] | None = None) -> str:
    """The query text with each declared or given `$name` replaced by its escaped term.

    Declared parameters take their default when not given; a given name the query neither
    declares nor uses is an error (a typo would otherwise silently match nothing).
    """
    values = dict(values or {})
    defaults = declared(text)
    used = placeholders(text)
    unknown = [k for k in values if k not in defaults and k not in used]
    if unknown:
        known = ", ".join(dict.fromkeys([*defaults, *used])) or "none"
        raise QueryError(f"unknown parameter {unknown[0]!r}; this query takes: {known}")
    terms: dict[str, str] = {}
    for name in dict.fromkeys([*defaults, *used]):
        if name in values:
            try:
                terms[name] = str(term(values[name], defaults.get(name)))
            except QueryError as e:
                raise QueryError(f"parameter {name!r}: {e.args[0]}") from None
        elif name in defaults:
            terms[name] = str(term(defaults[name], defaults[name]))

    def sub(m: re.Match) -> str:
        name = m.group("name")
        return terms.get(name, m.group(0)) if name else m.group(0)

    return TOKENS.sub(sub, text)


def parse_assignments(pairs: list[str] | None) -> dict[str, str]:
    """`["law=宪法", "min=2"]` (the CLI's repeated --param) as a dict."""
    out: dict[str, str] = {}
    for pair in pairs or []:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise QueryError(f"--param expects key=value, got {pair!r}")
        out[key.strip()] = value
    return out
