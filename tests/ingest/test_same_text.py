"""The same report in two formats: same_text_key folds width and spacing (NFKC), fast."""
from __future__ import annotations

import random
import unicodedata

from kg.ingest import _nfkc, same_text_key


def test_same_text_nfkc_equals_unicodedata_on_mixed_and_composing_text():
    samples = ["ｶﾞｷﾞ（半角）", "e\u0301法治", "\u1100\u1161\u11a8政府", "ＡＢＣ１２３，（）：；", "①②年度ﬁ\u212b",
               "法治\u0301政府", "A\u030a。、“”《》"]
    rng = random.Random(7)
    pool = [chr(c) for r in ((0x20, 0x250), (0x300, 0x370), (0x1100, 0x1200), (0x3000, 0x3100),
                             (0xFF00, 0xFFEF), (0x4E00, 0x4E40), (0xAC00, 0xAC10), (0x2000, 0x2200)) for c in range(*r)]
    samples += ["".join(rng.choice(pool) for _ in range(rng.randint(1, 12))) for _ in range(3000)]
    for s in samples:
        assert _nfkc(s) == unicodedata.normalize("NFKC", s), repr(s)


def test_same_text_key_ignores_width_and_spacing():
    assert same_text_key("2023年，开展（普法）活动 3 场") == same_text_key("2023年,开展(普法)活动3场")
    assert same_text_key("开展普法") != same_text_key("开展普法。")
