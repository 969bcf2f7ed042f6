"""Candidate finders (发现器) as registered components, run in the order of a table.

As with spaCy's factories, a finder is a function of one signature,
`(doc: Document, **settings) -> list[Candidate]`, registered by name with `@finder("name")`
in the module of its idea (gazetteers, heads, lists, venues, quotes, constructions). Which
finders run, in what order and with which settings is data: `lexicons/finders.tsv`, one row a
run, `finder<TAB>kind<TAB>settings`. One generic finder runs on many rows: `head_phrases`
over `mechanism_heads.txt` for mechanisms and over `activity_heads.txt` for activities.

The table is checked whole when it is first read, before any report: an unknown finder, a
kind a finder cannot take, a setting it does not accept or a lexicon that is not there (or
of another shape) is a LexiconError naming the file and line.

Order decides ties only: kg.extract.resolve sorts candidates by length, source and start,
stably, so two candidates equal on all three keep table order.
"""
from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from kg.errors import LexiconError
from kg.extract import lexicon
from kg.extract.lexicon import LEXICONS, rows
from kg.extract.phrase import Candidate
from kg.model import Document

Finder = Callable[..., list[Candidate]]
F = TypeVar("F", bound=Finder)

REGISTRY: dict[str, Finder] = {}
LEXICON_SETTINGS: dict[str, dict[str, str]] = {}    # finder -> setting naming a lexicon -> a lexicon of its shape
TABLE = LEXICONS / "finders.tsv"      # the pipeline's table; candidates() reads this name at each call
KINDS = ("mechanism", "activity")     # what a generic finder can be told to find; "-": it types its own


def finder(name: str, *, lexicons: dict[str, str] | None = None) -> Callable[[F], F]:
    """Register a function `(doc, **settings) -> list[Candidate]` as the finder `name`.

    `lexicons` maps each setting that names a lexicon file to a shipped lexicon of the same
    schema (heads → activity_heads.txt): a table row may then name a new file of that shape,
    which the lexicon registry learns from the row.
    """
    def register(fn: F) -> F:
        known = REGISTRY.get(name)
        if known is not None and (known.__module__, known.__qualname__) != (fn.__module__, fn.__qualname__):
            raise ValueError(f"finder {name!r} is registered already, by {known.__module__}.{known.__qualname__}")
        REGISTRY[name] = fn
        LEXICON_SETTINGS[name] = dict(lexicons or {})
        return fn
    return register


@dataclass(frozen=True)
class Step:
    """One row of the table: the finder to run and the settings it is called with."""

    name: str
    run: Finder
    settings: dict[str, str]
    where: str                 # path:line of the row


def candidates(doc: Document) -> list[Candidate]:
    """Every finder of the table over `doc`, in table order: the candidates of one report."""
    out: list[Candidate] = []
    for step in steps(TABLE):
        out += step.run(doc, **step.settings)
    return out


@lru_cache(maxsize=None)
def steps(path: Path) -> tuple[Step, ...]:
    """The rows of a finder table, each checked against the registry; errors name path:line."""
    table = rows(path, 3, min_columns=2)
    return tuple(_step(f"{path}:{n}", *row) for n, row in zip(_row_lines(path), table, strict=True))


def _row_lines(path: Path) -> list[int]:
    """The line number of each row rows() reads (it skips blank lines and # comments)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [n for n, line in enumerate(lines, 1) if line.strip() and not line.lstrip().startswith("#")]


def _step(where: str, name: str, kind: str, cells: str) -> Step:
    fn = REGISTRY.get(name)
    if fn is None:
        raise LexiconError(f"{where}: unknown finder {name!r} (registered: {', '.join(sorted(REGISTRY))})")
    settings = {}
    for cell in cells.split():
        key, eq, value = cell.partition("=")
        if not (key and eq and value):
            raise LexiconError(f"{where}: setting {cell!r} is not key=value")
        if key in settings or key == "kind":
            raise LexiconError(f"{where}: setting {key!r} given twice (kind is the second column)")
        like = LEXICON_SETTINGS.get(name, {}).get(key)
        if like is not None:
            if not (LEXICONS / value).is_file():
                raise LexiconError(f"{where}: setting {key}: no lexicon {value!r} in {LEXICONS}")
            if lexicon.REGISTRY.setdefault(value, lexicon.REGISTRY[like]) != lexicon.REGISTRY[like]:
                raise LexiconError(f"{where}: setting {key}: {value!r} is not a lexicon shaped like {like!r}")
        settings[key] = value
    params = inspect.signature(fn).parameters
    if kind not in (*KINDS, "-") or (kind == "-") == ("kind" in params):
        told = "one of " + ", ".join(KINDS) if "kind" in params else "-"
        raise LexiconError(f"{where}: finder {name!r} takes kind {told}, not {kind!r}")
    if kind != "-":
        settings["kind"] = kind
    try:
        inspect.signature(fn).bind(None, **settings)
    except TypeError as e:
        raise LexiconError(f"{where}: finder {name!r}: bad settings {cells!r}: {e}") from None
    return Step(name, fn, settings, where)
