"""From candidates to practices (消歧与整理): the longest non-overlapping spans win, labels
are trimmed to the short name a reader would write (`tidy`), and a label is folded into a
longer one of the same kind that contains it (`merge_variants`).
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache

from kg import regex
from kg.extract import sections
from kg.extract.boundaries import boundary_prefix
from kg.extract.lexicon import load, pattern
from kg.extract.phrase import Candidate, Source, generic_modifier, is_generic, plain, slogans
from kg.model import Document


def blocked_spans(doc: Document) -> list[tuple[int, int]]:
    """Spans no practice may overlap: cited titles in 《》."""
    return [(m.start(), m.end()) for m in re.finditer(r"《[^《》\n]*》", doc.text)]


def resolve_overlaps(cands: list[Candidate], blocked: list[tuple[int, int]]) -> list[Candidate]:
    """Keep the longest candidates that overlap neither each other nor a blocked span."""
    order = sorted(cands, key=lambda c: (-(c.end - c.start), c.source, c.start))
    spans = sorted(blocked)
    if any(s >= e for s, e in spans) or any(a[1] > b[0] for a, b in zip(spans, spans[1:], strict=False)) \
            or any(c.start >= c.end for c in order):
        return _resolve_slowly(order, blocked)
    # taken spans stay disjoint and non-empty: sorted by start they are sorted by end, and
    # the one starting last before c ends is the only one that can reach into c
    starts, ends = [s for s, _ in spans], [e for _, e in spans]
    kept = []
    for c in order:
        i = bisect.bisect_left(starts, c.end) - 1
        if i >= 0 and ends[i] > c.start:
            continue
        starts.insert(i + 1, c.start)
        ends.insert(i + 1, c.end)
        kept.append(c)
    return sorted(kept, key=lambda c: (c.start, c.end))


def _resolve_slowly(order: list[Candidate], blocked: list[tuple[int, int]]) -> list[Candidate]:
    taken = list(blocked)
    kept = []
    for c in order:
        if any(c.start < e and s < c.end for s, e in taken):
            continue
        taken.append((c.start, c.end))
        kept.append(c)
    return sorted(kept, key=lambda c: (c.start, c.end))


@lru_cache(maxsize=None)
def _non_activity() -> re.Pattern:
    """Modifiers that make X活动 something the township fights, not holds (违法犯罪活动)."""
    return regex.compile("(?:" + "|".join(re.escape(w) for w in load("non_activities.txt")) + ")活动$")


_TRAIL = regex.compile(pattern("resolve.trail"))
_ACT_TRAIL = regex.compile(pattern("resolve.act_trail"))
_LEAD_MEASURE = regex.compile(pattern("resolve.lead_measure"))
_GLUED_CONTAINS = regex.compile(pattern("resolve.glued_contains"))
_FRAGMENT = regex.compile(pattern("resolve.fragment"))
_REQUIREMENT = regex.compile(pattern("resolve.requirement"))


_LEADING_MARKS = "+＋-－—–·・、/／|｜"


def tidy(c: Candidate, before: str = "") -> Candidate | None:
    """The short name of a candidate: no leading verbs or adverbs, no trailing 工作/等; None if generic.

    `before` is the character before the candidate: a leading word a match began inside
    (不断完善… matched from 断完善…) is cut with the rest of it."""
    label = c.label
    if c.source is not Source.LEXICON:       # lexicon labels are canonical already
        start = c.start
        inside = boundary_prefix().match(before + label) if before else None
        if inside and 1 < inside.end() < len(label) - 1:     # 断完善… (不断完善) → 完善… → cut below
            label, start = label[inside.end() - 1:], start + inside.end() - 1
        lead = len(label) - len(label.lstrip(_LEADING_MARKS))      # “非遗传承+普法宣传” → not +普法宣传
        if lead < len(label):
            label, start = label[lead:], start + lead
        while True:
            m = boundary_prefix().match(label)
            if not m or m.end() >= len(label) - 1 or label[m.end()] in "性化":
                break                        # 规范性文件…, 规范化管理: the word goes on
            label, start = label[m.end():], start + m.end()
        lead = len(label) - len(label.lstrip("了的"))           # 形成了主要领导负责抓… → 主要领导…
        if 0 < lead < len(label) - 2:
            label, start = label[lead:], start + lead
        for cut in (_LEAD_MEASURE, _GLUED_CONTAINS):    # 3场次文明乡风宣传, 实事均包含法治宣传 → …宣传
            m = cut.match(label)
            if m:
                label, start = label[m.end():], start + m.end()
        label = _TRAIL.sub("", label)
        if _FRAGMENT.search(label):
            return None                          # 等重要节点, 形式学法, 全会精神
        if c.kind == "activity":
            label = _ACT_TRAIL.sub("", label)
            if _non_activity().search(label):
                return None
        else:
            label = _REQUIREMENT.sub("", label)  # “…、依法决策”工作要求 → …、依法决策
        if start != c.start:
            c = Candidate(c.kind, start, c.end, label, c.source)
    p = plain(label)
    if len(p) < 3 or (p in slogans() if c.source is Source.LEXICON else is_generic(p, c.kind)):
        return None
    return c if label == c.label else Candidate(c.kind, c.start, c.end, label, c.source)


_FACILITY_AFTER = regex.compile(pattern("resolve.facility_after"))
_STUDY_PLAN = regex.compile(pattern("resolve.study_plan"))
_DOCUMENT_AFTER = regex.compile(pattern("resolve.document_after"))
_CAMPAIGN_PLAN = regex.compile(pattern("resolve.campaign_plan"))
_PLAN_MADE = regex.compile(pattern("resolve.plan_made"))


_WORD_REST = regex.compile(pattern("resolve.word_rest"))


def _whole_word(text: str, c: Candidate) -> Candidate:
    """An activity cut before the rest of its last word (召开党委会议 matched as 党委会) takes it."""
    m = _WORD_REST.match(text, c.end) if c.kind == "activity" and c.source is not Source.LEXICON else None
    return Candidate(c.kind, c.start, m.end(), c.label + m.group(), c.source) if m else c


def _campaign_under_plan(text: str, c: Candidate) -> bool:
    """A five-year 普法 campaign named with the plan it is carried out under (依托“八五”普法规划),
    not with a plan being made (制定本镇“八五”普法规划): the campaign is held."""
    return bool(_CAMPAIGN_PLAN.search(c.label)) and not _PLAN_MADE.search(text, max(0, c.start - 14), c.start)


def practices(doc: Document, cands: list[Candidate]) -> list[Candidate]:
    """Tidy the labels, keep the longest non-overlapping ones, merge variants: one report's practices.

    Tidying first means a generic phrase (依法行政工作制度 → dropped) never hides a known
    name inside it.
    """
    # a name followed by 规划/方案 names a plan document (“八五”普法规划), not the practice;
    # an activity named under a problems or plans heading was not held (kg.extract.sections)
    cands = [_whole_word(doc.text, c) for c in cands]
    ends = {c.end for c in cands if c.kind == "activity"}
    # a known name followed by a hall or centre names the place (一站式服务大厅), not the practice
    cands = [c for c in cands
             if not (c.kind == "mechanism" and c.source is Source.LEXICON and _FACILITY_AFTER.match(doc.text, c.end))]
    cands = [c for c in cands
             if not (_DOCUMENT_AFTER.match(doc.text, c.end) and not _STUDY_PLAN.match(doc.text, c.end - 2)
                     and not _campaign_under_plan(doc.text, c))
             and not (c.kind == "activity" and (sections.in_unheld(doc, c.start) or _sums_up_list(doc.text, c, ends)
                                                or not _held_here(doc, c)))]
    tidied = [t for c in cands if (t := tidy(c, doc.text[c.start - 1:c.start] if c.start else "")) is not None]
    blocked = blocked_spans(doc)
    kept = resolve_overlaps(tidied, blocked)
    return merge_variants(sorted(kept + _titled(doc, tidied, blocked, kept), key=lambda c: (c.start, c.end)))


# a township's rule named for the arrangement it sets up: 《关于规范“三重一大”事项集体决策机制建设的规定》,
# 《…街道综合行政执法处罚案件集体讨论规定》
_MADE_FOR = regex.compile(pattern("resolve.made_for"))
_RULES_FOR = regex.compile(pattern("resolve.rules_for"))


def _titled(doc: Document, cands: list[Candidate], blocked: list[tuple[int, int]],
            kept: list[Candidate]) -> list[Candidate]:
    """A known mechanism a cited rule is made for (《党政主要负责人履行推进法治建设第一责任人职责规定》):
    the township holds to it by citing the rule. Only known names (Source.LEXICON) that end where the
    rule's kind word begins count, once each."""
    have = {c.label for c in kept}
    out = []
    known = [c for c in cands if c.kind == "mechanism" and c.source is Source.LEXICON]
    for a, b in blocked:
        made = _MADE_FOR.match(doc.text, a, b)
        if made and made.group("name") and plain(made.group("name")) not in have:
            name = plain(made.group("name"))
            have.add(name)
            out.append(Candidate("mechanism", made.start("name"), made.end("name"), name, Source.CONSTRUCTION))
            continue
        for c in known:
            if a < c.start and c.end < b \
                    and _RULES_FOR.match(doc.text, c.end) and c.label not in have:
                have.add(c.label)
                out.append(c)
    return out


_AFTER_DENG = regex.compile(pattern("resolve.after_deng"))
_PART_OF_NOUN = regex.compile(pattern("resolve.part_of_noun"))
_TOPIC_AFTER = regex.compile(pattern("resolve.topic_after"))
_NAMED_MARK = regex.compile(pattern("resolve.named_mark"))
_NOT_HELD_BEFORE = regex.compile(pattern("resolve.not_held_before"))
_KINDS_SUMMED = regex.compile(pattern("resolve.kinds_summed"))
_PROCEDURE_STEP = regex.compile(pattern("resolve.procedure_step"))
_AUDIENCE_LESSON = regex.compile(pattern("resolve.audience_lesson"))
_LESSON = regex.compile(pattern("resolve.lesson"))


def _held_here(doc: Document, c: Candidate) -> bool:
    """Whether an activity candidate names something held where it stands: not the modifier of a
    noun after it (普法宣传体系), not the topic of what is studied (扫黑除恶斗争重要指示批示), not
    an area of work named by a heading (（一）加强法治学习教育) unless the heading names a known or
    quoted event; nor what money is spent on, what others are told to do, a total of all kinds, a
    step of a procedure (律师审核环节), a lesson named by its audience."""
    text = doc.text
    if _PART_OF_NOUN.match(text, c.end) or _TOPIC_AFTER.match(text, c.end) or _PROCEDURE_STEP.search(c.label):
        return False
    if _NOT_HELD_BEFORE.search(text, max(0, c.start - 24), c.start) or _KINDS_SUMMED.match(text, max(0, c.start - 2)):
        return False        # 经费用于…, 要求各村加强…, 各类普法活动: spent on, told to others, a total
    if _LESSON.search(c.label) and _AUDIENCE_LESSON.search(text, max(0, c.start - 4), c.start):
        return False        # 给全镇党员干部授课: named by its audience
    if c.source is Source.LEXICON or _NAMED_MARK.search(text, max(0, c.start - 1), min(len(text), c.end + 1)):
        return True
    return not sections.in_heading(doc, c.start, c.end)


def _sums_up_list(text: str, c: Candidate, ends: set[int]) -> bool:
    """A phrase right after 等 that follows an activity (…现场法律咨询等法治宣传和法律服务活动)
    names the kind of the activities listed before it, not one of its own. After topics
    (违法建设、安全生产等专项执法行动) it is the activity; only head phrases (Source.HEAD) are read so."""
    if c.source is not Source.HEAD:
        return False
    m = _AFTER_DENG.search(text, max(0, c.start - 8), c.start)
    return m is not None and m.start() in ends


def merge_variants(cands: list[Candidate]) -> list[Candidate]:
    """A label inside a longer label of the same kind in the same report takes the longer one.

    “最多跑一次”改革 and 最多跑一次 are one practice; so are 法律明白人 and the
    法治带头人、法律明白人培养工程 it was named in.
    """
    labels: dict[str, set[str]] = {}
    for c in cands:
        labels.setdefault(c.kind, set()).add(plain(c.label))
    out = []
    for c in cands:
        own = plain(c.label)
        longer = [x for x in labels[c.kind] if own != x and own in x and _variant_of(own, x)]
        if longer:
            best = min(longer, key=lambda x: (len(x), x))
            c = Candidate(c.kind, c.start, c.end, best, c.source)
        out.append(c)
    return out


def _variant_of(short: str, long: str) -> bool:
    """short names the same practice as long: its start (最多跑一次 / …改革), one item of its list,
    or the same name after generic words (政府法律顾问制度).

    A name inside another one elsewhere is a different practice (政务公开 / 党务政务公开).
    """
    if long.startswith(short):
        return True
    if long.endswith(short) and generic_modifier().fullmatch(long[: -len(short)]):
        return True             # 法律顾问制度 / 政府法律顾问制度, 信息公开 / 政府信息公开
    i = long.find(short)
    while i > 0:
        if long[i - 1] == "、":
            return True
        i = long.find(short, i + 1)
    return False
