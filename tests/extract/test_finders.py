"""The finder registry (kg/extract/finders.py) and its table (lexicons/finders.tsv) drive extraction."""
from __future__ import annotations

import re

import pytest

from kg.errors import LexiconError
from kg.extract import extract, finders
from kg.extract.phrase import Candidate, Source
from kg.ingest import from_text

HEAD = "某某县青山镇2023年法治政府建设工作报告\n"
BODY = "镇党委每月举办星光夜谈会，全面推行行政执法三项制度，开展民法典宣传月活动。"


@pytest.fixture
def registry(monkeypatch):
    """The registry and the table as shipped again after the test, whatever it registered or pointed at."""
    saved = dict(finders.REGISTRY), dict(finders.LEXICON_SETTINGS)
    finders.steps.cache_clear()
    yield finders.REGISTRY
    for now, then in zip((finders.REGISTRY, finders.LEXICON_SETTINGS), saved, strict=True):
        now.clear()
        now.update(then)
    finders.steps.cache_clear()


def _table(tmp_path, *rows: str):
    """The shipped table with `rows` added at its end, as a file of the test's own."""
    path = tmp_path / "finders.tsv"
    path.write_text(finders.TABLE.read_text(encoding="utf-8") + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


def _stamps(doc, word: str, kind: str) -> list[Candidate]:
    """A finder for the tests: every occurrence of `word`, as a known name."""
    return [Candidate(kind, m.start(), m.end(), word, Source.LEXICON) for m in re.finditer(re.escape(word), doc.text)]


def test_finders_a_registered_finder_in_the_table_yields_mentions(registry, tmp_path, monkeypatch):
    def activities():
        return {m.label for m in extract(from_text(HEAD + BODY)).of("activity")}

    assert "星光夜谈会" not in activities()
    finders.finder("stamps")(_stamps)
    monkeypatch.setattr(finders, "TABLE", _table(tmp_path, "stamps\tactivity\tword=星光夜谈会"))
    assert "星光夜谈会" in activities()


def test_finders_a_registered_finder_not_in_the_table_does_not_run(registry):
    finders.finder("stamps")(_stamps)
    assert "星光夜谈会" not in {m.label for m in extract(from_text(HEAD + BODY)).of("activity")}


def test_finders_every_row_of_the_shipped_table_names_a_registered_finder():
    steps = finders.steps(finders.TABLE)
    assert {s.name for s in steps} <= set(finders.REGISTRY)
    assert set(finders.REGISTRY) <= {s.name for s in steps}, "a registered finder that never runs"


@pytest.mark.parametrize(("row", "error"), [
    ("no_such_finder\t-", "unknown finder 'no_such_finder'"),
    ("head_phrases\tactivity\theds=activity_heads.txt", "bad settings"),
    ("head_phrases\tactivity\theads", "not key=value"),
    ("head_phrases\tactivity\theads=no_such_heads.txt", "no lexicon 'no_such_heads.txt'"),
    ("head_phrases\tactivity\theads=activities.tsv", "not a lexicon shaped like 'activity_heads.txt'"),
    ("head_phrases\t-\theads=activity_heads.txt", "takes kind one of mechanism, activity, not '-'"),
    ("quoted\tactivity", "takes kind -, not 'activity'"),
    ("lexicon_matches\tregulation\tlexicon=activities.tsv", "not 'regulation'"),
])
def test_finders_a_bad_row_is_a_lexicon_error_naming_path_and_line(registry, tmp_path, row, error):
    path = tmp_path / "finders.tsv"
    path.write_text(f"# a comment\n\nquoted\t-\n{row}\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=re.escape(f"{path}:4: ") + ".*" + re.escape(error)):
        finders.steps(path)


def test_finders_a_name_is_registered_once(registry):
    finders.finder("stamps")(_stamps)
    with pytest.raises(ValueError, match="registered already"):
        finders.finder("stamps")(lambda doc: [])


def test_finders_candidates_carry_their_source():
    doc = from_text(HEAD + BODY)
    found = {(c.label, c.source) for c in finders.candidates(doc)}
    assert all(isinstance(s, Source) for _, s in found)
    assert ("三项制度", Source.LEXICON) in found             # mechanisms.tsv
    assert ("行政执法三项制度", Source.HEAD) in found         # …制度, mechanism_heads.txt
    assert Source.LEXICON < Source.CONSTRUCTION < Source.HEAD < Source.LIST_ITEM   # the tie-break order
