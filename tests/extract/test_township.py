"""Township (乡镇) linking: the head names the reporter; the register gives code and parents."""
from kg.extract import township
from kg.ingest import from_text


def _place(text: str):
    doc = from_text(text, "fixture.txt")
    title, head = township.title_of(doc)
    return township.place_of(doc, head), township.year_of(doc, title), title


BODY = "一、主要举措\n全年开展普法宣传12场次，接待群众咨询80人次。\n"


def test_township_party_and_government_title_line():
    p, year, _ = _place("中共重庆市江津区四屏镇委员会\n重庆市江津区四屏镇人民政府\n关于2023年法治政府建设情况的报告\n"
                        "区委、区政府：\n2023年，四屏镇党委政府坚持依法行政。\n" + BODY)
    assert (p.name, p.code, p.county, p.province, p.registered) == ("四屏镇", "500116125", "江津区", "重庆市", True)
    assert year == 2023


def test_township_one_title_line_with_committee_and_government():
    p, _, _ = _place("中共四屏镇委员会 四屏镇人民政府关于2023年法治政府建设情况的报告\n" + BODY)
    assert p.name == "四屏镇" and p.county == "江津区"


def test_township_street_office_resolves_to_its_street():
    p, _, _ = _place("广州市海珠区人民政府南华西街道办事处关于2024年度法治政府建设情况的报告\n" + BODY)
    assert (p.name, p.code, p.county) == ("南华西街道", "440105008", "海珠区")


def test_township_short_street_form_with_district_clue():
    p, _, _ = _place("洛浦街2021年度法治政府建设工作情况报告\n2021年，洛浦街在番禺区委、区政府的领导下推进依法行政。\n" + BODY)
    assert (p.name, p.county, p.city) == ("洛浦街道", "番禺区", "广州市")


def test_township_sumu_is_a_township():
    p, _, _ = _place("达尔汗苏木2022年法治政府建设工作总结\n2022年，苏木党委在旗委领导下开展工作，各嘎查普法全覆盖。\n" + BODY)
    assert (p.name, p.county, p.registered) == ("达尔汗苏木", "达尔罕茂明安联合旗", True)


def test_township_ethnic_township_keeps_its_full_name():
    p, _, _ = _place("桐木漯瑶族乡人民政府关于2023年度法治政府建设\n工作的报告\n2023年，在县委、县政府的领导下，全乡依法行政。\n" + BODY)
    assert (p.name, p.county) == ("桐木漯瑶族乡", "宁远县")


def test_township_title_broken_over_two_lines_is_joined():
    _, _, title = _place("桐木漯瑶族乡人民政府关于2023年度法治政府建设\n工作的报告\n" + BODY)
    assert title == "桐木漯瑶族乡人民政府关于2023年度法治政府建设工作的报告"


def test_township_named_only_in_the_body():
    p, year, _ = _place("2025年度法治政府建设情况报告\n中共渠县县委、渠县人民政府：\n"
                        "2025年，在县委、县政府的坚强领导下，全镇依法行政。现将宝城镇2025年度法治政府建设情况报告如下。\n" + BODY)
    assert (p.name, p.county, p.city) == ("宝城镇", "渠县", "达州市")
    assert year == 2025


def test_township_body_mentioning_neighbours_keeps_the_title_township():
    text = ("四屏镇2023年法治政府建设工作报告\n2023年，我镇与李市镇、李市镇、李市镇联合开展调解，"
            "又同李市镇签订协议。\n" + BODY)
    p, _, _ = _place(text)
    assert p.name == "四屏镇"


def test_township_repeated_name_told_apart_by_county_in_title_only():
    p, _, _ = _place("潢川县付店镇2024年法治政府建设工作报告\n2024年，付店镇按照县委部署依法行政。\n" + BODY)
    assert (p.code, p.county) == ("411526106", "潢川县")
    p, _, _ = _place("汝阳县付店镇2024年法治政府建设工作报告\n2024年，付店镇按照县委部署依法行政。\n" + BODY)
    assert (p.code, p.county) == ("410326102", "汝阳县")


def test_township_repeated_name_told_apart_by_city_short_form_in_body():
    p, _, _ = _place("付店镇2024年法治政府建设工作报告\n2024年，付店镇助力平安信阳建设，平安信阳指数稳步提升。\n" + BODY)
    assert p.county == "潢川县" and p.city == "信阳市"


def test_township_repeated_name_told_apart_by_salutation():
    p, _, _ = _place("中村乡人民政府关于2022年法治政府建设工作情况报告\n中共禄丰市委、市人民政府：\n"
                     "2022年，中村乡在市委领导下依法行政。\n" + BODY)
    assert (p.code, p.county) == ("532302201", "禄丰市")


def test_township_repeated_name_told_apart_by_local_title():
    p, _, _ = _place("城关镇2023年法治政府建设工作报告\n认真学习《法治五河建设规划（2021-2025年）》，"
                     "落实《五河县法治政府建设实施方案》。\n" + BODY)
    assert (p.county, p.city) == ("五河县", "蚌埠市")


def test_township_repeated_name_without_clues_stays_unresolved():
    p, _, _ = _place("城关镇2023年法治政府建设工作报告\n2023年，城关镇依法行政。\n" + BODY)
    assert p.name == "城关镇" and p.code is None and not p.registered


def test_township_not_in_register_is_kept_and_flagged():
    p, _, _ = _place("幸福湾镇2023年法治政府建设工作报告\n2023年，幸福湾镇在县委领导下依法行政。\n" + BODY)
    assert (p.name, p.registered, p.code) == ("幸福湾镇", False, None)


def test_township_not_in_register_keeps_the_county_the_title_names():
    p, _, _ = _place("渠县幸福湾镇2023年法治政府建设工作报告\n2023年，幸福湾镇依法行政。\n" + BODY)
    assert (p.name, p.registered, p.county, p.city) == ("幸福湾镇", False, "渠县", "达州市")


def test_township_register_name_in_another_county_is_not_taken():
    # 四屏镇 exists only in 江津区; a 四屏镇 of 渠县 is a unit the register lacks
    p, _, _ = _place("渠县四屏镇2023年法治政府建设工作报告\n2023年，四屏镇依法行政。\n" + BODY)
    assert (p.registered, p.county) == (False, "渠县")


def test_township_web_page_frame_lines_are_skipped():
    p, year, title = _place("索引号：11500234/2026-00019\n发布日期：2026-01-27\n首页 > 政务公开 > 法治政府建设年度报告\n"
                            "重庆市开州区铁桥镇人民政府关于2025年法治政府建设情况的报告\n" + BODY)
    assert title.startswith("重庆市开州区铁桥镇人民政府")
    assert (p.name, p.county, year) == ("铁桥镇", "开州区", 2025)


def test_township_year_ignores_publication_date_and_parenthesised_year():
    _, year, _ = _place("四屏镇法治政府建设年度报告(2024年度)\n发布时间：2025年03月21日\n" + BODY)
    assert year == 2024
    doc = from_text("法治政府建设工作报告\n2025年01月08日\n2024年，全镇依法行政。\n", "f.txt")
    assert township.year_of(doc, "法治政府建设工作报告") == 2024


def test_township_generic_words_are_not_townships():
    p, _, _ = _place("关于2023年法治政府建设情况的报告\n全镇各乡镇推进法治乡村建设，创建法治示范乡。\n")
    assert p is None


def test_township_title_in_a_metadata_field_and_table_rows():
    p, year, title = _place("| 索引号 | 6207/2026-00078 | 发文字号 | |\n  • 标  题:山亭区徐庄镇2025年度法治政府建设情况报告\n"
                            "今年以来，徐庄镇在区委、区政府的领导下依法行政。\n" + BODY)
    assert title == "山亭区徐庄镇2025年度法治政府建设情况报告"
    assert (p.name, p.county, year) == ("徐庄镇", "山亭区", 2025)


def test_township_whose_name_ends_like_a_suffix_twice():
    p, _, _ = _place("中共张店区房镇镇委员会\n关于2024年度法治政府建设情况报告\n" + BODY)
    assert (p.name, p.county) == ("房镇镇", "张店区")


def test_township_salutation_above_the_body_is_not_the_title():
    p, _, title = _place("市委、市政府：\n2025年，四屏镇在区委、区政府的领导下依法行政，现将有关情况报告如下：\n" + BODY)
    assert p.name == "四屏镇" and title != "市委、市政府："


def test_township_preposition_before_short_body_name_is_no_township():
    p, _, _ = _place("某府〔2025〕3号\n2025年以来，在区委的坚强领导下，在镇党委、镇人大的监督支持下，我镇坚持依法行政。\n"
                     "一、主要做法\n四屏镇深入推进法治建设，四屏镇党委定期研究法治工作。\n" + BODY)
    assert p.name == "四屏镇"


def test_township_autonomous_county_written_short_keeps_its_code():
    p, _, _ = _place("发布机构屏边县新河乡人民政府\n新河乡2025年法治政府建设工作情况报告\n县委全面依法治县委员会办公室：\n"
                     "2025年，新河乡在县委、县政府的坚强领导下推进依法行政。\n" + BODY)
    assert (p.name, p.county, p.county_code, p.registered) == ("新河乡", "屏边县", "532523", False)


def test_township_registered_in_autonomous_county_named_short():
    p, _, _ = _place("富川县新华乡2023年法治政府建设情况报告\n2023年，新华乡在县委领导下推进依法行政。\n" + BODY)
    assert (p.name, p.code[:6], p.county) == ("新华乡", "451123", "富川县")


def test_township_verb_before_self_reference_is_no_township():
    p, _, _ = _place("某府〔2025〕3号\n2025年以来，我镇坚持依法行政，为保障和促进我镇社会经济发展营造了良好环境。\n"
                     "一、主要做法\n四屏镇深入推进法治建设，四屏镇党委定期研究法治工作。\n" + BODY)
    assert p.name == "四屏镇"


# ----------------------------------------------------------------- issue 11: names the register half-knows

def test_township_name_ending_in_jie_before_jiedao_is_kept_whole():
    p, _, _ = _place("关于2023年法治政府建设情况的报告\n2023年，北城街街道深入学习，落实周口市委部署。\n" + BODY)
    assert p.name == "北城街街道" and p.code is None          # not 周口's 北城街道


def test_township_register_street_word_at_the_end_of_a_longer_name_is_not_taken():
    p, _, _ = _place("中共银杏大街街道工作委员会关于2023年法治政府建设的报告\n河南省委、省政府：\n" + BODY)
    assert p.name == "银杏大街街道" and p.code is None      # not 山东's 大街街道


def test_township_whose_province_the_text_contradicts_gets_no_code():
    # 大街街道 is a 山东 unit in the register; this report names only 河南 places
    p, _, _ = _place("大街街道2023年法治政府建设工作报告\n在河南省委、省政府的领导下，大街街道坚持依法行政。\n" + BODY)
    assert p.name == "大街街道" and p.code is None


def test_township_called_by_its_stem_in_the_county_the_text_names():
    p, _, _ = _place("为推进法治建设，街道按照《奉节县法治政府建设实施方案》要求开展工作。\n"
                     "一、主要举措\n谱写鱼复法治建设新篇章，开拓鱼复法治新局面。\n" + BODY)
    assert (p.name, p.code, p.county) == ("鱼复街道", "500236002", "奉节县")


def test_township_the_register_lacks_is_read_where_the_body_repeats_it():
    p, _, _ = _place("2023年，我镇坚持依法行政，推进法治政府建设。\n一、主要举措\n"
                     "让法治精神在青石镇落地生根；把法治课程列入青石镇委党校培训。\n" + BODY)
    assert p.name == "青石镇" and not p.registered


def test_township_in_traditional_characters_is_read_in_simplified_with_offsets_as_written():
    from kg.extract import extract

    text = ("2021年里田鄉法治政府建設工作總結\n一、工作情況\n鄉黨委政府高度重視普法依法治理工作，"
            "落實國家工作人員學法用法制度，全年開展法治講座3場。\n")
    facts = extract(from_text(text, "fixture.txt"))
    assert facts.place.name == "里田乡" and facts.year == 2021
    mechs = facts.of("mechanism")
    assert "国家工作人员学法用法制度" in {m.label for m in mechs}
    m = next(m for m in mechs if m.label == "国家工作人员学法用法制度")
    assert text[m.start:m.end] == m.surface and "學法用法" in m.surface     # evidence quotes the text as written
    assert facts.doc.text == text


def test_township_campaign_words_ending_like_a_suffix_name_no_township():
    # issue 15 #13: “法律进乡村” gave a township 法律进乡 that merged every such report into one node
    for text in ("深入开展“法律进乡村”活动，全年开展普法宣传12场次。\n组织送法下乡活动。\n" + BODY,
                 "推进镇村两级法律服务体系建设。\n" + BODY):
        p, _, _ = _place(text)
        assert p is None, p
