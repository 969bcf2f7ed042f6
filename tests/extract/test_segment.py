"""Segmentation: rjieba gives jieba's own tokens (user words included), so outputs do not
depend on which backend cut them."""
from __future__ import annotations

from pathlib import Path

import jieba
import pytest

from bench.corpus import report
from kg.extract.segment import Segmenter
from kg.extract.tokens import tokenizer

pytest.importorskip("rjieba")

ROOT = Path(__file__).resolve().parents[2]
EDGES = [
    "2021-2025年法治政府建设实施纲要（2021—2025年）",
    "访问www.gov.cn或WWW.XX.GOV.CN查看，满意度97.5%，增长12.30%以上",
    "12·4国家宪法日、“6.26”国际禁毒日、3.15消费者权益保障日",
    "A股、B超、T恤、iPhone12、5G基站、COVID-19、No.3、#话题#、a+b&c_d",
    "一、二、（三）1.2.3．第1-3条，〔2023〕15号文件",
    "党委理论学习中心组集中学习习近平法治思想，开展“法律七进”活动",
]


def _runs(text: str):
    return [m.group(0) for m in jieba.re_han_default.finditer(text)]


def _both():
    words = [(w, 2000) for w in ("法律七进", "四议两公开一监督")] + [(w, 5000) for w in ("专题学习", "学法")]
    return Segmenter(words, "rjieba"), Segmenter(words, "jieba")


@pytest.mark.parametrize("text", EDGES)
def test_segment_rjieba_cuts_edge_cases_as_jieba_does(text):
    rs, py = _both()
    assert rs.cut(text) == py.cut(text)
    for run in _runs(text):
        assert rs.cut(run) == py.cut(run)


def test_segment_rjieba_cuts_the_seeds_and_the_bench_corpus_as_jieba_does():
    rs, py = _both()
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    texts += [report(i)[1] for i in range(60)]
    for text in texts:
        for run in _runs(text):
            assert rs.cut(run) == py.cut(run), run


def test_segment_the_extractor_tokenizer_knows_the_domain_words_in_either_backend(monkeypatch):
    assert "四议两公开一监督" in tokenizer().cut("落实四议两公开一监督。")
    py = Segmenter([("四议两公开一监督", 2000)], "jieba")
    assert "四议两公开一监督" in py.cut("落实四议两公开一监督。")


def test_segment_unknown_backend_is_a_clear_error():
    with pytest.raises(ValueError, match="KG_SEGMENTER"):
        Segmenter([], "pkuseg")


def test_segment_runs_and_dictionary_are_jiebas_without_importing_it():
    from kg.extract import tokens
    from kg.extract.segment import HAN_RUN, dictionary_file

    assert (HAN_RUN.pattern, HAN_RUN.flags) == (jieba.re_han_default.pattern, jieba.re_han_default.flags)
    with jieba.get_dict_file() as f:
        assert dictionary_file() == Path(f.name)
    in_run = {chr(c) for c in range(0x10000) if HAN_RUN.fullmatch(chr(c))}
    assert in_run == set(tokens.RUN_CHARS)
    assert not any(tokens.NOT_RUN.fullmatch(c) for c in in_run)
