"""The build cache: unchanged reports are not extracted again, and nothing stale survives."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from test_parallel import _corpus

import kg
import kg.parallel
from kg import cache
from kg.export import render


def _ttl(graph) -> bytes:
    return render(graph, "graph.ttl")


def test_cache_rebuild_after_change_and_removal_equals_clean_build(tmp_path):
    corpus, db = _corpus(tmp_path / "in"), tmp_path / "out" / cache.CACHE_NAME
    kg.build([corpus], cache=db)
    changed = corpus / "r0.txt"
    changed.write_text(changed.read_text(encoding="utf-8").replace("中华人民共和国宪法", "中华人民共和国监察法"),
                       encoding="utf-8")
    (corpus / "r1.txt").unlink()                                   # 柳河乡 and 民法典 only came from r1
    rebuilt, clean = kg.build([corpus], cache=db), kg.build([corpus])
    assert _ttl(rebuilt) == _ttl(clean)
    assert render(rebuilt, "graph.nq") == render(clean, "graph.nq")
    text = _ttl(rebuilt).decode("utf-8")
    assert "柳河乡" not in text and "中华人民共和国民法典" not in text
    assert "中华人民共和国监察法" in text and "中华人民共和国宪法" not in text


def test_cache_unchanged_reports_are_not_extracted_again(tmp_path, monkeypatch):
    corpus, db = _corpus(tmp_path / "in"), tmp_path / "out" / cache.CACHE_NAME
    first = kg.build([corpus], cache=db)
    (tmp_path / "new").mkdir()
    (tmp_path / "new" / "n.txt").write_text("东湖县新城镇\n2023年法治政府建设工作报告\n"
                                            "2023年，新城镇组织学习《中华人民共和国宪法》。\n", encoding="utf-8")
    extracted: list[str] = []
    real = kg.parallel.process_report
    monkeypatch.setattr(kg.parallel, "process_report", lambda p, m=None: extracted.append(Path(p).name) or real(p, m))
    second = kg.build([corpus, tmp_path / "new"], cache=db)
    assert extracted == ["n.txt"]
    assert second.stats.reports == first.stats.reports + 1
    assert second.stats.unresolved_regulations == kg.build([corpus, tmp_path / "new"]).stats.unresolved_regulations


def test_cache_reads_a_file_again_only_when_its_stat_changes(tmp_path, monkeypatch):
    # +1 report to 10,000: hashing every unchanged input to find its key took 0.3 s
    corpus, db = _corpus(tmp_path / "in"), tmp_path / "out" / cache.CACHE_NAME
    hashed: list[str] = []
    real = cache.file_digest
    monkeypatch.setattr(cache, "file_digest", lambda p: hashed.append(p.name) or real(p))
    kg.build([corpus], cache=db)                       # files written just now: racy, not recorded
    hashed.clear()
    kg.build([corpus], cache=db)
    assert len(hashed) == len(list(corpus.iterdir()))
    monkeypatch.setattr(cache, "RACY_NS", 0)           # as if written long ago: recorded
    kg.build([corpus], cache=db)
    hashed.clear()
    kg.build([corpus], cache=db)
    assert hashed == []
    r1 = corpus / "r1.txt"                              # same size, time set back: its ctime still moves
    st = r1.stat()
    text = r1.read_text(encoding="utf-8")
    r1.write_text(text.replace("建立", "健全"), encoding="utf-8")
    os.utime(r1, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert r1.stat().st_size == st.st_size and r1.stat().st_mtime_ns == st.st_mtime_ns
    rebuilt = kg.build([corpus], cache=db)
    assert hashed == ["r1.txt"] and _ttl(rebuilt) == _ttl(kg.build([corpus]))


def test_cache_renamed_file_is_extracted_again(tmp_path):
    corpus, db = _corpus(tmp_path / "in"), tmp_path / "out" / cache.CACHE_NAME
    kg.build([corpus], cache=db)
    (corpus / "r2.txt").rename(corpus / "r2-renamed.txt")          # the graph records the file name
    assert _ttl(kg.build([corpus], cache=db)) == _ttl(kg.build([corpus]))
    assert "r2-renamed.txt" in _ttl(kg.build([corpus], cache=db)).decode("utf-8")


def test_cache_new_extractor_version_misses(tmp_path, monkeypatch):
    corpus, db = _corpus(tmp_path / "in"), tmp_path / "out" / cache.CACHE_NAME
    kg.build([corpus], cache=db)
    before = cache.fingerprint()
    monkeypatch.setattr("kg.extract.VERSION", "test-" + before)
    cache.fingerprint.cache_clear()
    try:
        assert cache.fingerprint() != before
        with cache.BuildCache(db) as store:
            assert store.get(cache.report_key(corpus / "r0.txt")) is None
    finally:
        monkeypatch.undo()
        cache.fingerprint.cache_clear()


def test_cache_lexicon_edit_changes_fingerprint(tmp_path, monkeypatch):
    lexicons = tmp_path / "kg" / "extract" / "lexicons"
    lexicons.mkdir(parents=True)
    (lexicons / "units.txt").write_text("份\n", encoding="utf-8")
    monkeypatch.setattr(cache, "_KG", tmp_path / "kg")
    cache.fingerprint.cache_clear()
    try:
        one = cache.fingerprint()
        (lexicons / "units.txt").write_text("份\n人次\n", encoding="utf-8")
        cache.fingerprint.cache_clear()
        assert cache.fingerprint() != one
    finally:
        monkeypatch.undo()
        cache.fingerprint.cache_clear()


def test_cache_cli_writes_hidden_cache_next_to_outputs(tmp_path):
    from typer.testing import CliRunner

    from kg.cli import app

    corpus = _corpus(tmp_path / "in")
    result = CliRunner().invoke(app, ["build", str(corpus), "--out", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / cache.CACHE_NAME).is_file()
    result = CliRunner().invoke(app, ["build", str(corpus), "--out", str(tmp_path / "nocache"), "--no-cache", "-q"])
    assert result.exit_code == 0 and not (tmp_path / "nocache" / cache.CACHE_NAME).exists()


def test_cache_entry_gives_back_the_extracted_result(tmp_path):
    corpus, db = _corpus(tmp_path / "in"), tmp_path / "c.sqlite"
    path = sorted(corpus.iterdir())[0]
    fresh = kg.parallel.process_report(path)
    with cache.BuildCache(db) as store:
        store.put("k", fresh)
    with cache.BuildCache(db) as store:
        back = store.get("k")
    assert back.chunks == fresh.chunks and back.view == fresh.view
    assert (back.unresolved, back.place) == (fresh.unresolved, fresh.place)


def test_cache_adding_a_report_merges_onto_the_last_union(tmp_path, monkeypatch):
    from kg.graph import union

    corpus, db = _corpus(tmp_path / "in"), tmp_path / "out" / cache.CACHE_NAME
    kg.build([corpus], cache=db)
    (tmp_path / "new").mkdir()
    (tmp_path / "new" / "n.txt").write_text("东湖县新城镇\n2023年法治政府建设工作报告\n"
                                            "2023年，新城镇组织学习《中华人民共和国宪法》《中华人民共和国民法典》。\n",
                                            encoding="utf-8")
    merged_all: list[int] = []
    real = union._merge
    monkeypatch.setattr(union, "_merge", lambda blobs: merged_all.append(len(blobs)) or real(blobs))
    added = kg.build([corpus, tmp_path / "new"], cache=db)
    assert merged_all == []                                        # only the new report's lines were merged
    clean = kg.build([corpus, tmp_path / "new"])
    assert _ttl(added) == _ttl(clean) and added.summary() == clean.summary()
    (corpus / "r2.txt").unlink()                                   # a removed report: merged from scratch
    merged_all.clear()
    removed = kg.build([corpus, tmp_path / "new"], cache=db)
    assert merged_all and _ttl(removed) == _ttl(kg.build([corpus, tmp_path / "new"]))


def test_cache_adding_a_report_rewrites_only_the_union_blocks_its_lines_fall_in(tmp_path, monkeypatch):
    # +1 report to a big build: the other blocks of shared lines, and their Turtle, are taken as kept
    import kg.graph
    from kg.graph import chunks

    monkeypatch.setattr(kg.graph, "_BLOCK_LINES", 3)              # many blocks
    corpus, db = tmp_path / "in", tmp_path / "out" / cache.CACHE_NAME
    corpus.mkdir()
    for i, (town, county) in enumerate([("城关镇", "汝阳县"), ("付店镇", "汝阳县"), ("苏集镇", "南宫市"),
                                        ("大村乡", "南宫市"), ("紫罗乡", "南宫市")]):
        (corpus / f"r{i}.txt").write_text(f"{county}{town}\n2023年法治政府建设工作报告\n"
                                          f"2023年，{town}组织学习《中华人民共和国宪法》，建立法律顾问制度。\n",
                                          encoding="utf-8")
    kg.build([corpus], cache=db)
    with cache.BuildCache(db) as store:
        _, kept = store.assembly()
    assert len(kept) > 5 and all(b.turtle for b in kept)
    new = tmp_path / "new"
    new.mkdir()        # a township, a law and figures (segments of a kind no kept report has) of its own
    (new / "n.txt").write_text("东湖县新城镇\n2023年法治政府建设工作报告\n2023年，新城镇组织学习"
                               "《中华人民共和国民法典》，全年发放宣传资料300份，化解矛盾纠纷12起。\n", encoding="utf-8")
    made: list[bytes] = []
    real = chunks.turtle_body
    monkeypatch.setattr(chunks, "turtle_body", lambda raw: made.append(raw) or real(raw))
    for share in (1.0, 1.0, 0.0):          # twice not kept anew (a small addition), then kept anew
        monkeypatch.setattr(cache, "UNSAVED_SHARE", share)
        made.clear()
        added = kg.build([corpus, new], cache=db)
        ttl = _ttl(added)
        blocks = [p for p in added.union_parts() if isinstance(p, chunks.Block)]
        reused = [p for p in blocks if any(p is b for b in added._base[0])]    # the kept blocks, as read
        # most kept blocks are taken as they are; Turtle is made for n.txt's 4 segments (when it
        # is extracted) and for the blocks its lines fell in, never for the reused ones
        assert len(reused) > len(kept) / 2 and 0 < len(made) <= len(blocks) - len(reused) + 4
        clean = kg.build([corpus, new])
        assert ttl == _ttl(clean) and added.summary() == clean.summary()
        with cache.BuildCache(db) as store:
            keys, now = store.assembly()
        assert (now == kept) == (share == 1.0) and len(keys) == 5 + (share == 0.0)


def test_cache_adding_a_report_folds_only_its_view_record(tmp_path, monkeypatch):
    from kg.export import graphview

    corpus, db = _corpus(tmp_path / "in"), tmp_path / "out" / cache.CACHE_NAME
    kg.build([corpus], cache=db)
    for out in ("graph.html", "township_law.csv"):     # a build folds the view when it writes these
        render(kg.build([corpus], cache=db), out)
    (tmp_path / "new").mkdir()
    (tmp_path / "new" / "n.txt").write_text("东湖县新城镇\n2023年法治政府建设工作报告\n"
                                            "2023年，新城镇组织学习《中华人民共和国宪法》，建立法律顾问制度。\n",
                                            encoding="utf-8")
    folded: list[str] = []
    real = graphview._Reader.add
    monkeypatch.setattr(graphview._Reader, "add", lambda self, rec: folded.append(rec["reports"][0][3])
                        or real(self, rec))
    both = [corpus, tmp_path / "new"]
    added, clean = kg.build(both, cache=db), kg.build(both)
    for out in ("graph.html", "township_law.csv"):
        assert render(added, out) == render(clean, out)
    assert folded.count("n.txt") == 2 and len(folded) == 2 + len(list(corpus.iterdir()))   # added: n.txt only
    folded.clear()
    again = kg.build(both, cache=db)                       # nothing new: nothing folded
    assert render(again, "graph.html") == render(clean, "graph.html") and folded == []
    (corpus / "r2.txt").unlink()                           # a removed report: folded from scratch
    removed = kg.build(both, cache=db)
    assert render(removed, "graph.html") == render(kg.build(both), "graph.html")
    with cache.BuildCache(db) as store:                    # a damaged fold is folded again, not read
        keys, _ = store.folded_view(0)
        store.save_folded_view(0, sorted(keys), b"not a fold")
    folded.clear()
    assert render(kg.build(both, cache=db), "graph.html") == render(kg.build(both), "graph.html")
    assert len(folded) == 2 * len(list(corpus.iterdir())) + 2


def test_cache_a_small_addition_is_folded_each_build_instead_of_rewriting_the_kept_fold(tmp_path, monkeypatch):
    # +1 report to a big build: rewriting the whole fold cost more than folding the one record again
    from kg.export import graphview

    corpus, db = _corpus(tmp_path / "in"), tmp_path / "out" / cache.CACHE_NAME
    render(kg.build([corpus], cache=db), "graph.html")
    with cache.BuildCache(db) as store:
        kept_keys, kept_state = store.folded_view(0)
    (tmp_path / "new").mkdir()
    (tmp_path / "new" / "n.txt").write_text("东湖县新城镇\n2023年法治政府建设工作报告\n"
                                            "2023年，新城镇建立法律顾问制度。\n", encoding="utf-8")
    monkeypatch.setattr(cache, "UNSAVED_SHARE", 1.0)     # any addition smaller than the fold
    folded: list[str] = []
    real = graphview._Reader.add
    monkeypatch.setattr(graphview._Reader, "add", lambda self, rec: folded.append(rec["reports"][0][3])
                        or real(self, rec))
    both = [corpus, tmp_path / "new"]
    for _ in range(2):                          # each build folds n.txt onto the kept fold, left as it was
        folded.clear()
        assert render(kg.build(both, cache=db), "graph.html") == render(kg.build(both), "graph.html")
        assert folded.count("n.txt") == 2 and len(folded) == 2 + len(list(corpus.iterdir()))
        with cache.BuildCache(db) as store:
            assert store.folded_view(0) == (kept_keys, kept_state)
    monkeypatch.setattr(cache, "UNSAVED_SHARE", 0.0)     # a bigger share: the fold is kept anew
    folded.clear()
    render(kg.build(both, cache=db), "graph.html")
    folded.clear()
    render(kg.build(both, cache=db), "graph.html")
    assert folded == []


def _broken_cache(db: Path, how: str) -> None:
    db.parent.mkdir(parents=True, exist_ok=True)
    if how == "random":
        db.write_bytes(bytes(range(256)) * 20)
    elif how == "truncated":
        good = db.with_name("good.sqlite")
        c = cache.BuildCache(good)
        c._conn().execute("INSERT INTO report VALUES ('k', 'f', '{}', x'00')")
        c._conn().commit()
        c.close()
        db.write_bytes(good.read_bytes()[:1500])
    elif how == "folder":
        db.mkdir()


@pytest.mark.parametrize("how", ["random", "truncated", "folder"])
def test_cache_unusable_file_is_one_warning_and_the_build_goes_on(tmp_path, how):
    # issue 15 #12: a corrupt .kg-cache.sqlite crashed every later build with a sqlite3 traceback
    corpus, db = _corpus(tmp_path / "in"), tmp_path / "out" / cache.CACHE_NAME
    _broken_cache(db, how)
    warnings: list = []
    graph = kg.build([corpus], cache=db, on_warning=warnings.append)
    assert _ttl(graph) == _ttl(kg.build([corpus]))
    notes = [w for w in warnings if w.code == "W103"]
    assert len(notes) == 1 and "cache" in str(notes[0])
    if how != "folder":            # moved aside, a new cache made: the next build uses it quietly
        assert db.with_name(db.name + ".broken").exists()
        again: list = []
        kg.build([corpus], cache=db, on_warning=again.append)
        assert not [w for w in again if w.code == "W103"]
