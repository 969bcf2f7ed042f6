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
