"""`python -m kg` and the `kg` program."""
from __future__ import annotations

import atexit
import os
import sys
import threading

from kg.cli import main


def entry() -> None:
    """The `kg` program: main(), then the process ends without freeing its objects one by one
    (the dictionary, registers and tables: ~0.1 s of `kg build seeds/`). Exit handlers still run
    and output is flushed; with threads still running it ends the ordinary way."""
    try:
        main()
        code = 0
    except SystemExit as e:
        if not isinstance(e.code, (int, type(None))):
            raise              # a message to print: the ordinary exit
        code = e.code or 0
    if threading.active_count() > 1:
        sys.exit(code)         # threads to wait for: the ordinary exit
    atexit._run_exitfuncs()       # what the interpreter runs before tearing down (kg.regex.save)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe: the ordinary exit would not report it either
        pass
    os._exit(code)


if __name__ == "__main__":
    entry()
