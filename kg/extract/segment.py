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
from pathlib import Path
from typing import Iterable

from kg import regex

ENV = "KG_SEGMENTER"
_SKIP = regex.compile(r"([a-zA-Z0-9]+(?:\.\d+)?%?)")      # = jieba.finalseg.re_skip
_HAN = regex.compile(r"[\u4E00-\u9FD5]")
_NOT_HAN = regex.compile(r"[^\u4E00-\u9FD5]")
# = jieba.re_han_default: jieba cuts each run of these on its own (tested equal); kept here so
# that the build need not import jieba (0.2 s, most of it pkg_resources) to find the runs
HAN_RUN = regex.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]+)", re.U)


def _rjieba():
    """rjieba's Jieba class, or None. Its package __init__ builds a default Jieba at import
    (loading the dictionary, ~0.1 s) that the build never uses, so the extension module is
    loaded on its own where it can be; `import rjieba` otherwise."""
    import importlib.util

    try:
        spec = importlib.util.find_spec("rjieba")
    except (ImportError, ValueError):
        return None
    if spec is None:
        return None
    import sys

    loaded = sys.modules.get("rjieba.rjieba")
    if loaded is None:
        for folder in spec.submodule_search_locations or ():
            found = sorted(Path(folder).glob("rjieba.*.so")) + sorted(Path(folder).glob("rjieba.*.pyd"))
            if found:
                try:
                    ext = importlib.util.spec_from_file_location("rjieba.rjieba", found[0])
                    loaded = importlib.util.module_from_spec(ext)
                    ext.loader.exec_module(loaded)
                    sys.modules["rjieba.rjieba"] = loaded     # `import rjieba` later reuses it
                except ImportError:
                    loaded = None
                break
    if loaded is None or not hasattr(loaded, "Jieba"):
        try:
            import rjieba as loaded
        except ImportError:
            return None
    return loaded.Jieba


def dictionary_file() -> Path:
    """jieba's dictionary (dict.txt), found without importing jieba."""
    import importlib.util

    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("jieba is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "dict.txt"


class Segmenter:
    """Cuts text into jieba's tokens; `words` are (word, frequency) added to the dictionary."""

    def __init__(self, words: Iterable[tuple[str, int]] = (), backend: str | None = None):
        backend = backend or os.environ.get(ENV, "").strip() or "rjieba"
        jieba_rs = _rjieba() if backend == "rjieba" else None
        if backend == "rjieba" and jieba_rs is None:
            backend = "jieba"
        self.backend = backend
        if backend == "rjieba" and jieba_rs is not None:      # (not None: checked above)
            self._rs = jieba_rs()
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
        toks = self._rs.cut(text, True)
        if not _NOT_HAN.search(text):
            return toks                  # Han characters only (most runs): every token is as jieba's
        out: list[str] = []
        for tok in toks:
            if len(tok) > 1 and not _HAN.search(tok) and not self._rs.has_word(tok):
                out.extend(p for p in _SKIP.split(tok) if p)      # 2021-2025 → 2021 - 2025, as jieba
            else:
                out.append(tok)
        return out
