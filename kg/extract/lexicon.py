"""Loading lexicons and pattern files (词表), validated strictly: errors name the file and line."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from kg.errors import LexiconError

LEXICONS = Path(__file__).parent / "lexicons"
DATA = Path(__file__).parents[1] / "data"
PRACTICE_COLUMNS = 5        # mechanisms.tsv, activities.tsv: name, aliases, category, practice, related


_BLANK_OR_HASH = frozenset(" \t\r\n\v\f\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
                           "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000#")


def _lines(path: Path):
    """Yield (line number, text) for the non-blank, non-comment lines of a UTF-8 file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise LexiconError(f"{path}: cannot read lexicon: {e}") from None
    for n, line in enumerate(text.splitlines(), 1):
        if line and line[0] not in _BLANK_OR_HASH or line.strip() and not line.lstrip().startswith("#"):
            yield n, line


def rows(path: Path, columns: int, *, min_columns: int | None = None) -> list[list[str]]:
    """Rows of a tab-separated file with `columns` columns (trailing ones may be empty)."""
    out = []
    least = columns if min_columns is None else min_columns
    space = _SPACE.search          # most lines have no space to strip: skip the per-cell strip
    for n, line in _lines(path):
        cells = line.split("\t")
        if space(line):
            cells = [c.strip() for c in cells]
        if not least <= len(cells) <= columns or not cells[0]:
            raise LexiconError(f"{path}:{n}: expected {least}-{columns} tab-separated columns, "
                               f"got {len(cells)}: {line[:60]!r}")
        if len(cells) < columns:
            cells += [""] * (columns - len(cells))
        out.append(cells)
    return out


_SPACE = re.compile(r"[^\S\t]")       # whitespace but the tabs between cells


@lru_cache(maxsize=None)
def words(name: str) -> tuple[str, ...]:
    """A one-entry-per-line lexicon from kg/extract/lexicons/, in file order."""
    return tuple(line.strip() for _, line in _lines(LEXICONS / name))


@lru_cache(maxsize=None)
def table(name: str, columns: int) -> tuple[tuple[str, ...], ...]:
    """A tab-separated lexicon from kg/extract/lexicons/."""
    return tuple(tuple(r) for r in rows(LEXICONS / name, columns, min_columns=1))


@lru_cache(maxsize=None)
def aliases(name: str) -> dict[str, str]:
    """alias -> canonical from a `canonical<TAB>alias;alias` lexicon (canonical maps to itself);
    further columns (a practice lexicon's category, practice, related: kg.extract.vocabulary) are
    read there. Made once, like table() (every report reads it): callers must not change it."""
    out: dict[str, str] = {}
    for canonical, alias_cell, *_ in table(name, PRACTICE_COLUMNS):
        out[canonical] = canonical
        for a in filter(None, (x.strip() for x in alias_cell.split(";"))):
            out[a] = canonical
    return out


def trie_pattern(forms) -> str:
    """A regex matching any of `forms`, longest first, written as a trie (共享前缀).

    Same matches as the alternation of the forms sorted longest first (at a position the
    longest form that lets the rest of the pattern match wins), but Python's re tests one
    character per trie level instead of every form at every position: thousands of law
    names cost about as much as a few.
    """
    import re

    trie: dict = {}
    for form in forms:
        if form:
            node = trie
            for ch in form:
                node = node.setdefault(ch, {})
            node[""] = {}
    if not trie:
        return "(?!)"
    # a set lookup rejects most positions before the first level's alternation is walked
    firsts = "".join(re.escape(ch) for ch in sorted(trie))
    return f"(?=[{firsts}]){_trie_regex(trie)}"


_BUCKET = 32


def _trie_regex(node: dict) -> str:
    import re

    keys = sorted(ch for ch in node if ch)
    if not keys:
        return ""
    if len(keys) > _BUCKET:
        # re tries alternatives one by one: split a wide level into buckets of neighbouring
        # first characters, each behind a range check (the same matches: siblings never share
        # a first character, so at most one bucket can match)
        size = -(-len(keys) // -(-len(keys) // _BUCKET))
        groups = [keys[i:i + size] for i in range(0, len(keys), size)]
        body = "(?:" + "|".join(
            f"(?=[{re.escape(g[0])}-{re.escape(g[-1])}])(?:"
            + "|".join(re.escape(ch) + _trie_regex(node[ch]) for ch in g) + ")"
            for g in groups) + ")"
    else:
        branches = [re.escape(ch) + _trie_regex(node[ch]) for ch in keys]
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:     # a form ends here: try the longer ones first, then stop (greedy ?)
        return f"(?:{body})?"
    return body
