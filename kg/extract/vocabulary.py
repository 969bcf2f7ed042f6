"""The practice vocabulary (实践词表): categories of practice, the known practices, and the
rules that place every other practice in a category.

One source: the practices are the rows of `mechanisms.tsv` and `activities.tsv` (the same rows
the extractor finds names by), their categories are `practice_categories.tsv`, and the rules for
names outside the lexicons are `category_rules.tsv`. `kg.graph.scheme` writes them out as the SKOS
scheme `ontology/practices.ttl`; the graph links each mechanism and activity node to its category
(tkg:category) and, when the name is known, to its practice (tkg:practice).

A practice groups the names of one thing written differently: a row's aliases (the same name in
other spelling: 最多跑一次改革) and the rows marked as its variants (differently worded names of
the same practice: 年度述法, 述职述法 of 领导干部述法). Practices that are related but not the same
(一村一法律顾问, the village's adviser, and 政府法律顾问制度, the township government's) are rows
of their own, linked as related.

Where a practice belongs is decided from its kind and name alone, never from the sentence around
it: the same node then has the same category in every report that names it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg import regex
from kg.errors import LexiconError
from kg.extract.lexicon import LEXICONS, PRACTICE_COLUMNS, _lines

KIND_FILE = {"mechanism": "mechanisms.tsv", "activity": "activities.tsv"}
FALLBACK = "other"
_WHERE = ("strip", "head", "known", "word")
_KNOWN_MIN = 3              # a known name inside a longer one counts from this length (三重一大)


@dataclass(frozen=True)
class Category:
    """A top concept of the scheme: an area of rule-of-law work (学法用法, 普法宣传, …)."""

    id: str
    zh: str
    en: str
    source: str           # the section of the national outlines it stands for
    definition: str


@dataclass(frozen=True)
class Practice:
    """A known practice: its canonical name, every written form of it, its category."""

    kind: str             # mechanism or activity
    name: str             # the canonical name (skos:prefLabel)
    category: str         # a Category id
    forms: tuple[str, ...]      # the name, its aliases, its variant rows and their aliases
    related: tuple[tuple[str, str], ...] = ()   # (kind, name) of related practices


@dataclass(frozen=True)
class Placement:
    """Where one mechanism or activity belongs, and the rule that put it there."""

    category: Category
    practice: Practice | None   # None: not in the scheme
    rule: str                   # "scheme", "head 宣传", "word 纠纷" or "fallback"


def key(name: str) -> str:
    """Names that differ only in spacing, quotes or bracket style are one form."""
    s = re.sub(r"[\s“”\"'《》〈〉「」]", "", name)
    return s.replace("(", "（").replace(")", "）")


@lru_cache(maxsize=None)
def categories() -> dict[str, Category]:
    """The categories by id, in file order (the fallback last)."""
    path = LEXICONS / "practice_categories.tsv"
    out: dict[str, Category] = {}
    for n, line in _lines(path):
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) != 5 or not all(cells):
            raise LexiconError(f"{path}:{n}: expected 5 tab-separated columns "
                               f"(id, 中文, English, source, definition), got {len(cells)}")
        if cells[0] in out:
            raise LexiconError(f"{path}:{n}: category {cells[0]!r} is defined twice")
        out[cells[0]] = Category(*cells)
    if FALLBACK not in out:
        raise LexiconError(f"{path}: no fallback category {FALLBACK!r}")
    return out


def _category(cat: str, path, n: int) -> str:
    if cat not in categories():
        raise LexiconError(f"{path}:{n}: unknown category {cat!r} (ids of practice_categories.tsv: "
                           f"{', '.join(categories())})")
    return cat


@lru_cache(maxsize=None)
def practices() -> dict[tuple[str, str], Practice]:
    """Every known practice by (kind, canonical name), in lexicon order."""
    rows: dict[str, list] = {}
    for kind, name in KIND_FILE.items():
        path = LEXICONS / name
        rows[kind] = []
        for n, line in _lines(path):
            cells = [c.strip() for c in line.split("\t")]
            cells += [""] * (PRACTICE_COLUMNS - len(cells))
            if len(cells) != PRACTICE_COLUMNS:
                raise LexiconError(f"{path}:{n}: expected at most {PRACTICE_COLUMNS} columns "
                                   f"(name, aliases, category, practice, related)")
            rows[kind].append((path, n, cells))
    heads = {(kind, c[0]): (c, path, n) for kind, rs in rows.items() for path, n, c in rs if not c[3]}
    out: dict[tuple[str, str], Practice] = {}
    forms: dict[tuple[str, str], list[str]] = {}
    related_of: dict[tuple[str, str], set] = {}
    for kind, rs in rows.items():
        for path, n, (name, alias_cell, cat, of, related) in rs:
            aliases = [a.strip() for a in alias_cell.split(";") if a.strip()]
            head = name
            if of:
                if (kind, of) not in heads:
                    raise LexiconError(f"{path}:{n}: {name!r} is a variant of {of!r}, which is no practice "
                                       f"of {path.name} (a row with an empty practice column)")
                if cat and cat != heads[kind, of][0][2]:
                    raise LexiconError(f"{path}:{n}: {name!r} has category {cat!r}, its practice {of!r} "
                                       f"has {heads[kind, of][0][2]!r}")
                head = of
            elif not cat:
                raise LexiconError(f"{path}:{n}: practice {name!r} has no category")
            else:
                _category(cat, path, n)
            forms.setdefault((kind, head), []).extend([name, *aliases])
            for other in filter(None, (r.strip() for r in related.split(";"))):
                # a practice of the same kind first, else one of the other kind
                target = next(((k, other) for k in sorted(KIND_FILE, key=lambda k: k != kind)
                               if (k, other) in heads), None)
                if target is None:
                    raise LexiconError(f"{path}:{n}: related {other!r} is no practice of "
                                       f"{' or '.join(KIND_FILE.values())}")
                related_of.setdefault((kind, head), set()).add(target)
                related_of.setdefault(target, set()).add((kind, head))     # skos:related is symmetric
            if not of:
                out[kind, name] = Practice(kind, name, cat, (), ())
    seen: dict[tuple[str, str], str] = {}
    for (kind, name), p in out.items():
        fs = tuple(dict.fromkeys([name, *forms[kind, name]]))
        for f in fs:
            other = seen.setdefault((kind, key(f)), name)
            if other != name:
                raise LexiconError(f"{LEXICONS / KIND_FILE[kind]}: {f!r} is a form of both {other!r} and {name!r}")
        out[kind, name] = Practice(kind, name, p.category, fs, tuple(sorted(related_of.get((kind, name), ()))))
    return out


@lru_cache(maxsize=None)
def _by_form() -> dict[tuple[str, str], Practice]:
    return {(p.kind, key(f)): p for p in practices().values() for f in p.forms}


@dataclass(frozen=True)
class Rule:
    category: str
    where: str            # head, known or word
    words: tuple[str, ...]
    line: int


@lru_cache(maxsize=None)
def rules() -> tuple[tuple[str, ...], tuple[Rule, ...]]:
    """(suffixes stripped before heads are compared, longest first; the rules in file order)."""
    path = LEXICONS / "category_rules.tsv"
    strip: list[str] = []
    out: list[Rule] = []
    for n, line in _lines(path):
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) != 3 or not all(cells):
            raise LexiconError(f"{path}:{n}: expected 3 tab-separated columns (category, where, words)")
        cat, where, cell = cells
        words = tuple(w.strip() for w in cell.split(";") if w.strip())
        if where not in _WHERE:
            raise LexiconError(f"{path}:{n}: unknown rule kind {where!r} (expected {', '.join(_WHERE)})")
        if where in ("strip", "known") and cat != "-":
            raise LexiconError(f"{path}:{n}: a {where} row has category '-', not {cat!r}")
        if where == "strip":
            strip += words
            continue
        if out and _WHERE.index(where) < _WHERE.index(out[-1].where):
            raise LexiconError(f"{path}:{n}: a {where} row after a {out[-1].where} row (rows go head, known, word)")
        if where == "known":
            unknown = set(words) - set(KIND_FILE.values())
            if unknown:
                raise LexiconError(f"{path}:{n}: a known row names lexicons, not {sorted(unknown)!r}")
            out.append(Rule("", where, words, n))
            continue
        out.append(Rule(_category(cat, path, n), where, words, n))
    return tuple(sorted(strip, key=len, reverse=True)), tuple(out)


def stem(name: str) -> str:
    """The name without generic endings (依法决策工作机制 → 依法决策), at least two characters."""
    suffixes, _ = rules()
    cut = True
    while cut:
        cut = False
        for s in suffixes:
            if name.endswith(s) and len(name) - len(s) >= 2:
                name, cut = name[:-len(s)], True
                break
    return name


@lru_cache(maxsize=65536)
def place(kind: str, name: str) -> Placement:
    """The category (and practice, when known) of a mechanism or activity named `name`."""
    cats = categories()
    forms = _by_form()
    head = stem(key(name))
    practice = forms.get((kind, key(name))) or forms.get((kind, head))
    if practice is not None:
        return Placement(cats[practice.category], practice, "scheme")
    for rule in rules()[1]:
        if rule.where == "known":
            inner = _known_inside(key(name), rule.words)
            if inner is not None:
                return Placement(cats[inner.category], None, f"known {inner.name}")
            continue
        for w in rule.words:
            if head.endswith(w) if rule.where == "head" else w in name:
                return Placement(cats[rule.category], None, f"{rule.where} {w}")
    return Placement(cats[FALLBACK], None, "fallback")


@lru_cache(maxsize=None)
def _known_pattern(files: tuple[str, ...]) -> tuple[re.Pattern, dict[str, Practice]]:
    kinds = {k for k, f in KIND_FILE.items() if f in files}
    by = {key(f): p for p in practices().values() if p.kind in kinds for f in p.forms if len(key(f)) >= _KNOWN_MIN}
    return regex.compile("|".join(re.escape(f) for f in sorted(by, key=lambda f: (-len(f), f))) or "(?!)"), by


def _known_inside(name: str, files: tuple[str, ...]) -> Practice | None:
    """The known practice whose name the longest part of `name` is (leftmost of equals)."""
    rx, by = _known_pattern(files)
    hits = sorted((m.start() - m.end(), m.start(), m.group()) for i in range(len(name))
                  for m in [rx.match(name, i)] if m)
    return by[hits[0][2]] if hits else None
