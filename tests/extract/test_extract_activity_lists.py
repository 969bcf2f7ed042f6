"""Activities named by lists, venues, themes and report sections, on fixtures written for the tests."""
from __future__ import annotations

from kg.extract import extract, sections
from kg.ingest import from_text

HEAD = "某某县青山镇2023年法治政府建设工作报告\n"


def facts(body: str):
    return extract(from_text(HEAD + body))


def activities(body: str) -> set[str]:
    return {m.label for m in facts(body).of("activity")}


def mechanisms(body: str) -> set[str]:
    return {m.label for m in facts(body).of("mechanism")}


# ----------------------------------------------------------------- sections

def test_extract_activity_under_a_problems_heading_was_not_held():
    body = ("一、主要举措和成效\n全年开展法治讲座3场。\n"
            "二、存在的问题和不足\n送法下乡等活动开展不够深入。\n")
    assert activities(body) == {"法治讲座"}


def test_extract_activity_under_a_plans_heading_was_not_held():
    body = ("一、主要举措和成效\n组织开展禁毒宣传。\n"
            "三、2024年工作打算\n（一）继续开展法治文艺演出，加强法律知识培训。\n"
            "四、其他需要报告的情况\n召开座谈会一次。\n")
    assert activities(body) == {"禁毒宣传", "座谈会"}


def test_extract_activity_under_a_rectification_heading_was_held():
    body = "三、存在的不足和问题整改情况\n针对问题，组织法律知识测试，以考促学。\n"
    assert activities(body) == {"法律知识测试"}


def test_extract_section_heading_with_its_body_on_the_same_line_is_read_up_to_the_stop():
    body = "（一）加强规划引领。将法治建设纳入年度重点工作计划，开展法治讲座。\n"
    doc = from_text(HEAD + body)
    assert sections.unheld_spans(doc) == []
    assert sections.is_unheld_heading("下一步工作安排")
    assert not sections.is_unheld_heading("2023年推进法治政府建设的主要举措和成效")


# ----------------------------------------------------------------- topic lists

def test_extract_activity_each_bare_topic_before_a_publicity_head_is_one_publicity():
    assert activities("大力开展反诈、禁毒等法治宣传活动。") == {"反诈宣传", "禁毒宣传"}


def test_extract_activity_topics_around_a_theme_take_the_publicity_head():
    found = activities("紧紧围绕“常态化扫黑除恶、食品安全”等主题开展一系列的法制宣传活动。")
    assert found == {"扫黑除恶宣传", "食品安全宣传"}


def test_extract_activity_topics_before_a_named_activity_are_not_split():
    found = activities("围绕婚姻家庭、禁毒等热点问题，开展法治宣传“六进”活动12场次。")
    assert found == {"法律六进"}


def test_extract_activity_topic_after_a_count_drops_the_measure_word():
    assert activities("全年组织开展2场消防安全等培训活动。") == {"消防安全培训"}


def test_extract_activity_kind_named_after_listed_activities_is_no_activity():
    found = activities("律师为群众提供现场法律咨询等法治宣传和法律服务活动。")
    assert found == {"法律咨询"}


def test_extract_activity_kind_named_after_topics_is_the_activity():
    found = activities("开展违法建设、安全生产等专项执法行动12次。")
    assert found == {"专项执法行动"}


# ----------------------------------------------------------------- venues, themes

def test_extract_activity_bare_head_takes_its_venue():
    assert activities("司法所在学校开展普法教育2场次。") == {"学校普法教育"}


def test_extract_activity_named_on_its_own_keeps_its_name_at_a_venue():
    assert activities("派出所在集镇开展禁毒宣传3次。") == {"禁毒宣传"}


def test_extract_activity_theme_clause_names_the_publicity():
    found = activities("常态化开展以民法典为重点的婚姻家庭法律知识的宣传活动。")
    assert found == {"以民法典为重点的婚姻家庭法律知识宣传"}


# ----------------------------------------------------------------- numbered names

def test_extract_numbered_quote_counting_the_list_before_it_is_a_mechanism():
    assert mechanisms("坚持做到责任落实、监督检查和评议考核“三同步”，推动工作落实。") == {"三同步"}


def test_extract_numbered_quote_not_counting_the_list_is_no_name():
    assert mechanisms("坚持做到监督检查和评议考核“三同步”，推动工作落实。") == set()


def test_extract_numbered_programme_quoted_alone_is_the_known_activity():
    assert activities("以“六进”为载体，组织普法志愿者进村入户。") == {"法律六进"}


def test_practice_label_starts_with_neither_a_joining_mark_nor_a_verb_of_means():
    from kg.extract import extract
    from kg.ingest import from_text

    facts = extract(from_text("东湖县新城镇\n2023年法治政府建设工作报告\n"
                              "新城镇申报“非遗传承+普法宣传”创新项目，坚持运用方言宣讲，群众易懂。\n"))
    labels = {m.label for m in facts.mentions if m.kind in ("mechanism", "activity")}
    assert "方言宣讲" in labels and "运用方言宣讲" not in labels
    assert not any(label[0] in "+＋" for label in labels)
