"""Word segmentation (分词): jieba's tokens, cut by rjieba (jieba-rs) where it is installed.

rjieba runs jieba's dictionary and algorithm in Rust, many times faster than jieba in
Python. Its one difference is in runs of ASCII letters, digits and marks: it keeps
2021-2025 or www.gov.cn whole where jieba splits them with its own `[a-zA-Z0-9]+(?:\\.\\d+)?%?`
(jieba.finalseg.re_skip); re-splitting such a token the same way gives jieba's tokens
(tests/extract/test_segment.py compares both on the seeds, the bench corpus and edge cases).
jieba stays the reference and the fallback: KG_SEGMENTER=jieba, or rjieba not installed.
"""
from __future__ import annotations

import logging
import os
import re
from typing import Iterable

ENV = "KG_SEGMENTER"
_SKIP = re.compile(r"([a-zA-Z0-9]+(?:\.\d+)?%?)")      # = jieba.finalseg.re_skip
_HAN = re.compile(r"[\u4E00-\u9FD5]")


class Segmenter:
    """Cuts text into jieba's tokens; `words` are (word, frequency) added to the dictionary."""

    def __init__(self, words: Iterable[tuple[str, int]] = (), backend: str | None = None):
        backend = backend or os.environ.get(ENV, "").strip() or "rjieba"
        if backend == "rjieba":
            try:
                import rjieba
            except ImportError:
                backend = "jieba"
        self.backend = backend
        if backend == "rjieba":
            self._rs = rjieba.Jieba()
            for word, freq in words:
                self._rs.add_word(word, freq, None)
        elif backend == "jieba":
            import jieba

            jieba.setLogLevel(logging.WARNING)
            self._py = jieba.Tokenizer()
            self._py.initialize()
            for word, freq in words:
                self._py.add_word(word, freq)
        else:
            raise ValueError(f"{ENV}={backend!r}: expected rjieba or jieba")

    def cut(self, text: str) -> list[str]:
        """jieba.Tokenizer.cut(text, HMM=True) as a list, whichever backend cuts it."""
        if self.backend == "jieba":
            return self._py.lcut(text, HMM=True)
        out = []
        for tok in self._rs.cut(text, True):
            if len(tok) > 1 and not _HAN.search(tok) and not self._rs.has_word(tok):
                out.extend(p for p in _SKIP.split(tok) if p)      # 2021-2025 → 2021 - 2025, as jieba
            else:
                out.append(tok)
        return out
