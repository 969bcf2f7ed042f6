"""Indicators (指标): figures of the year's work, as value + unit, with a short name.

A figure is a number (Arabic, or a Chinese numeral such as 两场, 十余项, 百余人) with a counting
unit from units.txt; 万/千/亿 multiply (1.2万份 -> 12000 份) except in money units written
as such (5万元 -> 5 万元). Not figures: dates, years, document and section numbers, phone and
hotline numbers (no unit follows), numbers inside quotes or slogans (一村一法律顾问, 三项制度),
time limits and round-the-clock attributes (3个工作日内, 24小时服务站). Figures describing the
place (辖12个行政村, 总人口3.5万人) are kept but marked background.
"""
from __future__ import annotations

import re
from functools import lru_cache

from kg import regex
from kg.chinese import numeral_value
from kg.extract.lexicon import alternatives, load, pattern
from kg.extract.spans import Spans
from kg.model import Document, Mention

_MULT = {"万": 10_000, "千": 1_000, "百": 100, "亿": 100_000_000}
_CLAUSE_STOP = "，。；：！？、,;:\n（）()“”《》"
_SENTENCE_STOP = "，。；：！？,;:\n"
_NAME_STOP = "，。；：！？、,;:\n（）()"
# the words and constructions are lexicons/patterns.tsv's indicator.* (each commented there)
_LEAD = regex.compile(rf"^(?:{pattern('indicator.lead')})+")
_TRAIL = regex.compile(rf"(?:{pattern('indicator.trail')})+$")
_VERB = regex.compile(pattern("indicator.verb"))
_HELD = regex.compile(rf"(?:{pattern('indicator.held')})$")
_CUT = regex.compile(pattern("indicator.cut"))
_SHARED = regex.compile(pattern("indicator.shared"))
_AND = regex.compile(pattern("indicator.and"))
_TIME_UNITS = alternatives("indicator.time_units")
_NOT_AFTER = regex.compile(rf"^(?:{pattern('indicator.not_after')})")
_NOT_COUNTED_AFTER = pattern("indicator.not_counted_after")
_NOT_COUNTED_BEFORE = regex.compile(pattern("indicator.not_counted_before"))
_COUNTED_AFTER = regex.compile(pattern("indicator.counted_after"))


chinese_number = numeral_value       # 两 -> 2, 三十五 -> 35 (kg.chinese)


@lru_cache(maxsize=None)
def _units() -> tuple[str, ...]:
    return tuple(sorted(load("units.txt"), key=len, reverse=True))


@lru_cache(maxsize=None)
def _pattern() -> re.Pattern:
    units = "|".join(re.escape(u) for u in _units())
    cn_units = "|".join(re.escape(u) for u in sorted(load("chinese_numeral_units.txt"), key=len, reverse=True))
    return regex.compile(pattern("indicator.figure", UNITS=units, CN_UNITS=cn_units))


@lru_cache(maxsize=None)
def _background() -> re.Pattern:
    return regex.compile("|".join(f"(?:{rx})" for rx in load("background_cues.txt")))


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"“[^”\n]{0,40}”|《[^》\n]{0,80}》|「[^」\n]{0,40}」", text)]


def _value_unit(m: re.Match, text: str) -> tuple[float, str] | None:
    """(value, unit) of a match, or None when the match is not a figure."""
    if m.group("num") is not None:
        unit = m.group("unit")
        if m.group("mult") in ("万", "亿") and unit == "元":     # money keeps 万元 as its unit
            return float(m.group("num")), m.group("mult") + unit
        value = float(m.group("num")) * _MULT.get(m.group("mult") or "", 1)
    else:
        if not _chinese_ok(text, m):
            return None
        written = chinese_number(m.group("cn"))
        unit = m.group("cnunit")
        if written is None:
            return None
        value = written
    if unit in _TIME_UNITS and _NOT_AFTER.match(text[m.end():m.end() + 4]):
        return None
    if unit == "小时" and value == 24:
        return None
    return value, unit


def _chinese_ok(text: str, m: re.Match) -> bool:
    """A Chinese numeral is a figure after a verb or a stop, or when it ends its clause (讲座两场，)."""
    i = m.start()
    prev = text[i - 1] if i else ""
    if prev in _NOT_COUNTED_AFTER or _NOT_COUNTED_BEFORE.match(text, m.end()):
        return False
    if m.group("cn") == "一":          # 每季度听取一次汇报: 一 counts only right after a verb of holding
        return bool(_HELD.search(text, max(0, i - 2), i))
    nxt = text[m.end():m.end() + 1]
    if not prev or prev in _CLAUSE_STOP or _COUNTED_AFTER.fullmatch(prev):
        return True
    if re.search(rf"(?:{_VERB.pattern})$", text[max(0, i - 4):i]):
        return True
    return not nxt or nxt in _CLAUSE_STOP or bool(m.group("cnapprox"))


def extract(doc: Document) -> list[Mention]:
    """Every work figure in the report; background figures carry attrs['background']=True."""
    text = doc.text
    quoted = Spans(_quoted_spans(text))
    out: list[Mention] = []
    last_background = -1       # end of the last background figure, to carry it along a list
    for m in _pattern().finditer(text):
        if quoted.holds(m.start()):
            continue
        vu = _value_unit(m, text)
        if vu is None:
            continue
        value, unit = vu
        clause_start = _clause_start(text, m.start())
        before = text[clause_start:m.start()]
        name = _name(text[_clause_start(text, m.start(), _NAME_STOP):m.start()], text, m.end())
        background = bool(_background().search(before + m.group(0)))
        if (not background and last_background >= 0 and not re.search(r"[。；;！？\n]", text[last_background:m.start()])
                and not _VERB.search(before)):
            background = True  # 辖8个行政村、1个社区，152个村民小组: the list goes on describing the place
        if background:
            last_background = m.end()
        shared = _SHARED.search(text[_clause_start(text, m.start(), _SENTENCE_STOP):m.start()])
        labels = _AND.split(shared.group(1)) if shared else [name]
        for label in labels:
            out.append(Mention("indicator", label or name, clause_start, m.end(), text[clause_start:m.end()],
                               {"value": value, "unit": unit, "name": label or name, "background": background}))
    return out


def _clause_start(text: str, i: int, stops: str = _CLAUSE_STOP) -> int:
    j = i
    while j > 0 and text[j - 1] not in stops and i - j < 30:
        j -= 1
    return j


def _name(before: str, text: str, after_end: int) -> str:
    """What is counted: the clause before the number, plus the noun after the unit when the
    clause before is only verbs (组织开展了3次警示教育活动 -> 组织开展警示教育活动)."""
    name = _MARKS.sub("", before)
    after = _after_noun(text, after_end)
    prior = list(_pattern().finditer(name))
    if prior:                              # 3名X和64名Y / X3名及Y1名: after the earlier figure
        name = name[prior[-1].end():]
        if not name or name[-1] in "和及与、":
            return after[:24]
        name = _LEAD_AND.sub("", name)
    for cut in reversed(list(_CUT.finditer(name))):
        if len(_TRAIL.sub("", name[cut.end():])) >= 2:
            name = name[cut.end():]
            break
    name = _TRAIL.sub("", _LEAD.sub("", name))
    name = _UNIT_BEFORE_VERB.sub("", name)
    name = _EVERY_KIND.sub("", name)
    if len(name) < 2 or not _VERB.sub("", name):
        name = (_ASPECT.sub("", name) if len(name) >= 2 else "") + after
    return name.strip()[:24]


def _after_noun(text: str, start: int) -> str:
    k = start
    while k < len(text) and text[k] not in _CLAUSE_STOP and k - start < 16:
        k += 1
    noun = _ABOUT.sub("", text[start:k].strip())
    return _NEXT_FIGURE.split(noun, maxsplit=1)[0]       # 32名网格员和64名…: up to the next figure


# compiled once (re's own cache costs a lookup per call, thousands of calls a report)
_MARKS = regex.compile(r"[\s“”‘’\"《》]")
_LEAD_AND = regex.compile(r"^[和及与、]")
_UNIT_BEFORE_VERB = regex.compile(pattern("indicator.township_before_verb"))
_EVERY_KIND = regex.compile(pattern("shared.every_kind"))
_ASPECT = regex.compile(r"[了过]")
_ABOUT = regex.compile(r"^(?:以上|余|多)")
_NEXT_FIGURE = regex.compile(r"[和及与、]?\d")
