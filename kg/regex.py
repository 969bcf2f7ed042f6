"""Regular expressions compiled once per machine, not once per process (正则).

Python compiles a pattern in Python code (re._compiler): one class of Han characters costs a
millisecond, and the extractor's few hundred patterns were most of a build's start-up.
compile() keeps each pattern's compiled program (kg.kept) and makes the Pattern from it the
way re.compile itself ends (_sre.compile), so a fresh process skips the work. For patterns
fixed by the code or the lexicons; a pattern made from a report's text goes through `re`."""
from __future__ import annotations

import _sre
import atexit
import marshal
import re
import sys
from typing import Any

from kg import kept

try:                                   # the compiler re.compile itself runs
    from re import _compiler, _parser  # type: ignore[attr-defined]
except ImportError:                    # pragma: no cover - Python 3.10
    import sre_compile as _compiler
    import sre_parse as _parser

_AT = kept.path("regex", sys.version, getattr(_sre, "MAGIC", 0), getattr(_sre, "CODESIZE", 0))
# every start-up reads the whole table (3 MB took 15-20 ms): past 1 MB only this process's programs
# are kept, and none if they alone pass it (a test run making thousands); a build's ~500 take 0.6 MB
_MAX_BYTES = 1 << 20
_programs: dict[tuple[Any, int], tuple] | None = None
_used: set[tuple[Any, int]] = set()
_new = 0


def compile(pattern: str | bytes, flags: int = 0) -> re.Pattern:
    """re.compile(pattern, flags), from the kept program when there is one."""
    global _new
    programs = _loaded()
    key = (pattern, int(flags))
    _used.add(key)
    program = programs.get(key)
    if program is not None:
        try:
            return _sre.compile(pattern, *program)
        except Exception:              # a program of another build of Python: make it again
            pass
    program = _program(pattern, int(flags))   # a bad pattern raises re.error here, as re.compile would
    made = _sre.compile(pattern, *program)
    programs[key] = program
    _new += 1
    return made


def _program(pattern: str | bytes, flags: int) -> tuple:
    """What re._compiler.compile hands to _sre.compile, made the same way."""
    p = _parser.parse(pattern, flags)
    code = [int(x) for x in _compiler._code(p, flags)]     # named opcodes are ints to marshal
    groupindex = dict(p.state.groupdict)
    indexgroup: list[str | None] = [None] * p.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    return flags | p.state.flags, code, p.state.groups - 1, groupindex, tuple(indexgroup)


def _loaded() -> dict[tuple[Any, int], tuple]:
    global _programs
    if _programs is None:
        found = kept.read(_AT)
        _programs = found if isinstance(found, dict) else {}
        atexit.register(save)
    return _programs


def save() -> None:
    """Keep the programs made in this process (with those another process kept meanwhile)."""
    global _new
    if not _new or _programs is None:
        return
    found = kept.read(_AT)
    merged = {**(found if isinstance(found, dict) else {}), **_programs}
    for table in (merged, {key: _programs[key] for key in _used if key in _programs}):
        data = marshal.dumps(table)
        if len(data) <= _MAX_BYTES:
            kept.write_data(_AT, data)
            break
    _new = 0
