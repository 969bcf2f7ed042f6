"""Indicators (指标): figures of the year's work, as value + unit, with a short name."""
from __future__ import annotations

import re
from functools import lru_cache

from kg.extract.lexicon import words
from kg.model import Document, Mention

_CN = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
       "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_MULT = {"万": 10_000, "千": 1_000, "百": 100, "亿": 100_000_000}
_CLAUSE_STOP = "，。；：！？、,;:\n（）()“”《》"
_SENTENCE_STOP = "，。；：！？,;:\n"
_LEAD = re.compile(r"^(?:\d{4}年度?|其中|同时|全年|今年以来|年内|本年度|截至目前|目前|先后|累计|共计|总计|共|已|均|并|还|现|全乡|全镇|我乡|我镇|乡|镇)+")
_TRAIL = re.compile(r"(?:共计|总计|累计|共|达到|达|为|超过|逾|近|约|已|均|合计|计)+$")
_VERBS = {"组织", "配齐", "聘请", "完成", "调整", "新增", "购置", "新购置", "安装", "建成", "培养", "配备", "开展", "举办", "召开", "进行", "划分", "设立", "成立", "组建", "选派", "吸纳", "覆盖"}
_SHARED = re.compile(r"([\u4e00-\u9fff]{1,8}(?:[、和及与][\u4e00-\u9fff]{1,8})+)(?:均|都)(?:达到?|为|保持|在)?$")


def chinese_number(s: str) -> float | None:
    """两 -> 2, 十 -> 10, 三十五 -> 35, 一百二十 -> 120; None when it is not a plain numeral."""
    total, current = 0, 0
    for ch in s:
        if ch in _CN:
            current = _CN[ch]
        elif ch in _CN_UNITS:
            total += (current or 1) * _CN_UNITS[ch]
            current = 0
        else:
            return None
    return float(total + current)


@lru_cache(maxsize=None)
def _pattern() -> re.Pattern:
    units = "|".join(re.escape(u) for u in sorted(words("units.txt"), key=len, reverse=True))
    cn_units = "|".join(re.escape(u) for u in sorted(words("chinese_numeral_units.txt"), key=len, reverse=True))
    arabic = rf"(?<![\d.\-—/第])(?P<num>\d+(?:\.\d+)?)(?P<mult>[万千亿])?(?P<approx>余|多|以上|左右)?(?P<unit>{units})(?P<after>以上)?"
    chinese = (rf"(?P<cn>[两二三四五六七八九][十百]?[一二三四五六七八九]?|十[一二三四五六七八九]?)"
               rf"(?P<cnapprox>余|多)?(?P<cnunit>{cn_units})")
    return re.compile(f"{arabic}|{chinese}")


@lru_cache(maxsize=None)
def _background() -> re.Pattern:
    return re.compile("|".join(f"(?:{rx})" for rx in words("background_cues.txt")))


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"“[^”\n]{0,40}”|《[^》\n]{0,80}》", text)]


def extract(doc: Document) -> list[Mention]:
    """Every work figure in the report; background figures carry attrs['background']=True."""
    text = doc.text
    quoted = _quoted_spans(text)
    out: list[Mention] = []
    for m in _pattern().finditer(text):
        if any(a <= m.start() < b for a, b in quoted):
            continue
        if m.group("num") is not None:
            value = float(m.group("num")) * _MULT.get(m.group("mult") or "", 1)
            unit = m.group("unit")
        else:
            if m.group("cn") and _preceded_by_word(text, m.start()):
                continue
            value = chinese_number(m.group("cn"))
            unit = m.group("cnunit")
            if value is None:
                continue
        clause_start = _clause_start(text, m.start())
        before = text[clause_start:m.start()]
        name = _name(before, text, m.end())
        background = bool(_background().search(before))
        shared = _SHARED.search(text[_clause_start(text, m.start(), _SENTENCE_STOP):m.start()])
        copies = len(re.split(r"[、和及与]", shared.group(1))) if shared else 1
        for i in range(copies):
            label = re.split(r"[、和及与]", shared.group(1))[i] if shared else name
            out.append(Mention("indicator", label or name, clause_start, m.end(), text[clause_start:m.end()],
                               {"value": value, "unit": unit, "name": label or name, "background": background}))
    return out


def _preceded_by_word(text: str, i: int) -> bool:
    """A Chinese numeral glued to a preceding noun is part of a name (三重一大, 二十大)."""
    prev = text[i - 1] if i else ""
    return prev in "第每前后这那其周星" or (prev and "\u4e00" <= prev <= "\u9fff" and prev not in
                                         "共计达开展举办组织进行召开完成发放参加有到过行了办设立建聘请新增购置安装划分为配齐计")


def _clause_start(text: str, i: int, stops: str = _CLAUSE_STOP) -> int:
    j = i
    while j > 0 and text[j - 1] not in stops and i - j < 30:
        j -= 1
    return j


def _name(before: str, text: str, after_end: int) -> str:
    """What is counted: the clause before the number, else the noun right after the unit."""
    name = _TRAIL.sub("", _LEAD.sub("", before.strip()))
    if len(name) <= 4 and name in _VERBS or len(name) < 2:
        k = after_end
        while k < len(text) and text[k] not in _CLAUSE_STOP and k - after_end < 16:
            k += 1
        name = (name if name in _VERBS else "") + text[after_end:k]
    return name.strip()[:24]
