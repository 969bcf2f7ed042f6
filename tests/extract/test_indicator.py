"""Indicators (指标): value + unit of the year's work, with a short name; not dates or slogans."""
from kg.extract import indicator
from kg.ingest import from_text


def _figs(text: str):
    return indicator.extract(from_text(text, "fixture.txt"))


def _pairs(text: str, work_only: bool = True) -> list[tuple[float, str]]:
    return [(m.attrs["value"], m.attrs["unit"]) for m in _figs(text)
            if not (work_only and m.attrs["background"])]


def test_indicator_arabic_figure_with_approximation():
    assert _pairs("全年发放宣传资料1000余份，接受群众咨询200多人次。") == [(1000, "份"), (200, "人次")]


def test_indicator_chinese_numerals_after_verbs_and_at_clause_end():
    assert _pairs("开展法治讲座两场，举办培训班十余期。") == [(2, "场"), (10, "期")]
    assert _pairs("召开专题会议三次，组织集中学法二十余次。") == [(3, "次"), (20, "次")]
    assert _pairs("一周内进行两次治安巡逻。") == [(2, "次")]


def test_indicator_chinese_hundreds_and_thousands():
    assert _pairs("培训村干部百余人，发放资料两千余份。") == [(100, "人"), (2000, "份")]


def test_indicator_slogans_and_set_phrases_are_not_figures():
    text = ("坚决捍卫“两个确立”，落实行政执法三项制度，推行一村一法律顾问，"
            "推进三治融合，贯彻八五普法规划和十四五规划，实行一次性告知。")
    assert _pairs(text) == []


def test_indicator_ten_thousand_multiplier():
    assert _pairs("发放宣传资料1.2万份，覆盖群众3万余人次。") == [(12000, "份"), (30000, "人次")]


def test_indicator_money_keeps_its_written_unit():
    assert _pairs("投入法治建设经费5万元，奖励资金2000元。") == [(5, "万元"), (2000, "元")]


def test_indicator_shared_rate_gives_one_figure_each():
    figs = _figs("调解成功率和群众满意率均达100%。")
    assert [(m.attrs["value"], m.attrs["unit"]) for m in figs] == [(100, "%"), (100, "%")]
    assert [m.attrs["name"] for m in figs] == ["调解成功率", "群众满意率"]
    assert _pairs("办结率、满意率均为100%。") == [(100, "%"), (100, "%")]


def test_indicator_percent_forms():
    assert _pairs("执法人员持证率达到95%，公开规范化达90%以上，满意率97.56%。") == [(95, "%"), (90, "%"), (97.56, "%")]


def test_indicator_units_beyond_the_usual_list():
    text = "走访企业12家，张贴海报50张，发放手册300册，入户走访120户，覆盖学校3所。"
    assert _pairs(text) == [(12, "家"), (50, "张"), (300, "册"), (120, "户"), (3, "所")]


def test_indicator_dates_years_and_document_numbers_are_not_figures():
    text = "2023年3月15日，镇政府印发青政发〔2023〕12号文件，依据第三条和第5条，在12月4日开展宣传。"
    assert _pairs(text) == []


def test_indicator_phone_hotline_and_ages_are_not_figures():
    text = "公布举报电话0596-3521234，畅通12345热线和12348法律服务热线，关爱60岁以上老人。"
    assert _pairs(text) == []


def test_indicator_time_limits_and_round_the_clock_are_not_figures():
    text = "建成24小时自助法律服务站，打造15分钟公共法律服务圈，诉求在3个工作日内、紧急事项48小时内办结。"
    assert _pairs(text) == []


def test_indicator_figures_inside_quotes_are_not_figures():
    assert _pairs("开展“百名律师进千村”活动，创建“3+2”调解模式。") == []


def test_indicator_background_figures_are_typed_apart():
    figs = _figs("全镇辖12个行政村，总面积120平方公里，总人口3.5万人。全年调解纠纷30件。")
    work = [(m.attrs["value"], m.attrs["unit"]) for m in figs if not m.attrs["background"]]
    background = [m.attrs["value"] for m in figs if m.attrs["background"]]
    assert work == [(30, "件")]
    assert 12 in background


def test_indicator_name_says_what_is_counted():
    figs = _figs("共排查矛盾纠纷84起，审核合同2657份、规范性文件13份，聘请6名乡贤调解员。")
    assert [m.attrs["name"] for m in figs] == ["排查矛盾纠纷", "审核合同", "规范性文件", "聘请乡贤调解员"]


def test_indicator_name_for_figure_before_its_noun():
    (m,) = _figs("组织开展了3次廉政警示教育活动。")
    assert (m.attrs["value"], m.attrs["unit"]) == (3, "次")
    assert "廉政警示教育活动" in m.attrs["name"]


def test_indicator_name_reads_through_title_brackets():
    (m,) = _figs("签订《法治建设责任书》10份。")
    assert (m.attrs["value"], m.attrs["unit"], m.attrs["name"]) == (10, "份", "签订法治建设责任书")


def test_indicator_list_of_figures_names_each_after_its_unit():
    figs = _figs("配备3名专职网格员和32名兼职网格员。")
    assert [(m.attrs["value"], m.attrs["name"]) for m in figs] == [(3, "配备专职网格员"), (32, "兼职网格员")]


def test_indicator_background_carries_along_a_list_describing_the_place():
    figs = _figs("全镇辖8个行政村、1个社区，152个村民小组，总户数6800户。全年新建2个法治长廊。")
    assert [m.attrs["background"] for m in figs] == [True, True, True, True, False]


def test_indicator_internal_units_are_counted_not_a_time_limit():
    figs = _figs("完成6个内设机构调整，3个工作日内办结。")
    assert [(m.attrs["value"], m.attrs["unit"]) for m in figs] == [(6, "个")]


def test_indicator_name_leaves_out_how_often():
    figs = _figs("每月开展2次法律咨询，每季度召开一次专题会议，一周内进行两次治安巡逻。")
    assert [m.attrs["name"] for m in figs] == ["开展法律咨询", "召开专题会议", "进行治安巡逻"]


def test_counted_activity_is_what_is_held_not_the_verb():
    from kg.extract import extract

    facts = extract(from_text("某县青山镇2023年法治政府建设工作报告\n今年进行两次消防演练，一周内进行两次治安巡逻。",
                              "fixture.txt"))
    labels = {m.label for m in facts.of("activity")}
    assert "消防演练" in labels and "治安巡逻" in labels
    assert not {x for x in labels if x.startswith(("进行", "一周"))}
