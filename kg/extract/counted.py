"""Activities a figure counts (计次活动): 开展专题研讨4次, 召开主任办公会27次, 普法课堂7场次.

A report counts what it held: a figure in an event unit (次, 场, 期 …, lexicons/event_units.txt)
names an activity, even one no head word or construction knows (修改文书20次, 集体讨论3次).
What the figure counts is read by the indicator finder; here it becomes an activity where no
other practice was found in the same clause, with the verbs before it cut off.
"""
from __future__ import annotations

from functools import lru_cache

from kg import regex
from kg.extract.boundaries import last_trigger
from kg.extract.lexicon import alternatives, load, pattern
from kg.extract.phrase import Candidate, Source
from kg.extract.resolve import tidy
from kg.extract.spans import Spans
from kg.model import Document, Mention


@lru_cache(maxsize=None)
def _units() -> frozenset[str]:
    return frozenset(load("event_units.txt"))


_MEASURE = regex.compile(pattern("counted.measure"))
_NOT_NAME = regex.compile(pattern("counted.not_name"))
_FILLERS = alternatives("shared.every_kind")       # 各类, 各种, 各项
_HELD = regex.compile(rf"^(?:{pattern('indicator.held')})+(?=..)")   # 进行两次消防演练: the verb is not the name


def counted(doc: Document, indicators: list[Mention], practices: list[Mention]) -> list[Mention]:
    """One activity per figure in an event unit whose clause holds no practice yet."""
    taken = Spans((p.start, p.end) for p in practices)
    out: list[Mention] = []
    for ind in indicators:
        a = ind.attrs
        if a.get("unit") not in _units() or a.get("background"):
            continue
        name = a.get("name") or ""
        name = _HELD.sub("", _MEASURE.sub("", name[last_trigger(name):]))     # 开展3次物资保供 → 物资保供
        if not name or _NOT_NAME.search(name):
            continue
        start, end, name = _as_written(doc.text, name, ind.start, ind.end)
        if taken.overlaps(start, end):
            continue                           # a finder named it already
        t = tidy(Candidate("activity", start, end, name, Source.LIST_ITEM))
        if t is None:
            continue
        taken.add(start, end)
        out.append(Mention("activity", t.label, start, end, doc.text[start:end]))
    return out


def _as_written(text: str, name: str, start: int, end: int) -> tuple[int, int, str]:
    """Where the clause writes `name`, and how: the figure's name drops 各类 (修改各类文书 → 修改文书),
    the activity keeps it. The whole clause when the name is not there as such."""
    at = text.find(name, start, end + len(name))      # in the figure, or right after it (举办4期培训班)
    if at >= 0:
        return at, at + len(name), name
    for k in range(1, len(name)):
        for filler in _FILLERS:
            form = name[:k] + filler + name[k:]
            at = text.find(form, start, end)
            if at >= 0:
                return at, at + len(form), form
    return start, end, name
