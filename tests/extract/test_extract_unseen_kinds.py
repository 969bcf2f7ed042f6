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


# ----------------------------------------------------------------- VERSION 13: fragments cut at the wrong place

def test_the_ordinal_sessions_of_a_plenary_are_no_counted_activity():
    found = activities("各村传达县委十五届二次、三次全会精神。")
    assert found == set()


def test_a_list_tail_after_dates_is_no_activity():
    found = activities("赶上“3·8”、“平安周、“12·4”等重要节点，村里集中宣传。")
    assert not any(a.startswith("等") for a in found)


def test_a_manner_word_left_after_a_quantifier_is_no_study():
    assert activities("班子成员坚持多形式学法，提升本领。") == set()


def test_a_measure_word_after_a_number_does_not_start_a_name():
    found = activities("每季度3场次文明乡风等宣传活动，惠及群众。")
    assert not any(a.startswith(("次", "场")) for a in found)


def test_a_bare_law_and_regulation_study_count_is_no_activity():
    assert "法律法规" not in activities("机关干部自学《中华人民共和国土地管理法》等相关法律法规6次。")


def test_what_a_principle_asks_is_cut_from_its_name():
    found = mechanisms("严格执行“集体研究、公开透明、依法决策”工作要求，规范决策程序。")
    assert "集体研究、公开透明、依法决策" in found
    assert not any(m.endswith("要求") for m in found)


def test_a_quote_before_a_theme_year_is_no_mechanism():
    assert mechanisms("对照县委“提质增效、争先进位”主题年工作要求，逐项推进。") == set()


def test_a_number_word_with_its_time_unit_belongs_to_a_rule_name():
    found = mechanisms("机关坚持每日晨学半小时制度，干部轮流领学。")
    assert "晨学半小时制度" in found
    assert "小时制度" not in found


def test_fa_zhi_after_a_method_head_is_rule_of_law_not_a_working_method():
    assert mechanisms("推动基层工作法治化、规范化水平持续提升。") == set()


def test_platforms_listed_in_quotes_are_no_mechanisms():
    assert mechanisms("依托“云上党校”“掌上课堂”等平台，安排干部自学。") == set()


def test_a_place_after_jin_is_no_activity():
    assert not any(a.endswith("学校活动") for a in activities("组织禁毒宣传进市场、进企业活动，覆盖商户。"))


def test_a_generic_legal_mechanism_or_study_training_is_no_name():
    assert mechanisms("镇里不断完善法制机制，规范执法。") == set()
    assert activities("干部通过学习培训提升本领。") == set()


# ----------------------------------------------------------------- VERSION 13: kinds careful readers mark

@pytest.mark.parametrize("body, expected", [
    ("镇人大选举任命新一届政府组成人员后，组织宪法宣誓仪式。", "宪法宣誓"),
    ("班子成员结合分管领域开展以案述法，讲清风险点。", "以案述法"),
    ("邀请法官到村组织以案释法，讲解典型案例。", "以案释法"),
    ("组织机关党员观看廉政警示教育片4场次。", "观看廉政警示教育片"),
    ("镇司法所组织村干部观看禁毒宣传片3场。", "观看禁毒宣传片"),
    ("为困难群众办理法律援助案件5件。", "法律援助"),
    ("镇党委(扩大)会议每月研究一次依法行政。", "党委（扩大）会议"),
    ("深入开展宪法“五进”活动，走进村组企业。", "宪法五进"),
    ("扎实开展主题教育，检视整改问题。", "主题教育"),
])
def test_kinds_of_activity_careful_readers_mark(body, expected):
    assert expected in activities(body)


def test_legal_aid_names_no_activity_when_it_names_a_place():
    assert "法律援助" not in activities("镇里设立法律援助工作站，方便群众。")


def test_a_collective_study_rule_carried_out_is_also_held():
    body = "镇党委认真落实班子成员集体学法制度，每月一次。"
    assert "班子成员集体学法制度" in mechanisms(body)
    assert "班子成员集体学法" in activities(body)


def test_a_plain_study_rule_named_is_no_session_held():
    assert activities("镇党委进一步完善领导干部学法制度。") == set()


def test_study_occasions_listed_as_forms_name_each_a_study():
    found = activities("以机关支部、全体干部大会等方式定期开展学习。")
    assert {"机关支部学习", "全体干部大会学习"} <= found


@pytest.mark.parametrize("body, expected", [
    ("镇机关印发干部年度学法计划，按月落实。", "干部年度学法计划"),
    ("镇里建立了依法行政统筹机制，每季度调度。", "依法行政统筹机制"),
    ("完善多元调解体系，吸纳乡贤参与。", "多元调解体系"),
    ("推行群众意见反映制度，并试行重大事项征求意见制度。", "群众意见反映制度"),
    ("推行群众意见反映制度，并试行重大事项征求意见制度。", "重大事项征求意见制度"),
    ("下好依法行政“一盘棋”，压实各站所责任。", "依法行政一盘棋"),
])
def test_kinds_of_mechanism_careful_readers_mark(body, expected):
    assert expected in mechanisms(body)


def test_a_verb_of_motion_before_a_rule_head_is_not_part_of_its_name():
    assert "权力关进制度" not in mechanisms("坚持把权力关进制度的笼子。")


def test_a_meeting_of_the_levels_above_conveyed_is_not_held_by_the_township():
    assert not any(a.startswith("省市") for a in activities("召开机关干部会，传达省市区防汛工作会议，部署任务。"))


def test_an_activity_that_is_analysed_is_no_name_of_its_own():
    assert "重大执法活动" not in activities("法律顾问参与重大执法活动分析研判。")


def test_two_plain_study_group_sessions_are_one_under_the_fuller_name():
    body = "借助党委中心组学习等载体定期学习。全年开展中心组理论学习12次。"
    found = activities(body)
    assert "党委中心组学习" in found
    assert "中心组学习" not in found


def test_a_fused_leading_verb_is_cut_from_a_study_name():
    found = activities("充分利用党委理论学习中心组学习、主题党日等时机组织学法。")
    assert not any(a.startswith("充分") for a in found)


def test_a_cadre_assembly_held_is_an_activity():
    assert "机关干部大会" in activities("镇里召开机关干部大会，部署普法任务。")


def test_studying_the_thought_with_ling_hui_is_the_one_study_practice():
    assert "学习领会贯彻习近平法治思想" in activities("班子成员带头学习领会贯彻习近平法治思想。")


def test_the_first_responsible_person_for_law_based_government_is_its_own_row_of_the_duty():
    found = mechanisms("镇长认真履行推进法治政府建设第一责任人职责，亲自部署。")
    assert "党政主要负责人履行推进法治政府建设第一责任人职责" in found


# ----------------------------------------------------------------- VERSION 14: activities not held where they stand

def test_a_heading_names_an_area_of_work_not_an_activity_held():
    body = "（一）加强干部法治教育，提升依法履职能力\n镇里全年举办法治讲座3场。\n"
    found = activities(body)
    assert "干部法治教育" not in found
    assert "法治讲座" in found


def test_a_heading_naming_a_quoted_or_known_event_keeps_it():
    assert any(a.startswith("宪法宣传周") for a in activities("（二）开展“宪法宣传周”集中宣传\n各村悬挂横幅。\n"))


def test_an_activity_name_before_a_noun_is_its_modifier():
    found = activities("着力打造覆盖城乡的普法宣传体系，壮大普法宣传队伍。")
    assert "普法宣传" not in found


def test_what_a_study_reads_about_a_campaign_is_its_topic():
    found = activities("机关干部集中学习扫黑除恶斗争重要指示批示和相关法规。")
    assert not any("扫黑除恶" in a for a in found)


def test_a_verb_of_containing_is_cut_from_a_name():
    found = activities("全镇“五件为民实事”均包含禁毒宣传内容，群众反响良好。")
    assert not any("包含" in a for a in found)


# ----------------------------------------------------------------- VERSION 14: kinds careful readers mark, names cut right

def test_rule_of_law_in_petition_work_is_a_mechanism_however_worded():
    assert "信访法治化" in mechanisms("镇里推动信访法治化，引导群众依法表达诉求。")
    assert "信访工作法治化" in mechanisms("全面推进信访工作法治化，畅通群众诉求渠道。")


def test_a_run_of_known_names_before_a_generic_rule_head_keeps_each():
    found = mechanisms("各站所按照“谁执法谁普法”“谁主管谁负责”责任制要求，落实普法任务。")
    assert {"谁执法谁普法", "谁主管谁负责"} <= found
    assert not any("、" in m for m in found)


def test_a_training_names_its_audience_one_or_a_list():
    found = activities("年内对调解员开展学法培训3次，对村干部、网格员开展法律培训2次。")
    assert "调解员学法培训" in found
    assert "村干部、网格员法律培训" in found


def test_a_five_year_publicity_plan_named_is_the_campaign_carried_out():
    assert "八五普法" in activities("将法治宣传纳入全镇“八五”普法规划，逐年推进。")
    assert "八五普法" not in activities("年初修订本镇“八五”普法规划，明确任务。")


def test_a_known_rule_quoted_as_a_way_of_study_stays_a_rule():
    body = "各支部利用“三会一课”等载体组织党员学习法律法规。"
    assert "三会一课" in mechanisms(body)
    assert "三会一课" not in activities(body)


def test_the_assessment_made_a_measure_of_the_work_is_a_mechanism():
    assert "干部年度考评" in mechanisms("镇里把依法履职情况作为干部年度考评的重要依据。")
    assert mechanisms("作为对村级班子、驻村干部及其负责人考核的重要内容。") == set()


def test_a_formula_found_mid_word_does_not_keep_the_verb_it_began_in():
    found = mechanisms("我们不断完善“村党支部书记主要抓、驻村干部负责抓、网格员具体抓、村民共同参与协调配合”的做法。")
    assert not any(m.startswith(("断", "完善")) for m in found)
    assert any(m.startswith("村党支部书记主要抓") for m in found)


# ----------------------------------------------------------------- VERSION 15: activities not held, words cut, generic rules

def test_a_meeting_name_cut_before_its_last_character_takes_it():
    found = activities("全年召开法治专题党委会议3次。")
    assert "法治专题党委会议" in found
    assert "法治专题党委会" not in found


def test_what_money_is_spent_on_is_not_an_activity_held():
    assert activities("镇财政安排专项资金用于法治文化广场建设、普法宣传等。") == set()


def test_work_another_body_is_told_to_do_is_not_held_by_the_township():
    assert activities("镇综治办要求各村网格员加强安全巡逻和隐患排查。") == set()
    assert "年度学法考试" in activities("干部按上级要求参加年度学法考试，合格率100%。")


def test_a_total_of_every_kind_of_publicity_is_not_one_event():
    assert "普法活动" not in activities("全年组织开展各类普法活动60余场次。")
    assert "普法活动" in activities("全年开展普法活动60余场次。")


def test_a_step_added_to_a_procedure_is_not_an_event():
    assert activities("在合同签订流程中增加法律顾问审核环节。") == set()


def test_a_lesson_is_not_named_by_its_audience():
    assert activities("镇长以“民法典与基层治理”为题给全镇村干部授课。") == set()
    assert "律师授课" in activities("邀请律师授课2次。")


@pytest.mark.parametrize("body, generic", [
    ("二是强化审查制度，严格审查重大决策。", "审查制度"),
    ("确保决策制度科学、程序正当、过程公开、责任明确。", "过程公开"),
    ("镇党委要求全体干部牢固树立“依法行政”理念。", "依法行政"),
    ("编制镇权责清单56项、事项清单32项。", "事项清单"),
])
def test_generic_words_and_formula_parts_are_no_mechanism(body, generic):
    assert generic not in mechanisms(body)
