"""Loading lexicons and pattern files (词表), validated strictly: errors name the file and line.

Every file in `kg/extract/lexicons/` has its schema declared once, in REGISTRY below, and is
read through `load(name)` (once per process), which checks it eagerly: the column count, an
empty first column, every regex column or pattern line compiles, enum columns hold allowed
values. A broken line raises LexiconError("path:line: message").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kg import kept, regex
from kg.chinese import HAN
from kg.errors import LexiconError
from kg.kinds import KINDS

LEXICONS = Path(__file__).parent / "lexicons"
DATA = Path(__file__).parents[1] / "data"
PRACTICE_COLUMNS = 5        # mechanisms.tsv, activities.tsv: name, aliases, category, practice, related


@dataclass(frozen=True)
class Schema:
    """What one lexicon file holds.

    form: `words` (one entry a line), `table` (tab-separated `columns`, trailing ones may be
    empty), `patterns` (one regex a line) or `named` (`name<TAB>regex`, see `pattern()`).
    """

    form: str
    columns: tuple[str, ...] = ("word",)
    regexes: tuple[str, ...] = ()                   # columns that must compile as regexes
    enums: dict[str, tuple[str, ...]] = field(default_factory=dict)   # column -> allowed values


_HEAD = Schema("table", ("head", "flag"), enums={"flag": ("", "verbal", "event")})
_PRACTICES = Schema("table", ("canonical", "aliases", "category", "practice", "related"))
_WORDS = Schema("words")
_REGEXES = Schema("patterns", ("regex",), regexes=("regex",))
_REG_KINDS = tuple(k.key for k in KINDS if k.fact == "regulation")     # law, regulation, party_rule …

REGISTRY: dict[str, Schema] = {
    "activities.tsv": _PRACTICES,
    "activity_heads.txt": _HEAD,
    "activity_venues.txt": _WORDS,
    "background_cues.txt": _REGEXES,
    "category_rules.tsv": Schema("table", ("category", "where", "words"),
                                 enums={"where": ("strip", "head", "known", "word")}),
    "chinese_numeral_units.txt": _WORDS,
    "domain_verbs.txt": _WORDS,
    "event_units.txt": _WORDS,
    "finders.tsv": Schema("table", ("finder", "kind", "settings"),          # read by kg.extract.finders
                          enums={"kind": ("mechanism", "activity", "-")}),
    "generic_modifiers.txt": _WORDS,
    "generic_phrases.txt": _WORDS,
    "head_junk.txt": _REGEXES,
    "mechanism_heads.txt": _HEAD,
    "mechanisms.tsv": _PRACTICES,
    "named_modifiers.txt": _WORDS,
    "non_activities.txt": _WORDS,
    "not_regulations.txt": _REGEXES,
    "paired_practices.tsv": Schema("table", ("kind", "label", "other", "name", "cue"), regexes=("label", "cue"),
                                   enums={"kind": ("mechanism", "activity"), "other": ("mechanism", "activity")}),
    "patterns.tsv": Schema("named", ("name", "regex")),
    "phrase_boundaries.txt": _WORDS,
    "practice_categories.tsv": Schema("table", ("id", "zh", "en", "source", "definition")),
    "practice_patterns.tsv": Schema("table", ("kind", "anchor", "label", "regex"), regexes=("anchor", "regex"),
                                    enums={"kind": ("mechanism", "activity")}),
    "quote_cues.tsv": Schema("table", ("role", "regex"), regexes=("regex",),
                             enums={"role": ("trigger", "mech_suffix", "act_suffix", "not_name", "division",
                                                       "mech_end", "act_end")}),
    "regulation_aliases.tsv": Schema("table", ("form", "canonical", "kind", "bare"),
                                     enums={"kind": _REG_KINDS, "bare": ("", "yes")}),
    "regulation_kinds.tsv": Schema("table", ("regex", "kind"), regexes=("regex",), enums={"kind": _REG_KINDS}),
    "regulation_versions.tsv": Schema("table", ("title", "spans")),
    "section_cues.tsv": Schema("table", ("role", "regex"), regexes=("regex",),
                               enums={"role": ("problems", "plans", "done")}),
    "slogans.txt": _WORDS,
    "township_generic_stems.txt": _WORDS,
    "township_stopwords.txt": _WORDS,
    "units.txt": _WORDS,
}


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
    """Rows of a tab-separated file with `columns` columns (trailing ones may be empty); a
    checked file's rows are kept between processes (kg.kept: the register's 40,000 lines)."""
    try:
        return kept.of_file("rows", path, lambda: _rows(path, columns, min_columns), columns, min_columns)
    except OSError:
        return _rows(path, columns, min_columns)      # says which file, as a LexiconError


def _rows(path: Path, columns: int, min_columns: int | None) -> list[list[str]]:
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


_SPACE = regex.compile(r"[^\S\t]")       # whitespace but the tabs between cells


def load(name: str, folder: Path = LEXICONS):
    """The entries of a registered lexicon, checked on first use, in file order: a tuple of
    strings for `words` and `patterns` files, of row tuples for `table` files (read the
    `named` file patterns.tsv through `pattern()` and `alternatives()`)."""
    return _load(name, folder)


@lru_cache(maxsize=None)
def _load(name: str, folder: Path):
    schema = REGISTRY.get(name)
    if schema is None:
        raise LexiconError(f"{folder / name}: not in the lexicon registry (kg/extract/lexicon.py REGISTRY)")
    path = folder / name
    if schema.form in ("words", "patterns"):
        numbered = [(n, line.strip()) for n, line in _lines(path)]
        if schema.form == "patterns":
            for n, rx in numbered:
                _compiles(rx, path, n)
        return tuple(w for _, w in numbered)
    if schema.form == "named":
        return _named(path)
    width = len(schema.columns)
    out = []
    for n, cells in _numbered_rows(path, width):
        for col, cell in zip(schema.columns, cells, strict=True):
            if col in schema.regexes:
                _compiles(cell, path, n)
            allowed = schema.enums.get(col)
            if allowed is not None and cell not in allowed:
                raise LexiconError(f"{path}:{n}: {col} {cell!r} is not one of {', '.join(map(repr, allowed))}")
        out.append(tuple(cells))
    return tuple(out)


def _compiles(rx: str, path: Path, n: int) -> None:
    try:
        regex.compile(rx)
    except re.error as e:
        raise LexiconError(f"{path}:{n}: bad regex: {e}") from None


_PLACEHOLDER = regex.compile(r"\{([a-z][a-z0-9_.]*)\}")
_BUILTIN = {"han": HAN}          # {han}: the Han character class body of kg.chinese, [{han}]


def _named(path: Path) -> dict[str, tuple[str, tuple[str, ...]]]:
    """`name<TAB>regex` lines: name -> (its regex, its lines). Consecutive lines of one name are
    its alternatives, joined by | in file order; `{other}` inside a regex is the text of the
    named pattern `other`, `{han}` the Han class body; `{UPPER}` is a slot the code fills."""
    raw: dict[str, list[str]] = {}
    first: dict[str, int] = {}
    last = ""
    for n, (name, rx) in _numbered_rows(path, 2):
        if name in raw and name != last:
            raise LexiconError(f"{path}:{n}: {name!r} continues a pattern defined at line {first[name]}; "
                               "keep the lines of one pattern together")
        raw.setdefault(name, []).append(rx)
        first.setdefault(name, n)
        last = name

    def expand(name: str, seen: tuple[str, ...]) -> str:
        def sub(m: re.Match) -> str:
            ref = m.group(1)
            if ref in _BUILTIN:
                return _BUILTIN[ref]
            if ref not in raw or ref in seen:
                raise LexiconError(f"{path}:{first[name]}: {name}: unknown or circular {{{ref}}}")
            return expand(ref, (*seen, ref))
        return _PLACEHOLDER.sub(sub, "|".join(raw[name]))

    out = {name: (expand(name, (name,)), tuple(lines)) for name, lines in raw.items()}
    for name, (rx, _) in out.items():
        _compiles(rx, path, first[name])
    return out


def pattern(name: str, **slots: str) -> str:
    """The regex `name` of lexicons/patterns.tsv (its lines joined by |), its `{SLOT}`s filled."""
    rx = load("patterns.tsv")[name][0]
    for slot, text in slots.items():
        assert "{" + slot + "}" in rx, (name, slot)
        rx = rx.replace("{" + slot + "}", text)
    return rx


def alternatives(name: str) -> tuple[str, ...]:
    """The lines of the pattern `name` of lexicons/patterns.tsv: a word list, in file order."""
    return load("patterns.tsv")[name][1]


def _numbered_rows(path: Path, width: int):
    space = _SPACE.search
    for n, line in _lines(path):
        cells = line.split("\t")
        if space(line):
            cells = [c.strip() for c in cells]
        if not 1 <= len(cells) <= width or not cells[0]:
            raise LexiconError(f"{path}:{n}: expected 1-{width} tab-separated columns with a non-empty first, "
                               f"got {len(cells)}: {line[:60]!r}")
        yield n, cells + [""] * (width - len(cells))


@lru_cache(maxsize=None)
def aliases(name: str) -> dict[str, str]:
    """alias -> canonical from a `canonical<TAB>alias;alias` lexicon (canonical maps to itself);
    further columns (a practice lexicon's category, practice, related: kg.extract.vocabulary) are
    read there. Made once, like table() (every report reads it): callers must not change it."""
    out: dict[str, str] = {}
    for canonical, alias_cell, *_ in load(name):
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
    import hashlib

    forms = sorted({form for form in forms if form})       # the trie is the same in any order
    digest = hashlib.sha256("\n".join(forms).encode("utf-8")).hexdigest()
    return kept.table("trie", (digest, _BUCKET), lambda: _trie_pattern(forms))   # ~0.04 s of start-up


def _trie_pattern(forms: list[str]) -> str:
    import re

    trie: dict = {}
    for form in forms:
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
