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

from kg.extract.boundaries import last_trigger
from kg.extract.gazetteers import gazetteer
from kg.extract.lexicon import aliases, table
from kg.extract.phrase import HAN, Candidate, plain
from kg.model import Document

_SEP = "、和及与"
_LAW = re.compile(r"(?:宪法|[^方办]法|条例|规定|纲要)$")

_LIST = re.compile(
    rf"(?:开展了?|举办了?|举行了?|组织了?|参加了?|参与了?)((?:[{HAN}“”·.0-9]{{2,20}}[{_SEP}]){{1,8}}"
    rf"[{HAN}“”·.0-9]{{2,20}}?)等(?:各类|系列|多种|一系列|多项)?[{HAN}]{{0,10}}?活动")


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
                    out.append(Candidate("activity", pos + cut, pos + len(item), name, 4))
            pos += len(item)
    return out


# the kind of work named once after a topic list: its head is what each topic's activity is
_MODIFIERS = ("(?:(?:各类|各种|一系列|系列|多种形式|多种|多项|形式多样|丰富多彩)的?"
              "|专题|主题|法治|法制|普法|法律|廉政|集中)*")
_END = r"(?=[，。；：、,;:.\s0-9]|$)"          # the kind of work ends the clause: not 法治宣传“六进”活动
_KIND = rf"{_MODIFIERS}(?P<head>宣传教育|宣传|宣讲|警示教育|教育|培训|讲座)(?P<tail>活动)?{_END}"
# 禁毒、反诈等法治宣传活动 (the items are read leftwards from 等)
_AFTER_LIST = re.compile(rf"等{_KIND}")
# 围绕“扫黑除恶、禁毒”等主题开展一系列的法制宣传活动
_AROUND = re.compile(
    rf"围绕(?P<items>“?[{HAN}{_SEP}“”]{{2,60}}?”?)等(?:主题|内容|重点|方面|领域|热点问题|问题)[，,]?"
    rf"(?:[{HAN}]{{0,6}}?)(?:组织开展|开展|举办|举行|进行)了?{_MODIFIERS}(?P<head>宣传教育|宣传|宣讲|普法)"
    rf"(?P<tail>活动)?{_END}")
_ITEM_CHARS = re.compile(rf"[{HAN}“”{_SEP}]")
_MEASURE = re.compile(rf"[次场期个项批轮](?=[{HAN}])")
_NAMES_ACTIVITY = re.compile(rf"进[{HAN}]{{1,3}}$|下乡$|上门$|入户$")


@lru_cache(maxsize=None)
def _heads() -> tuple[str, ...]:
    return tuple(h for h, _ in table("activity_heads.txt", 2))


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
        out.append(Candidate("activity", a, kind_end if last else b, label, 2))
    return out


# 通过A、B、C等方式: the items are the ways the work was done, each an activity; channels and
# media (微信公众号, 宣传栏) are where it was published, not what was held
_WAYS = re.compile(r"(?:通过|利用|采取|运用|依托|采用|结合)"
                   rf"(?P<items>(?:[{HAN}“”]{{2,20}}[、和及]){{1,6}}[{HAN}“”]{{2,20}}?)"
                   rf"等(?:多种|各种|多样)?(?:举措|方式|形式|途径|措施|载体|手段)")
_CHANNEL = re.compile(r"公众号|微信|网站|网络|宣传栏|展板|LED|广播|电子屏|短信|"
                      r"抖音|微博|平台|媒体|媒介|视频|喇叭|显示屏|横幅|海报")


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
                rank = 4
                if studied and _OCCASION.search(name):
                    name, rank = name + studied.group(1), 2    # 通过党委会等形式组织学习: 党委会学习
                if 3 <= len(name) <= 16 and not _CHANNEL.search(name) and name.endswith(_way_ends()):
                    out.append(Candidate("activity", pos + cut, pos + len(item), name, rank))
            pos += len(item)
    return out


@lru_cache(maxsize=None)
def _way_ends() -> tuple[str, ...]:
    """What an activity listed as a way ends with: an activity head, or a service done (服务, 纠纷, 教学)."""
    return _heads() + ("服务", "纠纷", "教学")


_RULE = re.compile(r"制度|机制|公开|民主决策|村规民约|议事")
_OCCASION = re.compile(r"(?:中心组|党日|例会|会议|办公会|党委会|工委会|班子会|联席会)$")
_STUDIED = re.compile(r"[，,]?(?:组织|开展|进行|集中|深入|认真|专题)*(学习|学法)")
