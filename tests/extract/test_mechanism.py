"""Mechanisms (机制): named systems, working methods and reforms, on fixtures written for the tests."""
from __future__ import annotations

import re

from kg.extract import extract
from kg.extract.lexicon import aliases
from kg.ingest import from_text

HEAD = "某某县青山镇2023年法治政府建设工作报告\n"


def mechanisms(body: str) -> set[str]:
    return {m.label for m in extract(from_text(HEAD + body)).of("mechanism")}


def test_mechanism_quoted_reform_and_bare_name_are_one_node():
    found = mechanisms("镇政府全面深化“最多跑一次”改革，让企业和群众办事最多跑一次。")
    assert found == {"最多跑一次"}


def test_mechanism_phrase_before_head_is_the_name():
    found = mechanisms("信访工作中严格落实周六书记接访日制度，健全依法决策机制。")
    assert found == {"周六书记接访日制度", "依法决策机制"}


def test_mechanism_political_slogans_are_left_out():
    found = mechanisms("全镇干部坚决拥护“两个确立”、做到“两个维护”，增强“四个意识”，坚定“四个自信”。")
    assert found == set()


def test_mechanism_generic_heads_are_left_out():
    found = mechanisms("下一步将进一步完善相关配套制度，健全基层治理机制和长效机制。")
    assert found == set()


def test_mechanism_leading_verbs_and_adverbs_are_not_part_of_the_name():
    found = mechanisms("我镇切实加强重大行政决策合法性审查机制建设，认真执行村干部述职述廉制度。")
    assert "村干部述职述廉制度" in found
    assert not any(re.match("切实|加强|认真|执行", label) for label in found)


def test_mechanism_known_name_after_a_quote_is_the_name():
    found = mechanisms("纵深推进“自治、法治、德治”三治融合，夯实基层基础。")
    assert found == {"三治融合"}


def test_mechanism_quotes_sharing_a_specific_head_are_one_name():
    found = mechanisms("全面实施“法治带头人”“法律明白人”培养工程，全年培养“法律明白人”120名。")
    assert found == {"法治带头人、法律明白人培养工程"}


def test_mechanism_specific_form_is_kept_as_written():
    found = mechanisms("全面落实证明事项告知承诺制，推行容缺受理。")
    assert found == {"证明事项告知承诺制", "容缺受理"}


def test_mechanism_described_responsibility_system_keeps_its_description():
    found = mechanisms("按照包片领导包案、村支书具体负责的工作责任制，压实信访责任。")
    assert found == {"包片领导包案、村支书具体负责的工作责任制"}


def test_mechanism_name_inside_a_different_name_stays_separate():
    found = mechanisms("认真执行党务政务公开制度，同时深化政务公开。")
    assert found == {"党务政务公开", "政务公开"}


def test_mechanism_in_plans_for_next_year_is_found():
    found = mechanisms("二、2024年工作打算\n一是全面推行行政规范性文件合法性审核机制。")
    assert found == {"行政规范性文件合法性审核机制"}


def _bigrams(s: str) -> set[str]:
    return {s[i:i + 2] for i in range(len(s) - 1)}


def _core(s: str) -> str:
    return re.sub(r"[“”、（）()]|（[^）]*）", "", s)


def test_mechanism_lexicon_aliases_are_written_variants_of_their_name():
    for name in ("mechanisms.tsv", "activities.tsv"):
        for alias, canonical in aliases(name).items():
            a, c = _core(alias), _core(canonical)
            same = a in c or c in a
            close = len(_bigrams(a) & _bigrams(c)) / len(_bigrams(a) | _bigrams(c)) >= 0.5
            assert same or close, f"{name}: {alias!r} is not a variant of {canonical!r}"


def test_mechanism_short_quote_before_a_generic_word_is_no_name():
    found = mechanisms("结合“八五”普法与法律“七进”要求，深入推进“放管服”要求落实。")
    assert found == {"放管服"}


def test_mechanism_quoted_pattern_of_work_is_no_name_but_a_division_of_work_formula_is():
    found = mechanisms("形成“书记带头抓、部门合力抓”的闭环工作格局，构建“上下贯通、左右协同”的治理体系。")
    assert found == {"书记带头抓、部门合力抓"}


def test_mechanism_quoted_division_of_work_is_no_name():
    found = mechanisms("完善“镇党委领导、司法所统筹、村居参与”的工作机制，推行“马上办、就近办”工作机制。")
    assert found == {"马上办、就近办"}


def test_mechanism_quote_naming_a_plan_is_no_name():
    found = mechanisms("对照“十四五”普法规划收官要求，健全学习机制，完善各项制度机制。")
    assert found == set()


def test_mechanism_short_form_of_first_responsibility_is_the_known_duty():
    found = mechanisms("镇党政主要领导严格落实履行第一责任人职责。")
    assert found == {"党政主要负责人履行推进法治建设第一责任人职责"}
