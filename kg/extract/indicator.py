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

from kg.extract.lexicon import words
from kg.extract.spans import Spans
from kg.model import Document, Mention

_CN = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
       "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10_000}
_MULT = {"万": 10_000, "千": 1_000, "百": 100, "亿": 100_000_000}
_CLAUSE_STOP = "，。；：！？、,;:\n（）()“”《》"
_SENTENCE_STOP = "，。；：！？,;:\n"
_NAME_STOP = "，。；：！？、,;:\n（）()"
_LEAD = re.compile(r"^(?:\d{4}年度?|其中|同时|全年|今年以来|今年来|年内|本年度|截至目前|目前|"
                   r"先后|累计|共计|总计|共|已|均|并|还|现有|现|有|"
                   r"全乡|全镇|全街道|我乡|我镇|我街道|本乡|本镇|乡|镇|一年来|年初以来|做到了?|确保|实现了?|达到|"
                   r"将|把|对|向|在)+")
_TRAIL = re.compile(r"(?:共计|总计|累计|共|达到|达|为|超过|超|逾|近|(?<![民公合条])约|已|均|合计|计|了|过|"
                    r"实现|保持|提升至|提高到|提高至)+$")
_VERB = re.compile(r"组织|开展|举办|召开|进行|完成|调整|新增|购置|新购置|安装|建成|培养|配备|配齐|聘请|划分|设立|"
                   r"成立|组建|选派|吸纳|覆盖|发放|印发|张贴|悬挂|走访|受理|办理|化解|排查|调处|调解|参加|参与|"
                   r"接待|提供|出具|审核|审查|签订|录制|制作|推送|发布|培训|宣讲|实现|实施|落实|集中|深入|累计|"
                   r"推动|帮助|指导|带动|动员|引导|督促|推进|共计|共|先后|了|过|再|又|还")
_HELD = re.compile(r"(?:召开|听取|开展|组织|举办|举行|进行|研究|部署|通报)$")
# where the counted thing starts inside a long clause: after 累计 / 共计 / 其中 / …等
_CUT = re.compile(r"累计|共计|总计|合计|其中|先后|全年|今年以来|等(?!级|次)")
_SHARED = re.compile(r"([\u4e00-\u9fff]{1,8}(?:[、和及与][\u4e00-\u9fff]{1,8})+)(?:均|都)(?:达到?|为|保持|在)?$")
_TIME_UNITS = ("小时", "天", "个")
# after a time or count: a duration or attribute, not a figure (3个工作日内, 24小时服务站, 3个月);
# 内设机构 / 内部 are nouns after a count (6个内设机构), not a time limit
_NOT_AFTER = re.compile(r"^(?:内(?![设部容])|以内|之内|工作日|月|小时|季度|年|"
                        r"不打烊|全天候|值班|在线|自助|智慧|服务|制)")


def chinese_number(s: str) -> float | None:
    """两 -> 2, 十 -> 10, 三十五 -> 35, 百 -> 100, 两千 -> 2000; None when not a plain numeral."""
    total, current = 0, 0
    for ch in s:
        if ch in _CN:
            current = _CN[ch]
        elif ch in _CN_UNITS:
            total += (current or 1) * _CN_UNITS[ch]
            current = 0
        else:
            return None
    return float(total + current) if s else None


@lru_cache(maxsize=None)
def _units() -> tuple[str, ...]:
    return tuple(sorted(words("units.txt"), key=len, reverse=True))


@lru_cache(maxsize=None)
def _pattern() -> re.Pattern:
    units = "|".join(re.escape(u) for u in _units())
    cn_units = "|".join(re.escape(u) for u in sorted(words("chinese_numeral_units.txt"), key=len, reverse=True))
    arabic = (rf"(?<![\d.\-—/第号])(?P<num>\d+(?:\.\d+)?)\s*(?P<mult>[万千亿])?(?P<approx>余|多|以上|左右)?"
              rf"(?P<unit>{units})(?P<after>以上)?")
    chinese = (rf"(?P<cn>[两二三四五六七八九]?[十百千万][一二三四五六七八九]?|[两二三四五六七八九]|一(?=次(?!性)))"
               rf"(?P<cnapprox>余|多)?(?P<cnunit>{cn_units})")
    # every match starts with a digit or a numeral: one set lookup rejects most positions
    return re.compile(rf"(?=[\d一两二三四五六七八九十百千万])(?:{arabic}|{chinese})")


@lru_cache(maxsize=None)
def _background() -> re.Pattern:
    return re.compile("|".join(f"(?:{rx})" for rx in words("background_cues.txt")))


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
    if prev in "第每前后这那其周星初":
        return False
    if m.group("cn") == "一":          # 每季度听取一次汇报: 一 counts only right after a verb of holding
        return bool(_HELD.search(text, max(0, i - 2), i))
    nxt = text[m.end():m.end() + 1]
    if not prev or prev in _CLAUSE_STOP or prev in " 共计达约近逾超有":
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
        labels = re.split(r"[、和及与]", shared.group(1)) if shared else [name]
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
_MARKS = re.compile(r"[\s“”‘’\"《》]")
_LEAD_AND = re.compile(r"^[和及与、]")
_UNIT_BEFORE_VERB = re.compile(r"^[\u4e00-\u9fff]{1,4}?(?:乡|镇|街道|苏木)(?=(?:%s))" % _VERB.pattern)
_EVERY_KIND = re.compile(r"各类|各种|各项")
_ASPECT = re.compile(r"[了过]")
_ABOUT = re.compile(r"^(?:以上|余|多)")
_NEXT_FIGURE = re.compile(r"[和及与、]?\d")
