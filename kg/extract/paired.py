"""Practices that are a rule and the sessions held under it at once (成对的实践): “第一议题” is the
rule that every meeting first studies (a mechanism) and the study sessions held under it (an
activity); a 述法 rule a report says was carried out (开展年度述法, 实行领导班子述法制度) was
also held that year. The pairs are data (lexicons/paired_practices.tsv)."""
from __future__ import annotations

import re
from functools import lru_cache

from kg import regex
from kg.chinese import CLAUSE_END
from kg.extract import sections
from kg.extract.lexicon import load
from kg.model import Document, Mention

_BEFORE = 16          # how far back the cue may start: the same clause
_CLAUSE = regex.compile(f"[{CLAUSE_END}]")


@lru_cache(maxsize=None)
def _pairs() -> tuple[tuple[str, re.Pattern, str, str, re.Pattern | None], ...]:
    return tuple((kind, regex.compile(label), other, name, regex.compile(cue) if cue else None)
                 for kind, label, other, name, cue in load("paired_practices.tsv"))


def paired(doc: Document, practices: list[Mention]) -> list[Mention]:
    """The practices the found ones imply, once per label, on the evidence of the first that implies it."""
    have: dict[str, set[str]] = {"mechanism": set(), "activity": set()}
    for p in practices:
        have.setdefault(p.kind, set()).add(p.label)
    out = []
    for p in practices:
        for kind, label, other, name, cue in _pairs():
            m = label.search(p.label) if p.kind == kind else None
            if m is None:
                continue
            implied = name.format(**{k: v or "" for k, v in m.groupdict().items()})
            if len(implied) < 3 or any(implied in h or h in implied for h in have[other]):
                continue
            if cue is not None:
                before = doc.text[max(0, p.start - _BEFORE):p.start]
                before = _CLAUSE.split(before)[-1]
                if not cue.search(before):
                    continue
            if other == "activity" and sections.in_unheld(doc, p.start):
                continue
            have[other].add(implied)
            out.append(Mention(other, implied, p.start, p.end, p.surface))
    return out
