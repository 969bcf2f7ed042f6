"""Regulations (法规): national titles, short names, variants, kinds, local documents."""
from kg.extract import regulation
from kg.ingest import from_text
from kg.model import Place

TOWN = Place("青石镇", "德化县", None, registered=False)


def _regs(text: str, place: Place | None = TOWN, year: int | None = 2023):
    return regulation.extract(from_text(text, "fixture.txt"), place, year)


def _labels(text: str, **kw) -> list[str]:
    return [m.label for m in _regs(text, **kw)]


def _kind(title: str, place: Place | None = TOWN, year: int | None = 2023) -> str | None:
    r = regulation.resolve(title, place, year)
    return r and r[1]


def test_regulation_short_name_resolves_to_national_title():
    (m,) = _regs("组织干部学习《民法典》。")
    assert (m.label, m.attrs["reg_kind"], m.attrs["alias"]) == ("中华人民共和国民法典", "law", "民法典")


def test_regulation_law_named_without_brackets_in_running_text():
    assert _labels("坚持以宪法为核心开展普法，镇干部学习民法典。") == ["中华人民共和国宪法", "中华人民共和国民法典"]


def test_regulation_bare_list_of_laws():
    labels = _labels("重点宣传宪法、民法典、行政处罚法等法律法规。")
    assert labels == ["中华人民共和国宪法", "中华人民共和国民法典", "中华人民共和国行政处罚法"]


def test_regulation_law_name_inside_a_longer_word_is_not_cited():
    assert _labels("开展宪法日活动，依法取消法定程序外的收费，推进依法治理。") == []


def test_regulation_version_note_is_dropped():
    assert _labels("落实《中华人民共和国行政复议法（2023年修订）》。") == ["中华人民共和国行政复议法"]


def test_regulation_outline_span_variants_name_one_edition():
    forms = ["《法治政府建设实施纲要（2021-2025年）》", "《法治政府建设实施纲要(2021—2025年)》",
             "《法治政府建设实施纲要（20212025年）》", "《法治政府建设实施纲要（2021-2025）》",
             "《法治政府建设实施纲要》", "《法治政府建设实施纲要（2020-2025年）》"]
    for f in forms:
        assert _labels(f"贯彻{f}。", year=2023) == ["法治政府建设实施纲要（2021-2025年）"], f


def test_regulation_outline_without_span_is_the_edition_of_the_report_year():
    assert _labels("贯彻《法治政府建设实施纲要》。", year=2018) == ["法治政府建设实施纲要（2015-2020年）"]


def test_regulation_outline_keeps_the_written_form_as_alias():
    (m,) = _regs("贯彻《法治政府建设实施纲要(2021—2025)》。")
    assert m.attrs["alias"] == "法治政府建设实施纲要(2021—2025)"
    (m,) = _regs("贯彻《法治政府建设实施纲要》。")
    assert m.attrs["alias"] == "法治政府建设实施纲要"


def test_regulation_party_rules_are_typed_party_rule():
    assert _kind("中国共产党纪律处分条例") == "party_rule"
    assert _kind("农村基层干部廉洁履行职责若干规定（试行）") == "party_rule"
    assert _kind("党政主要负责人履行推进法治建设第一责任人职责规定") == "party_rule"
    assert regulation.resolve("党章")[:2] == ("中国共产党章程", "party_rule")


def test_regulation_party_constitution_without_brackets():
    assert _labels("认真学习党章和中央八项规定精神。") == ["中国共产党章程", "中央八项规定"]


def test_regulation_central_committee_decision_is_policy_not_party_rule():
    assert _kind("中共中央关于全面推进依法治国若干重大问题的决定") == "policy"
    assert _kind("中共中央关于加强党的政治建设的意见") == "policy"


def test_regulation_place_rule_marked_trial_is_a_regulation():
    assert _kind("河北省行政执法公示规定（试行）") == "regulation"


def test_regulation_state_council_opinion_is_policy():
    assert _kind("国务院关于加强法治政府建设的意见") == "policy"


def test_regulation_national_list_entry_keeps_its_category():
    assert regulation.resolve("信访工作条例")[:2] == ("信访工作条例", "regulation")
    assert regulation.resolve("优化营商环境条例")[:3] == ("优化营商环境条例", "regulation", True)


def test_regulation_unlisted_law_gets_the_national_prefix():
    r = regulation.resolve("乡村治理促进法")
    assert r == ("中华人民共和国乡村治理促进法", "law", False)


def test_regulation_township_document_by_full_or_short_name_is_local():
    assert _kind("青石镇办公经费管理办法") == "local"
    assert _kind("青石2023年法治建设工作要点") == "local"
    assert _kind("关于印发青石镇重大行政决策程序规定的通知") == "local"


def test_regulation_higher_level_document_is_policy_not_local():
    assert _kind("德化县2023年法治政府建设工作要点") == "policy"


def test_regulation_township_document_named_without_brackets_after_drafting_verb():
    labels = _labels("结合实际，制定青石镇“八五”普法规划，完善青石镇各项规章制度。")
    assert labels == ["青石镇“八五”普法规划"]
    (m,) = _regs("制定青石镇“八五”普法规划。")
    assert m.attrs["reg_kind"] == "local"


def test_regulation_study_books_and_media_are_not_regulations():
    text = ("学习《习近平法治思想学习纲要》《习近平谈治国理政》第四卷、《法治日报》和"
            "《民法典学习问答》，观看《古今探法》，审议《青石镇2022年度法治政府建设情况报告》。")
    assert _labels(text) == []


def test_regulation_back_reference_abbreviation_is_not_a_new_title():
    assert _labels("落实《全面推进依法行政实施纲要》（以下简称《纲要》），按照《纲要》要求。") == ["全面推进依法行政实施纲要"]


def test_regulation_unresolved_title_is_kept_and_typed():
    (m,) = _regs("执行《某省乡镇综合行政执法办法》。")
    assert (m.label, m.attrs["reg_kind"], m.attrs["registered"]) == ("某省乡镇综合行政执法办法", "regulation", False)


def test_regulation_bracket_and_space_variants_normalize():
    assert regulation.normalize_title("党委 (党组) 意识形态工作责任制实施办法") == "党委（党组）意识形态工作责任制实施办法"
    assert _kind("党委(党组)意识形态工作责任制实施办法") == "party_rule"


def test_regulation_title_that_lost_its_closing_bracket_is_still_read():
    labels = _labels("对照《法治中国建设规划(2020-2025年)《法治社会建设实施纲要(2020-2025年)》抓落实。")
    assert sorted(labels) == ["法治中国建设规划（2020-2025年）", "法治社会建设实施纲要（2020-2025年）"]


def test_regulation_wrong_span_names_the_nearest_edition():
    assert _labels("落实《全面深化法治领域改革纲要(2023-2025年)》。") == ["全面深化法治领域改革纲要（2023-2027年）"]


def test_regulation_new_law_missing_from_the_list_is_a_law():
    (m,) = _regs("学习《法治宣传教育法》。")
    assert (m.label, m.attrs["reg_kind"], m.attrs["registered"]) == ("中华人民共和国法治宣传教育法", "law", False)


def test_regulation_drafted_local_needs_a_name_right_after_the_verb():
    from kg.extract.regulation import _drafts_named

    assert _drafts_named("镇党委制定了青石镇“八五”普法规划。", {"青石镇", "青石"})
    assert _drafts_named("编制定青石镇规划", {"青石镇"})          # 制定 inside 编制定 counts too
    assert not _drafts_named("制定《青石镇“八五”普法规划》。青石镇", {"青石镇", "青石"})


def test_regulation_title_cited_with_a_word_dropped_names_the_plan():
    assert _labels("落实《提升行政执法质量三年计划(2023-2025年)》和《提升行政执法质量三年行动计划》。") == [
        "提升行政执法质量三年行动计划（2023-2025年）"] * 2
