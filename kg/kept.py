"""Derived tables kept between processes (留存): what takes a build's start-up longest to make
from its sources (jieba's tags, the compiled regular expressions) is kept, marshalled, in the
temporary folder, as jieba keeps its own dictionary, under a name that changes with what it
was made from. A missing, stale or unreadable copy is made again; a read-only temporary folder
only costs the time."""
from __future__ import annotations

import hashlib
import marshal
import os
import tempfile
import time
from pathlib import Path
from typing import Any, Callable


def path(name: str, *keys: object) -> Path:
    """Where the table `name` made from `keys` (sizes, times, versions) is kept."""
    key = hashlib.sha256(repr(keys).encode("utf-8")).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"kg-{name}.{key}.marshal"


def read(at: Path) -> Any:
    """The kept table at `at`, or None."""
    try:
        return marshal.loads(at.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None


STALE_SECONDS = 30 * 24 * 3600      # a kept table not remade for this long is removed


def write(at: Path, table: Any) -> None:
    """Keep `table` at `at` (see write_data)."""
    try:
        data = marshal.dumps(table)
    except ValueError:
        return
    write_data(at, data)


def write_data(at: Path, data: bytes) -> None:
    """Keep a marshalled table at `at`, whole or not at all (written aside, then renamed); tables
    of the same name made from other sources (an older lexicon, another install) go when stale."""
    try:
        tmp = at.with_name(f"{at.name}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, at)
    except OSError:
        return
    _prune(at)


def _prune(at: Path) -> None:
    name = at.name.split(".", 1)[0]
    for old in at.parent.glob(f"{name}.*.marshal*"):
        # a copy written aside by a process killed before its rename is stale after an hour
        stale = STALE_SECONDS if old.suffix == ".marshal" else 3600
        try:
            if old != at and time.time() - old.stat().st_mtime > stale:
                old.unlink()
        except OSError:
            pass


def table(name: str, keys: tuple, make: Callable[[], Any]) -> Any:
    """The table `name` made by make() from what `keys` identify, kept between processes."""
    at = path(name, *keys)
    found = read(at)
    if found is None:
        found = make()
        write(at, found)
    return found


def of_file(name: str, source: Path, make: Callable[[], Any], *keys: object) -> Any:
    """table() of what the file `source` holds, keyed by its path, size and modification time
    (and `keys`); raises OSError when `source` cannot be read."""
    stat = source.stat()
    return table(name, (str(source), stat.st_size, stat.st_mtime_ns, *keys), make)
