"""The practice-level queries: variants of one practice count together, categories per township
and per region, on reports written for the test."""
from __future__ import annotations

import pytest

import kg
from kg import query as q
from tests.conftest import write_report


@pytest.fixture(scope="module")
def graph(tmp_path_factory):
    folder = tmp_path_factory.mktemp("practice-reports")
    write_report(folder, "a.txt", "河北省邢台市南宫市大村乡\n大村乡2023年法治政府建设工作报告\n"
                 "2023年，大村乡开展年度述法，组织禁毒宣传3次，在集市开展赶集日集中宣传。\n")
    write_report(folder, "b.txt", "福建省泉州市德化县国宝乡\n国宝乡2023年法治政府建设工作报告\n"
                 "2023年，国宝乡落实述职述法制度，组织禁毒宣传2次，调解农民工欠薪调解纠纷。\n")
    return kg.build([folder])


def test_practice_diffusion_counts_variants_of_one_practice_together(graph):
    rows = q.run(graph, "mechanism-diffusion", {"mechanism": "述法"}).dicts()
    assert {(r["mechanism"], r["townships"], r["township"]) for r in rows} == {
        ("领导干部述法", 2, "大村乡"), ("领导干部述法", 2, "国宝乡")}


def test_practice_township_categories_counts_each_townships_practices(graph):
    rows = q.run(graph, "township-categories", {}).dicts()
    table = {(r["township"], r["category"]): r for r in rows}
    assert table["大村乡", "普法宣传"]["practices"] == 2          # 禁毒宣传, 赶集日集中宣传
    assert table["大村乡", "普法宣传"]["not_in_scheme"] == 1      # 赶集日集中宣传: placed by its head
    assert table["大村乡", "组织领导与责任落实"]["mechanisms"] == 1
    assert table["国宝乡", "组织领导与责任落实"]["mechanisms"] == 1
    only = q.run(graph, "township-categories", {"township": "国宝乡"}).dicts()
    assert only and {r["township"] for r in only} == {"国宝乡"}


def test_practice_category_ranking_by_province_and_county(graph):
    provinces = q.run(graph, "category-ranking", {"level": "province"}).dicts()
    assert {r["region"] for r in provinces} == {"河北省", "福建省"}
    counties = q.run(graph, "category-ranking", {"level": "county", "region": "德化"}).dicts()
    assert counties and {r["region"] for r in counties} == {"德化县"}
    first = counties[0]
    assert all((first["townships"], first["practices"]) >= (r["townships"], r["practices"]) for r in counties)
