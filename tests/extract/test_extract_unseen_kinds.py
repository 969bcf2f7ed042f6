"""The kinds of practice that reports from every province name and the seeds rarely do (issue 11):
study sessions, meetings on the work, trainings and exams, reviews, services and publicity
written verb + object, responsibility mechanisms and division-of-work formulas; and the
slogans, fragments and page headers that are none. Fixtures are prose written for the tests.
"""
from __future__ import annotations

import pytest

from kg.extract import extract
from kg.ingest import from_text

HEAD = "某某县青山镇2023年法治政府建设工作报告\n一、主要举措和成效\n"


def labels(body: str, kind: str) -> set[str]:
    return {m.label for m in extract(from_text(HEAD + body)).of(kind)}


def activities(body: str) -> set[str]:
    return labels(body, "activity")


def mechanisms(body: str) -> set[str]:
    return labels(body, "mechanism")


# ----------------------------------------------------------------- 1 study sessions

@pytest.mark.parametrize("body, expected", [
    ("镇党委始终把学习贯彻习近平法治思想作为首要政治任务。", "学习贯彻习近平法治思想"),
    ("今年镇党委理论学习中心组集中学习6次。", "党委理论学习中心组集中学习"),
    ("街道党工委理论学习中心组（扩大）学习会每季度召开一次。", "党工委理论学习中心组（扩大）学习会"),
    ("党组理论中心组专题学习宪法。", "党组理论中心组专题学习"),
    ("将法治内容纳入党委理论学习中心组年度学习计划。", "党委理论学习中心组学习"),
    ("各支部把法治内容列为“第一议题”进行学习。", "第一议题学习"),
    ("全年开展集中学法4次，会前学法12次。", "集中学法"),
    ("组织专题学习2次、交流研讨3次。", "交流研讨"),
])
def test_study_sessions_are_activities(body, expected):
    assert expected in activities(body)


def test_study_occasions_listed_before_a_shared_head_are_one_activity_each():
    found = activities("通过党委会、干部职工周例会等形式组织学习，营造学法氛围。")
    assert {"党委会学习", "干部职工周例会学习"} <= found


def test_studying_the_thought_twice_in_other_words_is_one_practice():
    found = activities("深入学习贯彻习近平法治思想。班子成员带头学习习近平法治思想。")
    assert [x for x in found if "习近平法治思想" in x] == ["学习贯彻习近平法治思想"]


def test_study_of_named_laws_is_an_activity_named_by_them():
    assert "宪法、民法典学习" in activities("组织干部学习《中华人民共和国宪法》《中华人民共和国民法典》，提升素养。")


# ----------------------------------------------------------------- 2 meetings on the work

@pytest.mark.parametrize("body, expected", [
    ("召开法治建设专题会议3次。", "法治建设专题会议"),
    ("镇党委每半年召开会议研究部署依法治镇工作。", "依法治镇工作会议"),
    ("每季度听取一次法治政府建设工作汇报。", "听取一次法治政府建设工作汇报"),
    ("党委会专题研究法治工作，确保任务落实。", "法治专题研究"),
    ("召开党政联席会3次，审议通过《青山镇法治政府建设年度报告》。", "审议法治政府建设年度报告"),
])
def test_meetings_on_the_work_are_activities(body, expected):
    assert expected in activities(body)


def test_a_meeting_counted_by_a_figure_is_an_activity():
    assert "镇长办公会" in activities("全年召开镇长办公会18次。")


# ----------------------------------------------------------------- 3 trainings, lectures, exams

@pytest.mark.parametrize("body, expected", [
    ("邀请执业律师授课2次。", "执业律师授课"),
    ("举办行政执法人员专题培训会。", "行政执法人员专题培训会"),
    ("班子成员轮流讲法治课。", "讲法治课"),
    ("组织法律知识答题，参与率高。", "法律知识答题"),
    ("开展行政执法资格考试培训，提升能力。", "行政执法资格考试培训"),
])
def test_trainings_lectures_and_exams_are_activities(body, expected):
    assert expected in activities(body)


# ----------------------------------------------------------------- 4 reviews and inspections

@pytest.mark.parametrize("body, expected", [
    ("对近三年印发的规范性文件进行清理，废止2件。", "规范性文件清理"),
    ("开展行政执法案卷评查，整改问题5个。", "行政执法案卷评查"),
    ("开展安全生产专项督查。", "安全生产专项督查"),
    ("对镇政府签订的经济合同进行合法性审查。", "经济合同合法性审查"),
])
def test_reviews_and_inspections_are_activities(body, expected):
    assert expected in activities(body)


# ----------------------------------------------------------------- 5 services and publicity

def test_publicity_written_verb_object_is_an_activity():
    found = activities("在集市发放宣传资料800余份，悬挂宣传横幅12条。")
    assert {"发放宣传资料", "悬挂宣传横幅"} <= found


def test_services_of_the_township_lawyers_are_activities():
    found = activities("聘请法律顾问参与重大决策论证、代理诉讼，审查合同30份。")
    assert {"法律顾问参与重大决策论证", "代理诉讼"} <= found
    assert "法律顾问制度" in mechanisms("聘请法律顾问参与重大决策论证、代理诉讼。")


def test_ways_listed_after_tong_guo_are_activities_channels_are_not():
    found = activities("通过法治宣传、驻村律师服务、依法调解矛盾纠纷等举措维护稳定。"
                       "通过微信公众号、宣传栏等方式扩大影响。")
    assert {"驻村律师服务", "依法调解矛盾纠纷"} <= found
    assert not any("公众号" in x or "宣传栏" in x for x in found)


def test_publicity_for_an_audience_names_the_audience():
    assert "妇女、儿童法治宣传教育" in activities("加强对妇女、儿童等群体的法治宣传教育。")


# ----------------------------------------------------------------- 6 responsibility and assessment

@pytest.mark.parametrize("body, expected", [
    ("年终实行领导班子述法制度。", "领导班子述法制度"),
    ("党政主要负责人开展年度专题述法。", "年度专题述法"),
    ("将法治建设纳入年度工作计划和日常考核。", "日常考核"),
    ("梳理形成镇级履职事项清单，共计120项。", "镇级履职事项清单"),
    ("各支部以“第一议题”等方式开展学习。", "第一议题制度"),
    ("成立全面依法治镇委员会，统筹推进法治工作。", "依法治镇委员会"),
    ("发挥公职律师作用。", "公职律师"),
])
def test_responsibility_and_assessment_are_mechanisms(body, expected):
    assert expected in mechanisms(body)


def test_a_rule_a_township_makes_names_the_mechanism_it_sets_up():
    assert "重大事项集体决策机制" in mechanisms("印发《青山镇关于规范重大事项集体决策机制的规定》。")


def test_division_of_work_formulas_are_mechanisms():
    found = mechanisms("形成了主要领导亲自抓、分管领导具体抓、各站所配合抓的工作格局。")
    assert "主要领导亲自抓、分管领导具体抓、各站所配合抓" in found
    assert "事前审查把关、事中跟踪督办、事后评估问效" in mechanisms(
        "对重大事项坚持“事前”审查把关、“事中”跟踪督办、“事后”评估问效。")


def test_rules_listed_before_a_shared_head_are_each_a_mechanism():
    found = mechanisms("健全党委理论学习中心组定期学法、镇长办公会会前学法制度。")
    assert {"党委理论学习中心组定期学法", "镇长办公会会前学法制度"} <= found


# ----------------------------------------------------------------- 7 precision traps

def test_a_slogan_listing_kinds_of_systems_names_no_mechanism():
    assert mechanisms("坚持和完善根本制度、基本制度、重要制度，推进治理现代化。") == set()


@pytest.mark.parametrize("body", [
    "落实一把手负总责。", "建成一站式服务大厅。", "做好信息公开。", "强化各级一把手责任。",
])
def test_bare_fragments_are_no_mechanism(body):
    assert mechanisms(body) == set()


def test_a_page_header_is_no_mechanism():
    text = "某某县人民政府\n\n政府信息公开\n\n青山镇2023年法治政府建设工作报告\n全年开展法治讲座3场。"
    assert {m.label for m in extract(from_text(text)).of("mechanism")} == set()


def test_a_leadership_group_is_not_an_activity_nor_a_county_committee_a_mechanism():
    found = mechanisms("按照县委全面依法治县委员会部署，调整法治建设领导小组。")
    assert found == set()


# ----------------------------------------------------------------- VERSION 12: kinds of recall

def test_two_words_saying_what_an_arrangement_does_name_a_mechanism():
    found = mechanisms("镇党委健全激励约束机制，完善监督问责制度。")
    assert {"激励约束机制", "监督问责制度"} <= found


def test_one_such_word_before_a_head_stays_generic():
    assert mechanisms("进一步完善监督机制。") == set()


def test_the_first_topic_rule_is_a_mechanism_and_its_sessions_an_activity():
    body = "镇党委严格执行“第一议题”制度，及时传达上级精神。"
    assert "第一议题学习" in activities(body)
    assert "第一议题制度" in mechanisms(body)
    body = "各支部把法治内容列为“第一议题”进行学习。"
    assert "第一议题" in mechanisms(body) and "第一议题学习" in activities(body)


def test_a_report_on_the_law_carried_out_is_also_an_activity():
    assert "年度述法" in activities("年底镇班子成员开展年度述法，接受评议。")
    assert "领导班子述法" in activities("年终实行领导班子述法制度，晒出履职清单。")


def test_a_report_on_the_law_rule_only_adopted_is_no_activity():
    body = "推行领导干部述职述法制度，压实责任。"
    assert "述职述法制度" in mechanisms(body) or "领导干部述职述法制度" in mechanisms(body)
    assert not any("述法" in a for a in activities(body))


def test_every_counted_material_of_a_handout_list_is_handed_out():
    found = activities("活动中发放法律读本300本、反诈手册1200余本和宣传单500份，受众2000人次。")
    assert {"发放法律读本", "发放反诈手册", "发放宣传单"} <= found


@pytest.mark.parametrize("body, expected", [
    ("形成书记负总责、分管领导具体抓、各站所配合协调的局面。", "书记负总责、分管领导具体抓、各站所配合协调"),
    ("坚持一级抓一级、层层抓落实，压实各方责任。", "一级抓一级、层层抓落实"),
    ("坚持以公开为常态、不公开为例外，推进村务公开。", "以公开为常态、不公开为例外"),
    ("推动政府治理同社会调节、居民自治良性互动。", "政府治理同社会调节、居民自治良性互动"),
])
def test_formulas_of_division_and_principle_are_mechanisms(body, expected):
    assert expected in mechanisms(body)


def test_an_unquoted_number_summing_up_its_list_is_a_mechanism_when_the_count_agrees():
    assert "三到位" in mechanisms("确保人员、经费、场地三到位。")
    assert "四到位" not in mechanisms("确保人员、经费、场地四到位。")


def test_occasions_a_study_is_put_into_are_each_a_study_session():
    found = activities("将宪法纳入党委会、支部主题党日和机关周例会的学习内容。")
    assert {"党委会学习", "支部主题党日学习", "机关周例会学习"} <= found


@pytest.mark.parametrize("body, expected", [
    ("年初召开专题会议部署全年依法行政工作。", "依法行政工作专题部署会议"),
    ("班子定期听取、研究法治建设重大问题。", "听取、研究法治建设重大问题"),
    ("对征迁项目进行社会稳定风险评估，出具评估报告。", "社会稳定风险评估"),
])
def test_meetings_deploying_the_work_and_assessments_carried_out_are_activities(body, expected):
    assert expected in activities(body)


def test_an_assessment_listed_as_a_step_of_a_procedure_is_no_activity():
    assert activities("重大决策履行公众参与、专家论证、风险评估等程序。") == set()


def test_the_first_responsible_person_written_without_duty_is_the_known_duty():
    found = mechanisms("作为法治建设第一责任人，镇长带头讲法治课。")
    assert "党政主要负责人履行推进法治建设第一责任人职责" in found


def test_a_session_implied_by_a_rule_in_the_plans_is_not_held():
    body = "全年运行平稳。\n二、下一步工作打算\n将组织开展年度述法，落实“第一议题”制度。"
    assert not any("述法" in a or "第一议题" in a for a in activities(body))
