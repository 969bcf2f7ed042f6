"""Numbered names that sum up a list (数字概括语): 责任机制、监督机制和评议考核“三到位”.

Government prose names a working principle by counting what it lists: the quote right
after “A、B和C” with 三 as its number is the name of those three together, a mechanism the
township holds to. The count must agree with the list, which keeps political slogans
(“两个维护”) and numbered plans apart.
"""
from __future__ import annotations

import re

from kg import regex
from kg.chinese import CLAUSE_END, DIGITS, HAN, NUMERALS
from kg.extract.finders import finder
from kg.extract.lexicon import pattern
from kg.extract.phrase import Candidate, Source
from kg.model import Document

_VALUE = DIGITS | {"十": 10}
_NUMBERED = regex.compile(rf"^([两{NUMERALS}])[{HAN}]{{1,4}}$")
_STOP = regex.compile(f"[{CLAUSE_END}“”]")


def sums_up_list(text: str, quote_start: int, inner: str) -> bool:
    """Whether the quoted `inner` (三到位) at `quote_start` counts the list right before it."""
    m = _NUMBERED.match(inner)
    if not m:
        return False
    clause = _STOP.split(text[max(0, quote_start - 60):quote_start])[-1]      # after the last stop
    items = [i for i in re.split(r"[、和及与]", clause) if i]
    return len(items) >= 2 and len(items) == _VALUE[m.group(1)]


# a numbered word written without quotation marks right after a list (机构、人员、责任三落实):
# the words that sum up parallel items (lexicons/patterns.tsv numbered.sums)
_UNQUOTED = regex.compile(rf"(?<=[{HAN}])(?P<name>[两{NUMERALS}](?:个)?(?:{pattern('numbered.sums')}))(?![{HAN}])")


@finder("numbered_lists")
def numbered_lists(doc: Document) -> list[Candidate]:
    """三落实 right after 机构、人员、责任: the numbered word names the three together, a mechanism,
    as the same word in quotation marks does (kg.extract.quotes); only where the count agrees."""
    out = []
    for m in _UNQUOTED.finditer(doc.text):
        word = m.group("name")
        if sums_up_list(doc.text, m.start(), word.replace("个", "", 1)):
            out.append(Candidate("mechanism", m.start(), m.end(), word, Source.CONSTRUCTION))
    return out
