"""Practices a report names in ways the other finders miss: a lone quoted name that says its own
kind by its last word (“…工程”, “…学法月”). Fixtures are prose written for the tests.
"""
from __future__ import annotations

from kg.extract import extract
from kg.ingest import from_text

HEAD = "某某县青山镇2023年法治政府建设工作报告\n一、主要举措和成效\n"


def labels(body: str, kind: str) -> set[str]:
    return {m.label for m in extract(from_text(HEAD + body)).of(kind)}


def test_a_lone_quote_ending_in_a_mechanism_word_is_a_mechanism():
    assert "清风护航工程" in labels("镇党委把依法行政当作“清风护航工程”，逐项推进。", "mechanism")


def test_a_lone_quote_ending_in_an_activity_word_is_an_activity():
    found = labels("全镇开展“干部读法季度宣传月”、科级干部法律测试。", "activity")
    assert "干部读法季度宣传月" in found
    assert "社区居民意见调查" in labels("发出“社区居民意见调查”300份。", "activity")


def test_a_quote_created_as_a_practice_is_a_mechanism():
    assert "邻里议事会" in labels("村里创设“邻里议事会”，化解小事。", "mechanism")


def test_a_lone_quoted_goal_is_no_practice():
    found = labels("努力实现“群众满意率双提升”，争创“法治示范镇”。", "mechanism") \
        | labels("努力实现“群众满意率双提升”，争创“法治示范镇”。", "activity")
    assert not any("双提升" in x or "示范镇" in x for x in found)


def test_a_review_counted_in_documents_is_an_activity():
    assert "合同审查" in labels("镇法律顾问全年审查合同35份，提出修改意见12条。", "activity")
    assert "行政协议合法性审核" in labels("全年完成行政协议合法性审核48件。", "activity")


def test_a_review_named_as_a_rule_stays_a_mechanism():
    body = "严格落实合法性审核制度，加强合同合法性审核，规范决策流程。"
    assert {"合法性审核制度", "合同合法性审核"} <= labels(body, "mechanism")
    assert not labels(body, "activity")


def test_a_national_study_campaign_is_an_activity():
    assert "党纪学习教育" in labels("全镇扎实开展党纪学习教育，筑牢纪法底线。", "activity")
    assert not any("学习教育" in x for x in labels("把法治内容纳入学习教育计划。", "activity"))


def test_parallel_items_carried_out_together_are_one_mechanism():
    found = labels("镇党委坚持依法治国、依法执政、依法行政共同推进，推动发展。", "mechanism")
    assert "依法治国、依法执政、依法行政共同推进" in found
    assert "法治国家、法治政府、法治社会一体建设" in labels("坚持法治国家、法治政府、法治社会一体建设。", "mechanism")


def test_work_merely_pushed_forward_together_is_no_mechanism():
    found = labels("各村共同推进人居环境整治，一体推进项目。", "mechanism")
    assert not any("共同推进" in x or "一体推进" in x for x in found)


def test_the_spirit_of_a_meeting_held_elsewhere_is_no_activity():
    assert not labels("及时传达学习全省法治政府建设工作会议精神。", "activity")
    assert "法治政府建设工作会议" in labels("召开法治政府建设工作会议，部署全年任务。", "activity")


def test_a_day_marked_by_its_date_is_an_activity_named_without_the_date():
    found = labels("围绕“5·12”防灾减灾日、“11.9”消防日等节点开展宣传。", "activity")
    assert {"防灾减灾日", "消防日"} <= found
    assert not any("1.5" in x for x in labels("全年培训1.5万人次，覆盖全镇。", "activity"))


def test_a_described_mechanism_keeps_items_holding_a_verb():
    found = labels("全镇形成了信息互通、协同配合、齐抓共管的工作机制。", "mechanism")
    assert "信息互通、协同配合、齐抓共管的工作机制" in found
    assert not any(x.startswith("形成") for x in found)


def test_a_review_done_as_a_piece_of_work_is_an_activity():
    assert "执法案卷评查" in labels("年底完成12份执法案卷评查工作，发现问题3个。", "activity")
    assert "合法性审查" in labels("司法所按程序开展合法性审查相关工作。", "activity")
    assert not labels("健全合法性审查工作机制。", "activity")


def test_a_mechanism_named_only_by_how_lasting_it_is_is_none():
    assert not labels("把普法融入日常，形成长效化机制。", "mechanism")
    assert "矛盾调处长效化机制" in labels("建立矛盾调处长效化机制。", "mechanism")


def test_a_meeting_that_arranges_the_work_is_an_activity():
    found = labels("年初召开2024年度依法治镇工作安排部署会议，明确任务。", "activity")
    assert "依法治镇工作安排部署会议" in found
    assert not any("部署会" in x for x in labels("按照县里的安排部署，会同各村推进。", "activity"))
