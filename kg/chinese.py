"""Facts of the Chinese script every stage uses, defined once: the Han character class, the
numerals (一二三 …) and their values, and the numbered headings of a report (一、 （二） 第三部分).

Imports nothing of the project, so ingest and extract both read it.
"""
from __future__ import annotations

from kg import regex

# CJK Unified Ideographs, the characters of a Chinese word: a regex class body, [{HAN}].
# (Cleaning and reading use wider CJK ranges on purpose: Extension A, compatibility ideographs.)
HAN = r"\u4e00-\u9fff"
HAN_CHAR = regex.compile(f"[{HAN}]")

# The numerals of counts and numbered headings, 一 … 十.
NUMERALS = "一二三四五六七八九十"
CLAUSE_END = "，。；：！？,;:!?\n"     # what ends a clause (a 、 does not: list items share one)
# The value of each digit as written (两 is 二 before a measure word; 〇 and ○ are zeros in years).
DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
          "八": 8, "九": 9}
# Numeral units that multiply the digit before them (三十, 两千, 一万).
UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10_000}


def numeral_value(s: str) -> float | None:
    """两 -> 2, 十 -> 10, 三十五 -> 35, 百 -> 100, 两千 -> 2000; None when not a plain numeral."""
    total, current = 0, 0
    for ch in s:
        if ch in DIGITS:
            current = DIGITS[ch]
        elif ch in UNITS:
            total += (current or 1) * UNITS[ch]
            current = 0
        else:
            return None
    return float(total + current) if s else None


# How a numbered heading starts: 一、 二． （三） (4) 5、 — the mark, not the line.
HEADING_MARK = rf"[{NUMERALS}]+[、.．]|[（(][{NUMERALS}\d]+[)）]|\d+[、.．]"
# A line starting a heading (cleaning keeps it on its own line).
HEADING = regex.compile(rf"^\s*(?:{HEADING_MARK})")
# The same in a PDF's text layer, where chapters (第一章, 第二部分) also start headings.
PDF_HEADING = regex.compile(rf"^\s*(?:{HEADING_MARK}|第[{NUMERALS}\d]+[章节部分])")
# A report section's heading, by level: group 1 level 1 (一、 第三部分), group 2 level 2 (（一）).
SECTION_HEADING = regex.compile(
    rf"^[ \t\u3000]*(?:(第[{NUMERALS}]+部分|[{NUMERALS}]+[、.．])|([（(][{NUMERALS}]+[)）]))")
