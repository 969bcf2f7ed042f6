"""The package stays easy to read: modules of one idea, functions of one screen (CONTRIBUTING.md)."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

KG = Path(__file__).resolve().parents[1] / "kg"
MODULES = sorted(KG.rglob("*.py"))
MAX_MODULE_LINES, MAX_FUNCTION_LINES = 350, 60


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(KG)))
def test_module_and_function_sizes(path):
    text = path.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= MAX_MODULE_LINES, f"{path}: over {MAX_MODULE_LINES} lines"
    long = [f"{node.name} ({node.end_lineno - node.lineno + 1} lines)" for node in ast.walk(ast.parse(text))
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
            and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES]
    assert not long, f"{path}: functions over {MAX_FUNCTION_LINES} lines: {long}"


def _han_in_literals(path: Path) -> int:
    """Han characters in a module's string literals, docstrings aside (f-strings' text counts)."""
    import re

    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = {id(node.body[0].value) for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
            and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    return sum(len(re.findall(r"[\u4e00-\u9fff]", node.value)) for node in ast.walk(tree)
               if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs)


def test_word_lists_live_in_lexicons_not_in_extractor_code():
    """A linguist finds every word in kg/extract/lexicons/: the extractors' code holds under 200
    Han characters in all (single characters and tiny tuples), not word lists."""
    counts = {p.name: _han_in_literals(p) for p in sorted((KG / "extract").glob("*.py"))}
    assert sum(counts.values()) < 200, {k: v for k, v in counts.items() if v}
