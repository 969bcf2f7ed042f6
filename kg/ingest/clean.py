"""Text cleaning for reports as they really arrive (清洗): width, spacing, broken lines, artifacts."""
from __future__ import annotations

import re

from kg import regex
from kg.chinese import HEADING

# Full-width ASCII digits, letters and a few symbols to half-width; Chinese punctuation
# (，。（）：；) is kept as written because titles are quoted with it.
_WIDTH: dict[int, int | None] = {ord(c): ord(c) - 0xFEE0 for c in "０１２３４５６７８９％．"}
_WIDTH.update({ord(c): ord(c) - 0xFEE0 for c in map(chr, range(0xFF21, 0xFF3B))})
_WIDTH.update({ord(c): ord(c) - 0xFEE0 for c in map(chr, range(0xFF41, 0xFF5B))})
_WIDTH.update({0x3000: 0x20, 0x00A0: 0x20, 0xFEFF: None, 0x200B: None, 0x2002: 0x20, 0x2003: 0x20})
# translate() looks up every character; only the few that change are replaced here
_WIDTH_TEXT = {chr(k): "" if v is None else chr(v) for k, v in _WIDTH.items()}
_WIDE = regex.compile("[" + "".join(re.escape(c) for c in sorted(_WIDTH_TEXT)) + "]")

# Control and format characters carry no text; lone surrogates cannot be written as UTF-8
# at all, and bidi overrides make a label read differently from what it is.
_CONTROL = regex.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff"
                      "\u202a-\u202e\u2066-\u2069\ufff9-\ufffb\ufffe\uffff]")
_LINE_BREAKS = regex.compile("[\x85\u2028\u2029\v\f]")
_ARTIFACTS = regex.compile(r"\[(?:bookmark|image|footnote|comment)[^\]]*\]|<!--.*?-->|\*\*|__")
_HEADING_MARK = regex.compile(r"^\s*#{1,6}\s*")
_CJK = r"\u3400-\u9fff"
# Spaces between CJK characters, digits and units carry no meaning: 2023 年, 130 件, 97.56 %.
_INNER_SPACE = regex.compile(rf"(?<=[{_CJK}0-9%.）)》”])[ \t]+(?=[{_CJK}0-9%（(《“])")
_PAGE_NUMBER = regex.compile(r"^\s*[-—–－]?\s*(?:第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?|\d{1,3})\s*[-—–－]?\s*$")
_NAV = regex.compile(r"(当前位置|首页\s*[>›»]|字号[:：]|【\s*打印|发布时间[:：]|来源[:：]|浏览次数|分享到)")
# A breadcrumb is short items between > marks (政务公开 > 法治政府 > 年度报告), no sentence.
_CRUMB = regex.compile(r"^[^，。；<>›»]{1,16}(?:\s*[>›»]\s*[^，。；<>›»]{1,16}){2,}$")
_SENTENCE_END = tuple("。！？；：!?;:…”）)】」』")
# Text copied through the web often quotes with ASCII marks ("最多跑一次"改革): in a line of
# Chinese they are Chinese quotation marks, opening and closing in turn.
_ASCII_QUOTES = regex.compile(r'"([^"\n]{1,40})"')
_HAS_CJK = regex.compile(rf"[{_CJK}]")
_TITLE = regex.compile(r"(报告|总结|汇报|人民政府|委员会|办事处)$")
_HEADING_START = HEADING


def clean(text: str) -> str:
    """Normalize a raw report text; the result is what offsets in the graph refer to."""
    text = _WIDE.sub(lambda m: _WIDTH_TEXT[m.group()], text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _CONTROL.sub("", _LINE_BREAKS.sub("\n", text))
    lines = []
    for raw in text.split("\n"):
        line = _ARTIFACTS.sub("", _HEADING_MARK.sub("", raw))
        if '"' in line and _HAS_CJK.search(line):
            line = _ASCII_QUOTES.sub(r"“\1”", line)
        line = _INNER_SPACE.sub("", line).strip()
        if _PAGE_NUMBER.match(line) and line:
            continue
        lines.append(line)
    lines = _drop_navigation(lines)
    return "\n".join(_join_broken(lines)).strip() + "\n"


def _drop_navigation(lines: list[str]) -> list[str]:
    """Drop web-page navigation and metadata lines that precede the report's body."""
    head = min(len(lines), 15)
    return [ln for i, ln in enumerate(lines) if not (i < head and _is_navigation(ln))]


def _is_navigation(line: str) -> bool:
    """Page furniture has no sentences: a line with 。 (or a long one) is report text."""
    return (len(line) <= 100 and "。" not in line) and bool(_NAV.search(line) or _CRUMB.match(line))


def _join_broken(lines: list[str]) -> list[str]:
    """Re-join paragraphs split by page breaks: a long line without closing punctuation
    continues on the next non-empty line unless that line starts a heading."""
    out: list[str] = []
    pending_join = False
    for line in lines:
        if not line:
            if not pending_join:
                out.append(line)
            continue
        if pending_join and out and not _HEADING_START.match(line):
            out[-1] += line
        else:
            out.append(line)
        last = out[-1]
        pending_join = (len(last) >= 30 and not last.endswith(_SENTENCE_END)
                        and not _HEADING_START.match(last) and not _TITLE.search(last))
    # collapse runs of blank lines
    collapsed: list[str] = []
    for line in out:
        if line or (collapsed and collapsed[-1]):
            collapsed.append(line)
    return collapsed
