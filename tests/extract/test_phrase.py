"""The shared phrase machinery behind mechanisms and activities (tokens, boundaries, variants)."""
from __future__ import annotations

from kg.extract import boundaries, gazetteers, heads, resolve, tokens
from kg.extract.phrase import Candidate, Source
from kg.ingest import from_text


def test_phrase_tokens_are_computed_once_per_document():
    doc = from_text("全面推行行政执法三项制度。")
    assert tokens.tokens(doc) is tokens.tokens(doc)
    assert "".join(doc.text[s:e] for s, e in tokens.tokens(doc)) == doc.text.replace("\n", "")


def test_phrase_lazy_tokens_match_the_whole_text_cut():
    import bisect

    doc = from_text("一、加强组织领导\n镇党委——政府开展“法律进乡村”宣传3.5万人次，abc def 民法典宣传月活动；\n\n"
                    "全面推行行政执法三项制度。")
    toks = tokens.tokens(doc)
    starts = [s for s, _ in toks]
    lazy = tokens.Tokens(doc.text)
    for p in range(len(doc.text)):
        i = bisect.bisect_right(starts, p) - 1
        assert lazy.covering(p) == toks[i]
        assert lazy.before(toks[i]) == (toks[i - 1] if i else None)


def test_phrase_lazy_tokens_cut_only_the_runs_asked_for():
    lazy = tokens.Tokens("全面推行行政执法三项制度。组织开展普法宣传活动。")
    lazy.covering(3)
    assert len(lazy._cut) == 1


def test_phrase_fused_verb_runs_are_boundaries():
    assert boundaries.is_boundary("广泛开展")
    assert boundaries.is_boundary("切实加强")
    assert boundaries.is_boundary("多次")


def test_phrase_nouns_tagged_as_verbs_or_numerals_are_not_boundaries():
    assert not boundaries.is_boundary("知识")     # 法律知识培训
    assert not boundaries.is_boundary("日")       # 接访日制度


def test_phrase_merge_variants_joins_prefix_and_list_item_only():
    cands = [Candidate("mechanism", 0, 5, "最多跑一次", Source.LEXICON),
             Candidate("mechanism", 9, 16, "最多跑一次改革", Source.HEAD),
             Candidate("mechanism", 20, 25, "法律明白人", Source.LEXICON),
             Candidate("mechanism", 30, 45, "法治带头人、法律明白人培养工程", Source.CONSTRUCTION),
             Candidate("mechanism", 50, 54, "政务公开", Source.LEXICON),
             Candidate("mechanism", 60, 66, "党务政务公开", Source.LEXICON)]
    labels = [c.label for c in resolve.merge_variants(cands)]
    assert labels == ["最多跑一次改革", "最多跑一次改革", "法治带头人、法律明白人培养工程",
                      "法治带头人、法律明白人培养工程", "政务公开", "党务政务公开"]


def test_phrase_tidy_strips_leading_verbs_and_drops_generic():
    assert resolve.tidy(Candidate("activity", 0, 10, "切实加强法律知识培训", Source.HEAD)).label == "法律知识培训"
    assert resolve.tidy(Candidate("mechanism", 0, 6, "基层治理机制", Source.HEAD)) is None


def test_phrase_lexicon_names_are_read_through_quotation_marks():
    doc = from_text("结合法律“七进”要求，严格执行“三重一大”集体决策制度。")
    acts = gazetteers.lexicon_matches(doc, "activities.tsv", "activity")
    mechs = gazetteers.lexicon_matches(doc, "mechanisms.tsv", "mechanism")
    assert [(c.label, doc.text[c.start:c.end]) for c in acts] == [("法律七进", "法律“七进”")]
    assert [(c.label, doc.text[c.start:c.end]) for c in mechs] == [("三重一大", "“三重一大”集体决策制度")]


def test_phrase_merge_variants_joins_a_name_behind_generic_words():
    cands = [Candidate("mechanism", 0, 6, "法律顾问制度", Source.LEXICON),
             Candidate("mechanism", 10, 18, "政府法律顾问制度", Source.HEAD),
             Candidate("mechanism", 20, 24, "政务公开", Source.LEXICON),
             Candidate("mechanism", 30, 36, "党务政务公开", Source.LEXICON)]
    labels = [c.label for c in resolve.merge_variants(cands)]
    assert labels == ["政府法律顾问制度", "政府法律顾问制度", "政务公开", "党务政务公开"]


def test_phrase_measure_word_after_a_written_number_stops_a_name():
    doc = from_text("发放宣传资料300余份法律顾问进村宣讲2次。")
    labels = {c.label for c in heads.head_phrases(doc, "activity_heads.txt", "activity")}
    assert labels == {"法律顾问进村宣讲"}


def test_phrase_unquoted_maps_each_kept_character_to_its_offset():
    doc = from_text("推行“三重一大”集体决策制度，开展‘法律七进’「活动」。\n")
    text, where = gazetteers.unquoted(doc)
    keep = [i for i, ch in enumerate(doc.text) if ch not in "“”‘’\"「」"]
    assert text == "".join(doc.text[i] for i in keep)
    assert [where[u] for u in range(len(where))] == keep
    assert where[-1] == keep[-1]


def test_phrase_resolve_overlaps_keeps_what_the_pairwise_check_keeps():
    import random

    rng = random.Random(7)
    for _ in range(200):
        cands = []
        for _ in range(rng.randint(0, 25)):
            s = rng.randint(0, 60)
            cands.append(Candidate(rng.choice(["mechanism", "activity"]), s, s + rng.randint(1, 12), "名称", Source(rng.randint(1, 4))))
        blocked = [(10, 14), (30, 33)] if rng.random() < 0.5 else []
        order = sorted(cands, key=lambda c: (-(c.end - c.start), c.source, c.start))
        assert resolve.resolve_overlaps(cands, blocked) == resolve._resolve_slowly(order, blocked)


def test_phrase_of_clauses_finds_what_the_whole_text_scan_finds():
    text = ("实行包村领导包案、村书记具体负责的工作责任制，建立“两个、三个”的机制。\n"
            "落实以案释法的制度；完善党委领导、政府负责的监督管理机制和议事制度")
    assert [m.span() for m in heads.of_clauses(text)] == [m.span() for m in heads.OF_CLAUSE.finditer(text)]
    assert len(list(heads.of_clauses(text))) >= 2
