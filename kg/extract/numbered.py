"""Numbered names that sum up a list (数字概括语): 责任机制、监督机制和评议考核“三到位”.

Government prose names a working principle by counting what it lists: the quote right
after “A、B和C” with 三 as its number is the name of those three together, a mechanism the
township holds to. The count must agree with the list, which keeps political slogans
(“两个维护”) and numbered plans apart.
"""
from __future__ import annotations

import re

from kg import regex
from kg.chinese import DIGITS, HAN, NUMERALS

_VALUE = DIGITS | {"十": 10}
_NUMBERED = regex.compile(rf"^([两{NUMERALS}])[{HAN}]{{1,4}}$")
_CLAUSE = regex.compile(r"[^，。；：！？,;:!?\n“”]*$")


def sums_up_list(text: str, quote_start: int, inner: str) -> bool:
    """Whether the quoted `inner` (三到位) at `quote_start` counts the list right before it."""
    m = _NUMBERED.match(inner)
    if not m:
        return False
    found = _CLAUSE.search(text, max(0, quote_start - 60), quote_start)     # matches, if only ""
    if found is None:
        return False
    clause = found.group(0)
    items = [i for i in re.split(r"[、和及与]", clause) if i]
    return len(items) >= 2 and len(items) == _VALUE[m.group(1)]
