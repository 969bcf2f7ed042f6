"""kg.extract.lexicon.trie_pattern: the same matches as the forms' alternation, longest first."""
from __future__ import annotations

import re

from kg.extract.lexicon import trie_pattern

HAN = "法律条例规定办法制度机制宣传教育培训会议行政执法监督调解服务中心人民政府乡镇街道村社区党委"


def _forms() -> list[str]:
    # many first characters (wide trie levels are split into buckets) and shared prefixes
    forms = {a + b for a in HAN for b in HAN[::3]} | {a + b + c for a in HAN[::2] for b in "律例度" for c in HAN[:5]}
    return sorted(forms)


def test_lexicon_trie_pattern_matches_like_the_longest_first_alternation():
    forms = _forms()
    plain = re.compile("|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)))
    trie = re.compile(trie_pattern(forms))
    text = "".join(HAN[(i * 7 + i // 3) % len(HAN)] for i in range(3000)) + "，法律条例。" + HAN
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert len(trie.findall(text)) > 100
    assert trie.pattern.count("(?=[") > 2        # the first level was split into buckets


def test_lexicon_trie_pattern_keeps_trailing_context_backtracking():
    forms = ["民法", "民法典", "宪法"]
    trie = re.compile(f"({trie_pattern(forms)})(?!宣传)")
    plain = re.compile("(民法典|宪法|民法)(?!宣传)")
    text = "学习民法典宣传周民法典，宪法宣传，宪法。"
    assert [m.span(1) for m in trie.finditer(text)] == [m.span(1) for m in plain.finditer(text)]
