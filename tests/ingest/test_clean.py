"""Text cleaning for what real reports look like."""
from __future__ import annotations

from kg.ingest import from_text
from kg.ingest.clean import clean


def test_clean_full_width_digits_and_unit_spacing():
    assert "130件" in clean("办理诉求件 １３０ 件，满意率 97.56 %。")
    assert "97.56%" in clean("满意率 97.56 %。")


def test_clean_joins_sentence_broken_by_page_break():
    raw = ("我乡积极推进法治政府建设工作，以解决制约工作开展的瓶颈和难题为切入点，以提\n\n"
           "升人民群众对乡政府工作的满意度为标准。\n二、下一步打算\n")
    text = clean(raw)
    assert "以提升人民群众" in text
    assert "\n二、下一步打算" in text


def test_clean_keeps_headings_on_their_own_line():
    text = clean("一、主要工作完成情况\n（一）健全工作机制。党委定期研究。\n")
    assert text.splitlines()[0] == "一、主要工作完成情况"


def test_clean_drops_conversion_artifacts_and_markdown():
    text = clean("[bookmark: _GoBack]（二）加强法治学习。\n## 三、存在问题\n**重点**工作\n")
    assert "bookmark" not in text and "#" not in text and "**" not in text


def test_clean_drops_web_navigation_before_title():
    raw = "首页 > 政务公开 > 法治政府建设\n发布时间：2024-01-05 来源：司法所\n甲镇2023年法治政府建设工作报告\n正文。\n"
    assert clean(raw).startswith("甲镇2023年法治政府建设工作报告")


def test_clean_sentences_carry_offsets_into_clean_text():
    doc = from_text("甲乡2023年法治政府建设报告\n一是开展普法宣传。二是落实责任制！\n")
    for s in doc.sentences:
        assert doc.text[s.start:s.end] == s.text
    assert [s.text for s in doc.sentences][1:] == ["一是开展普法宣传。", "二是落实责任制！"]


def test_clean_width_table_changes_only_listed_characters():
    from kg.ingest.clean import _WIDTH

    text = "ＡＢＣａｂｃ０１２％．\u3000\ufeff\u200b全角，（半角）《法》"
    assert clean(text) == clean(text.translate(_WIDTH))
    assert clean("ＡＢＣ１２３％") == "ABC123%\n"


def test_clean_ascii_quotes_in_chinese_become_chinese_quotes():
    assert clean('推行"最多跑一次"改革和"放管服"改革\n') == "推行“最多跑一次”改革和“放管服”改革\n"
    assert clean('He said "hello" there\n') == 'He said "hello" there\n'     # no Chinese: as written
    assert clean('一个"未闭合的引号\n') == '一个"未闭合的引号\n'
