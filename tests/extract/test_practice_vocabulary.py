"""The practice vocabulary: variants of one practice share it, related practices stay apart,
and every mechanism or activity gets exactly one category, by the scheme or by a rule."""
from __future__ import annotations

import shutil

import pyoxigraph as ox
import pytest

from kg.errors import LexiconError
from kg.extract import extract, vocabulary
from kg.graph import build
from kg.ingest import from_text

TKG = "https://w3id.org/township-kg/ontology#"
HEAD = "东湖县新城镇\n关于2023年度法治政府建设情况的报告\n"

# each group: sentences of different reports naming the same practice in different words
VARIANT_GROUPS = [
    ("mechanism", ["健全依法决策机制，重大事项集体研究。", "严格落实依法决策工作制度，重大事项集体研究。"]),
    ("mechanism", ["全面落实村（社区）法律顾问，服务群众。", "深化一村一法律顾问，服务群众。",
                   "推行一村（社区）一法律顾问制度，服务群众。"]),
    ("mechanism", ["坚持领导干部述法，压实责任。", "开展年度述法，压实责任。", "落实述职述法制度，压实责任。"]),
    ("activity", ["组织中心组学法4次。", "组织党委理论学习中心组学法4次。"]),
]


def _practices(sentence: str, kind: str | None = None) -> dict[str, tuple[str, str, str]]:
    """label -> (practice IRI or "", category IRI, inScheme) of the mechanisms and activities one
    report's graph states (of one kind where given: 开展年度述法 is a rule and a session held)."""
    facts = extract(from_text(HEAD + sentence + "\n"))
    store = ox.Store()
    store.extend(build.report_quads(facts))
    classes = " ".join(f"<{TKG}{k.title()}>" for k in ("mechanism", "activity") if kind in (None, k))
    rows = store.query(f"""SELECT ?label ?p ?c ?in WHERE {{
        ?x a ?cls ; <http://www.w3.org/2000/01/rdf-schema#label> ?label ; <{TKG}category> ?c ; <{TKG}inScheme> ?in .
        VALUES ?cls {{ {classes} }} OPTIONAL {{ ?x <{TKG}practice> ?p }} }}""",
                       use_default_graph_as_union=True)
    return {r["label"].value: (r["p"].value if r["p"] else "", r["c"].value, r["in"].value) for r in rows}


@pytest.mark.parametrize("kind, sentences", VARIANT_GROUPS)
def test_practice_variants_of_one_practice_land_on_one_practice(kind, sentences):
    found = set()
    for s in sentences:
        named = {p for p, _, _ in _practices(s, kind).values() if p}
        assert len(named) == 1, (s, _practices(s, kind))
        found |= named
    assert len(found) == 1, found


def test_practice_variant_keeps_its_written_name_as_label():
    assert "年度述法" in _practices("开展年度述法，压实责任。")
    place = vocabulary.place("mechanism", "年度述法")
    assert place.practice.name == "领导干部述法" and "年度述法" in place.practice.forms


def test_practice_government_legal_adviser_is_related_to_but_not_the_village_one():
    government = {vocabulary.place("mechanism", n).practice.name for n in ("政府法律顾问制度", "法律顾问制度", "常年法律顾问")}
    village = {vocabulary.place("mechanism", n).practice.name
               for n in ("村（社区）法律顾问", "一村一法律顾问", "一村（社区）一法律顾问")}
    assert government == {"政府法律顾问制度"} and village == {"一村一法律顾问"}
    assert ("mechanism", "一村一法律顾问") in vocabulary.practices()["mechanism", "政府法律顾问制度"].related
    assert ("mechanism", "政府法律顾问制度") in vocabulary.practices()["mechanism", "一村一法律顾问"].related


@pytest.mark.parametrize("kind, name, category, rule", [
    ("activity", "赶集日集中宣传", "普法宣传", "head 宣传"),
    ("activity", "法律顾问进村宣讲", "普法宣传", "head 宣讲"),
    ("activity", "农民工欠薪调解", "矛盾纠纷化解", "head 调解"),
    ("activity", "村规民约合法性审查", "依法决策", "head 审查"),
    ("activity", "集体合同审核", "依法决策", "head 审核"),
    ("mechanism", "科学民主依法决策工作机制", "依法决策", "head 决策"),
    ("mechanism", "矛盾纠纷多元调处机制", "矛盾纠纷化解", "head 调处"),
    ("activity", "护林防火巡查", "其他", "fallback"),
])
def test_practice_outside_the_scheme_is_placed_by_its_head_or_words(kind, name, category, rule):
    place = vocabulary.place(kind, name)
    assert (place.category.zh, place.rule, place.practice) == (category, rule, None)


def test_practice_outside_the_scheme_is_flagged_in_the_graph():
    found = _practices("在集市开展赶集日集中宣传。")
    practice, category, in_scheme = found["赶集日集中宣传"]
    assert (practice, category, in_scheme) == ("", "https://w3id.org/township-kg/practices#publicity", "false")


def test_practice_every_row_of_the_lexicons_is_a_form_of_one_practice():
    for kind, name in vocabulary.KIND_FILE.items():
        from kg.extract.lexicon import aliases
        for form in aliases(name):
            assert vocabulary.place(kind, form).rule == "scheme", (name, form)


def test_practice_categories_are_a_dozen_with_a_fallback():
    cats = vocabulary.categories()
    assert 9 <= len(cats) <= 13 and list(cats)[-1] == vocabulary.FALLBACK
    assert len({c.zh for c in cats.values()}) == len(cats)


def _copy_lexicons(tmp_path, monkeypatch):
    folder = tmp_path / "lexicons"
    shutil.copytree(vocabulary.LEXICONS, folder)
    monkeypatch.setattr(vocabulary, "LEXICONS", folder)
    for f in (vocabulary.categories, vocabulary.practices, vocabulary.rules, vocabulary._by_form, vocabulary.place):
        f.cache_clear()
    return folder


@pytest.fixture
def lexicons(tmp_path, monkeypatch):
    yield _copy_lexicons(tmp_path, monkeypatch)
    monkeypatch.undo()
    for f in (vocabulary.categories, vocabulary.practices, vocabulary.rules, vocabulary._by_form, vocabulary.place):
        f.cache_clear()


def test_practice_unknown_category_is_a_load_error_naming_file_and_line(lexicons):
    path = lexicons / "category_rules.tsv"
    path.write_text(path.read_text(encoding="utf-8") + "宣传类\tword\t宣讲\n", encoding="utf-8")
    n = len(path.read_text(encoding="utf-8").splitlines())
    with pytest.raises(LexiconError, match=rf"category_rules.tsv:{n}: unknown category '宣传类'"):
        vocabulary.rules()


def test_practice_variant_of_an_unknown_practice_is_a_load_error(lexicons):
    path = lexicons / "mechanisms.tsv"
    path.write_text(path.read_text(encoding="utf-8") + "述法工作\t\t\t述法制度\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"mechanisms.tsv:\d+: '述法工作' is a variant of '述法制度'"):
        vocabulary.practices()
