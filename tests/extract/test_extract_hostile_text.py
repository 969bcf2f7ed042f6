"""Extraction stays linear on hostile text (issue 15 #8): patterns that made a scan per match
quadratic. The bound is loose on purpose (a quadratic scan took minutes at this size); the
numbers are in bench/, this only catches the shape coming back."""
from __future__ import annotations

import time

import pytest

from kg.extract import extract
from kg.ingest import from_text

HEAD = "青山县石桥镇2023年法治政府建设工作报告\n"


@pytest.mark.parametrize("unit, times", [
    ("“”1件", 50_000),          # a figure after every empty quote: figures × quoted spans
    ("《甲乙丙丁", 34_000),      # unclosed titles: every one checked against every title taken
])
def test_hostile_text_of_500_kb_is_extracted_in_seconds(unit, times):
    doc = from_text(HEAD + unit * times)
    assert len(doc.text.encode("utf-8")) >= 480_000
    start = time.perf_counter()
    facts = extract(doc)
    assert time.perf_counter() - start < 30
    assert facts.place is not None and facts.place.name == "石桥镇"


def test_hostile_text_figures_inside_quotes_are_still_skipped():
    facts = extract(from_text(HEAD + "“共3件”之外，全年调解纠纷12件。"))
    assert [(m.attrs["value"], m.attrs["unit"]) for m in facts.of("indicator")] == [(12.0, "件")]
