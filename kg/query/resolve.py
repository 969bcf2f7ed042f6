"""Parameter values as the graph stores them (参数解析): 行政许可法 → 中华人民共和国行政许可法.

Shipped queries compare a parameter with the stored value exactly, but analysts write
short titles (简称), aliases, a township without its 镇/乡/街道 suffix, 法律 for `Law` or
引用 for `cites`. A query says what a parameter names with a header line under its
`# param:` line (a line of its own, so the default stays the whole rest of the param line):

    # param: law = 中华人民共和国宪法
    # names: law = regulation

and before binding each such value is looked up in the graph (or, for a closed vocabulary,
in the ontology) by the rules of what it names, in order; the first rule that finds
anything decides. One match is bound; several are ambiguous and none is bound (the value
stays as given and matches nothing), since a guess would answer a question not asked.
Every value that is not bound exactly as given yields a note, one line for stderr.
"""
from __future__ import annotations

import difflib
import weakref
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg import regex
from kg.errors import QueryError
from kg.graph.vocab import ONTOLOGY, PREFIXES
from kg.kinds import FACTS, KINDS


@dataclass(frozen=True)
class Named:
    """What a parameter can name: its noun in messages, its rules in order, and where its
    stored values come from (SPARQL giving ?label and ?alias, or a vocabulary's terms)."""

    noun: str
    rules: tuple[str, ...]
    sparql: str = ""
    terms: tuple[str, ...] = ()


# what a `# names:` line may say; the rules are the functions in RULES below
NAMED = {
    "regulation": Named("法规", ("exact", "alias", "register", "prefix", "substring"), sparql="""
        SELECT DISTINCT ?label ?alias WHERE {
          { ?x a tkg:Regulation } UNION { [] tkg:cites ?x }
          ?x rdfs:label ?label .
          OPTIONAL { ?x skos:altLabel ?alias }
        }"""),
    "township": Named("乡镇", ("exact", "alias", "suffix", "prefix", "substring"), sparql="""
        SELECT DISTINCT ?label ?alias WHERE {
          ?x a tkg:Township ; rdfs:label ?label .
          OPTIONAL { ?x skos:altLabel ?alias }
        }"""),
    # stored as the class's local name (STRAFTER(STR(?class), "#")), named by the ontology's labels
    "kind": Named("类别", ("exact", "synonym"), terms=tuple(k.cls for k in KINDS)),
    # stored as the property's local name
    "relation": Named("关系", ("exact", "synonym"), terms=(*(f.predicate for f in FACTS), "hasBackgroundFigure")),
}

# names users write that the ontology's labels (法律, 行政法规/规章, 引用, 实行, …) and the
# build's kind keys (law, regulation, party_rule, policy, local) do not already give
EXTRA_SYNONYMS = {
    "AdministrativeRegulation": ("部门规章", "地方性法规", "地方政府规章"),
    "PartyRegulation": ("党规",),
    "cites": ("援引", "cite"),
    "adopts": ("采用", "建立", "adopt"),
    "conducts": ("举办", "组织", "conduct"),
    "hasIndicator": ("indicator",),
}

MAX_SUGGESTIONS, MAX_CANDIDATES = 5, 10
CLOSE = 0.4             # difflib ratio a suggestion needs: 行政许可X ~ 行政许可法 is 0.8, ~ 行政处罚法 0.4
NATIONAL = "中华人民共和国"
ONTOLOGY_FILE = Path(__file__).resolve().parents[1] / "ontology" / "township-kg.ttl"
_TRIM = regex.compile(r"^[\s《〈“\"']+|[\s》〉”\"']+$")


@dataclass(frozen=True)
class Resolved:
    """One parameter's value: as given, as bound, and the rule that decided (`exact`, `alias`,
    `register`, `suffix`, `prefix`, `substring`, `synonym`; `none` or `ambiguous` when
    nothing is bound but the value as given), with the names offered to the user."""

    param: str
    given: str
    value: str
    rule: str
    noun: str
    candidates: tuple[str, ...] = ()

    @property
    def note(self) -> str | None:
        """The line for stderr, or None when the value was stored exactly as given."""
        if self.rule == "none":
            hint = f"；您是否要找：{'、'.join(self.candidates)}" if self.candidates else ""
            return f"提示: 没有名为“{self.given}”的{self.noun}{hint}"
        if self.rule == "ambiguous":
            shown = "、".join(self.candidates[:MAX_CANDIDATES])
            more = f" 等 {len(self.candidates)} 个" if len(self.candidates) > MAX_CANDIDATES else ""
            return f"提示: {self.param}={self.given} 可指多个{self.noun}：{shown}{more}；未选用任何一个，请写出全名"
        if self.value != self.given:
            return f"已将 {self.param}={self.given} 解释为“{self.value}”"
        return None


class ParamNote(UserWarning):
    """A parameter value that was interpreted, matched nothing, or matched several (`.resolved`)."""

    def __init__(self, resolved: Resolved):
        super().__init__(resolved.note)
        self.resolved = resolved


@dataclass(frozen=True)
class Names:
    """The stored values something can be named by, and what else names them (alias → values)."""

    labels: tuple[str, ...]
    aliases: dict[str, frozenset[str]]


def resolve(graph, names: dict[str, str], values: dict[str, str]) -> dict[str, Resolved]:
    """Each given non-empty value of a parameter in `names` ({param: what it names}) resolved."""
    out: dict[str, Resolved] = {}
    for param, what in names.items():
        given = values.get(param)
        if given is None or not given.strip() or (given.startswith("<") and given.endswith(">")):
            continue          # empty means "any"; <…> is an IRI, bound as given
        out[param] = resolve_one(graph, param, what, given)
    return out


def resolve_one(graph, param: str, what: str, given: str) -> Resolved:
    """One value of a parameter naming `what` (a key of NAMED) in `graph`."""
    if what not in NAMED:
        raise QueryError(f"# names: {param} = {what}: unknown; a parameter may name {', '.join(NAMED)}")
    named = NAMED[what]
    known = names_of(graph, what)
    value = _TRIM.sub("", given) or given
    for rule in named.rules:
        found = sorted(RULES[rule](value, known))
        if len(found) == 1:
            return Resolved(param, given, found[0], rule, named.noun)
        if found:
            return Resolved(param, given, given, "ambiguous", named.noun, tuple(found))
    return Resolved(param, given, given, "none", named.noun, suggestions(value, known, bool(named.terms)))


def suggestions(value: str, known: Names, closed: bool) -> tuple[str, ...]:
    """Up to five stored values closest to `value` (by its names too); all terms of a small closed vocabulary."""
    best: dict[str, float] = {}
    forms = [(label, label) for label in known.labels]
    forms += [(alias, label) for alias, labels in known.aliases.items() for label in labels]
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(_plain(value))
    for form, label in forms:
        matcher.set_seq1(_plain(form))
        if matcher.real_quick_ratio() >= CLOSE and matcher.quick_ratio() >= CLOSE:
            best[label] = max(best.get(label, 0.0), matcher.ratio())
    ranked = [label for label, score in sorted(best.items(), key=lambda kv: (-kv[1], kv[0])) if score >= CLOSE]
    ranked = ranked[:MAX_SUGGESTIONS]
    if closed:                            # a closed vocabulary is short: offer all of it
        return tuple(f"{t}（{_zh(t)}）" if _zh(t) else t for t in ranked or known.labels)
    return tuple(ranked)


def _plain(name: str) -> str:
    """A name as compared for suggestions: the national prefix every law shares would make
    中华人民共和国不存在法 look like every law, so it is left out."""
    return name.removeprefix(NATIONAL).lower()


# --- the rules: (value, names) -> the stored values it finds -----------------------------

def _exact(value: str, known: Names) -> set[str]:
    return {value} if value in known.labels else set()


def _alias(value: str, known: Names) -> set[str]:
    return set(known.aliases.get(value, ()))


def _register(value: str, known: Names) -> set[str]:
    """The national law register's short titles (kg/data/laws.tsv): 行政许可法 → 中华人民共和国行政许可法."""
    from kg.extract.register import laws

    law = laws().get(value)
    return {law.title} if law and law.title in known.labels else set()


def _suffix(value: str, known: Names) -> set[str]:
    """A township written without its 镇/乡/街道/苏木: 付店 → 付店镇."""
    from kg.extract.register import TOWNSHIP_SUFFIXES, short_name

    return {label for label in known.labels if short_name(label, TOWNSHIP_SUFFIXES) == value}


def _prefix(value: str, known: Names) -> set[str]:
    return {label for label in known.labels if label.startswith(value)}


def _substring(value: str, known: Names) -> set[str]:
    return {label for label in known.labels if value in label}


def _synonym(value: str, known: Names) -> set[str]:
    key = value.lower().replace(" ", "").replace("_", "")
    return set(known.aliases.get(key, ()))


RULES = {"exact": _exact, "alias": _alias, "register": _register, "suffix": _suffix,
         "prefix": _prefix, "substring": _substring, "synonym": _synonym}


# --- where the stored values come from ----------------------------------------------------

_CACHE: "weakref.WeakKeyDictionary[object, dict[str, Names]]" = weakref.WeakKeyDictionary()


def names_of(graph, what: str) -> Names:
    """The stored values of `what` in `graph`: its labels, read once per graph object."""
    named = NAMED[what]
    if named.terms:
        return _vocabulary(what)
    try:
        cached = _CACHE.setdefault(graph, {})
    except TypeError:                     # a pyoxigraph Store cannot be weakly referenced: not cached
        cached = {}
    if what not in cached:
        from kg.query import execute

        labels: set[str] = set()
        aliases: dict[str, set[str]] = {}
        for row in execute(graph, named.sparql):
            label = row["label"].value
            labels.add(label)
            if row["alias"] is not None and row["alias"].value != label:
                aliases.setdefault(row["alias"].value, set()).add(label)
        cached[what] = Names(tuple(sorted(labels)), {k: frozenset(v) for k, v in aliases.items()})
    return cached[what]


@lru_cache(maxsize=None)
def _vocabulary(what: str) -> Names:
    """A closed vocabulary's terms and every name for each: the ontology's labels (zh split at
    '/', en without spaces), the build's kind keys (law → Law) and EXTRA_SYNONYMS, lower-cased."""
    terms = NAMED[what].terms
    aliases: dict[str, set[str]] = {}
    keys = {k.cls: k.key for k in KINDS}
    for term in terms:
        words = {term, keys.get(term, ""), *EXTRA_SYNONYMS.get(term, ())}
        for lang, label in _labels().get(term, ()):
            words.update(label.split("/") if lang == "zh" else [label])
        for word in words:
            if word:
                aliases.setdefault(word.lower().replace(" ", "").replace("_", ""), set()).add(term)
    return Names(terms, {k: frozenset(v) for k, v in aliases.items()})


def _zh(term: str) -> str:
    return next((label for lang, label in _labels().get(term, ()) if lang == "zh"), "")


@lru_cache(maxsize=1)
def _labels() -> dict[str, list[tuple[str, str]]]:
    """The ontology's rdfs:label of each of its terms (local name → [(language, label)])."""
    import pyoxigraph as ox

    out: dict[str, list[tuple[str, str]]] = {}
    label = ox.NamedNode(PREFIXES["rdfs"] + "label")
    for t in ox.parse(path=str(ONTOLOGY_FILE)):
        if t.predicate == label and isinstance(t.subject, ox.NamedNode) and t.subject.value.startswith(ONTOLOGY):
            out.setdefault(t.subject.value[len(ONTOLOGY):], []).append((t.object.language or "", t.object.value))
    return out
