"""Activities (活动): events, campaigns, trainings and publicity, on fixtures written for the tests."""
from __future__ import annotations

from kg.extract import extract
from kg.ingest import from_text

HEAD = "某某县青山镇2023年法治政府建设工作报告\n"


def activities(body: str) -> set[str]:
    return {m.label for m in extract(from_text(HEAD + body)).of("activity")}


def test_activity_each_quoted_item_before_deng_huodong_is_one_activity():
    found = activities("全年组织开展了“法治进乡村”“宪法宣传周”“送法进机关”等活动20余场次。")
    assert found == {"法治进乡村", "宪法宣传周", "送法进机关"}


def test_activity_items_of_a_list_after_kaizhan_are_activities():
    found = activities("先后开展防汛应急演练、交通安全宣传、国家宪法日等主题活动。")
    assert found == {"防汛应急演练", "交通安全宣传", "国家宪法日"}


def test_activity_publicity_day_written_with_its_date_is_the_day():
    found = activities("在“6·26”国际禁毒日当天，镇综治办在集市开展禁毒宣传。")
    assert found == {"国际禁毒日", "禁毒宣传"}


def test_activity_leading_verbs_and_trailing_words_are_dropped():
    found = activities("我镇广泛开展普法宣传活动，扎实开展法治政府宣传工作。")
    assert found == {"普法宣传", "法治政府宣传"}


def test_activity_counted_training_is_found():
    found = activities("全年完成行政执法人员的法律知识培训4次。")
    assert found == {"法律知识培训"}


def test_activity_event_noun_alone_is_an_activity():
    found = activities("镇政府召开座谈会，听取群众意见。")
    assert found == {"座谈会"}


def test_activity_crimes_fought_are_not_activities():
    found = activities("依法严厉打击各类违法犯罪活动和非法宗教活动。")
    assert found == set()


def test_activity_generic_publicity_is_not_an_activity():
    found = activities("进一步加强法治宣传，丰富各类法治宣传教育活动。")
    assert found == set()


def test_activity_about_the_law_it_publicizes():
    facts = extract(from_text(HEAD + "重点开展民法典专题宣传，发放资料500份。"))
    acts = {m.label: m.attrs.get("about") for m in facts.of("activity")}
    assert acts == {"民法典专题宣传": "中华人民共和国民法典", "发放资料": None}   # 发放资料: publicity, about no law


def test_activity_about_a_cited_title_right_before_it():
    facts = extract(from_text(HEAD + "开展《中华人民共和国反有组织犯罪法》扫黑除恶专项斗争宣传。"))
    about = {m.attrs.get("about") for m in facts.of("activity")}
    assert about == {"中华人民共和国反有组织犯罪法"}


def test_activity_counted_classes_are_an_activity_without_the_measure_word():
    found = activities("2023年共举办4期培训班，参训干部300人次。")
    assert found == {"培训班"}


def test_activity_name_followed_by_plan_is_a_document_not_an_activity():
    found = activities("结合实际制定本镇“八五”普法规划。")
    assert found == set()


def test_activity_known_name_with_a_quoted_part_is_found():
    found = activities("结合法律“七进”要求，向群众发放资料。")
    assert found == {"法律七进", "发放资料"}


def test_activity_verbal_head_before_ascii_punctuation_ends_a_name():
    found = activities("推进民主法治示范社区创建,完善社区工作站建设。")
    assert found == {"民主法治示范社区创建"}


def test_activity_meetings_are_events_and_not_mechanisms():
    facts = extract(from_text(HEAD + "召开法治建设专题部署会3次、工作推进会2次，组织述法评议会。"))
    assert {m.label for m in facts.of("activity")} == {"法治建设专题部署会", "工作推进会", "述法评议会"}
    assert facts.of("mechanism") == []


def test_activity_quoted_way_of_spreading_law_is_one_activity():
    found = activities("在院落开展“围坐式”普法，打造“夜话+宣讲”双普法阵地。")
    assert found == {"围坐式普法"}


def test_activity_screening_written_verb_first_is_the_known_name():
    found = activities("全年排查化解矛盾纠纷120件。")
    assert found == {"矛盾纠纷排查化解"}


def test_activity_publicity_plan_is_a_document_not_an_activity():
    found = activities("制定“九五”普法宣传教育计划，开展占道经营、违章搭建等专项执法行动8次。")
    assert found == {"专项执法行动"}


def test_activity_counted_before_its_name_quotes_the_name_not_the_figure():
    facts = extract(from_text(HEAD + "2023年共举办4期培训班，参训干部300人次。"))
    spans = {(m.label, m.surface) for m in facts.of("activity")}
    assert spans == {("培训班", "培训班")}      # not ("培训班", "2023年共举办4期"): its evidence and alias


def test_activity_a_meeting_named_for_its_work_keeps_its_name_over_what_it_studied():
    assert activities("定期召开法治建设专题会议，研究解决法治工作推进难题。") == {"法治建设专题会议"}
    assert "法治政府建设专题会议" in activities("召开党委专题会议，研究法治政府建设工作。")
