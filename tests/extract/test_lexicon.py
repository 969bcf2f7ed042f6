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


# --- the lexicon registry: every file declared once, checked eagerly with path:line errors ---

import shutil  # noqa: E402

import pytest  # noqa: E402

from kg.errors import LexiconError  # noqa: E402
from kg.extract import lexicon  # noqa: E402


def test_lexicon_every_file_is_registered_and_loads():
    from kg.extract import finders

    finders.steps(finders.TABLE)        # a finder row naming a new lexicon registers it with its shape
    files = {p.name for p in lexicon.LEXICONS.iterdir() if p.is_file()}
    assert files == set(lexicon.REGISTRY)
    for name in sorted(files):
        assert lexicon.load(name), name


def _broken(tmp_path, name: str, line: str) -> tuple:
    """A copy of a shipped lexicon with `line` appended; (folder, the bad line's number)."""
    shutil.copy(lexicon.LEXICONS / name, tmp_path / name)
    text = (tmp_path / name).read_text(encoding="utf-8").rstrip("\n")
    (tmp_path / name).write_text(text + "\n" + line + "\n", encoding="utf-8")
    return tmp_path, text.count("\n") + 2


@pytest.mark.parametrize(("name", "line", "message"), [
    ("regulation_kinds.tsv", "(条例|规定\tregulation", "bad regex: missing ), unterminated subpattern"),
    ("section_cues.tsv", "problems\t存在[的问题", "bad regex: unterminated character set"),
    ("background_cues.txt", "辖(?P<n", "bad regex"),
    ("quote_cues.tsv", "trigger\t推行\textra", "expected 1-2 tab-separated columns"),
    ("regulation_versions.tsv", "\t2021-2025", "with a non-empty first, got 2"),
    ("quote_cues.tsv", "triger\t推行", "role 'triger' is not one of"),
    ("activity_heads.txt", "讲座\tverb", "flag 'verb' is not one of '', 'verbal', 'event'"),
    ("practice_patterns.tsv", "policy\t学习\t\t(?P<name>学习)", "kind 'policy' is not one of 'mechanism', 'activity'"),
    ("regulation_aliases.tsv", "某法\t某某法\tstatute", "kind 'statute' is not one of 'law'"),
    ("patterns.tsv", "lists.broken\t[{han}", "bad regex"),
    ("patterns.tsv", "lists.broken\t{lists.nowhere}", "unknown or circular {lists.nowhere}"),
])
def test_lexicon_broken_line_raises_with_path_and_line(tmp_path, name, line, message):
    folder, n = _broken(tmp_path, name, line)
    with pytest.raises(LexiconError) as e:
        lexicon.load(name, folder)
    assert f"{folder / name}:{n}: " in str(e.value)
    assert message in str(e.value)


def test_lexicon_named_pattern_lines_must_stay_together(tmp_path):
    folder, n = _broken(tmp_path, "patterns.tsv", "indicator.lead\t全县")
    with pytest.raises(LexiconError, match=rf"patterns.tsv:{n}: 'indicator.lead' continues a pattern defined at line"):
        lexicon.load("patterns.tsv", folder)


def test_lexicon_unregistered_file_is_refused(tmp_path):
    (tmp_path / "new_words.txt").write_text("词\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="new_words.txt: not in the lexicon registry"):
        lexicon.load("new_words.txt", tmp_path)


def test_lexicon_pattern_joins_lines_fills_references_and_slots():
    assert lexicon.alternatives("register.province_suffixes") == ("省", "自治区", "特别行政区")
    assert lexicon.pattern("township_names.county_organ", KIND="县") == "县委(?!员)|县政府|县人民政府"
    assert "[\\u4e00-\\u9fff]" in lexicon.pattern("township_names.county")       # {han}
    assert lexicon.pattern("venues.themed").startswith(lexicon.pattern("venues.verb"))
