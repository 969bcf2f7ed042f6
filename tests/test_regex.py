"""kg.regex: patterns made from kept programs behave as re.compile's, whatever is kept."""
from __future__ import annotations

import re

import pytest

from kg import kept, regex

PATTERNS = [
    (r"(?P<name>[\u4e00-\u9fff]{2,8}?)(?:镇|乡|街道)", 0),
    (r"^(?:一|二|三)、(.+)$", re.M),
    (r"law|LAW", re.I),
    (rb"<([^>]*)> \.", 0),
]
TEXT = "青山镇召开会议\n一、依法行政\n二、Law 宣传\n"


def _same(a: re.Pattern, b: re.Pattern) -> None:
    assert (a.pattern, a.flags, a.groups, a.groupindex) == (b.pattern, b.flags, b.groups, b.groupindex)
    text = TEXT.encode() + b"<x> ." if isinstance(a.pattern, bytes) else TEXT
    assert [m.span() + m.groups() for m in a.finditer(text)] == [m.span() + m.groups() for m in b.finditer(text)]


@pytest.fixture
def fresh(monkeypatch, tmp_path):
    """kg.regex keeping its programs in tmp_path, nothing kept yet."""
    monkeypatch.setattr(regex, "_AT", tmp_path / "kg-regex.marshal")
    monkeypatch.setattr(regex, "_programs", None)
    monkeypatch.setattr(regex, "_new", 0)
    return tmp_path / "kg-regex.marshal"


@pytest.mark.parametrize("pattern,flags", PATTERNS)
def test_made_and_kept_patterns_match_as_re_compile(fresh, monkeypatch, pattern, flags):
    _same(regex.compile(pattern, flags), re.compile(pattern, flags))
    regex.save()
    assert (pattern, int(flags)) in kept.read(fresh)
    monkeypatch.setattr(regex, "_programs", None)           # a new process: from the kept program
    _same(regex.compile(pattern, flags), re.compile(pattern, flags))


def test_a_damaged_or_foreign_kept_table_is_made_again(fresh):
    fresh.write_bytes(b"not marshal")
    _same(regex.compile(*PATTERNS[0]), re.compile(*PATTERNS[0]))
    kept.write(fresh, {(PATTERNS[0][0], 0): (0, [999999], 0, {}, ())})   # a program _sre refuses
    regex._programs = None
    _same(regex.compile(*PATTERNS[0]), re.compile(*PATTERNS[0]))


def test_a_bad_pattern_raises_re_error(fresh):
    with pytest.raises(re.error):
        regex.compile("(unclosed")


def test_kept_table_is_made_once_and_read_back(tmp_path, monkeypatch):
    monkeypatch.setattr(kept.tempfile, "gettempdir", lambda: str(tmp_path))
    calls = []

    def make():
        calls.append(1)
        return [["a", "b"]]

    assert kept.table("t", ("k", 1), make) == [["a", "b"]]
    assert kept.table("t", ("k", 1), make) == [["a", "b"]]
    assert kept.table("t", ("k", 2), make) == [["a", "b"]]    # other sources: made again
    assert len(calls) == 2


def test_tables_of_the_same_name_from_other_sources_go_when_stale(tmp_path, monkeypatch):
    import os
    import time

    monkeypatch.setattr(kept.tempfile, "gettempdir", lambda: str(tmp_path))
    stale, recent, other = (tmp_path / "kg-t.aaaa.marshal", tmp_path / "kg-t.bbbb.marshal",
                            tmp_path / "kg-u.cccc.marshal")
    for p in (stale, recent, other):
        p.write_bytes(b"")
    month_ago = time.time() - kept.STALE_SECONDS - 60
    os.utime(stale, (month_ago, month_ago))
    os.utime(other, (month_ago, month_ago))
    kept.table("t", ("new sources",), lambda: {"w": "v"})
    assert not stale.exists() and recent.exists() and other.exists()    # only stale tables of its name


def test_a_table_grown_past_its_bound_keeps_only_the_patterns_this_process_used(fresh, monkeypatch):
    import marshal

    others = {(f"other{i}", 0): regex._program(f"other{i}", 0) for i in range(5)}
    kept.write(fresh, others)                         # what other processes (a test run) kept
    mine = {(PATTERNS[0][0], 0): regex._program(PATTERNS[0][0], 0)}
    monkeypatch.setattr(regex, "_MAX_BYTES", len(marshal.dumps(mine)) + 8)
    monkeypatch.setattr(regex, "_used", set())
    regex.compile(*PATTERNS[0])
    regex.save()
    assert set(kept.read(fresh)) == set(mine)


def test_a_process_making_too_many_patterns_keeps_none(fresh, monkeypatch):
    kept.write(fresh, {})
    monkeypatch.setattr(regex, "_MAX_BYTES", 8)
    regex.compile(*PATTERNS[0])
    regex.save()
    assert kept.read(fresh) == {}


def test_a_copy_left_by_a_killed_writer_goes_after_an_hour(tmp_path, monkeypatch):
    import os
    import time

    monkeypatch.setattr(kept.tempfile, "gettempdir", lambda: str(tmp_path))
    old, new = tmp_path / "kg-t.aaaa.marshal.123.tmp", tmp_path / "kg-t.aaaa.marshal.456.tmp"
    for p in (old, new):
        p.write_bytes(b"half")
    two_hours_ago = time.time() - 7200
    os.utime(old, (two_hours_ago, two_hours_ago))
    kept.table("t", ("sources",), lambda: {"w": "v"})
    assert not old.exists() and new.exists()
