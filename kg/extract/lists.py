"""Activities named by lists (列举): 开展A、B、C等活动, and topics before a publicity head.

Reports often name one activity per topic and the kind of work once, after the list:
开展反诈、禁毒等法治宣传活动 is a 反诈宣传 and a 禁毒宣传; 围绕“扫黑除恶、禁毒”等主题开展
宣传活动 the same; 组织廉政等警示教育活动 is a 廉政警示教育. A bare topic takes the head
of the kind of work (宣传, 警示教育, 培训 …); an item that names an activity already
(送法进校园, 禁毒宣传) stays as it is, and so does a list before plain 活动.
"""
from __future__ import annotations

import re
from functools import lru_cache

from kg import regex
from kg.extract.boundaries import last_trigger
from kg.extract.finders import finder
from kg.extract.gazetteers import gazetteer
from kg.extract.lexicon import aliases, load, pattern
from kg.extract.phrase import Candidate, Source, plain
from kg.model import Document

# the regexes are lexicons/patterns.tsv's lists.* (each commented there)
_SEP = pattern("lists.sep")
_LAW = regex.compile(pattern("lists.law"))

_LIST = regex.compile(pattern("lists.listed"))


@finder("listed_activities")
def listed_activities(doc: Document) -> list[Candidate]:
    """开展A、B、C等（…）活动: every item of the list is an activity of its own."""
    out = []
    for m in _LIST.finditer(doc.text):
        pos = m.start(1)
        items = [i for i in re.split(f"([{_SEP}])", m.group(1))]
        if any(_LAW.search(plain(i)) for i in items if i not in _SEP):
            continue                  # 开展宪法、民法典等学法考试活动: laws are what it was about
        for item in items:
            if item and item not in _SEP:
                cut = last_trigger(item)        # 组织177名干部开展宪法 → 宪法
                name = plain(item[cut:])
                if 2 <= len(name) <= 20 and not name.endswith(("的", "等")) and not re.search(r"[0-9]", name):
                    out.append(Candidate("activity", pos + cut, pos + len(item), name, Source.LIST_ITEM))
            pos += len(item)
    return out


# the kind of work named once after a topic list: its head is what each topic's activity is;
# 禁毒、反诈等法治宣传活动 (the items are read leftwards from 等)
_AFTER_LIST = regex.compile(pattern("lists.after_list"))
# 围绕“扫黑除恶、禁毒”等主题开展一系列的法制宣传活动
_AROUND = regex.compile(pattern("lists.around"))
_ITEM_CHARS = regex.compile(pattern("lists.item_char"))
_MEASURE = regex.compile(pattern("lists.measure"))
_NAMES_ACTIVITY = regex.compile(pattern("lists.names_activity"))


@lru_cache(maxsize=None)
def _heads() -> tuple[str, ...]:
    return tuple(h for h, _ in load("activity_heads.txt"))


def _is_topic(item: str) -> bool:
    """A bare topic (禁毒, 反电信网络诈骗), not a name of an activity (禁毒宣传, 送法进校园)."""
    known = aliases("activities.tsv").get(item)
    return (2 <= len(item) <= 12 and known != item        # 扫黑除恶 (→ …专项斗争) is a topic here
            and not any(h in item for h in _heads()) and not _NAMES_ACTIVITY.search(item))


def _items_before(text: str, end: int) -> int:
    """Start of the list of items that ends at `end` (the 等), read leftwards over Han characters."""
    start = end
    while start > 0 and _ITEM_CHARS.match(text[start - 1]):
        start -= 1
    if start > 0 and re.match(r"[0-9０-９一二两三四五六七八九十几多]", text[start - 1]):
        m = _MEASURE.match(text, start)        # 组织开展了3次廉政等…: 次 is a measure word
        if m:
            start = m.end()
    return start


@finder("topic_activities")
def topic_activities(doc: Document) -> list[Candidate]:
    """One activity per bare topic of a list before a publicity head (禁毒、反诈等宣传活动)."""
    text, out = doc.text, []
    for m in _AROUND.finditer(text):
        out += _topics(text, m.start("items"), m.start("items") + len(m.group("items")), m.end(), m.group("head"))
    for m in _AFTER_LIST.finditer(text):
        start = _items_before(text, m.start())
        out += _topics(text, start, m.start(), m.end(), m.group("head"))
    return out


def _topics(text: str, start: int, end: int, kind_end: int, head: str) -> list[Candidate]:
    """Candidates for the bare topics among text[start:end]; the last one covers the kind of
    work after it (…禁毒等法治宣传活动), so that summary is not an activity of its own."""
    from kg.extract.boundaries import boundary_prefix

    head = "宣传" if head == "普法" else head
    pieces, pos = [], start
    for piece in re.split(f"([{_SEP}])", text[start:end]):
        if piece and piece not in _SEP:
            pieces.append((pos, pos + len(piece)))
        pos += len(piece)
    out = []
    for k, (a, b) in enumerate(pieces):
        item = plain(text[a:b])
        while (m := boundary_prefix().match(item)) and m.end() < len(item) - 1:
            item = item[m.end():]                  # 常态化扫黑除恶 → 扫黑除恶
        if not _is_topic(item):
            continue
        last = k == len(pieces) - 1
        label = aliases("activities.tsv").get(item + head, item + head)
        out.append(Candidate("activity", a, kind_end if last else b, label, Source.CONSTRUCTION))
    return out


# 通过A、B、C等方式: the items are the ways the work was done, each an activity; channels and
# media (微信公众号, 宣传栏) are where it was published, not what was held
_WAYS = regex.compile(pattern("lists.ways"))
_CHANNEL = regex.compile(pattern("lists.channel"))


@finder("ways")
def ways(doc: Document) -> list[Candidate]:
    """通过集中学习、案例教学等方式: one activity per way listed."""
    out = []
    mech_rx, _ = gazetteer("mechanisms.tsv")
    for m in _WAYS.finditer(doc.text):
        if mech_rx.search(m.group("items")) or _RULE.search(m.group("items")):
            continue                  # 通过村规民约、四议两公开一监督等方式: ways of governing, mechanisms
        studied = _STUDIED.match(doc.text, m.end())
        pos = m.start("items")
        for item in re.split(f"([{_SEP}])", m.group("items")):
            if item and item not in _SEP:
                cut = last_trigger(item)
                name = plain(item[cut:])
                source = Source.LIST_ITEM
                if studied and _OCCASION.search(name):
                    name, source = name + studied.group(1), Source.CONSTRUCTION  # 通过党委会等形式组织学习: 党委会学习
                if 3 <= len(name) <= 16 and not _CHANNEL.search(name) and name.endswith(_way_ends()):
                    out.append(Candidate("activity", pos + cut, pos + len(item), name, source))
            pos += len(item)
    return out


@lru_cache(maxsize=None)
def _way_ends() -> tuple[str, ...]:
    """What an activity listed as a way ends with: an activity head, or a service done (服务, 纠纷, 教学)."""
    return _heads() + ("服务", "纠纷", "教学")


_RULE = regex.compile(pattern("lists.rule"))
_OCCASION = regex.compile(pattern("lists.occasion"))
_STUDIED = regex.compile(pattern("lists.studied"))
